"""A participant's timeline and the navigator's caseload flags, read from their records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from pathways.apps.cases.models import Participant, Referral

STALLED_AFTER_DAYS = 60
DUE_WITHIN_DAYS = 7


@dataclass(frozen=True)
class Event:
    on: dt.date
    kind: str
    text: str
    by: str = ""


def _day(value) -> dt.date:
    return timezone.localdate(value) if isinstance(value, dt.datetime) else value


def _who(user) -> str:
    return user.get_full_name() or user.get_username() if user else ""


def timeline(participant: Participant) -> list[Event]:
    """Everything that happened, newest first. Reads the related rows with ``.all()``, so
    a participant from ``queries.full_record`` costs no further query."""
    events = [Event(_day(participant.created_at), _("Intake"),
                    _("Enrolled by %(org)s") % {"org": participant.enrolled_by})]
    assessment = getattr(participant, "assessment", None)
    if assessment is not None:
        events.append(Event(assessment.assessed_on, _("Assessment"),
                            _("Shared assessment recorded"), _who(assessment.recorded_by)))
    for consent in participant.consents.all():
        events.append(Event(consent.given_on, _("Consent"), str(consent),
                            _who(consent.recorded_by)))
        if consent.withdrawn_on:
            events.append(Event(consent.withdrawn_on, _("Consent"),
                                _("Withdrawn: %(consent)s") % {"consent": consent}))
    plan = getattr(participant, "plan", None)
    if plan is not None:
        events.append(Event(_day(plan.created_at), _("Plan"),
                            _("Goal: %(goal)s") % {"goal": plan.goal}, _who(plan.created_by)))
    for m in participant.milestones.all():
        detail = m.component or m.credential or m.employer or m.get_skill_gain_display() or ""
        events.append(Event(m.on, m.get_kind_display(), f"{detail}".strip(),
                            _who(m.recorded_by)))
    for a in participant.activities.all():
        events.append(Event(a.started_on, a.get_kind_display(),
                            f"{a.organisation}: {a.get_outcome_display()}", _who(a.recorded_by)))
    for r in participant.referrals.all():
        if r.status == Referral.Status.DRAFT:
            continue  # not sent yet
        events.append(Event(_day(r.sent_at), _("Referral"),
                            _("Sent to %(org)s: %(service)s") % {"org": r.organisation,
                                                                 "service": r.target},
                            _who(r.sent_by)))
        if r.answered_at:
            reason = r.status_reason_note or (r.get_status_reason_display()
                                              if r.status_reason else "")
            events.append(Event(_day(r.answered_at), _("Referral"),
                                f"{r.get_status_display()}: {r.target}"
                                + (f" ({reason})" if reason else ""),
                                _who(r.answered_by)))
        if r.delivered_on:
            events.append(Event(r.delivered_on, _("Referral"),
                                _("Done: %(service)s") % {"service": r.target}))
        if r.followed_up_on:
            events.append(Event(r.followed_up_on, _("Referral"),
                                _("Followed up: %(note)s") % {"note": r.outcome_note}))
    return sorted(events, key=lambda e: e.on, reverse=True)


@dataclass
class CaseRow:
    participant: Participant
    goal: str
    next_step_due: dt.date | None
    last_progress: dt.date
    due: bool
    stalled: bool
    referral_waiting: bool
    referral_overdue: bool = False


def _latest(model, day) -> Subquery:
    """The latest ``day`` of the participant's ``model`` rows, as a correlated subquery."""
    return Subquery(model.objects.filter(participant=OuterRef("pk")).order_by()
                    .values("participant").annotate(latest=Max(day)).values("latest"))


def case_rows(participants, today: dt.date | None = None) -> list[CaseRow]:
    """Flags for the caseload: next step due within a week (or overdue), stalled (no
    progress recorded for 60 days), a referral waiting for an answer or overdue (still
    requested, accepted or under way past its due date).
    Computed in the participants' one query: fetching every milestone, activity and
    referral to take a date or a yes from each was most of the page's time."""
    from pathways.apps.cases.models import Milestone, WorkActivity

    today = today or timezone.localdate()
    mine = Referral.objects.filter(participant=OuterRef("pk"))
    overdue = mine.filter(Referral.overdue(today))
    waiting = mine.filter(Q(status=Referral.Status.REQUESTED) | Referral.overdue(today))
    found = (participants.select_related("plan__goal")
             # what the row shows: decrypting contact fields nobody reads costs time
             .defer("email", "phone", "date_of_birth", "government_id")
             .annotate(last_milestone=_latest(Milestone, "on"),
                       last_activity=_latest(WorkActivity,
                                             Coalesce("ended_on", "started_on")),
                       referral_waiting=Exists(waiting),
                       referral_overdue=Exists(overdue)))
    rows = []
    for p in found:
        plan = getattr(p, "plan", None)
        dates = [_day(p.created_at), p.last_milestone, p.last_activity]
        last = max(d for d in dates if d is not None)
        due_on = plan.next_step_due if plan else None
        rows.append(CaseRow(p, str(plan.goal) if plan else "", due_on, last,
                            bool(due_on and due_on <= today + dt.timedelta(DUE_WITHIN_DAYS)),
                            (today - last).days > STALLED_AFTER_DAYS, p.referral_waiting,
                            p.referral_overdue))
    return rows


FILTERS = {"due": "due", "stalled": "stalled", "referral": "referral_waiting",
           "overdue": "referral_overdue"}


def filtered(rows: list[CaseRow], name: str | None) -> list[CaseRow]:
    if name in FILTERS:
        return [r for r in rows if getattr(r, FILTERS[name])]
    return rows
