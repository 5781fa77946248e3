"""Run measure definitions on an engine and return the tidy table.

Per measure: one unit table, the definition's flags, then one query that aggregates every
requested slice at once (slice labels are joined as long rows: rid, dimension, group).
Engines return integers only (counts, and the two middle values of a median in cents); the
last division happens here, in Decimal, so every engine agrees to the cent.

The ``all`` total and the non-program slices count each period once (per program year for
skill gains): it is in the denominator when it is under at least one of its programs, and a
success when it succeeds under one of those. The ``program`` slice counts each program.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import ibis
import pandas as pd
from ibis.expr.types import Table

from pathways.metrics.definitions import Measure
from pathways.metrics.engines import Engine
from pathways.metrics.facts import Window, unit_table

TIDY_COLUMNS = ["measure", "dimension", "group", "numerator", "denominator", "value",
                "suppressed"]
CENT = Decimal("0.01")
RATE_PLACES = Decimal("0.0001")


@dataclass
class Tables:
    """The engine's tables for one run."""

    periods: Table
    programs: Table
    labels: Table  # rid, dimension, grp (long), including dimension "all"
    wages: Table | None = None


def long_labels(labels: pd.DataFrame, dimensions: Iterable[str]) -> pd.DataFrame:
    """rid, dimension, grp for each requested slice (program is sliced apart) and 'all'."""
    wanted = [d for d in dimensions if d != "program" and d in labels.columns]
    long = labels.melt(id_vars="rid", value_vars=wanted, var_name="dimension",
                       value_name="grp") if wanted else pd.DataFrame(
        {"rid": pd.Series(dtype="int64"), "dimension": [], "grp": []})
    total = pd.DataFrame({"rid": labels["rid"], "dimension": "all", "grp": "all"})
    out = pd.concat([total, long], ignore_index=True)
    return out.astype({"rid": "int64", "dimension": object, "grp": object})


def measure_query(measure: Measure, units: Table, labels: Table, by_program: bool) -> Table:
    """dimension, grp, den, num, lo, hi (lo/hi: middle values of a median, cents)."""
    f = measure.flags(units).select("rid", "wkey", "program", "den", "num", "val")
    per_period = f.group_by(["rid", "wkey"]).aggregate(
        den=f.den.max(), num=f.num.max(), val=f.val.max(where=f.den == 1))
    joined = per_period.join(labels, "rid").select("dimension", "grp", "den", "num",
                                                          "val")
    parts = [joined]
    if by_program:
        parts.append(f.select(dimension=ibis.literal("program"), grp=f.program,
                              den=f.den, num=f.num, val=f.val))
    rows = ibis.union(*parts) if len(parts) > 1 else joined
    if measure.kind == "rate":
        return rows.group_by(["dimension", "grp"]).aggregate(
            den=rows.den.sum(), num=rows.num.sum(),
            lo=ibis.null("int64"), hi=ibis.null("int64"))
    return _median(rows.filter(rows.den == 1))


def _median(rows: Table) -> Table:
    # Exact median by position, the same SQL on every engine (no approximate percentiles).
    group = ibis.window(group_by=["dimension", "grp"], order_by="val")
    whole = ibis.window(group_by=["dimension", "grp"])
    ranked = rows.mutate(rn=ibis.row_number().over(group), n=rows.val.count().over(whole))
    twice = ranked.rn * 2
    middle = ranked.filter((twice == ranked.n - 1) | (twice == ranked.n - 2)
                           | (twice == ranked.n))
    return middle.group_by(["dimension", "grp"]).aggregate(
        den=middle.n.max(), num=ibis.literal(0, "int64"), lo=middle.val.min(),
        hi=middle.val.max())


def tidy_rows(measure: Measure, result: pd.DataFrame) -> list[dict]:
    """Rows of the tidy table from one measure's engine result (suppression comes later)."""
    rows = []
    seen_total = False
    for rec in result.itertuples(index=False):
        den = int(rec.den or 0)
        if measure.kind == "rate":
            num = int(rec.num or 0)
            value = (Decimal(num) / Decimal(den)).quantize(RATE_PLACES, ROUND_HALF_UP) \
                if den else None
        else:
            num = None
            value = ((Decimal(int(rec.lo)) + Decimal(int(rec.hi))) / 200).quantize(
                CENT, ROUND_HALF_UP) if den else None
        seen_total |= rec.dimension == "all"
        rows.append({"measure": measure.id, "dimension": rec.dimension, "group": str(rec.grp),
                     "numerator": num, "denominator": den, "value": value,
                     "suppressed": False})
    if not seen_total:
        rows.append({"measure": measure.id, "dimension": "all", "group": "all",
                     "numerator": 0 if measure.kind == "rate" else None, "denominator": 0,
                     "value": None, "suppressed": False})
    return sorted(rows, key=_order)


def _order(row: dict) -> tuple:
    return (row["dimension"] != "all", row["dimension"], row["group"])


def compute(measures: list[Measure], tables: Tables, window: Window, by_program: bool,
            engine: Engine, progress: Callable[[Measure], None] | None = None
            ) -> pd.DataFrame:
    """The tidy table (unsuppressed) of ``measures``.

    The facts of each kind of time window are computed once and kept as a table, so each
    measure is a small query over them.
    """
    units: dict[str, Table] = {}
    rows: list[dict] = []
    for measure in measures:
        if measure.window not in units:
            expr = unit_table(tables.periods, tables.programs, tables.wages, window,
                              measure.window)
            units[measure.window] = engine.materialize(f"units_{measure.window}", expr)
        query = measure_query(measure, units[measure.window], tables.labels, by_program)
        rows += tidy_rows(measure, engine.execute(query))
        if progress:
            progress(measure)
    return pd.DataFrame(rows, columns=TIDY_COLUMNS)
