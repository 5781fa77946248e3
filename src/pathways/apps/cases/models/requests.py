"""A request to talk to a navigator, sent from the public site by someone not enrolled yet.

It lands in the intake queue of the pathway's partnership. Name and contact are encrypted at
rest like a participant's (ADR 0036); the audit log never keeps them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.models import Partnership
from pathways.apps.cases.crypto import EncryptedTextField
from pathways.apps.cases.models.participants import Participant


class ContactRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        ENROLLED = "enrolled", _("Enrolled")
        CLOSED = "closed", _("Closed")

    class BestTime(models.TextChoices):
        MORNING = "morning", _("Morning")
        AFTERNOON = "afternoon", _("Afternoon")
        EVENING = "evening", _("Evening")
        ANY = "any", _("Any time")

    class CloseReason(models.TextChoices):
        UNREACHABLE = "unreachable", _("Could not reach them")
        NOT_INTERESTED = "not_interested", _("No longer interested")
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")
        ALREADY_ENROLLED = "already_enrolled", _("Already a participant")
        REFERRED = "referred", _("Sent to another service")
        SPAM = "spam", _("Not a real request")

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="contact_requests",
                                    verbose_name=_("partnership"))
    pathway = models.ForeignKey("catalog.Pathway", null=True, on_delete=models.SET_NULL,
                                related_name="contact_requests", verbose_name=_("pathway"))
    name = EncryptedTextField(_("name"), max_length=100)
    phone = EncryptedTextField(_("phone"), max_length=30, blank=True)
    email = EncryptedTextField(_("email"), max_length=254, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=2,
                                          choices=Participant.Language.choices)
    best_time = models.CharField(_("best time to call"), max_length=10,
                                 choices=BestTime.choices, default=BestTime.ANY)
    consented_at = models.DateTimeField(_("agreed to be contacted at"))
    received_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.NEW)
    close_reason = models.CharField(_("reason closed"), max_length=20,
                                    choices=CloseReason.choices, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("handled by"))
    handled_at = models.DateTimeField(null=True, blank=True)
    participant = models.ForeignKey(Participant, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="contact_requests")

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("request to talk to a navigator")

    def __str__(self) -> str:
        return f"Contact request {self.pk}"

    def __repr__(self) -> str:  # never the name or contact
        return f"<ContactRequest {self.pk}>"

    def get_absolute_url(self) -> str:
        return reverse("cases:contact_request", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.NEW, self.Status.CONTACTED)
