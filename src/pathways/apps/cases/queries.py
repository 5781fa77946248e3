"""Reads that depend on who asks. Views and commands never filter participants themselves.

Who sees a participant (docs/adr/0031-who-sees-a-participant.md):
- a navigator or partner staff member, when the participant is *related* to their
  organisation: it enrolled them, it took them on through a referral (accepted, in
  progress, on hold, completed or failed: ``referral_flow.TAKEN_ON``), or the participant
  gave it an active consent to share their record; a navigator
  also sees everyone on their own caseload;
- the participant, their own record only (through their own account);
- administrators, everyone (``cases.view_all_participants``).
A requested referral shows the receiving organisation the referral itself, not the record;
a draft is not shown to it at all.
Anything else answers 404, so a record's existence is not revealed.

The functions that open a record for a page (``get_participant_access``,
``get_referral_access``, ``own_record``) take the page's name and write the one audit
entry of that view (``auditing.record_view``): who, when, which participant, which page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from pathways.apps.accounts.access import RecordAccess, is_console
from pathways.apps.accounts.models import Organisation
from pathways.apps.accounts.roles import require, user_can
from pathways.apps.cases import referral_flow
from pathways.apps.cases.auditing import record_refusal, record_view
from pathways.apps.cases.models import Consent, Participant, Referral

VIEW = "cases.view_participants"
VIEW_ALL = "cases.view_all_participants"
ACCESS_STATUSES = tuple(referral_flow.TAKEN_ON)
TARGETS = ("service", "program", "employer__organisation")


def organisation_of(user: Any) -> Organisation | None:
    profile = getattr(user, "pathways_profile", None)
    return profile.organisation if profile else None


# -- access to one record (what every cases action takes) ---------------------------------
@dataclass(frozen=True)
class ParticipantAccess(RecordAccess):
    """One person's access to one participant's record (and what hangs from it: consents,
    the assessment, the plan, milestones, work activities, referrals sent)."""

    user: Any
    participant: Participant
    visible: bool

    def owns(self, part: Any) -> bool:
        """Whether ``part`` (a consent, activity ...) belongs to this participant."""
        return part is not None and part.participant_id == self.participant.pk


@dataclass(frozen=True)
class IntakeAccess(RecordAccess):
    """Taking someone in creates a record at the person's own organisation."""

    user: Any
    organisation: Organisation | None
    visible: bool = True

    @property
    def has_organisation(self) -> bool:
        """A person of no organisation has no caseload to take anyone into."""
        return self.organisation is not None


@dataclass(frozen=True)
class ReferralAccess(RecordAccess):
    """One person's access to one referral: the sender's side sees the person behind it,
    the receiving organisation sees the referral and answers it."""

    user: Any
    referral: Referral
    visible: bool
    sees_participant: bool

    @property
    def receives(self) -> bool:
        """Only the receiving organisation's staff answer a referral and report how it
        went (and only once it was sent: a draft is the referrer's alone)."""
        organisation = organisation_of(self.user)
        return (organisation is not None and organisation.pk == self.referral.organisation_id
                and self.referral.status not in referral_flow.NOT_SENT)


@dataclass(frozen=True)
class KeyAccess(RecordAccess):
    """The encryption key of the stored identifiers: for whoever is at the console."""

    user: Any
    visible: bool = True

    @property
    def at_console(self) -> bool:
        return is_console(self.user)


def _sees(user: Any, participant_id: int) -> bool:
    return participants_for(user).filter(pk=participant_id).exists()


def participant_access(user: Any, participant: Participant) -> ParticipantAccess:
    """``user``'s access to ``participant`` (visible or not: actions refuse the latter)."""
    return ParticipantAccess(user, participant, _sees(user, participant.pk))


def get_participant_access(user: Any, pk: int, *, page: str,
                           whole_record: bool = False) -> ParticipantAccess:
    """Access to a participant ``user`` may see, opened for ``page`` (audited as a view);
    Http404 otherwise (also for a bad id), and nothing recorded. With ``whole_record`` the
    participant comes with everything the record page shows (``with_history``)."""
    try:
        found = get_participant_for(user, pk, whole_record)
    except Http404:
        record_refusal(user, "participant", pk, page)
        raise
    record_view(user, found, page)
    return ParticipantAccess(user, found, True)


def with_history(found: QuerySet[Participant]) -> QuerySet[Participant]:
    """Participants with everything the record page shows (and ``timeline`` reads) fetched
    at once: a fixed number of queries, however long the history."""
    from django.db.models import Prefetch

    from pathways.apps.cases.models import Milestone, PriorJob, WorkActivity

    return (found
            .select_related("assessment__recorded_by", "assessment__recorded_by_organisation",
                            "plan__goal", "plan__pathway", "plan__created_by", "funding_facts")
            .prefetch_related(
                "assessment__credentials_held",
                Prefetch("assessment__prior_jobs",
                         queryset=PriorJob.objects.select_related("occupation")),
                Prefetch("consents", queryset=Consent.objects.select_related(
                    "organisation", "recorded_by").order_by("given_on", "pk")),
                Prefetch("referrals", queryset=Referral.objects.select_related(
                    *TARGETS, "organisation", "sent_by", "answered_by")),
                Prefetch("milestones", queryset=Milestone.objects.select_related(
                    "component", "credential", "recorded_by")),
                Prefetch("activities", queryset=WorkActivity.objects.select_related(
                    "component", "recorded_by"))))


def intake_access(user: Any) -> IntakeAccess:
    return IntakeAccess(user, organisation_of(user))


def referral_access(user: Any, referral: Referral) -> ReferralAccess:
    return ReferralAccess(user, referral, referrals_for(user).filter(pk=referral.pk).exists(),
                          _sees(user, referral.participant_id))


def get_referral_access(user: Any, pk: int, *, page: str) -> ReferralAccess:
    """Access to a referral ``user`` may see, opened for ``page``; Http404 otherwise. The
    page shows the person (name and phone), so it is audited as a view of their record."""
    try:
        found = get_referral_for(user, pk)
    except Http404:
        record_refusal(user, "referral", pk, page)
        raise
    record_view(user, found.participant, page, referral=found.pk)
    return ReferralAccess(user, found, True, _sees(user, found.participant_id))


def key_access(user: Any) -> KeyAccess:
    return KeyAccess(user)


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


def get_participant_for(user: Any, pk: int, whole_record: bool = False) -> Participant:
    """The participant if ``user`` may see them; Http404 otherwise (also for a bad id)."""
    if whole_record:
        # The access rule is asked apart: inside the record's dozen joins it made
        # PostgreSQL spend 7 ms planning the one query (4 ms more than both apart).
        if not _sees(user, pk):
            raise Http404("No such participant")
        found = with_history(Participant.objects.select_related("enrolled_by", "navigator"))
    else:
        found = participants_for(user).select_related("enrolled_by", "navigator")
    try:
        return found.get(pk=pk)
    except Participant.DoesNotExist:
        raise Http404("No such participant") from None


def caseload_is_own(user: Any) -> bool:
    """Navigators (who enrol) see their own caseload; others every visible participant."""
    return user_can(user, "cases.enrol")


def activity_of(access: ParticipantAccess, pk: int) -> Any:
    """One of the participant's work activities; Http404 for another's or a bad id."""
    found = access.participant.activities.filter(pk=pk).first()
    if found is None:
        raise Http404("No such activity")
    return found


def consent_of(access: ParticipantAccess, pk: int) -> Consent:
    """One of the participant's consents; Http404 for another's or a bad id."""
    found = access.participant.consents.select_related("organisation").filter(pk=pk).first()
    if found is None:
        raise Http404("No such consent")
    return found


def caseload_for(user: Any) -> QuerySet[Participant]:
    """A navigator's own caseload; for partner staff (and administrators), every
    participant they may see."""
    if not (user_can(user, VIEW) or user_can(user, VIEW_ALL)):
        raise PermissionDenied("missing permission cases.view_participants")
    found = participants_for(user)
    if caseload_is_own(user):
        found = found.filter(navigator=user)
    return found


def own_record(user: Any, *, page: str) -> Participant:
    """The participant record linked to a participant's own account, opened for ``page``
    (audited as a view, like a staff member's)."""
    require(user, "cases.view_own_plan")
    try:
        found = Participant.objects.get(user=user)
    except Participant.DoesNotExist:
        raise Http404("No participant record is linked to this account") from None
    record_view(user, found, page)
    return found


def referrals_for(user: Any) -> QuerySet[Referral]:
    """Referrals ``user`` may see: sent to their organisation, or about a visible person."""
    if user_can(user, VIEW_ALL):
        found = Referral.objects.all()
    elif user_can(user, VIEW) or user_can(user, "cases.answer_referrals"):
        rule = Q(participant__in=participants_for(user).values("pk"))
        organisation = organisation_of(user)
        if organisation is not None:
            rule |= Q(organisation=organisation) & ~Q(status__in=referral_flow.NOT_SENT)
        found = Referral.objects.filter(rule)
    else:
        found = Referral.objects.none()
    return found.select_related("participant", *TARGETS, "organisation", "consent")


def get_referral_for(user: Any, pk: int) -> Referral:
    try:
        return referrals_for(user).get(pk=pk)
    except Referral.DoesNotExist:
        raise Http404("No such referral") from None


def incoming_referrals(user: Any) -> QuerySet[Referral]:
    """Referrals sent to ``user``'s organisation (none without one)."""
    organisation = organisation_of(user)
    if organisation is None or not (user_can(user, VIEW_ALL) or user_can(user, VIEW)
                                    or user_can(user, "cases.answer_referrals")):
        return Referral.objects.none()
    # What referrals_for would give filtered to the organisation, without its rule for
    # visible people: every referral sent to the organisation is visible to its staff.
    return (Referral.objects.filter(organisation=organisation)
            .exclude(status__in=referral_flow.NOT_SENT)
            .select_related("participant", *TARGETS, "organisation", "consent"))


def waiting_referrals(user: Any) -> QuerySet[Referral]:
    """Incoming referrals nobody has answered yet."""
    return incoming_referrals(user).filter(status=Referral.Status.REQUESTED)


def overdue_referrals(user: Any) -> QuerySet[Referral]:
    """Incoming referrals still requested, accepted or under way past their due date."""
    return incoming_referrals(user).filter(Referral.overdue())


def sent_referrals(user: Any) -> QuerySet[Referral]:
    """Referrals ``user`` sent that did not go to their own organisation."""
    return referrals_for(user).filter(sent_by=user).exclude(
        pk__in=incoming_referrals(user).values("pk"))


def referrals_shown_to_participant(participant: Participant) -> QuerySet[Referral]:
    """A person's own referrals, as My plan shows them: a draft, a declined or cancelled
    one and a mistake are left out (the navigator finds another way)."""
    hidden = {Referral.Status.DRAFT, Referral.Status.REJECTED, Referral.Status.CANCELLED,
              Referral.Status.ENTERED_IN_ERROR}
    return (participant.referrals.exclude(status__in=hidden)
            .select_related(*TARGETS, "organisation"))


def consent_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations a participant's consent may name: any partner organisation (the
    participant decides with whom their record is shared)."""
    return Organisation.objects.order_by("name")


__all__ = ["IntakeAccess", "KeyAccess", "ParticipantAccess", "ReferralAccess", "activity_of",
           "caseload_for", "caseload_is_own", "consent_of",
           "consent_organisations", "get_participant_access", "get_participant_for",
           "get_referral_access", "get_referral_for", "incoming_referrals", "intake_access",
           "key_access", "overdue_referrals", "own_record", "participant_access",
           "participants_for",
           "referral_access", "referrals_for", "referrals_shown_to_participant", "related_to",
           "sent_referrals", "waiting_referrals", "with_history"]
