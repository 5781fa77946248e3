"""A participant: only the personal data the work needs, and their consents to share."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import validate_email
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.models import Organisation
from pathways.apps.cases.crypto import EncryptedDateField, EncryptedTextField, masked


class Participant(models.Model):
    """A person served by the partnership. Contact, date of birth and government identifier
    are encrypted at rest; names stay searchable (ADR 0036). ``version`` counts the saves of
    the personal data, so two people editing it at once cannot overwrite each other."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        SPANISH = "es", _("Spanish")

    class IdKind(models.TextChoices):
        NONE = "", _("None recorded")
        SSN = "ssn", _("Social Security number")
        STATE_ID = "state_id", _("State ID or driver's license")
        ITIN = "itin", _("Individual taxpayer identification number")
        ALIEN_NUMBER = "a_number", _("Alien registration number")

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = EncryptedTextField(_("email"), max_length=254, blank=True,
                               validators=[validate_email])
    phone = EncryptedTextField(_("phone"), max_length=30, blank=True)
    date_of_birth = EncryptedDateField(_("date of birth"))
    preferred_language = models.CharField(_("preferred language"), max_length=2,
                                          choices=Language.choices, default=Language.ENGLISH)
    government_id_kind = models.CharField(_("kind of government identifier"), max_length=10,
                                          choices=IdKind.choices, blank=True)
    government_id = EncryptedTextField(_("government identifier"), blank=True)
    enrolled_by = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                    related_name="enrolled_participants",
                                    verbose_name=_("enrolling organisation"))
    navigator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="caseload",
                                  verbose_name=_("navigator"))
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="participant_record",
                                verbose_name=_("participant's own account"))
    created_at = models.DateTimeField(auto_now_add=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("participant")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def __repr__(self) -> str:  # never the identifier, even in a debugger or a log line
        return f"<Participant {self.pk}>"

    def get_absolute_url(self) -> str:
        return reverse("cases:participant", args=[self.pk])

    @property
    def government_id_shown(self) -> str:
        return masked(self.government_id)


class Consent(models.Model):
    """The participant's recorded permission to share their record with an organisation,
    or to be referred to it."""

    class Purpose(models.TextChoices):
        SHARE_RECORD = "share_record", _("Share the record with this organisation")
        REFERRAL = "referral", _("Be referred to this organisation's services")

    class Method(models.TextChoices):
        SIGNED = "signed", _("Signed form")
        VERBAL = "verbal", _("Verbal, witnessed by staff")
        ONLINE = "online", _("Online form")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="consents")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="consents", verbose_name=_("organisation"))
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    method = models.CharField(_("how it was given"), max_length=10, choices=Method.choices)
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("consent")

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.organisation}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None
