"""Reads that depend on who asks. Views and commands never filter participants themselves.

Who sees a participant (docs/adr/0031-who-sees-a-participant.md):
- a navigator or partner staff member, when the participant is *related* to their
  organisation: it enrolled them, it accepted a referral for them (accepted, delivered or
  closed), or the participant gave it an active consent to share their record; a navigator
  also sees everyone on their own caseload;
- the participant, their own record only (through their own account);
- administrators, everyone (``cases.view_all_participants``).
A sent referral shows the receiving organisation the referral itself, not the record.
Anything else answers 404, so a record's existence is not revealed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from pathways.apps.accounts.models import Organisation
from pathways.apps.accounts.roles import require, user_can
from pathways.apps.cases.models import Consent, Participant, Referral

VIEW = "cases.view_participants"
VIEW_ALL = "cases.view_all_participants"
ACCESS_STATUSES = (Referral.Status.ACCEPTED, Referral.Status.DELIVERED, Referral.Status.CLOSED)


def organisation_of(user: Any) -> Organisation | None:
    profile = getattr(user, "pathways_profile", None)
    return profile.organisation if profile else None


def related_to(organisation: Organisation) -> Q:
    """Participants related to ``organisation`` (the rule of ADR 0031)."""
    return (Q(enrolled_by=organisation)
            | Q(referrals__organisation=organisation, referrals__status__in=ACCESS_STATUSES)
            | Q(consents__organisation=organisation,
                consents__purpose=Consent.Purpose.SHARE_RECORD,
                consents__withdrawn_on__isnull=True))


def participants_for(user: Any) -> QuerySet[Participant]:
    """Every participant ``user`` may see (none for roles without the permission)."""
    if user_can(user, VIEW_ALL):
        return Participant.objects.all()
    if not user_can(user, VIEW):
        return Participant.objects.none()
    rule = Q(navigator=user)
    organisation = organisation_of(user)
    if organisation is not None:
        rule |= related_to(organisation)
    ids = Participant.objects.filter(rule).values("pk")
    return Participant.objects.filter(pk__in=ids)


def get_participant_for(user: Any, pk: int) -> Participant:
    """The participant if ``user`` may see them; Http404 otherwise (also for a bad id)."""
    try:
        return participants_for(user).select_related("enrolled_by", "navigator").get(pk=pk)
    except Participant.DoesNotExist:
        raise Http404("No such participant") from None


def caseload_for(user: Any) -> QuerySet[Participant]:
    """A navigator's own caseload; for partner staff (and administrators), every
    participant they may see."""
    if not (user_can(user, VIEW) or user_can(user, VIEW_ALL)):
        raise PermissionDenied("missing permission cases.view_participants")
    found = participants_for(user)
    if user_can(user, "cases.enrol"):
        found = found.filter(navigator=user)
    return found


def own_record(user: Any) -> Participant:
    """The participant record linked to a participant's own account."""
    require(user, "cases.view_own_plan")
    try:
        return Participant.objects.get(user=user)
    except Participant.DoesNotExist:
        raise Http404("No participant record is linked to this account") from None


def referrals_for(user: Any) -> QuerySet[Referral]:
    """Referrals ``user`` may see: sent to their organisation, or about a visible person."""
    if user_can(user, VIEW_ALL):
        found = Referral.objects.all()
    elif user_can(user, VIEW) or user_can(user, "cases.answer_referrals"):
        rule = Q(participant__in=participants_for(user).values("pk"))
        organisation = organisation_of(user)
        if organisation is not None:
            rule |= Q(organisation=organisation)
        found = Referral.objects.filter(rule)
    else:
        found = Referral.objects.none()
    return found.select_related("participant", "service", "organisation", "consent")


def get_referral_for(user: Any, pk: int) -> Referral:
    try:
        return referrals_for(user).get(pk=pk)
    except Referral.DoesNotExist:
        raise Http404("No such referral") from None


def may_answer(user: Any, referral: Referral) -> bool:
    """Only the receiving organisation's staff answer a referral."""
    return (user_can(user, "cases.answer_referrals")
            and organisation_of(user) is not None
            and organisation_of(user).pk == referral.organisation_id)


def require_answer(user: Any, referral: Referral) -> None:
    if not may_answer(user, referral):
        raise PermissionDenied("only the receiving organisation answers a referral")


__all__ = ["caseload_for", "get_participant_for", "get_referral_for", "may_answer",
           "own_record", "participants_for", "referrals_for", "related_to", "require_answer"]
