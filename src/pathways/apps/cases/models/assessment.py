"""The one shared assessment every partner reuses instead of repeating it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.models import Organisation
from pathways.apps.cases.crypto import EncryptedJSONField
from pathways.apps.cases.models.participants import Participant
from pathways.apps.cases.vocabulary import (
    BARRIER_CODES,
    EDUCATION_CHOICES,
    ENGLISH_CHOICES,
    EmploymentStatus,
)
from pathways.core.education import EFL_LEVELS


class Assessment(models.Model):
    """Education, basic skills, English, work and barriers: dated, with who recorded it.
    Barriers are encrypted at rest; ``version`` counts saves (several partners edit it)."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE,
                                       related_name="assessment")
    assessed_on = models.DateField(_("assessed on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_by_organisation = models.ForeignKey(Organisation, null=True,
                                                 on_delete=models.SET_NULL, related_name="+")
    education = models.PositiveSmallIntegerField(_("highest education completed (PIRL 408)"),
                                                 choices=EDUCATION_CHOICES)
    highest_grade = models.PositiveSmallIntegerField(
        _("highest school grade completed"), null=True, blank=True,
        validators=[MaxValueValidator(12)],
        help_text=_("0 to 12; needed only without a diploma"))
    test = models.CharField(_("basic skills test"), max_length=40, blank=True)
    test_score = models.PositiveSmallIntegerField(_("scale score"), null=True, blank=True)
    tested_on = models.DateField(_("tested on"), null=True, blank=True)
    efl = models.CharField(_("educational functioning level"), max_length=4, blank=True,
                           choices=EFL_LEVELS, help_text=_("Derived from the test score"))
    english_level = models.CharField(_("English proficiency"), max_length=12,
                                     choices=ENGLISH_CHOICES)
    employment_status = models.PositiveSmallIntegerField(_("employment status (PIRL 400)"),
                                                         choices=EmploymentStatus.choices)
    recent_hourly_wage = models.DecimalField(
        _("recent hourly wage (USD)"), max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)])
    recent_weekly_hours = models.PositiveSmallIntegerField(
        _("recent hours a week"), null=True, blank=True, validators=[MaxValueValidator(100)])
    barriers = EncryptedJSONField(_("barriers to employment (WIOA Sec. 3(24))"), default=list,
                                  blank=True)
    interests = models.CharField(_("interests (RIASEC)"), max_length=3, blank=True,
                                 help_text=_("Up to three letters, strongest first, e.g. SIA"))
    credentials_held = models.ManyToManyField("catalog.Credential", blank=True,
                                              related_name="+",
                                              verbose_name=_("credentials already held"))
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("assessment")

    def __str__(self) -> str:
        return f"{self.participant} ({self.assessed_on})"

    def clean(self) -> None:
        errors = {}
        bad = [b for b in self.barriers or [] if b not in BARRIER_CODES]
        if bad:
            errors["barriers"] = _("Unknown barrier: %(codes)s") % {"codes": ", ".join(bad)}
        letters = self.interests or ""
        if any(ch not in "RIASEC" for ch in letters) or len(set(letters)) != len(letters):
            errors["interests"] = _("Use the letters R, I, A, S, E and C, each once.")
        if (self.test_score is None) != (not self.test):
            errors["test_score"] = _("Give both the test and its scale score, or neither.")
        if errors:
            raise ValidationError(errors)


class PriorJob(models.Model):
    """Work history by occupation (O*NET-SOC)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE,
                                   related_name="prior_jobs")
    occupation = models.ForeignKey("catalog.Occupation", on_delete=models.PROTECT,
                                   related_name="prior_jobs", verbose_name=_("occupation"))
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    years = models.DecimalField(_("years"), max_digits=4, decimal_places=1,
                                validators=[MinValueValidator(0), MaxValueValidator(60)])

    class Meta:
        ordering = ["-years", "id"]
        verbose_name = _("prior job")

    def __str__(self) -> str:
        return f"{self.occupation} ({self.years})"
