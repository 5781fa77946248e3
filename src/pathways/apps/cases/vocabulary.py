"""Code lists the shared assessment and milestones use, with their PIRL element numbers.

Codes follow DOL's PIRL record layout where one exists, so the measures engine can read
what navigators record without a crosswalk.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from pathways.core.education import ENGLISH_LEVELS
from pathways.navigation import PIRL_EDUCATION

EDUCATION_CHOICES = [(code, _(label)) for code, label in PIRL_EDUCATION]  # PIRL 408
ENGLISH_CHOICES = [(code, _(label)) for code, label in ENGLISH_LEVELS]


class EmploymentStatus(models.IntegerChoices):
    """PIRL 400, employment status at program entry."""

    UNEMPLOYED = 0, _("Not employed")
    EMPLOYED = 1, _("Employed")
    NOTICE = 2, _("Employed, but has a notice of termination or military separation")
    NOT_IN_LABOR_FORCE = 3, _("Not in the labor force")


# WIOA Sec. 3(24) barriers to employment, with the PIRL element that reports each
# (None where the layout has no element of its own: derived or state-defined).
BARRIERS: tuple[tuple[str, object, int | None], ...] = (
    ("displaced_homemaker", _("Displaced homemaker"), 807),
    ("low_income", _("Low-income individual"), 802),
    ("native", _("American Indian, Alaska Native or Native Hawaiian"), None),
    ("disability", _("Individual with a disability"), 202),
    ("older", _("Older individual (55 or over)"), None),
    ("ex_offender", _("Ex-offender"), 801),
    ("homeless", _("Homeless individual or runaway youth"), 800),
    ("foster_care", _("Youth in or aged out of foster care"), 704),
    ("english_learner", _("English learner"), 803),
    ("low_literacy", _("Low levels of literacy (basic skills deficient)"), 804),
    ("cultural_barriers", _("Facing substantial cultural barriers"), 805),
    ("farmworker", _("Eligible migrant or seasonal farmworker"), 808),
    ("tanf_exhausting", _("Within 2 years of exhausting TANF"), None),
    ("single_parent", _("Single parent (including single pregnant women)"), 806),
    ("long_term_unemployed", _("Long-term unemployed (27 weeks or more)"), 402),
    ("other_state", _("Other group the Governor names"), None),
)
BARRIER_CHOICES = [(code, label) for code, label, _element in BARRIERS]
BARRIER_CODES = frozenset(code for code, _label, _element in BARRIERS)

# Holland's RIASEC interest areas, as O*NET's Interests table uses them.
RIASEC = (
    ("R", _("Realistic: hands-on work with tools, machines, plants or animals")),
    ("I", _("Investigative: ideas, facts and solving problems")),
    ("A", _("Artistic: creating, designing, self-expression")),
    ("S", _("Social: helping, teaching and caring for people")),
    ("E", _("Enterprising: leading, persuading, starting things")),
    ("C", _("Conventional: order, data, clear procedures")),
)


class CredentialKind(models.IntegerChoices):
    """PIRL 1800, type of recognized credential."""

    SECONDARY = 1, _("Secondary school diploma or equivalency")
    ASSOCIATE = 2, _("Associate degree")
    BACHELOR = 3, _("Bachelor's degree")
    LICENSE = 4, _("Occupational licensure")
    CERTIFICATE = 5, _("Occupational certificate (including apprenticeship)")
    CERTIFICATION = 6, _("Occupational certification")
    OTHER = 7, _("Other recognized diploma, degree or certificate")


class SkillGain(models.IntegerChoices):
    """The five types of measurable skill gain (WIOA performance guidance)."""

    EFL = 1, _("Educational functioning level gain")
    SECONDARY = 2, _("Secondary diploma or equivalency")
    TRANSCRIPT = 3, _("Secondary or postsecondary transcript or report card")
    PROGRESS = 4, _("Satisfactory progress report toward training milestones")
    EXAM = 5, _("Passed an exam required for an occupation, or a trade benchmark")


class Source(models.TextChoices):
    """Where a recorded fact comes from."""

    TEST_REPORT = "test_report", _("Test report")
    TRANSCRIPT = "transcript", _("Transcript or training record")
    CREDENTIAL_COPY = "credential_copy", _("Copy of the credential or registry look-up")
    EMPLOYER = "employer", _("Employer verification or pay stub")
    WAGE_RECORD = "wage_record", _("Unemployment insurance wage record")
    PARTNER = "partner", _("Partner organisation's record")
    SELF = "self", _("Participant's own statement")


def credential_kind_for(ctdl_type: str) -> int:
    """PIRL 1800 code for a CTDL credential class (catalog credentials)."""
    return {
        "ceterms:SecondarySchoolDiploma": 1, "ceterms:GeneralEducationDevelopment": 1,
        "ceterms:AssociateDegree": 2, "ceterms:AssociateOfAppliedScienceDegree": 2,
        "ceterms:BachelorDegree": 3, "ceterms:License": 4, "ceterms:Certificate": 5,
        "ceterms:ApprenticeshipCertificate": 5, "ceterms:Certification": 6,
    }.get(ctdl_type, 7)


# Labels of the shared scales in pathways.core.education (plain Python, so not marked
# there): marked here so that pages and engine reasons that name them are translated.
_CORE_LABELS = (
    gettext_noop("No schooling completed"), gettext_noop("Less than 9th grade"),
    gettext_noop("Some high school, no diploma"), gettext_noop("High school diploma or equivalent"),
    gettext_noop("Some college or a certificate"), gettext_noop("Associate degree"),
    gettext_noop("Bachelor's degree or higher"),
    gettext_noop("Limited English"), gettext_noop("Intermediate English"),
    gettext_noop("Proficient in English"),
    gettext_noop("limited"), gettext_noop("intermediate"), gettext_noop("proficient"),
)
