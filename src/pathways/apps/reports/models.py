"""Stored runs of the shared measures: only the published (suppressed) cells are kept."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.models import Partnership


class MeasuresRun(models.Model):
    """One computation of a partnership's shared measures, as published."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="measure_runs", verbose_name=_("partnership"))
    created_at = models.DateTimeField(_("stored"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(_("source"), max_length=300, blank=True)
    window_start = models.DateField(_("reporting period from"))
    window_end = models.DateField(_("reporting period to"))
    as_of = models.DateField(_("as of"))
    engine = models.CharField(_("engine"), max_length=20)
    threshold = models.PositiveIntegerField(_("suppression threshold"))
    records = models.PositiveIntegerField(_("PIRL records"), default=0)
    periods = models.PositiveIntegerField(_("periods of participation"), default=0)
    wage_rows = models.PositiveIntegerField(_("UI wage records"), default=0)
    # [{id, name, short_name, kind, unit, window, group, description, source}, ...]
    measures = models.JSONField(_("measures"), default=list)
    dimensions = models.JSONField(_("dimensions"), default=list)
    skipped = models.JSONField(_("measures not computed"), default=dict, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    # A run found wrong (the wrong file, the wrong period) is withdrawn, never deleted: it
    # stops being the partnership's latest and cannot be downloaded, and the record of what
    # was published, by whom and why it was taken back stays.
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    withdrawn_reason = models.CharField(_("reason for withdrawing"), max_length=300,
                                        blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("measures run")

    def __str__(self) -> str:
        return f"{self.partnership} {self.window_start:%Y-%m-%d}..{self.window_end:%Y-%m-%d}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def measure(self, measure_id: str) -> dict | None:
        return next((m for m in self.measures if m["id"] == measure_id), None)


class MeasureCell(models.Model):
    """One row of the published tidy table."""

    run = models.ForeignKey(MeasuresRun, on_delete=models.CASCADE, related_name="cells")
    position = models.PositiveIntegerField()
    measure = models.CharField(max_length=64)
    dimension = models.CharField(max_length=64)
    group = models.CharField(max_length=200)
    numerator = models.BigIntegerField(null=True, blank=True)
    denominator = models.BigIntegerField(null=True, blank=True)
    value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    suppressed = models.BooleanField(default=False)

    class Meta:
        ordering = ["run", "position"]
        indexes = [models.Index(fields=["run", "measure", "dimension"])]
        constraints = [
            models.UniqueConstraint(fields=["run", "measure", "dimension", "group"],
                                    name="uniq_measure_cell"),
            models.CheckConstraint(
                condition=models.Q(suppressed=False) | models.Q(
                    numerator__isnull=True, denominator__isnull=True, value__isnull=True),
                name="suppressed_cell_is_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.dimension}={self.group}"

    @property
    def decimal_value(self) -> Decimal | None:
        return None if self.value is None else Decimal(self.value)


class PublishedFigure(models.Model):
    """One cell of a stored run that a partnership chose to show on a public pathway page
    (and in the pathway's CTDL file). It points at the cell, never copies it: a withdrawn
    run's figures disappear with it, and a suppressed cell is never shown."""

    run = models.ForeignKey(MeasuresRun, on_delete=models.CASCADE, related_name="published",
                            verbose_name=_("measures run"))
    pathway = models.ForeignKey("catalog.Pathway", on_delete=models.CASCADE,
                                related_name="published_figures", verbose_name=_("pathway"))
    measure = models.CharField(_("measure"), max_length=64)
    dimension = models.CharField(_("slice"), max_length=64)
    group = models.CharField(_("group"), max_length=200)
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["pathway", "run", "measure", "dimension", "group"]
        verbose_name = _("published figure")
        constraints = [
            models.UniqueConstraint(fields=["run", "pathway", "measure", "dimension", "group"],
                                    name="uniq_published_figure"),
        ]

    def __str__(self) -> str:
        return f"{self.pathway_id} {self.measure} {self.dimension}={self.group}"
