"""Equity gaps: published groups whose result falls well short of (or above) the total.

A rate is a gap when it is 5 percentage points or more from the total of the same measure; a
median (dollars) when it is 10% or more from it. Only shown cells count, and groups that are
not a population (unknown, not given, did not self-identify, not exited) are never gaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

RATE_GAP = Decimal("0.05")
MEDIAN_GAP = Decimal("0.10")
NOT_A_POPULATION = {"unknown", "not given", "did not self-identify", "not exited"}


@dataclass(frozen=True)
class Gap:
    measure: str
    dimension: str
    group: str
    value: Decimal
    total: Decimal
    below: bool

    relative: bool = False  # dollars: the size is a share of the total

    @property
    def size(self) -> Decimal:
        """Percentage points for a rate (0.07 = 7 points); a share of the total for dollars."""
        difference = abs(self.value - self.total)
        return difference / abs(self.total) if self.relative and self.total else difference


def gaps(table: pd.DataFrame, units: dict[str, str], rate_gap: Decimal = RATE_GAP,
         median_gap: Decimal = MEDIAN_GAP) -> list[Gap]:
    """Every gap in a published tidy table; ``units`` maps measure id to rate or dollars."""
    totals = {r.measure: r.value for r in table.itertuples(index=False)
              if r.dimension == "all" and not r.suppressed and r.value is not None}
    out = []
    for r in table.itertuples(index=False):
        total = totals.get(r.measure)
        if (r.dimension == "all" or r.suppressed or r.value is None or total is None
                or r.group in NOT_A_POPULATION):
            continue
        value, total = Decimal(str(r.value)), Decimal(str(total))
        dollars = units.get(r.measure) == "dollars"
        if units.get(r.measure) in {"dollars", "days"}:  # medians: a relative gap
            far = total != 0 and abs(value - total) / abs(total) >= median_gap
        else:
            far = abs(value - total) >= rate_gap
        if far:
            out.append(Gap(r.measure, r.dimension, r.group, value, total, value < total,
                           dollars))
    return out


def gap_keys(found: list[Gap]) -> dict[tuple[str, str, str], Gap]:
    return {(g.measure, g.dimension, g.group): g for g in found}
