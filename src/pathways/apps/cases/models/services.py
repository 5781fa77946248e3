"""Referrals to support services, with consent and a closed loop."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.models import Organisation
from pathways.apps.cases.crypto import EncryptedTextField
from pathways.apps.cases.models.participants import Consent, Participant


class Referral(models.Model):
    """sent -> accepted | declined (with a reason); accepted -> delivered -> closed after
    the follow-up. ``follow_up_due`` says when the navigator checks back. Its free-text notes
    are encrypted at rest."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent, waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        DELIVERED = "delivered", _("Service delivered")
        CLOSED = "closed", _("Followed up and closed")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="referrals")
    service = models.ForeignKey("catalog.SupportService", on_delete=models.PROTECT,
                                related_name="referrals", verbose_name=_("support service"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="referrals_received",
                                     verbose_name=_("partner organisation"))
    # RESTRICT: a consent cannot be deleted while a referral rests on it, except when the
    # participant's whole record is deleted.
    consent = models.ForeignKey(Consent, on_delete=models.RESTRICT, related_name="referrals",
                                verbose_name=_("consent"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.SENT)
    note = EncryptedTextField(_("what the person needs"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                related_name="+")
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    decline_reason = EncryptedTextField(_("reason for declining"), max_length=300, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    follow_up_due = models.DateField(_("follow-up due"))
    followed_up_on = models.DateField(_("followed up on"), null=True, blank=True)
    outcome_note = EncryptedTextField(_("follow-up note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("referral")

    def __str__(self) -> str:
        return f"{self.service} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("cases:referral", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status not in {self.Status.DECLINED, self.Status.CLOSED}
