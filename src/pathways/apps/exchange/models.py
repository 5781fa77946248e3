"""Imports and exports are tracked jobs: who ran what, on which file, with what result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExchangeJob(models.Model):
    class Kind(models.TextChoices):
        CTDL_IMPORT = "ctdl_import", _("CTDL import")
        CTDL_EXPORT = "ctdl_export", _("CTDL export")
        REFERENCE_LOAD = "reference_load", _("Reference data load")

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    source = models.CharField(max_length=500, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL)
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("exchange job")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.source} ({self.status})"
