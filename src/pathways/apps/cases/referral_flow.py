"""The statuses of a referral and who may move it from one to the next: the HL7 FHIR Task
status codes as the Gravity SDOH Clinical Care guide profiles them for a referral (ADR 0052).

The referrer (the navigator who sees the person) drafts, requests and withdraws; the
receiving organisation answers and reports how the service went; either side may cancel.
``ready`` and ``received`` are not used by the guide, so they are not here. The table
below is the one place the allowed moves are written: the actions refuse anything else,
the referral page offers only these, and a test holds the table to the status list.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """FHIR Task.status values (kept exactly as the codes), with plain labels."""

    DRAFT = "draft", _("Draft, not sent yet")
    REQUESTED = "requested", _("Sent, waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Declined")
    IN_PROGRESS = "in-progress", _("Service under way")
    ON_HOLD = "on-hold", _("On hold")
    FAILED = "failed", _("Could not be done")
    COMPLETED = "completed", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
    ENTERED_IN_ERROR = "entered-in-error", _("Entered in error")


class Reason(models.TextChoices):
    """Task.statusReason, coded: short reasons a partner can pick; free text adds detail.
    The first four are the Gravity guide's capacity codes."""

    NO_CAPACITY = "no-capacity", _("No room or staff for now")
    WAITLIST = "waitlist", _("Put on a waiting list")
    ASSESSMENT = "additional-assessment-required", _("Needs another assessment first")
    NOT_ELIGIBLE = "not-eligible", _("Not eligible")
    PERSON_DECLINED = "person-declined", _("The person said no")
    NOT_REACHED = "not-reached", _("Could not reach the person")
    NEED_MET = "need-met", _("The need was met another way")
    DUPLICATE = "duplicate", _("Sent twice")
    WRONG_RECORD = "wrong-record", _("Wrong person or service")
    OTHER = "other", _("Other (say why)")


REFERRER, RECEIVER = "referrer", "receiver"
BOTH = frozenset({REFERRER, RECEIVER})
S = Status

# from status -> {to status: the sides that may make the move}
TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    S.DRAFT: {S.REQUESTED: frozenset({REFERRER}), S.CANCELLED: frozenset({REFERRER}),
              S.ENTERED_IN_ERROR: frozenset({REFERRER})},
    S.REQUESTED: {S.ACCEPTED: frozenset({RECEIVER}), S.REJECTED: frozenset({RECEIVER}),
                  S.CANCELLED: BOTH, S.ENTERED_IN_ERROR: frozenset({REFERRER})},
    S.ACCEPTED: {S.IN_PROGRESS: frozenset({RECEIVER}), S.ON_HOLD: frozenset({RECEIVER}),
                 S.COMPLETED: frozenset({RECEIVER}), S.FAILED: frozenset({RECEIVER}),
                 S.CANCELLED: BOTH, S.ENTERED_IN_ERROR: frozenset({REFERRER})},
    S.IN_PROGRESS: {S.ON_HOLD: frozenset({RECEIVER}), S.COMPLETED: frozenset({RECEIVER}),
                    S.FAILED: frozenset({RECEIVER}), S.CANCELLED: BOTH,
                    S.ENTERED_IN_ERROR: frozenset({REFERRER})},
    S.ON_HOLD: {S.IN_PROGRESS: frozenset({RECEIVER}), S.FAILED: frozenset({RECEIVER}),
                S.CANCELLED: BOTH, S.ENTERED_IN_ERROR: frozenset({REFERRER})},
    # Finished: only a mistake can still be marked, by the side that sent it.
    S.REJECTED: {S.ENTERED_IN_ERROR: frozenset({REFERRER})},
    S.FAILED: {S.ENTERED_IN_ERROR: frozenset({REFERRER})},
    S.COMPLETED: {S.ENTERED_IN_ERROR: frozenset({REFERRER})},
    S.CANCELLED: {S.ENTERED_IN_ERROR: frozenset({REFERRER})},
    S.ENTERED_IN_ERROR: {},
}

# A change to these needs a coded reason (Task.statusReason).
NEEDS_REASON = frozenset({S.REJECTED, S.FAILED, S.CANCELLED, S.ON_HOLD, S.ENTERED_IN_ERROR})
# Still to be answered or done: past its due date it is overdue.
WATCHED = frozenset({S.REQUESTED, S.ACCEPTED, S.IN_PROGRESS})
# The receiving organisation took the person on: it sees the record (ADR 0031).
TAKEN_ON = frozenset({S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD, S.COMPLETED, S.FAILED})
# Not offered to the receiving side at all, or no longer a service (left out of PIRL).
NOT_SENT = frozenset({S.DRAFT})
NOT_A_SERVICE = frozenset({S.DRAFT, S.ENTERED_IN_ERROR})
FINISHED = frozenset(s for s, moves in TRANSITIONS.items()
                     if set(moves) <= {S.ENTERED_IN_ERROR})


def check_table() -> None:
    """The table names every status once, and only statuses (a test calls this; an import
    would fail at once on a typo anyway, since the keys are the enum's members)."""
    codes = set(Status.values)
    if set(TRANSITIONS) != codes:
        raise ValueError(f"transition table statuses differ: {set(TRANSITIONS) ^ codes}")
    for start, moves in TRANSITIONS.items():
        for end, sides in moves.items():
            if end not in codes or end == start or not sides or not sides <= BOTH:
                raise ValueError(f"bad move {start} -> {end} ({sorted(sides)})")


def moves_for(status: str, side: str) -> list[str]:
    """The statuses ``side`` may move a referral in ``status`` to, in the table's order."""
    return [to for to, sides in TRANSITIONS.get(status, {}).items() if side in sides]


def may_move(status: str, to: str, side: str) -> bool:
    return side in TRANSITIONS.get(status, {}).get(to, frozenset())


def is_overdue(status: str, due: dt.date | None, today: dt.date) -> bool:
    return status in WATCHED and due is not None and due < today


check_table()
