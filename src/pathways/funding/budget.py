"""The braided budget: remaining steps, a person's facts and the streams, laid together.

For each step, in the plan's order: awards already recorded pay first (they are decisions,
not estimates); then each stream the person is eligible for, in order of use (Pell before
WIOA training funds, 20 CFR 680.230), pays the kinds of cost it allows, within its caps.
A stream whose eligibility is unknown pays nothing here: the plan names what is missing.
Paid never exceeds a kind's cost, so the net cost is never below zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pathways.funding.conditions import ELIGIBLE, NOT_ELIGIBLE, UNKNOWN, Verdict, evaluate
from pathways.funding.definition import Stream
from pathways.funding.facts import COST_KINDS, PERSON_FACTS, STEP_FACTS

ZERO = Decimal(0)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Step:
    key: str
    name: str
    costs: Mapping[str, Decimal]  # kind -> amount
    weeks: int | None = None
    year: str = ""  # the award year it falls in ("" : all the same year)
    facts: Mapping[str, Any] = field(default_factory=dict)  # facts.STEP_FACTS

    @property
    def cost(self) -> Decimal:
        return sum(self.costs.values(), ZERO)


@dataclass(frozen=True)
class Award:
    stream: str  # a stream key
    amount: Decimal
    step: str = ""  # a step key; "" for an award not tied to one step
    year: str = ""


@dataclass(frozen=True)
class Fit:
    """Can this stream pay for this step, for this person?"""

    stream: Stream
    status: str  # eligible | not_eligible | unknown
    verdict: Verdict  # the person's eligibility, with reasons and unknowns
    step_verdict: Verdict  # the step's
    pays_here: bool  # the stream pays for one of the step's kinds of cost


@dataclass(frozen=True)
class Payment:
    stream: str
    kind: str
    amount: Decimal
    awarded: bool  # recorded by a navigator, not estimated
    federal: Decimal | None = None  # the federal part, for a matched stream


@dataclass(frozen=True)
class StepBudget:
    step: Step
    fits: tuple[Fit, ...]
    payments: tuple[Payment, ...]

    @property
    def cost(self) -> Decimal:
        return self.step.cost

    @property
    def awarded(self) -> Decimal:
        return sum((p.amount for p in self.payments if p.awarded), ZERO)

    @property
    def likely(self) -> Decimal:
        return sum((p.amount for p in self.payments if not p.awarded), ZERO)

    @property
    def paid(self) -> Decimal:
        return self.awarded + self.likely

    @property
    def net(self) -> Decimal:
        return self.cost - self.paid

    def fits_with(self, status: str) -> list[Fit]:
        return [f for f in self.fits if f.status == status and f.pays_here]


@dataclass(frozen=True)
class Budget:
    steps: tuple[StepBudget, ...]
    unused_awards: tuple[Award, ...] = ()  # for steps not in the plan or streams unknown

    @property
    def cost(self) -> Decimal:
        return sum((s.cost for s in self.steps), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((s.paid for s in self.steps), ZERO)

    @property
    def net(self) -> Decimal:
        return self.cost - self.paid


def in_order(streams: Iterable[Stream]) -> list[Stream]:
    return sorted(streams, key=lambda s: (s.order.rank, s.key))


def _both(person: Verdict, step: Verdict) -> str:
    if NOT_ELIGIBLE in (person.status, step.status):
        return NOT_ELIGIBLE
    if UNKNOWN in (person.status, step.status):
        return UNKNOWN
    return ELIGIBLE


class _Caps:
    """What each stream's caps have left, by period."""

    def __init__(self) -> None:
        self.used: dict[tuple, Decimal] = defaultdict(lambda: ZERO)

    def _places(self, stream: Stream, kind: str, step_key: str, year: str):
        for index, cap in enumerate(stream.caps):
            if cap.kinds and kind not in cap.kinds:
                continue
            bucket = {"step": step_key, "award_year": year, "person": ""}[cap.per]
            yield cap, (stream.key, index, bucket)

    def room(self, stream: Stream, kind: str, step_key: str, year: str) -> Decimal | None:
        rooms = [cap.amount - self.used[place]
                 for cap, place in self._places(stream, kind, step_key, year)]
        return max(min(rooms), ZERO) if rooms else None

    def take(self, stream: Stream, kind: str, step_key: str, year: str, amount: Decimal
             ) -> None:
        for _cap, place in self._places(stream, kind, step_key, year):
            self.used[place] += amount


def _federal(stream: Stream, kind: str, amount: Decimal) -> Decimal | None:
    if stream.match is None or kind not in stream.match.kinds:
        return None
    return (amount * stream.match.federal_share).quantize(CENT, ROUND_HALF_UP)


def braid(steps: Iterable[Step], facts: Mapping[str, Any], streams: Iterable[Stream],
          awards: Iterable[Award] = ()) -> Budget:
    """The budget for ``steps`` (in plan order) for a person with ``facts``."""
    ordered = in_order(streams)
    by_key = {s.key: s for s in ordered}
    verdicts = {s.key: evaluate(s.eligibility.condition, facts, PERSON_FACTS) for s in ordered}
    caps = _Caps()
    awards = list(awards)
    steps = list(steps)
    step_keys = {s.key for s in steps}
    unused: list[Award] = []
    # Awards not tied to a step still use up a stream's yearly or lifetime cap.
    for award in awards:
        if award.stream not in by_key or (award.step and award.step not in step_keys):
            unused.append(award)
        elif not award.step:
            for kind in by_key[award.stream].kinds[:1]:
                caps.take(by_key[award.stream], kind, "", award.year, award.amount)
    results = []
    for step in steps:
        left = {k: v for k, v in step.costs.items() if v > 0}
        payments: list[Payment] = []
        awarded_streams = set()
        mine = [a for a in awards if a.step == step.key and a.stream in by_key]
        for award in sorted(mine, key=lambda a: (by_key[a.stream].order.rank, a.stream)):
            stream = by_key[award.stream]
            awarded_streams.add(stream.key)
            remaining = award.amount
            for kind in stream.kinds:
                pay = min(left.get(kind, ZERO), remaining)
                if pay > 0:
                    left[kind] -= pay
                    remaining -= pay
                    caps.take(stream, kind, step.key, step.year, pay)
                    payments.append(Payment(stream.key, kind, pay, True,
                                            _federal(stream, kind, pay)))
        fits = []
        for stream in ordered:
            step_verdict = evaluate(stream.steps.condition, step.facts, STEP_FACTS)
            status = _both(verdicts[stream.key], step_verdict)
            pays_here = any(step.costs.get(kind, ZERO) > 0 for kind in stream.kinds)
            fits.append(Fit(stream, status, verdicts[stream.key], step_verdict, pays_here))
            if status != ELIGIBLE or stream.key in awarded_streams:
                continue
            for kind in stream.kinds:
                want = left.get(kind, ZERO)
                room = caps.room(stream, kind, step.key, step.year)
                pay = want if room is None else min(want, room)
                if pay > 0:
                    left[kind] -= pay
                    caps.take(stream, kind, step.key, step.year, pay)
                    payments.append(Payment(stream.key, kind, pay, False,
                                            _federal(stream, kind, pay)))
        results.append(StepBudget(step, tuple(fits), tuple(payments)))
    return Budget(tuple(results), tuple(unused))


__all__ = ["COST_KINDS", "Award", "Budget", "Fit", "Payment", "Step", "StepBudget", "braid",
           "in_order"]
