"""A partnership's own funding streams (YAML, as uploaded) and awards to participants.

The shipped federal streams are files (``pathways.funding.definitions``), not rows: an
award names its stream by key, shipped or the partnership's own.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.models import Partnership
from pathways.apps.cases.crypto import EncryptedJSONField


class PartnershipStream(models.Model):
    """A state, local, philanthropic or employer fund, in the shipped streams' format."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="funding_streams",
                                    verbose_name=_("partnership"))
    key = models.CharField(_("key"), max_length=64)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20)
    definition = models.TextField(_("definition (YAML)"))
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)

    class Meta:
        ordering = ["partnership", "key"]
        verbose_name = _("partnership funding stream")
        constraints = [models.UniqueConstraint(fields=["partnership", "key"],
                                               name="uniq_partnership_stream_key")]

    def __str__(self) -> str:
        return f"{self.title} ({self.key})"


class Award(models.Model):
    """Money a stream has actually awarded a participant, for a step or for the plan."""

    participant = models.ForeignKey("cases.Participant", on_delete=models.CASCADE,
                                    related_name="awards", verbose_name=_("participant"))
    stream = models.CharField(_("funding stream"), max_length=64)
    amount = models.DecimalField(_("amount (USD)"), max_digits=9, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0.01"))])
    component = models.ForeignKey("catalog.PathwayComponent", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("step"))
    awarded_on = models.DateField(_("awarded on"))
    period_from = models.DateField(_("period from"), null=True, blank=True)
    period_to = models.DateField(_("period to"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["participant", "awarded_on", "pk"]
        verbose_name = _("funding award")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="award_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(period_from__isnull=True) | models.Q(period_to__isnull=True)
                | models.Q(period_to__gte=models.F("period_from")),
                name="award_period_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.stream}: ${self.amount}"

    def clean(self) -> None:
        if self.period_from and self.period_to and self.period_to < self.period_from:
            raise ValidationError({"period_to": _("The period ends before it starts.")})


class FundingFacts(models.Model):
    """What intake asks for funding and the assessment does not record (public assistance,
    dislocation, Pell need, ability to benefit): {fact: value}, only the facts asked, stored
    encrypted like the assessment's barriers. A fact left out stays unknown."""

    participant = models.OneToOneField("cases.Participant", on_delete=models.CASCADE,
                                       related_name="funding_facts",
                                       verbose_name=_("participant"))
    answers = EncryptedJSONField(_("answers"), default=dict, blank=True)
    recorded_on = models.DateField(_("recorded on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("funding facts")

    def __str__(self) -> str:
        return f"Funding facts of participant {self.participant_id}"
