"""Sectors, providers, programs, credentials and support services."""

from __future__ import annotations

import re
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.models import Organisation


def new_ctid() -> str:
    """A CTDL identifier: ``ce-`` and a lower-case UUID."""
    return f"ce-{uuid.uuid4()}"


def https_only(value: str) -> None:
    """A link a participant follows to sign up goes over an encrypted connection."""
    if value and not value.lower().startswith("https://"):
        raise ValidationError(_("Give a web address that starts with https://"),
                              code="https_only")


class Sector(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(unique=True)
    naics_code = models.CharField(_("NAICS code"), max_length=6)
    description = models.TextField(_("description"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector")

    def __str__(self) -> str:
        return self.name


class Provider(models.Model):
    """An organisation that offers programs or services (college, adult school, AJC...)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="providers")
    kind = models.CharField(_("kind"), max_length=32, choices=Organisation.Kind.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    website = models.URLField(_("website"), blank=True)
    ctid = models.CharField(max_length=39, unique=True, default=new_ctid,
                            db_column="ctdl_ctid")  # "ctid" is a PostgreSQL system column
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """A place where a provider's classes meet (Open Referral HSDS 3.0 ``location`` with its
    physical ``address``): a campus or building, its street address, and notes such as
    "Room 104, evenings". Exported to CTDL as a ``ceterms:Place``."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="locations",
                                 verbose_name=_("provider"))
    name = models.CharField(_("name"), max_length=200)
    address_1 = models.CharField(_("street address"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(_("state"), max_length=2, help_text=_("Two-letter USPS code"))
    postal_code = models.CharField(_("ZIP code"), max_length=10)
    notes = models.CharField(_("notes"), max_length=300, blank=True,
                             help_text=_("Such as “Room 104, evenings”"))
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["provider__name", "name"]
        verbose_name = _("location")

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"

    @property
    def address(self) -> str:
        """One line, as on an envelope: "1501 Hollywood Ave, Bristol, VA 24201"."""
        return f"{self.address_1}, {self.city}, {self.state} {self.postal_code}".strip()

    def address_key(self) -> str:
        """The same street address written differently compares equal."""

        line = f"{self.address_1} {self.postal_code[:5]}".casefold()
        return re.sub(r"[^a-z0-9]+", " ", line).strip()


class CredentialType(models.TextChoices):
    """CTDL credential classes (ceterms:*) the catalog uses."""

    SECONDARY_DIPLOMA = "ceterms:SecondarySchoolDiploma", _("High school diploma")
    HSE = "ceterms:GeneralEducationDevelopment", _("High school equivalency (GED/HiSET)")
    CERTIFICATE = "ceterms:Certificate", _("Certificate")
    CERTIFICATE_OF_COMPLETION = "ceterms:CertificateOfCompletion", _("Certificate of completion")
    CERTIFICATION = "ceterms:Certification", _("Industry certification")
    LICENSE = "ceterms:License", _("License")
    APPRENTICESHIP = "ceterms:ApprenticeshipCertificate", _("Registered apprenticeship")
    ASSOCIATE = "ceterms:AssociateDegree", _("Associate degree")
    ASSOCIATE_APPLIED = "ceterms:AssociateOfAppliedScienceDegree", _("Associate of Applied Science")
    BACHELOR = "ceterms:BachelorDegree", _("Bachelor's degree")
    MASTER = "ceterms:MasterDegree", _("Master's degree")
    BADGE = "ceterms:DigitalBadge", _("Digital badge")
    MICRO = "ceterms:MicroCredential", _("Micro-credential")


SECONDARY_EQUIVALENCY_TYPES = frozenset({CredentialType.SECONDARY_DIPLOMA, CredentialType.HSE})
# What DOL counts as a "recognized postsecondary credential" (TEGL 10-16): not a
# certificate of completion, badge or HS diploma.
POSTSECONDARY_TYPES = frozenset({
    CredentialType.CERTIFICATE, CredentialType.CERTIFICATION, CredentialType.LICENSE,
    CredentialType.APPRENTICESHIP, CredentialType.ASSOCIATE, CredentialType.ASSOCIATE_APPLIED,
    CredentialType.BACHELOR, CredentialType.MASTER,
})


class Credential(models.Model):
    name = models.CharField(_("name"), max_length=200)
    credential_type = models.CharField(_("credential type"), max_length=48,
                                       choices=CredentialType.choices)
    awarded_by = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="credentials", verbose_name=_("awarded by"))
    awarding_body = models.CharField(_("awarding body"), max_length=200, blank=True,
                                     help_text=_("When it is not a provider in the catalog"))
    description = models.TextField(_("description"), blank=True)
    stacks_into = models.ManyToManyField("self", symmetrical=False, blank=True,
                                         related_name="stacks_from",
                                         verbose_name=_("stacks into"))
    ctid = models.CharField(max_length=39, unique=True, default=new_ctid,
                            db_column="ctdl_ctid")  # "ctid" is a PostgreSQL system column
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("credential")

    def __str__(self) -> str:
        return self.name

    @property
    def is_secondary_equivalency(self) -> bool:
        return self.credential_type in SECONDARY_EQUIVALENCY_TYPES

    @property
    def is_recognized_postsecondary(self) -> bool:
        return self.credential_type in POSTSECONDARY_TYPES

    @property
    def awarder_name(self) -> str:
        return self.awarded_by.name if self.awarded_by else self.awarding_body


class Program(models.Model):
    class Schedule(models.TextChoices):
        DAYTIME = "daytime", _("Daytime")
        EVENING = "evening", _("Evenings")
        WEEKEND = "weekend", _("Weekends")
        FLEXIBLE = "flexible", _("Flexible / self-paced")

    class Modality(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="programs",
                                 verbose_name=_("provider"))
    name = models.CharField(_("name"), max_length=200)
    cip = models.ForeignKey("catalog.CipCode", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="programs", verbose_name=_("CIP 2020 code"))
    description = models.TextField(_("description"), blank=True)
    length_weeks = models.PositiveSmallIntegerField(_("length (weeks)"))
    contact_hours = models.PositiveIntegerField(_("contact hours"), null=True, blank=True)
    credit_hours = models.DecimalField(_("credit hours"), max_digits=5, decimal_places=1,
                                       null=True, blank=True)
    cost = models.DecimalField(_("cost (USD)"), max_digits=9, decimal_places=2,
                               help_text=_("Tuition, fees, books and supplies"))
    schedule = models.CharField(_("schedule"), max_length=10, choices=Schedule.choices)
    modality = models.CharField(_("modality"), max_length=10, choices=Modality.choices)
    entry_requirements = models.TextField(_("entry requirements"), blank=True)
    is_iet = models.BooleanField(
        _("integrated education and training"), default=False,
        help_text=_("Adult education taught together with occupational training (WIOA 3(7)(D))"),
    )
    credential = models.ForeignKey(Credential, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="programs", verbose_name=_("credential awarded"))
    # Where a participant signs up: shown as "How to sign up" on the pathway page.
    url = models.URLField(_("enrollment web page"), blank=True, validators=[https_only],
                          help_text=_("The provider's page to sign up, starting with https://"))
    locations = models.ManyToManyField(Location, blank=True, related_name="programs",
                                       verbose_name=_("where classes meet"))
    ctid = models.CharField(max_length=39, unique=True, default=new_ctid,
                            db_column="ctdl_ctid")  # "ctid" is a PostgreSQL system column
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["provider__name", "name"]
        verbose_name = _("program")
        constraints = [
            models.UniqueConstraint(fields=["provider", "name"], name="uniq_program_name"),
            models.CheckConstraint(condition=models.Q(length_weeks__gt=0),
                                   name="program_length_positive"),
            models.CheckConstraint(condition=models.Q(cost__gte=0), name="program_cost_nonneg"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.provider})"


class SupportService(models.Model):
    class Category(models.TextChoices):
        """Concepts from CTDL's SupportServiceCategory scheme that pathways use most."""

        CHILDCARE = "support:Childcare", _("Childcare")
        TRANSPORTATION = "support:Transportation", _("Transportation")
        CAREER_ADVISING = "support:CareerAdvising", _("Career advising")
        ACADEMIC_ADVISING = "support:AcademicAdvising", _("Academic advising")
        COUNSELING = "support:Counseling", _("Counseling")
        CASE_MANAGEMENT = "support:CaseManagement", _("Case management")
        TUTORING = "support:Tutoring", _("Tutoring")
        JOB_PLACEMENT = "support:JobPlacement", _("Job placement")
        MENTORING = "support:Mentoring", _("Mentoring")
        FINANCIAL_LITERACY = "support:FinancialLiteracy", _("Financial literacy")
        BENEFITS = "support:BenefitsSupport", _("Public benefits and financial aid")
        EQUIPMENT = "support:EquipmentProvision", _("Tools and equipment")
        TECHNOLOGY_LENDING = "support:TechnologyLending", _("Technology lending")

    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=48, choices=Category.choices)
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="support_services")
    description = models.TextField(_("description"), blank=True)
    cost = models.CharField(_("cost"), max_length=120, blank=True)
    ctid = models.CharField(max_length=39, unique=True, default=new_ctid,
                            db_column="ctdl_ctid")  # "ctid" is a PostgreSQL system column
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("support service")

    def __str__(self) -> str:
        return self.name

    @property
    def is_counseling(self) -> bool:
        return self.category in {
            self.Category.CAREER_ADVISING, self.Category.ACADEMIC_ADVISING,
            self.Category.COUNSELING, self.Category.CASE_MANAGEMENT,
        }
