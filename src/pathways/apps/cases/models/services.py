"""Referrals to a support service, a program or an employer, with consent and a closed loop.

Statuses are the HL7 FHIR Task codes of the Gravity SDOH Clinical Care guide; the moves
between them are in ``cases.referral_flow`` (ADR 0052)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.models import Organisation
from pathways.apps.cases import referral_flow
from pathways.apps.cases.crypto import EncryptedTextField
from pathways.apps.cases.models.participants import Consent, Participant


class Referral(models.Model):
    """A request to a partner organisation (FHIR Task, intent ``order``): to serve the
    person (a support service), to enrol them (a program) or to interview them (an
    employer). ``follow_up_due`` is the date it should be answered and done by; past it, a
    referral still requested, accepted or in progress is overdue. Free-text notes are
    encrypted at rest."""

    Status = referral_flow.Status
    Reason = referral_flow.Reason

    class Kind(models.TextChoices):
        SERVICE = "service", _("Help from a partner service")
        PROGRAM = "program", _("Enrolment in a program")
        EMPLOYER = "employer", _("An interview with an employer")

    # Short words for lists: "Interview: Riverton Plastics".
    PURPOSES = {Kind.SERVICE: _("Service"), Kind.PROGRAM: _("Enrolment"),
                Kind.EMPLOYER: _("Interview")}

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="referrals")
    kind = models.CharField(_("referral to"), max_length=8, choices=Kind.choices,
                            default=Kind.SERVICE)
    service = models.ForeignKey("catalog.SupportService", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="referrals",
                                verbose_name=_("support service"))
    program = models.ForeignKey("catalog.Program", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="referrals",
                                verbose_name=_("program"))
    employer = models.ForeignKey("employers.EmployerProfile", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="referrals",
                                 verbose_name=_("employer"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="referrals_received",
                                     verbose_name=_("partner organisation"))
    # RESTRICT: a consent cannot be deleted while a referral rests on it, except when the
    # participant's whole record is deleted.
    consent = models.ForeignKey(Consent, on_delete=models.RESTRICT, related_name="referrals",
                                verbose_name=_("consent"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.REQUESTED)
    status_reason = models.CharField(_("reason"), max_length=32, choices=Reason.choices,
                                     blank=True)
    status_reason_note = EncryptedTextField(_("reason, in your words"), max_length=300,
                                            blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    note = EncryptedTextField(_("what the person needs"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                related_name="+")
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    delivered_on = models.DateField(_("done on"), null=True, blank=True)
    follow_up_due = models.DateField(_("due"))
    followed_up_on = models.DateField(_("followed up on"), null=True, blank=True)
    outcome_note = EncryptedTextField(_("follow-up note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("referral")
        constraints = [
            # The target named by ``kind`` is set, and no other.
            models.CheckConstraint(name="referral_one_target_of_its_kind", condition=(
                models.Q(kind="service", service__isnull=False, program__isnull=True,
                         employer__isnull=True)
                | models.Q(kind="program", service__isnull=True, program__isnull=False,
                           employer__isnull=True)
                | models.Q(kind="employer", service__isnull=True, program__isnull=True,
                           employer__isnull=False))),
        ]

    def __str__(self) -> str:
        return f"{self.target} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("cases:referral", args=[self.pk])

    @property
    def target(self):
        """The support service, program or employer the referral is to."""
        return {self.Kind.PROGRAM: self.program,
                self.Kind.EMPLOYER: self.employer}.get(self.kind, self.service)

    @property
    def purpose(self) -> str:
        return str(self.PURPOSES.get(self.kind, ""))

    @property
    def is_open(self) -> bool:
        return self.status not in referral_flow.FINISHED

    @property
    def is_overdue(self) -> bool:
        return referral_flow.is_overdue(self.status, self.follow_up_due,
                                        timezone.localdate())

    @classmethod
    def overdue(cls, today=None) -> models.Q:
        """The rule of ``is_overdue`` as a filter."""
        return models.Q(status__in=referral_flow.WATCHED,
                        follow_up_due__lt=today or timezone.localdate())
