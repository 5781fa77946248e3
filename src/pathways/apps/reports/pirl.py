"""A partnership's participant records as a PIRL file (``pathways.metrics.export``).

Reads the records of the participants enrolled by the partnership's organisations and
hands the engine plain values; the export is audited with counts and dates only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import TextIO

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from pathways.apps.accounts.audit import record
from pathways.apps.cases.models import Milestone, Participant, WorkActivity
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


def people(access: MeasuresAccess) -> Iterator[export.Person]:
    """One ``export.Person`` per participant of the partnership, from their records."""
    key = secret()
    chosen = participants_of(access).select_related(
        "enrolled_by", "assessment", "plan__pathway", "plan__goal").prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.select_related(
            "component__level", "credential")),
        Prefetch("activities", queryset=WorkActivity.objects.select_related(
            "component__level")),
        "referrals")
    for participant in chosen.iterator(chunk_size=500):
        yield person(participant, key)


def person(participant: Participant, key: bytes) -> export.Person:
    p = export.Person(key=export.person_key(participant.pk, key),
                      birth_date=participant.date_of_birth,
                      provider=participant.enrolled_by.name)
    assessment = getattr(participant, "assessment", None)
    if assessment is not None:
        p.education, p.barriers = assessment.education, set(assessment.barriers or [])
        p.services.append(assessment.assessed_on)
    plan = getattr(participant, "plan", None)
    if plan is not None:
        p.pathway = plan.pathway.slug
        p.exit_point = plan.goal.name if plan.goal else ""
        if plan.next_step_due:
            p.scheduled.append(plan.next_step_due)
    for m in participant.milestones.all():
        _milestone(p, m)
    for a in participant.activities.all():
        p.services += [d for d in (a.started_on, a.ended_on) if d]
        if a.ended_on is None:  # ongoing: service continues
            p.scheduled.append(dt.date.max)
        if a.kind == WorkActivity.Kind.OJT:
            p.ojt.append(a.started_on)
        if a.component_id and a.component.level_id:
            p.levels.append((a.started_on, a.component.level.order))
    for r in participant.referrals.all():
        sent = timezone.localdate(r.sent_at) if r.sent_at else None
        p.services += [d for d in (sent, r.delivered_on) if d]
    return p


def _milestone(p: export.Person, m: Milestone) -> None:
    kind = Milestone.Kind
    if m.kind in {kind.ENROLLED, kind.COMPLETED}:
        p.services.append(m.on)
        step = str(m.component_id)
        (p.enrolled if m.kind == kind.ENROLLED else p.completed).append((m.on, step))
        if m.component_id and m.component.level_id:
            p.levels.append((m.on, m.component.level.order))
    elif m.kind == kind.CREDENTIAL:
        code = m.credential_kind or (credential_kind_for(m.credential.credential_type)
                                     if m.credential_id else None)
        if code:
            p.credentials.append((m.on, int(code)))
    elif m.kind == kind.SKILL_GAIN and m.skill_gain:
        p.gains.append((m.on, int(m.skill_gain)))
    elif m.kind == kind.EMPLOYED and m.hourly_wage is not None:
        employer = str(m.employer_organisation_id or m.employer.strip().lower())
        p.jobs.append(export.Job(m.on, employer, float(m.hourly_wage)))


def export_pirl(access: MeasuresAccess, out: TextIO, start: dt.date, end: dt.date,
                as_of: dt.date, program: str = "adult") -> int:
    """Write the partnership's PIRL file to ``out``; analysts of the partnership only.
    Audited as an export: the period and the count, never a personal value."""
    access.check(RECORD)
    count = export.write(people(access), out, start, end, as_of, program)
    record(access.user, "pirl.export", access.partnership,
           summary=f"Exported {count} periods of participation as PIRL "
                   f"({start:%Y-%m-%d} to {end:%Y-%m-%d}, {program})",
           changes={"from": start.isoformat(), "to": end.isoformat(),
                    "as_of": as_of.isoformat(), "program": program, "periods": count})
    return count
