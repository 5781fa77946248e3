"""Run measure definitions on an engine: one staged pipeline per kind of time window.

For each window kind (exit, program year, active): the units (period x program, x program
year for skill gains) with every measure's flags as columns; then one row per period (and
program year) with its dimension codes; then one query that aggregates every requested
slice of every measure at once. Engines return integers (counts) and medians of whole cents
only; the last division happens here, in Decimal, so every engine agrees to the cent.

The ``all`` total and the non-program slices count each period once (per program year for
skill gains): it is in the denominator when it is under at least one of its programs, and a
success when it succeeds under one of those. The ``program`` slice counts each program.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import ibis
import pandas as pd
from ibis.expr.types import Table, Value

from pathways.metrics.definitions import Measure
from pathways.metrics.derive import PROGRAM_NAMES, derived, is_member, next_level_entry
from pathways.metrics.dimensions import DIMENSIONS, dimension_codes
from pathways.metrics.engines import Engine
from pathways.metrics.facts import Facts, Window, needs_of, wage_summary

TIDY_COLUMNS = ["measure", "dimension", "group", "numerator", "denominator", "value",
                "suppressed"]
CENT = Decimal("0.01")
RATE_PLACES = Decimal("0.0001")
UNIT_DIMENSIONS = ("program", "program_year")


@dataclass
class Tables:
    """The engine's tables for one run."""

    periods: Table  # read_pirl's typed columns plus rid
    wages: Table | None = None  # person, q, employer, cents


def window_units(measures: list[Measure], tables: Tables, window: Window, kind: str,
                 dimensions: list[str] = ()) -> Table:
    """rid, wkey, program, the period's dimension codes (``d_<name>``) and each measure's
    den/num/val columns, one row per unit (period x program, x program year)."""
    needs = needs_of(set().union(*(m.names() for m in measures)))
    par = window.params
    t = derived(tables.periods)
    if kind == "exit":
        t = t.filter(Facts(t, window)["exited"])
    elif kind == "active":
        t = t.filter((t.e900 <= par["window_end"])
                     & (t.e901.isnull() | (t.e901 >= par["window_start"])))
    else:
        years = window.program_years()
        t = t.filter((t.e900 <= years[-1][2]) & (t.e901.isnull() | (t.e901 >= years[0][1])))
    has_wages = tables.wages is not None
    if has_wages and (needs.wages or needs.same_employer):
        t = _left_join(t, wage_summary(t, tables.wages, needs, par["as_of_q"]))
    if needs.pathway_join:
        t = _left_join(t, next_level_entry(tables.periods))
    else:
        t = t.mutate(next_level_entry=ibis.null("int64"))
    if kind == "program_year":
        t = ibis.union(*[
            t.filter((t.e900 <= last) & (t.e901.isnull() | (t.e901 >= first))).mutate(
                wkey=ibis.literal(py, "int64"), py_start=ibis.literal(first, "int64"),
                py_end=ibis.literal(last, "int64"))
            for py, first, last in window.program_years()], distinct=False)
    else:
        t = t.mutate(wkey=ibis.literal(0, "int64"))
    # Facts depend on the period (and program year), never on the program: compute them
    # once per period, then pair the period with each of its programs.
    # Every row of an exit window has exited: say so, and the database folds it away.
    constants = {"exited": True} if kind == "exit" else {}
    facts = Facts(t, window, tables.wages, constants=constants)
    built = sorted(needs.facts - set(constants))
    codes = dimension_codes(t, [d for d in dimensions if d not in UNIT_DIMENSIONS])
    t = t.mutate(**{name: facts[name] for name in built}, **codes)
    # Pair the period with each of its programs: an array holding the program's name where
    # the period is in it (null elsewhere), unnested; one pass, on every backend.
    members = [is_member(t, name) for name in PROGRAM_NAMES]
    names = ibis.array([ibis.ifelse(m, ibis.literal(name), ibis.null("string"))
                        for m, name in zip(members, PROGRAM_NAMES, strict=True)])
    count = _int(members[0])
    for m in members[1:]:
        count = count + _int(m)
    u = t.mutate(programs=count).mutate(program=names.unnest())
    u = u.filter(u.program.notnull())
    facts = Facts(u, window, tables.wages, columns=built, constants=constants)
    flags: dict = {}
    for i, measure in enumerate(measures):
        den, num, value = measure.conditions(facts)
        flags[f"den_{i}"] = _int(den)
        if num is not None:
            flags[f"num_{i}"] = _int(num)
        else:
            flags[f"val_{i}"] = ibis.ifelse(den, value, ibis.null("int64"))
    # limit(None) adds no LIMIT; it keeps the flags inside the shared step, so that its
    # consumers (per period, the program slice) do not each evaluate them again.
    return u.select("rid", "wkey", "program", "programs", *codes, **flags).limit(None)


def _int(flag: Value) -> Value:
    # PostgreSQL will not cast boolean to bigint; a CASE works everywhere.
    return ibis.ifelse(flag, 1, 0).cast("int64")


def _left_join(t: Table, other: Table) -> Table:
    joined = t.left_join(other, "rid")
    return joined.drop("rid_right") if "rid_right" in joined.columns else joined


def _columns(measures: list[Measure]) -> list[tuple[str, str]]:
    out = []
    for i, m in enumerate(measures):
        out += [(f"den_{i}", "sum"), (f"num_{i}" if m.kind == "rate" else f"val_{i}",
                                      "sum" if m.kind == "rate" else "median")]
    return out


def per_period(units: Table, measures: list[Measure]) -> Table:
    """One row per period (and program year): each measure counted once, with the period's
    dimension codes (the same on each of its units)."""
    codes = [c for c in units.columns if c.startswith("d_")]
    names = [name for name, _how in _columns(measures)]
    # Most periods are in one program: they are already one row. Only the co-enrolled are
    # grouped (grouping every unit costs more than the rest of the query).
    single = units.filter(units.programs == 1).select("rid", "wkey", *codes, *names)
    many = units.filter(units.programs > 1)
    aggs = {c: many[c].max() for c in codes}
    for name, how in _columns(measures):
        if how == "sum":
            aggs[name] = many[name].max()
        else:
            aggs[name] = many[name].max(where=many[name.replace("val_", "den_")] == 1)
    grouped = many.group_by(["rid", "wkey"]).aggregate(**aggs).select("rid", "wkey", *codes,
                                                                      *names)
    return ibis.union(single, grouped, distinct=False)


def _aggregates(table: Table, measures: list[Measure]) -> dict:
    aggs = {}
    for name, how in _columns(measures):
        if how == "sum":
            aggs[name] = table[name].sum()
        else:
            # A value is null unless its unit is counted, so no filter is needed (Spark
            # rejects a filtered percentile).
            aggs[name] = table[name].median()
    return aggs


def slices(units: Table, per: Table, measures: list[Measure], dimensions: list[str],
           kind: str) -> Table:
    """dimension, grp and the den/num (or median) of every measure, per group: one
    grouping per dimension over the rows per period (each a cheap pass on small codes)."""
    order = ["dimension", "grp", *(name for name, _h in _columns(measures))]
    parts = [per.aggregate(**_aggregates(per, measures)).mutate(
        dimension=ibis.literal("all"), grp=ibis.literal("all")).select(order)]
    for code in (c for c in per.columns if c.startswith("d_")):
        grouped = per.group_by(grp=per[code]).aggregate(**_aggregates(per, measures))
        parts.append(grouped.mutate(dimension=ibis.literal(code.removeprefix("d_")),
                                    grp=grouped.grp.cast("string")).select(order))
    if "program" in dimensions:
        grouped = units.group_by(grp=units.program).aggregate(**_aggregates(units, measures))
        parts.append(grouped.mutate(dimension=ibis.literal("program")).select(order))
    if "program_year" in dimensions and kind == "program_year":
        grouped = per.group_by(grp=per.wkey.cast("string")).aggregate(
            **_aggregates(per, measures))
        parts.append(grouped.mutate(dimension=ibis.literal("program_year")).select(order))
    return ibis.union(*parts, distinct=False) if len(parts) > 1 else parts[0]


def tidy_rows(measures: list[Measure], result: pd.DataFrame) -> list[dict]:
    """Rows of the tidy table from one window's engine result (suppression comes later)."""
    rows = []
    for i, measure in enumerate(measures):
        seen_total = False
        for rec in result.itertuples(index=False):
            den = _count(getattr(rec, f"den_{i}"))
            if den == 0 and rec.dimension != "all":
                continue
            label = str(rec.grp) if rec.dimension == "all" else DIMENSIONS[
                rec.dimension].label(str(rec.grp))
            if measure.kind == "rate":
                num = _count(getattr(rec, f"num_{i}"))
                value = (Decimal(num) / Decimal(den)).quantize(RATE_PLACES, ROUND_HALF_UP) \
                    if den else None
            else:
                num = None
                median = getattr(rec, f"val_{i}")
                # Medians of whole cents are exact in floating point (x or x.5 cents).
                value = (Decimal(repr(float(median))) / 100).quantize(CENT, ROUND_HALF_UP) \
                    if den and median is not None and median == median else None
            seen_total |= rec.dimension == "all"
            rows.append({"measure": measure.id, "dimension": rec.dimension, "group": label,
                         "numerator": num, "denominator": den, "value": value,
                         "suppressed": False, "group_order": _group_order(str(rec.grp))})
        if not seen_total:
            rows.append({"measure": measure.id, "dimension": "all", "group": "all",
                         "numerator": 0 if measure.kind == "rate" else None,
                         "denominator": 0, "value": None, "suppressed": False,
                         "group_order": (0, 0, "")})
    return rows


def _count(value) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def _group_order(code: str) -> tuple:
    """Groups in their natural order: codes ascending, unknown and blank last."""
    try:
        number = int(code)
    except ValueError:
        order = PROGRAM_NAMES.index(code) if code in PROGRAM_NAMES else 0
        return (1 if code == "" else 0, order, code)
    return (1 if number == -1 else 0, number, "")


def _order(row: dict) -> tuple:
    return (row["measure_order"], row["dimension"] != "all", row["dimension_order"],
            row["group_order"])


def compute(measures: list[Measure], tables: Tables, window: Window, dimensions: list[str],
            engine: Engine, progress: Callable[[str], None] | None = None) -> pd.DataFrame:
    """The tidy table (unsuppressed) of ``measures``, in the order they were given."""
    kinds: dict[str, list[Measure]] = {}
    for measure in measures:
        kinds.setdefault(measure.window, []).append(measure)
    rows: list[dict] = []
    for kind, group in kinds.items():
        if progress:
            progress(describe(kind, window, group))
        # Everything the expressions depend on, so an engine compiles each one once.
        key = (kind, tuple(repr(m) for m in group), tuple(dimensions), window,
               tables.wages is not None, tables.periods.get_name())
        if engine.stages:
            units = engine.materialize(f"units_{kind}", lambda g=group, k=kind: window_units(
                g, tables, window, k, dimensions), key=("units", *key))
            per = engine.materialize(f"per_{kind}", lambda u=units, g=group: per_period(
                u, g), key=("per", *key))
            result = engine.execute(lambda u=units, p=per, g=group, k=kind: slices(
                u, p, g, dimensions, k), key=("slices", *key))
        else:
            # One query: the database keeps the shared steps (units, per period) itself
            # (DuckDB materializes a common table expression used more than once).
            def whole(g: list[Measure] = group, k: str = kind) -> Table:
                units = window_units(g, tables, window, k, dimensions)
                return slices(units, per_period(units, g), g, dimensions, k)

            result = engine.execute(whole, key=("window", *key))
        rows += tidy_rows(group, result)
    position = {m.id: i for i, m in enumerate(measures)}
    dim_position = {d: i for i, d in enumerate(dimensions)}
    for row in rows:
        row["measure_order"] = position[row["measure"]]
        row["dimension_order"] = dim_position.get(row["dimension"], -1)
    rows.sort(key=_order)
    return pd.DataFrame(rows, columns=TIDY_COLUMNS)


def describe(kind: str, window: Window, measures: list[Measure]) -> str:
    """What one step of a run computes (for the progress display)."""
    ids = ", ".join(m.id for m in measures)
    if kind == "program_year":
        years = window.program_years()
        span = f"PY{years[0][0]}" if len(years) == 1 else f"PY{years[0][0]}-PY{years[-1][0]}"
        return f"program year {span}: {ids}"
    label = "exit window" if kind == "exit" else "participation window"
    return f"{label} {window.start:%Y-%m-%d} to {window.end:%Y-%m-%d}: {ids}"
