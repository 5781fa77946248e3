"""The career plan, milestones, and employment services and work experiences."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.models import Organisation
from pathways.apps.cases.crypto import EncryptedTextField
from pathways.apps.cases.models.participants import Participant
from pathways.apps.cases.vocabulary import CredentialKind, SkillGain, Source


class CareerPlan(models.Model):
    """A goal exit point on a pathway and the way in chosen for this person.

    The route, costs and next steps are computed from the pathway graph each time, so the
    plan follows the catalog and the person's progress without going stale. Its notes are
    encrypted at rest; ``version`` counts saves.
    """

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE,
                                       related_name="plan")
    pathway = models.ForeignKey("catalog.Pathway", on_delete=models.PROTECT,
                                related_name="career_plans", verbose_name=_("pathway"))
    # An exit point replaced by a catalog edit or a CTDL re-import leaves the plan without
    # a goal (the page asks to choose again) rather than blocking the catalog.
    goal = models.ForeignKey("catalog.ExitPoint", null=True, on_delete=models.SET_NULL,
                             related_name="career_plans", verbose_name=_("goal"))
    entry_point = models.ForeignKey("catalog.EntryPoint", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="career_plans",
                                    verbose_name=_("way in"),
                                    help_text=_("Empty: the recommended one"))
    next_step_due = models.DateField(_("next step due"), null=True, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("career plan")

    def __str__(self) -> str:
        return f"{self.participant}: {self.goal}"

    def clean(self) -> None:
        if self.goal_id and self.pathway_id and self.goal.pathway_id != self.pathway_id:
            raise ValidationError({"goal": _("The goal belongs to another pathway.")})
        if self.entry_point_id and self.pathway_id \
                and self.entry_point.pathway_id != self.pathway_id:
            raise ValidationError({"entry_point": _("The way in belongs to another pathway.")})


class Milestone(models.Model):
    """Progress, dated and sourced: enrolled, completed, credential, employed, skill gain."""

    class Kind(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        COMPLETED = "completed", _("Completed a step")
        CREDENTIAL = "credential", _("Credential attained")
        EMPLOYED = "employed", _("Employed")
        SKILL_GAIN = "skill_gain", _("Measurable skill gain")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="milestones")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    on = models.DateField(_("date"))
    component = models.ForeignKey("catalog.PathwayComponent", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="milestones",
                                  verbose_name=_("pathway step"))
    credential = models.ForeignKey("catalog.Credential", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="milestones",
                                   verbose_name=_("credential"))
    credential_kind = models.PositiveSmallIntegerField(_("credential type (PIRL 1800)"),
                                                       null=True, blank=True,
                                                       choices=CredentialKind.choices)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    # The employer as a partner organisation, when known; the text above stays for history
    # and for employers that are not partners (ADR 0047).
    employer_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="placements", verbose_name=_("employer partner"))
    hourly_wage = models.DecimalField(_("hourly wage (USD)"), max_digits=6, decimal_places=2,
                                      null=True, blank=True, validators=[MinValueValidator(0)])
    occupation = models.ForeignKey("catalog.Occupation", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="milestones",
                                   verbose_name=_("occupation"))
    skill_gain = models.PositiveSmallIntegerField(_("type of skill gain"), null=True,
                                                  blank=True, choices=SkillGain.choices)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    note = EncryptedTextField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("milestone")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"

    def clean(self) -> None:
        errors = {}
        if self.kind in {self.Kind.ENROLLED, self.Kind.COMPLETED} and not self.component_id:
            errors["component"] = _("Say which pathway step.")
        if self.kind == self.Kind.CREDENTIAL and not (self.credential_id
                                                      or self.credential_kind):
            errors["credential"] = _("Say which credential, or at least its type.")
        if self.kind == self.Kind.EMPLOYED:
            if not self.employer:
                errors["employer"] = _("Say who the employer is.")
            if self.hourly_wage is None:
                errors["hourly_wage"] = _("Give the hourly wage.")
        if self.kind == self.Kind.SKILL_GAIN and not self.skill_gain:
            errors["skill_gain"] = _("Say which type of skill gain.")
        if errors:
            raise ValidationError(errors)


class WorkActivity(models.Model):
    """An employment service or a work experience, tracked as a pathway component."""

    class Kind(models.TextChoices):
        INTERNSHIP = "internship", _("Internship")
        APPRENTICESHIP = "apprenticeship", _("Registered apprenticeship")
        OJT = "ojt", _("On-the-job training")
        CLINICAL = "clinical", _("Clinical placement")
        PRE_APPRENTICESHIP = "pre_apprenticeship", _("Pre-apprenticeship")
        JOB_SHADOW = "job_shadow", _("Job shadow")
        TRANSITIONAL = "transitional", _("Transitional job or paid work experience")
        JOB_SEARCH = "job_search", _("Job search and placement help")
        JOB_READINESS = "job_readiness", _("Job readiness workshop")

    class Outcome(models.TextChoices):
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        HIRED = "hired", _("Completed and hired")
        LEFT = "left", _("Left before the end")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="activities")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    component = models.ForeignKey("catalog.PathwayComponent", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="work_activities",
                                  verbose_name=_("pathway step"))
    organisation = models.CharField(_("employer or provider"), max_length=200)
    employer_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="work_activities", verbose_name=_("employer partner"))
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    hours = models.PositiveIntegerField(_("hours"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices,
                               default=Outcome.ONGOING)
    outcome_note = EncryptedTextField(_("about the outcome"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("work experience or employment service")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.organisation}"

    @property
    def counts_as_done(self) -> bool:
        return self.outcome in {self.Outcome.COMPLETED, self.Outcome.HIRED}

    def clean(self) -> None:
        errors = {}
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("The end is before the start.")
        if self.outcome != self.Outcome.ONGOING and not self.ended_on:
            errors["ended_on"] = _("Give the end date of a finished activity.")
        if errors:
            raise ValidationError(errors)
