"""A linkage run of a partnership's partner files, and the pairs it found (ADR 0053).

Neither holds a name, a date or any other identifying value: pairs are record ids
(``partner:record_id``), probabilities and decisions, as the engine's own outputs are. The
identifying values and the PIRL rows stay in the run's sealed files (``linking.storage``)
until the run's files are removed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LinkageRun(models.Model):
    class State(models.TextChoices):
        LINKING = "linking", _("Linking")
        READY = "ready", _("Ready for review")
        FAILED = "failed", _("Failed")
        REMOVED = "removed", _("Files removed")

    partnership = models.ForeignKey("accounts.Partnership", on_delete=models.CASCADE,
                                    related_name="linkage_runs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.LINKING)
    # [{"partner": label, "file": the uploaded file's name, "records": n}, ...]
    partners = models.JSONField(default=list, blank=True)
    records = models.PositiveIntegerField(default=0)
    people = models.PositiveIntegerField(default=0)
    model_version = models.CharField(max_length=40, blank=True)
    # Records a partner itself gave one person id (its PIRL 100): [[id, id, ...], ...].
    partner_groups = models.JSONField(default=list, blank=True)
    keep_until = models.DateTimeField(null=True, blank=True)
    files_removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"linkage run {self.pk} ({self.state})"

    @property
    def partner_labels(self) -> list[str]:
        return [p["partner"] for p in self.partners]

    @property
    def has_files(self) -> bool:
        return self.state == self.State.READY and self.files_removed_at is None \
            and (self.keep_until is None or self.keep_until > timezone.now())


class CandidatePair(models.Model):
    class Decision(models.TextChoices):
        UNDECIDED = "", _("Not reviewed")
        MATCH = "match", _("The same person")
        NOT_MATCH = "not_match", _("Not the same person")

    run = models.ForeignKey(LinkageRun, on_delete=models.CASCADE, related_name="pairs")
    left = models.CharField(max_length=300)
    right = models.CharField(max_length=300)
    probability = models.FloatField()
    weight = models.FloatField()
    suggested = models.CharField(max_length=6)  # the model's decision: link or review
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True,
                                default=Decision.UNDECIDED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-probability", "left", "right"]
        constraints = [models.UniqueConstraint(fields=["run", "left", "right"],
                                               name="linking_pair_once")]
        indexes = [models.Index(fields=["run", "suggested", "decision"])]

    def __str__(self) -> str:
        return f"pair {self.pk} of linkage run {self.run_id}"

    @property
    def as_tuple(self) -> tuple[str, str, str, str]:
        return (self.left, self.right, self.suggested, self.decision)
