"""A partnership's participant records as a PIRL file (``pathways.metrics.export``).

Reads the records of the participants enrolled by the partnership's organisations and
hands the engine plain values; the export is audited with counts and dates only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from typing import TextIO

from django.conf import settings
from django.utils import timezone

from pathways.apps.accounts.audit import record
from pathways.apps.cases import referral_flow
from pathways.apps.cases.models import Milestone, Participant, Referral, WorkActivity
from pathways.apps.cases.vocabulary import credential_kind_for
from pathways.apps.reports.queries import RECORD, MeasuresAccess
from pathways.metrics import export


def secret() -> bytes:
    """The key of the pseudonymous PIRL 100: derived from the site's secret key, so the
    same participant keeps the same key from one quarter's file to the next."""
    return hashlib.sha256(f"pirl-100:{settings.SECRET_KEY}".encode()).digest()


def participants_of(access: MeasuresAccess):
    """Participants enrolled by an organisation of the partnership."""
    return Participant.objects.filter(
        enrolled_by__partnerships=access.partnership).distinct().order_by("pk")


Progress = Callable[[int, int], None]  # participants read so far, of how many
CHUNK = 2000  # participants read at once: bounded memory, a few queries a chunk

PERSON = ("pk", "date_of_birth", "enrolled_by__name", "assessment__education",
          "assessment__barriers", "assessment__assessed_on", "plan__pathway__slug",
          "plan__goal__name", "plan__next_step_due")
MILESTONE = ("participant_id", "kind", "on", "component_id", "component__level__order",
             "credential_kind", "credential__credential_type", "skill_gain", "hourly_wage",
             "employer_organisation_id", "employer")
ACTIVITY = ("participant_id", "kind", "started_on", "ended_on", "component__level__order")
REFERRAL = ("participant_id", "sent_at", "delivered_on")


def people(access: MeasuresAccess, progress: Progress | None = None
           ) -> Iterator[export.Person]:
    """One ``export.Person`` per participant of the partnership, from their records.

    Read as plain values, a chunk of participants at a time with one query a table: an
    export reads every record of the partnership, and building ORM objects for them
    (ten a person) was most of its time."""
    key = secret()
    ids = list(participants_of(access).values_list("pk", flat=True))
    for at in range(0, len(ids), CHUNK):
        if progress is not None:
            progress(at, len(ids))
        chunk = ids[at:at + CHUNK]
        # A range of ids, not a list of 2,000 parameters (building that filter cost more
        # than running it); rows of people outside the partnership are dropped here.
        span = (chunk[0], chunk[-1])
        related: dict[int, dict[str, list]] = {pk: {"m": [], "a": [], "r": []} for pk in chunk}
        for name, model, fields in (("m", Milestone, MILESTONE), ("a", WorkActivity, ACTIVITY),
                                    ("r", Referral, REFERRAL)):
            rows = model.objects.filter(participant_id__gte=span[0],
                                        participant_id__lte=span[1])
            if model is Referral:  # a draft was never sent; a mistake was no service
                rows = rows.exclude(status__in=referral_flow.NOT_A_SERVICE)
            for row in (rows
                        .order_by("participant_id", *model._meta.ordering)
                        .values_list(*fields)):
                found = related.get(row[0])
                if found is not None:
                    found[name].append(row)
        for row in (Participant.objects.filter(pk__range=span).order_by("pk")
                    .values_list(*PERSON)):
            if row[0] in related:
                yield person(row, related[row[0]], key)


def person(row: tuple, related: dict[str, list], key: bytes) -> export.Person:
    """A Person from a participant's ``PERSON`` values and their milestones ("m"), work
    activities ("a") and referrals ("r") as ``MILESTONE``, ``ACTIVITY`` and ``REFERRAL``."""
    pk, born, provider, education, barriers, assessed_on, pathway, goal, due = row
    p = export.Person(key=export.person_key(pk, key), birth_date=born, provider=provider)
    if assessed_on is not None:  # the shared assessment is recorded
        p.education, p.barriers = education, set(barriers or [])
        p.services.append(assessed_on)
    if pathway is not None:  # a plan
        p.pathway, p.exit_point = pathway, goal or ""
        if due:
            p.scheduled.append(due)
    for m in related["m"]:
        _milestone(p, m)
    for _, kind, started, ended, level in related["a"]:
        p.services += [d for d in (started, ended) if d]
        if ended is None:  # ongoing: service continues
            p.scheduled.append(dt.date.max)
        if kind == WorkActivity.Kind.OJT:
            p.ojt.append(started)
        if level is not None:
            p.levels.append((started, level))
    for _, sent_at, delivered in related["r"]:
        sent = timezone.localdate(sent_at) if sent_at else None
        p.services += [d for d in (sent, delivered) if d]
    return p


def _milestone(p: export.Person, m: tuple) -> None:
    (_, kind, on, component, level, credential_kind, credential_type, skill_gain, wage,
     employer_organisation, employer) = m
    kinds = Milestone.Kind
    if kind in {kinds.ENROLLED, kinds.COMPLETED}:
        p.services.append(on)
        (p.enrolled if kind == kinds.ENROLLED else p.completed).append((on, str(component)))
        if level is not None:
            p.levels.append((on, level))
    elif kind == kinds.CREDENTIAL:
        code = credential_kind or (credential_kind_for(credential_type)
                                   if credential_type else None)
        if code:
            p.credentials.append((on, int(code)))
    elif kind == kinds.SKILL_GAIN and skill_gain:
        p.gains.append((on, int(skill_gain)))
    elif kind == kinds.EMPLOYED and wage is not None:
        who = str(employer_organisation or (employer or "").strip().lower())
        p.jobs.append(export.Job(on, who, float(wage)))


def export_pirl(access: MeasuresAccess, out: TextIO, start: dt.date, end: dt.date,
                as_of: dt.date, program: str = "adult",
                progress: Progress | None = None) -> int:
    """Write the partnership's PIRL file to ``out``; analysts of the partnership only.
    Audited as an export: the period and the count, never a personal value."""
    access.check(RECORD)
    count = export.write(people(access, progress), out, start, end, as_of, program)
    record(access.user, "pirl.export", access.partnership,
           summary=f"Exported {count} periods of participation as PIRL "
                   f"({start:%Y-%m-%d} to {end:%Y-%m-%d}, {program})",
           changes={"from": start.isoformat(), "to": end.isoformat(),
                    "as_of": as_of.isoformat(), "program": program, "periods": count})
    return count
