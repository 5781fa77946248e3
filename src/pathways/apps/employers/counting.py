"""How much of a commitment is used, counted from participants' records, never typed.

A work-based learning slot is a work experience of the same kind at the employer, started
within the commitment's period. A hire is a person with an "employed" milestone at the
employer dated within the period (at or above the wage floor when there is one). Only
records of the partnership's participants count (those enrolled by a member organisation).
Other kinds (advisory seats, validation, interviews, tuition, in kind) have no record to
count from: they show as pledged."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from pathways.apps.employers.models import Commitment

K = Commitment.Kind
# Commitment kind -> WorkActivity kind (the values are the same words).
SLOT_KINDS = {K.INTERNSHIP: "internship", K.CLINICAL: "clinical", K.OJT: "ojt",
              K.PRE_APPRENTICESHIP: "pre_apprenticeship", K.APPRENTICESHIP: "apprenticeship",
              K.JOB_SHADOW: "job_shadow"}
COUNTED = set(SLOT_KINDS) | {K.HIRING}


@dataclass(frozen=True)
class Fulfilment:
    used: int
    quantity: int | None

    @property
    def remaining(self) -> int | None:
        return None if self.quantity is None else max(0, self.quantity - self.used)


def _period(field: str, commitment: Commitment) -> Q:
    found = Q(**{f"{field}__gte": commitment.starts_on})
    if commitment.ends_on is not None:
        found &= Q(**{f"{field}__lte": commitment.ends_on})
    return found


def fulfilment(commitment: Commitment, members: list[int] | None = None) -> Fulfilment | None:
    """Slots used or people hired (one query), or None for a kind no record counts.
    ``members``: the ids of the partnership's organisations, when the caller has them."""
    from pathways.apps.cases.models import Milestone, WorkActivity

    if commitment.kind not in COUNTED:
        return None
    if members is None:
        members = list(commitment.partnership.organisations.values_list("pk", flat=True))
    organisation = commitment.employer.organisation_id
    if commitment.kind == K.HIRING:
        hires = Milestone.objects.filter(
            _period("on", commitment), kind=Milestone.Kind.EMPLOYED,
            employer_organisation=organisation, participant__enrolled_by_id__in=members)
        if commitment.wage_floor is not None:
            hires = hires.filter(hourly_wage__gte=commitment.wage_floor)
        used = hires.values("participant").distinct().count()
    else:
        used = WorkActivity.objects.filter(
            _period("started_on", commitment), kind=SLOT_KINDS[commitment.kind],
            employer_organisation=organisation,
            participant__enrolled_by_id__in=members).count()
    return Fulfilment(used, commitment.quantity)


def fulfilments(commitments: list[Commitment], partnership) -> list[tuple[Commitment,
                                                                          Fulfilment | None]]:
    """Each commitment of ``partnership`` with its fulfilment: one query per counted one."""
    members = list(partnership.organisations.values_list("pk", flat=True))
    return [(c, fulfilment(c, members)) for c in commitments]
