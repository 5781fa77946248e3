"""What the audit log keeps about participants (ADR 0036).

- **Changes**: an entry names every field that changed. It keeps the values only of the
  fields listed in ``KEPT``: what a record *is* and when (kinds, statuses, purposes,
  sources, outcomes, the dates of the work) and which shared rows it points to (catalog
  rows, organisations, staff accounts). Every other field, which is everything the person
  told us or that describes them (names, contact, date of birth, identifiers, every
  assessment answer, employers, wages, free text), records only ``"changed"``. A field
  added later is kept out of the log until someone lists it here.
- **Views**: every page that shows a participant's record writes one entry: who, when,
  which participant (by id) and which page; never a value from the record.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from pathways.apps.accounts.audit import record

CHANGED = "changed"
VIEWED = "cases.view"

KEPT: dict[str, frozenset[str]] = {
    "cases.participant": frozenset({"enrolled_by", "navigator", "user", "is_sample",
                                    "version"}),
    "cases.consent": frozenset({"organisation", "purpose", "method", "given_on",
                                "withdrawn_on", "recorded_by"}),
    # Every answer of the assessment describes the person, even the name of the test
    # (an English-learner test says the person is one).
    "cases.assessment": frozenset({"assessed_on", "tested_on", "recorded_by",
                                   "recorded_by_organisation", "version"}),
    "cases.priorjob": frozenset(),
    "cases.careerplan": frozenset({"pathway", "goal", "entry_point", "next_step_due",
                                   "created_by", "version"}),
    "cases.milestone": frozenset({"kind", "on", "component", "credential", "credential_kind",
                                  "occupation", "skill_gain", "source", "recorded_by"}),
    "cases.workactivity": frozenset({"kind", "component", "started_on", "ended_on", "hours",
                                     "outcome", "recorded_by"}),
    "cases.referral": frozenset({"kind", "service", "program", "employer", "organisation",
                                 "consent", "status", "status_reason", "status_changed_at",
                                 "sent_at", "sent_by", "answered_at", "answered_by",
                                 "delivered_on", "follow_up_due", "followed_up_on"}),
    # Which stream paid for which step, and when; the amount describes the person's money.
    "funding.award": frozenset({"stream", "component", "awarded_on", "period_from",
                                "period_to", "recorded_by"}),
    # Name and contact are what the person told us; the rest says how to handle it.
    "cases.contactrequest": frozenset({"partnership_id", "pathway_id", "preferred_language",
                                       "best_time", "status", "close_reason", "participant"}),
}


def audited(label: str, changes: dict[str, Any]) -> dict[str, Any]:
    """``changes`` ({field: [before, after]}) of a ``label`` record as the audit log may
    keep them: values of kept fields, ``"changed"`` for every other field."""
    kept = KEPT.get(label, frozenset())
    return {name: value if name in kept else CHANGED for name, value in changes.items()}


def record_view(user: Any, participant: models.Model, page: str, **about: Any) -> None:
    """One entry for one page view of ``participant``'s record: ids and the page only."""
    record(user, VIEWED, participant, changes={"page": page, **about},
           summary=f"Viewed participant {participant.pk} ({page})")


REFUSED = "cases.view_refused"


def record_refusal(user: Any, kind: str, pk: Any, page: str) -> None:
    """A participant's or referral's page asked for and refused (not visible, or no such
    record): who asked for which id, so repeated probing shows in the log."""
    record(user, REFUSED, None, changes={"page": page, kind: str(pk)[:40]},
           summary=f"Refused {kind} {str(pk)[:40]} ({page})")


def record_matches_shown(user: Any, participant_ids: list[int], page: str) -> None:
    """One entry for a page listing several people's data (intake's possible duplicates)."""
    record(user, VIEWED, None, changes={"page": page, "participants": participant_ids},
           summary=f"Viewed {len(participant_ids)} possible duplicates ({page})")


__all__ = ["CHANGED", "KEPT", "REFUSED", "VIEWED", "audited", "record_matches_shown",
           "record_refusal", "record_view"]
