"""Self-assessment rounds, ratings, workshops and action plans.

A framework version is stored with its YAML text and checksum and never changes; a round
points at the version it was opened on and copies the checksum, so loading a new version
(or replacing a shipped one) never changes a round that already started.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.models import Partnership
from pathways.apps.accounts.versioning import Versioned
from pathways.frameworks import Framework, checksum, load_framework, schedule, timer
from pathways.frameworks.workshop import Step, TimerState


class FrameworkVersion(models.Model):
    """One version of a framework as loaded: shipped, shared by the command line, or a
    partnership's own (``partnership`` set), which replaces the shared one for it."""

    key = models.CharField(_("key"), max_length=64)
    version = models.CharField(_("version"), max_length=64)
    title = models.CharField(_("title"), max_length=300)
    level = models.CharField(_("level"), max_length=8)
    partnership = models.ForeignKey(Partnership, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="quality_frameworks",
                                    verbose_name=_("partnership"))
    content = models.TextField(_("YAML"))
    checksum = models.CharField(_("SHA-256"), max_length=64)
    source_name = models.CharField(_("file"), max_length=200, blank=True)
    is_shipped = models.BooleanField(_("shipped with Pathways"), default=False)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    loaded_at = models.DateTimeField(_("loaded"), default=timezone.now)

    class Meta:
        ordering = ["key", "-loaded_at", "-id"]
        verbose_name = _("framework version")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key", "version"],
                                    name="uniq_framework_version_own"),
            models.UniqueConstraint(fields=["key", "version"],
                                    condition=Q(partnership__isnull=True),
                                    name="uniq_framework_version_shared"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    def definition(self) -> Framework:
        """The parsed framework (cached by checksum: the text never changes)."""
        if checksum(self.content) != self.checksum:
            raise ValueError(f"framework version {self.pk} does not match its checksum")
        return _parse(self.checksum, self.content, self.source_name or self.key)


@lru_cache(maxsize=64)
def _parse(digest: str, content: str, name: str) -> Framework:
    return load_framework(name, content)


class Round(Versioned):
    """One self-assessment round of a partnership on one framework version."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for ratings")
        CLOSED = "closed", _("Closed")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="quality_rounds", verbose_name=_("partnership"))
    framework = models.ForeignKey(FrameworkVersion, on_delete=models.RESTRICT,
                                  related_name="rounds", verbose_name=_("framework"))
    framework_checksum = models.CharField(max_length=64)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("assessment round")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def definition(self) -> Framework:
        """The framework exactly as it was when the round opened."""
        if self.framework.checksum != self.framework_checksum:
            raise ValueError(f"round {self.pk} was opened on other framework content")
        return self.framework.definition()

    def close(self, when: datetime) -> None:
        if not self.is_open:
            raise ValueError("the round is already closed")
        self.status = self.Status.CLOSED
        self.closed_at = when


class Rating(models.Model):
    """One member's answer for one indicator. ``value`` may stay empty while the note or the
    element marks are written first; an empty value is not counted."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ratings")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="quality_ratings")
    indicator = models.CharField(max_length=64)
    value = models.CharField(max_length=64, blank=True)
    note = models.TextField(blank=True)
    contributes = models.JSONField(default=list, blank=True)
    attention = models.JSONField(default=list, blank=True)
    evidence = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "member", "indicator"]
        verbose_name = _("rating")
        constraints = [models.UniqueConstraint(fields=["round", "member", "indicator"],
                                               name="uniq_rating")]

    def __str__(self) -> str:
        return f"{self.indicator} in {self.round}"


class Workshop(models.Model):
    """Workshop mode for a round: tables, and the clock the facilitator runs."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="workshop")
    criteria_per_table = models.PositiveSmallIntegerField(default=3)
    notes_minutes = models.PositiveSmallIntegerField(_("minutes of individual notes"), default=5)
    conversation_minutes = models.PositiveSmallIntegerField(_("minutes of conversation"),
                                                            default=15)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    step_started_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("workshop")

    def __str__(self) -> str:
        return f"Workshop of {self.round}"

    def steps(self) -> list[Step]:
        return schedule(self.criteria_per_table, self.notes_minutes, self.conversation_minutes)

    def state(self, now: datetime) -> TimerState:
        return timer(self.steps(), self.step, self.step_started_at, self.paused_at, now)


class WorkshopTable(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveSmallIntegerField()
    criteria = models.JSONField(default=list)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                     related_name="quality_tables")

    class Meta:
        ordering = ["workshop", "number"]
        constraints = [models.UniqueConstraint(fields=["workshop", "number"],
                                               name="uniq_workshop_table")]

    def __str__(self) -> str:
        return _("Table %(number)s") % {"number": self.number}


class Consensus(models.Model):
    """A table's agreed rating and notes for one of its criteria."""

    table = models.ForeignKey(WorkshopTable, on_delete=models.CASCADE, related_name="consensus")
    criterion = models.CharField(max_length=64)
    value = models.CharField(max_length=64, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["table", "criterion"]
        verbose_name = _("table consensus")
        constraints = [models.UniqueConstraint(fields=["table", "criterion"],
                                               name="uniq_consensus")]

    def __str__(self) -> str:
        return f"{self.table} on {self.criterion}"


class Action(Versioned):
    """One step of the partnership's action plan, often started from an indicator."""

    class Status(models.TextChoices):
        OPEN = "open", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="quality_actions")
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="actions")
    criterion = models.CharField(max_length=64, blank=True)
    indicator = models.CharField(max_length=64, blank=True)
    title = models.CharField(_("action"), max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="quality_actions",
                              verbose_name=_("owner"))
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.OPEN)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def set_status(self, status: str, when: datetime) -> None:
        """Keep ``completed_at`` in step with the status."""
        self.status = status
        if status == self.Status.DONE:
            self.completed_at = self.completed_at or when
        else:
            self.completed_at = None
