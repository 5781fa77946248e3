"""A partnership's own records: its vision and goals, what each member organisation does in
it, its agreements (one-stop MOU, infrastructure funding agreement, data sharing) and its
register of policy barriers and changes (criteria 1 and 4 of the self-assessment).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.models import Organisation, Partnership
from pathways.apps.partnership import dates


class Vision(models.Model):
    """The partnership's shared vision and goals. Participants may read them, so both have a
    Spanish text beside the English one."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE,
                                       related_name="vision", verbose_name=_("partnership"))
    vision = models.TextField(_("vision"), blank=True)
    vision_es = models.TextField(_("vision (Spanish)"), blank=True)
    goals = models.TextField(_("goals"), blank=True, help_text=_("One goal a line."))
    goals_es = models.TextField(_("goals (Spanish)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("vision and goals")

    def __str__(self) -> str:
        return f"Vision of {self.partnership}"

    def goal_lines(self, spanish: bool = False) -> list[str]:
        text = (self.goals_es or self.goals) if spanish else self.goals
        return [line.strip() for line in text.splitlines() if line.strip()]


class PartnerRole(models.TextChoices):
    CONVENER = "convener", _("Convener")
    ADULT_EDUCATION = "adult_education", _("Adult education")
    COMMUNITY_COLLEGE = "community_college", _("Community college")
    WORKFORCE_BOARD = "workforce_board", _("Workforce board")
    HUMAN_SERVICES = "human_services", _("Human services")
    EMPLOYER_INTERMEDIARY = "employer_intermediary", _("Employer intermediary")
    ECONOMIC_DEVELOPMENT = "economic_development", _("Economic development")
    K12 = "k12", _("K-12 education")
    COMMUNITY_BASED = "community_based", _("Community-based organisation")
    OTHER = "other", _("Other")


class MemberRoles(models.Model):
    """The roles one member organisation holds in the partnership (it may hold several)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="member_roles")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="partner_roles")
    roles = models.JSONField(_("roles"), default=list, blank=True)
    description = models.CharField(_("what it does"), max_length=300, blank=True)

    class Meta:
        ordering = ["partnership", "organisation__name"]
        verbose_name = _("member roles")
        verbose_name_plural = _("member roles")
        constraints = [models.UniqueConstraint(fields=["partnership", "organisation"],
                                               name="uniq_member_roles")]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.partnership}"

    def role_labels(self) -> list[str]:
        labels = dict(PartnerRole.choices)
        return [str(labels[r]) for r in PartnerRole.values if r in self.roles]


class Agreement(models.Model):
    class Kind(models.TextChoices):
        MOU = "mou", _("One-stop MOU (20 CFR 678.500)")
        IFA = "ifa", _("Infrastructure funding agreement (20 CFR 678.755)")
        DATA_SHARING = "data_sharing", _("Data-sharing agreement")
        OTHER = "other", _("Other agreement")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="agreements", verbose_name=_("partnership"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    parties = models.ManyToManyField(Organisation, related_name="agreements",
                                     verbose_name=_("parties"))
    effective_on = models.DateField(_("effective date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    document_url = models.URLField(_("document link"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "-effective_on", "id"]
        verbose_name = _("agreement")

    def __str__(self) -> str:
        return self.title

    @property
    def is_mou(self) -> bool:
        return self.kind == self.Kind.MOU

    def review_due(self) -> dt.date | None:
        return dates.review_due(self.effective_on, self.last_reviewed_on) if self.is_mou \
            else None

    def reminders(self, today: dt.date) -> list[dates.Reminder]:
        return dates.reminders(is_mou=self.is_mou, effective_on=self.effective_on,
                               ends_on=self.ends_on, last_reviewed_on=self.last_reviewed_on,
                               today=today)

    def has_ended(self, today: dt.date) -> bool:
        return self.ends_on is not None and self.ends_on < today


class PolicyItem(models.Model):
    """A policy that gets in the way of pathways (a barrier) or a change the partnership
    makes or asks for, in one of the ten policy areas of DOL's Career Pathways Toolkit."""

    class Category(models.TextChoices):
        LEADERSHIP = "leadership", _("Leadership")
        CO_ENROLLMENT = "co_enrollment", _("Co-enrollment")
        DATA_MANAGEMENT = "data_management", _("Data management")
        CREDIT_ATTAINMENT = "credit_attainment", _("Educational credit attainment")
        CLIENT_SERVICES = "client_services", _("Client services")
        TRAINING_PROVIDERS = "training_providers", _("Eligible training providers")
        RESOURCE_ALLOCATION = "resource_allocation", _("Resource allocation")
        SKILL_ATTAINMENT = "skill_attainment", _("Skill attainment")
        PROFESSIONAL_DEVELOPMENT = "professional_development", _("Professional development")
        SECTOR_STRATEGIES = "sector_strategies", _("Sector strategies")

    class Kind(models.TextChoices):
        BARRIER = "barrier", _("Barrier")
        CHANGE = "change", _("Change")

    class Level(models.TextChoices):
        FEDERAL = "federal", _("Federal")
        STATE = "state", _("State")
        LOCAL = "local", _("Local")
        INSTITUTION = "institution", _("Institution")

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        IN_PROGRESS = "in_progress", _("In progress")
        CHANGED = "changed", _("Changed")
        NOT_PURSUED = "not_pursued", _("Not pursued")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="policy_items", verbose_name=_("partnership"))
    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("policy area"), max_length=32, choices=Category.choices)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    owner = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="policy_items", verbose_name=_("owner"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.IDENTIFIED)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    actions = models.ManyToManyField("quality.Action", blank=True, related_name="policy_items",
                                     verbose_name=_("action-plan items"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category", "title", "id"]
        verbose_name = _("policy item")

    def __str__(self) -> str:
        return self.title


class PolicyIndicator(models.Model):
    """A policy item bears on one self-assessment indicator, or on a whole criterion
    (``indicator`` empty), of a framework named by its key."""

    policy = models.ForeignKey(PolicyItem, on_delete=models.CASCADE, related_name="indicators")
    framework = models.CharField(max_length=64)
    criterion = models.CharField(max_length=64)
    indicator = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["policy", "framework", "criterion", "indicator"]
        constraints = [models.UniqueConstraint(
            fields=["policy", "framework", "criterion", "indicator"],
            name="uniq_policy_indicator")]

    def __str__(self) -> str:
        return f"{self.framework}:{self.indicator or self.criterion}"
