"""A background job as people see it: what it does, who started it, where it is (ADR 0050).

The queue itself is django-tasks' database backend; this record carries what a page or the
CLI shows (step, rows done, elapsed), the result link, the failure message and the
cancellation request, and survives a restart because it is in the database."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    FINISHED = (Status.SUCCEEDED, Status.FAILED, Status.CANCELLED)

    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="jobs")
    partnership = models.ForeignKey("accounts.Partnership", null=True, blank=True,
                                    on_delete=models.CASCADE, related_name="jobs")
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField(max_length=200, blank=True)
    done = models.PositiveBigIntegerField(null=True, blank=True)
    total = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    cancel_requested = models.BooleanField(default=False)
    result_url = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    # Row-level problems of a bad input file (first 100): source, line, field, message.
    problems = models.JSONField(default=list, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    # The django-tasks task that runs it (its import path), so a job whose worker died can
    # be queued again; the worker's last sign of life; how many times a worker took it.
    task_path = models.CharField(max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"job {self.pk} ({self.kind}, {self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def elapsed(self) -> Any:
        if self.started_at is None:
            return None
        return (self.finished_at or timezone.now()) - self.started_at

    @property
    def elapsed_seconds(self) -> int | None:
        found = self.elapsed
        return None if found is None else int(found.total_seconds())

    @property
    def is_stalled(self) -> bool:
        """Running, but its worker has given no sign of life for a while (killed, or the
        machine stopped): ``pathways jobs recover`` (run by ``pathways jobs work``) queues it
        again or marks it failed."""
        from pathways.apps.jobs.heartbeat import stale_before

        beat = self.heartbeat_at or self.started_at
        return self.status == self.Status.RUNNING and beat is not None \
            and beat < stale_before()

    @property
    def more_problems(self) -> int:
        return max(0, self.problem_count - len(self.problems))
