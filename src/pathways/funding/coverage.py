"""The funding map: which streams can pay for which step or support service, and the gaps.

Person eligibility is left out (a map is for everyone on the pathway); a stream *can pay*
for a step when it pays one of the step's kinds of cost and its step rule holds, and *may
pay* when that rule needs a step fact not recorded (e.g. whether the program is on the
ETPL). A step no stream can or may pay for is a gap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pathways.funding.budget import in_order
from pathways.funding.conditions import ELIGIBLE, UNKNOWN, Verdict, evaluate
from pathways.funding.definition import Stream
from pathways.funding.facts import STEP_FACTS


@dataclass(frozen=True)
class Cover:
    stream: Stream
    status: str  # eligible (can pay) | unknown (may pay)
    kinds: tuple[str, ...]  # the row's kinds of cost it pays
    verdict: Verdict  # the step rule's answer, with the missing facts


@dataclass(frozen=True)
class MapRow:
    name: str
    kinds: tuple[str, ...]
    covers: tuple[Cover, ...]

    @property
    def can_pay(self) -> list[Cover]:
        return [c for c in self.covers if c.status == ELIGIBLE]

    @property
    def may_pay(self) -> list[Cover]:
        return [c for c in self.covers if c.status == UNKNOWN]

    @property
    def gap(self) -> bool:
        return bool(self.kinds) and not self.covers

    @property
    def uncovered(self) -> tuple[str, ...]:
        """Kinds of cost no stream can or may pay."""
        paid = {k for c in self.covers for k in c.kinds}
        return tuple(k for k in self.kinds if k not in paid)


def cover(name: str, kinds: Iterable[str], facts: Mapping[str, Any],
          streams: Iterable[Stream]) -> MapRow:
    kinds = tuple(kinds)
    found = []
    for stream in in_order(streams):
        paid = tuple(k for k in kinds if k in stream.kinds)
        if not paid:
            continue
        verdict = evaluate(stream.steps.condition, facts, STEP_FACTS)
        if verdict.status in (ELIGIBLE, UNKNOWN):
            found.append(Cover(stream, verdict.status, paid, verdict))
    return MapRow(name, kinds, tuple(found))


__all__ = ["Cover", "MapRow", "cover"]
