"""Employer partners: a profile for an employer organisation, its commitments to a
partnership's pathways, and its hiring requirements for an exit (ADR 0047).

The FEIN and state UI account number key the WIOA same-employer retention measure; they are
stored encrypted like a participant's government identifier and shown only as on file."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.models import Organisation, Partnership
from pathways.apps.cases.crypto import EncryptedTextField, masked


class EmployerProfile(models.Model):
    class Size(models.TextChoices):
        MICRO = "1-9", _("1 to 9 employees")
        SMALL = "10-49", _("10 to 49 employees")
        MEDIUM = "50-249", _("50 to 249 employees")
        LARGE = "250-999", _("250 to 999 employees")
        VERY_LARGE = "1000+", _("1,000 employees or more")

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="employer_profile",
                                        verbose_name=_("organisation"))
    naics = models.CharField(_("industry (NAICS 2022 code)"), max_length=6)
    size = models.CharField(_("size"), max_length=8, choices=Size.choices)
    fein = EncryptedTextField(_("federal employer identification number (FEIN)"),
                              max_length=9, blank=True)
    ui_account = EncryptedTextField(_("state UI account number"), max_length=20, blank=True)
    ui_state = models.CharField(_("state of the UI account"), max_length=2, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("employer profile")

    def __str__(self) -> str:
        return str(self.organisation)

    def __repr__(self) -> str:  # never the identifiers
        return f"<EmployerProfile {self.pk}>"

    @property
    def fein_shown(self) -> str:
        return masked(self.fein)

    @property
    def ui_account_shown(self) -> str:
        return masked(self.ui_account)


class EmployerLocation(models.Model):
    employer = models.ForeignKey(EmployerProfile, on_delete=models.CASCADE,
                                 related_name="locations")
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(_("state"), max_length=2)

    class Meta:
        ordering = ["state", "city"]
        verbose_name = _("location")

    def __str__(self) -> str:
        return f"{self.city}, {self.state}"


class Commitment(models.Model):
    """What an employer promises a partnership for a pathway, one of its steps or one of its
    exits. Slots and hires are counted from participants' records (``counting``)."""

    class Kind(models.TextChoices):
        ADVISORY_SEAT = "advisory_seat", _("Advisory board seat")
        VALIDATION = "validation", _("Curriculum or competency validation")
        INTERNSHIP = "internship", _("Internship slots")
        CLINICAL = "clinical", _("Clinical placement slots")
        OJT = "ojt", _("On-the-job training slots")
        PRE_APPRENTICESHIP = "pre_apprenticeship", _("Pre-apprenticeship slots")
        APPRENTICESHIP = "apprenticeship", _("Registered apprenticeship slots")
        JOB_SHADOW = "job_shadow", _("Job shadow slots")
        INTERVIEWS = "interviews", _("Guaranteed interviews")
        HIRING = "hiring", _("Hiring pledge")
        TUITION = "tuition", _("Tuition assistance")
        IN_KIND = "in_kind", _("In-kind support")

    class InKind(models.TextChoices):
        NONE = "", _("Not in kind")
        EQUIPMENT = "equipment", _("Equipment")
        INSTRUCTORS = "instructors", _("Instructors")
        SPACE = "space", _("Space")

    class Status(models.TextChoices):
        PLEDGED = "pledged", _("Pledged")
        ACTIVE = "active", _("Active")
        FULFILLED = "fulfilled", _("Fulfilled")
        LAPSED = "lapsed", _("Lapsed")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="commitments")
    employer = models.ForeignKey(EmployerProfile, on_delete=models.PROTECT,
                                 related_name="commitments", verbose_name=_("employer"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    in_kind = models.CharField(_("in-kind support"), max_length=12, choices=InKind.choices,
                               blank=True)
    dollar_value = models.DecimalField(_("dollar value (USD)"), max_digits=10,
                                       decimal_places=2, null=True, blank=True,
                                       validators=[MinValueValidator(0)])
    pathway = models.ForeignKey("catalog.Pathway", on_delete=models.CASCADE,
                                related_name="commitments", verbose_name=_("pathway"))
    component = models.ForeignKey("catalog.PathwayComponent", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="commitments",
                                  verbose_name=_("pathway step"))
    exit_point = models.ForeignKey("catalog.ExitPoint", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="commitments",
                                   verbose_name=_("exit (job)"))
    quantity = models.PositiveIntegerField(_("how many"), null=True, blank=True)
    wage_floor = models.DecimalField(_("lowest hourly wage (USD)"), max_digits=6,
                                     decimal_places=2, null=True, blank=True,
                                     validators=[MinValueValidator(0)])
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PLEDGED)
    is_public = models.BooleanField(_("show on public pathway pages"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("commitment")

    def __str__(self) -> str:
        return f"{self.employer}: {self.get_kind_display()}"


class HiringRequirement(models.Model):
    """What an employer asks of people it hires into an exit's occupation (shown on the
    exit; in CTDL terms, what the job ``requires``)."""

    employer = models.ForeignKey(EmployerProfile, on_delete=models.CASCADE,
                                 related_name="hiring_requirements",
                                 verbose_name=_("employer"))
    exit_point = models.ForeignKey("catalog.ExitPoint", on_delete=models.CASCADE,
                                   related_name="hiring_requirements",
                                   verbose_name=_("exit (job)"))
    credentials = models.TextField(_("credentials"), blank=True,
                                   help_text=_("Licences and certificates, one a line."))
    skills = models.TextField(_("skills"), blank=True, help_text=_("Skills, one a line."))

    class Meta:
        ordering = ["exit_point", "employer__organisation__name"]
        verbose_name = _("hiring requirement")
        constraints = [models.UniqueConstraint(fields=["employer", "exit_point"],
                                               name="one_requirement_per_employer_exit")]

    def __str__(self) -> str:
        return f"{self.employer}: {self.exit_point}"

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def credential_list(self) -> list[str]:
        return self.lines(self.credentials)

    @property
    def skill_list(self) -> list[str]:
        return self.lines(self.skills)
