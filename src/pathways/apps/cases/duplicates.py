"""Before a navigator takes someone in: is this person already known?

One assessment per person, reused by every partner, only works if intake does not create
the same person twice. The linkage engine (splink, ADR 6) compares the new person with the
participants this navigator may already see; records outside their view are never
compared, so intake reveals nothing about other organisations' participants.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from pathways.apps.cases import queries
from pathways.apps.cases.auditing import record_matches_shown
from pathways.apps.cases.models import Participant
from pathways.linkage import candidates_for, person_model, standardise


@dataclass(frozen=True)
class PossibleDuplicate:
    participant: Participant
    probability: float
    decision: str  # "link": almost surely the same person; "review": look before enrolling


def _frame(rows: list[dict[str, Any]], source: str) -> pd.DataFrame:
    problems: list = []
    frame = pd.DataFrame(
        [{"record_id": str(row["pk"]), "source": source, "first_name": row["first_name"],
          "last_name": row["last_name"], "birth_date": row["date_of_birth"],
          "phone": row.get("phone") or None, "email": row.get("email") or None}
         for row in rows],
        columns=["record_id", "source", "first_name", "last_name", "birth_date", "phone",
                 "email"])
    return standardise(frame, source, problems)  # values come from validated forms


def possible_duplicates(user: Any, data: dict[str, Any]) -> list[PossibleDuplicate]:
    """Participants ``user`` may see who may be the person described by intake ``data``.
    Intake shows them with their date of birth: audited as one view of those records."""
    known_rows = list(queries.participants_for(user).values(
        "pk", "first_name", "last_name", "date_of_birth", "phone", "email"))
    if not known_rows:
        return []
    new = _frame([{**data, "pk": "new"}], "intake")
    known = _frame(known_rows, "known")
    found = candidates_for(new, known, person_model())
    if found.empty:
        return []
    ids = [int(uid.split(":", 1)[1]) for uid in found["unique_id"]]
    people = Participant.objects.in_bulk(ids)
    shown = [PossibleDuplicate(people[pk], float(p), decision)
             for pk, p, decision in zip(ids, found["match_probability"], found["decision"],
                                        strict=True) if pk in people]
    if shown:
        record_matches_shown(user, [match.participant.pk for match in shown], "intake")
    return shown
