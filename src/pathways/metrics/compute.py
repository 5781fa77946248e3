"""Run measure definitions on an engine: one staged pipeline per kind of time window.

For each window kind (exit, program year, active): one row per period (and program year
for skill gains) with its facts, dimension codes, programs and every measure's flags as
columns; then one query that aggregates every requested slice of every measure at once.
Engines return integers (counts) and medians of whole cents only; the last division happens
here, in Decimal, so every engine agrees to the cent.

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
import sqlglot.expressions as sge
from ibis.expr.types import Table, Value

from pathways.core.quarters import quarter_index
from pathways.metrics.definitions import Measure
from pathways.metrics.derive import PROGRAM_NAMES, derived, is_member, next_level_entry, quarter
from pathways.metrics.dimensions import DIMENSIONS, dimension_codes
from pathways.metrics.engines import Engine
from pathways.metrics.facts import Facts, Window, needs_of, wage_summary
from pathways.metrics.logic import any_of
from pathways.metrics.specialise import Reading, readings

TIDY_COLUMNS = ["measure", "dimension", "group", "numerator", "denominator", "value",
                "suppressed"]
CENT = Decimal("0.01")
RATE_PLACES = Decimal("0.0001")
UNIT_DIMENSIONS = ("program", "program_year")
# The rows per period where they are a common table expression, not a table of their own.
PER = "pathways_per"


@dataclass
class Tables:
    """The engine's tables for one run."""

    periods: Table  # read_pirl's typed columns plus rid
    wages: Table | None = None  # person, q, employer, cents


def period_flags(measures: list[Measure], tables: Tables, window: Window, kind: str,
                 dimensions: list[str] = ()) -> Table:
    """One row per period (per period and program year for skill gains): wkey, the
    dimension codes (``d_<name>``), the programs it is in (``m_<program>``) and each
    measure's den/num/val columns, the period counted once. With the program slice, also
    each reading's own columns (``r<i>_<j>_den`` ...; see ``specialise.readings``)."""
    needs = needs_of(set().union(*(m.names() for m in measures)))
    par = window.params
    t = _in_window(derived(tables.periods), window, kind)
    has_wages = tables.wages is not None
    if has_wages and (needs.wages or needs.same_employer):
        reach = (quarter_index(window.start), quarter_index(window.end)) \
            if kind == "exit" else None
        # The wage summary's own narrow copy of the periods: sharing ``t`` would make the
        # database keep every column of it aside for two readers.
        p = _in_window(tables.periods, window, kind)
        p = p.select("rid", "e100", entry_q=quarter(p.e900), exit_q=quarter(p.e901))
        t = _left_join(t, wage_summary(p, tables.wages, needs, par["as_of_q"], reach))
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
    # Every row of an exit window has exited: say so, and the database folds it away.
    constants = {"exited": True} if kind == "exit" else {}
    facts = Facts(t, window, tables.wages, constants=constants)
    built = sorted(needs.facts - set(constants))
    members = {f"m_{name}": is_member(t, name) for name in PROGRAM_NAMES}
    # The facts are a select of their own, so the flags that read them do not each
    # evaluate them again: ``Engine.sql`` compiles without merging selects.
    t = t.mutate(**{name: facts[name] for name in built}, **members)
    plan = _plan(measures)
    t, eligible = _eligibility(t, [r for _m, rs in plan for r in rs])
    flags = _flags(t, plan, eligible, Facts(t, window, tables.wages, columns=built,
                                            constants=constants),
                   by_program="program" in dimensions)
    t = t.mutate(**flags)
    if kind == "program_year":
        # A unit in no denominator adds nothing to any slice, and most program years of a
        # period are outside education: leave them out before their codes are worked out.
        # (Most exiters are counted somewhere: there the test would cost more than it saves.)
        t = t.filter(any_of([t[f"den_{i}"] == 1 for i in range(len(measures))],
                            never_unknown=True))
    codes = dimension_codes(t, [d for d in dimensions if d not in UNIT_DIMENSIONS])
    # Group codes are small numbers (a running quarter is about 8,100): two bytes each.
    codes = {name: code.cast("int16") if code.type().is_integer() else code
             for name, code in codes.items()}
    return t.mutate(**codes).select("wkey", *codes, *members, *flags)


def _flags(t: Table, plan: list[tuple[Measure, list[Reading]]], eligible: dict,
           facts: Facts, by_program: bool) -> dict[str, Value]:
    """Each measure's den/num/val for the period: some reading of a program the period
    is in counts it; with the program slice, also each reading's own flags before exit
    reasons (each program then leaves out its own)."""
    flags: dict[str, Value] = {}
    for i, (measure, rs) in enumerate(plan):
        dens, nums, values = [], [], []
        for j, reading in enumerate(rs):
            f = Facts(t, facts.window, facts.wages, columns=facts.columns,
                      constants=facts.constants, program=reading.programs[0])
            den, num, value = reading.measure.conditions(f)
            counted = t[eligible[reading.exclusions]]
            dens.append(counted & den)
            if num is not None:
                nums.append(counted & num)
            values.append((reading.measure.value, counted & den, value))
            if by_program:
                flags[f"r{i}_{j}_den"] = _int(den)
                if num is not None:
                    flags[f"r{i}_{j}_num"] = _int(num)
                else:
                    flags[f"r{i}_{j}_val"] = ibis.ifelse(den, value, ibis.null("int64"))
        flags[f"den_{i}"] = _int(any_of(dens))
        if measure.kind == "rate":
            flags[f"num_{i}"] = _int(any_of(nums))
        elif len({text for text, _d, _v in values}) == 1:
            flags[f"val_{i}"] = ibis.ifelse(any_of(dens), values[0][2], ibis.null("int64"))
        else:
            # Readings that value the unit differently: the largest value among the
            # readings that count it.
            flags[f"val_{i}"] = ibis.greatest(*[ibis.ifelse(d, v, ibis.null("int64"))
                                                for _t, d, v in values])
    if by_program:
        flags["reason"] = t.excluded_reason.cast("int8")
    return flags


def _in_window(t: Table, window: Window, kind: str) -> Table:
    """The periods a window of ``kind`` reads."""
    par = window.params
    if kind == "exit":
        return t.filter(Facts(t, window)["exited"])
    if kind == "active":
        return t.filter((t.e900 <= par["window_end"])
                        & (t.e901.isnull() | (t.e901 >= par["window_start"])))
    years = window.program_years()
    return t.filter((t.e900 <= years[-1][2]) & (t.e901.isnull() | (t.e901 >= years[0][1])))


def _eligibility(t: Table, all_readings: list[Reading]) -> tuple[Table, dict]:
    """``t`` with a column per distinct way readings leave units out: the period is in one
    of the reading's programs whose exit reasons do not exclude it. Measures mostly share
    these, so each is worked out once per period."""
    names: dict[tuple, str] = {}
    columns = {}
    for reading in all_readings:
        if reading.exclusions in names:
            continue
        names[reading.exclusions] = name = f"k_{len(names)}"
        by_codes: dict[tuple[int, ...], list[str]] = {}
        for program, codes in reading.exclusions:
            by_codes.setdefault(codes, []).append(program)
        parts = []
        for codes, programs in by_codes.items():
            # Membership flags and exit reasons are never unknown (derive, facts).
            inside = any_of([t[f"m_{p}"] for p in programs], never_unknown=True)
            parts.append(inside & ~t.excluded_reason.isin(codes) if codes else inside)
        columns[name] = any_of(parts, never_unknown=True)
    return t.mutate(**columns), names




def _int(flag: Value) -> Value:
    # PostgreSQL will not cast boolean to an integer type; a CASE works everywhere. One
    # byte: the rows per period are wide, and the database writes them once and reads
    # them for every slice.
    return ibis.ifelse(flag, 1, 0).cast("int8")


def _left_join(t: Table, other: Table) -> Table:
    joined = t.left_join(other, "rid")
    return joined.drop("rid_right") if "rid_right" in joined.columns else joined


def _columns(measures: list[Measure]) -> list[tuple[str, str]]:
    out = []
    for i, m in enumerate(measures):
        out += [(f"den_{i}", "sum"), (f"num_{i}" if m.kind == "rate" else f"val_{i}",
                                      "sum" if m.kind == "rate" else "median")]
    return out


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


def _plan(measures: list[Measure]) -> list[tuple[Measure, list[Reading]]]:
    """Each measure with its readings (worked out once per expression built)."""
    return [(measure, readings(measure)) for measure in measures]


def _program_part(per: Table, plan: list[tuple[Measure, list[Reading]]], program: str,
                  order: list[str]) -> Table:
    """The program slice's row for ``program``: its periods, each measure read as that
    program reads it, less the exit reasons that program leaves out."""
    rows = per.filter(per[f"m_{program}"])
    aggs, missing = {}, {}
    for i, (measure, rs) in enumerate(plan):
        found = [(j, r) for j, r in enumerate(rs) if program in r.programs]
        second = f"num_{i}" if measure.kind == "rate" else f"val_{i}"
        if not found:
            missing[f"den_{i}"] = ibis.literal(0, "int64")
            missing[second] = ibis.literal(0, "int64") if measure.kind == "rate" \
                else ibis.null("float64")
            continue
        j, reading = found[0]
        codes = reading.excluded(program)
        left_out = rows.reason.isin(codes) if codes else ibis.literal(False)
        aggs[f"den_{i}"] = ibis.ifelse(left_out, 0, rows[f"r{i}_{j}_den"]).sum()
        if measure.kind == "rate":
            aggs[second] = ibis.ifelse(left_out, 0, rows[f"r{i}_{j}_num"]).sum()
        else:
            aggs[second] = ibis.ifelse(left_out, ibis.null("int64"),
                                       rows[f"r{i}_{j}_val"]).median()
    part = rows.aggregate(**aggs) if aggs else rows.aggregate(n=rows.wkey.count())
    return part.mutate(dimension=ibis.literal("program"), grp=ibis.literal(program),
                       **missing).select(order)


def slices(engine: Engine, per: Table, measures: list[Measure], dimensions: list[str],
           kind: str) -> sge.Query:
    """dimension, grp and the den/num (or median) of every measure, per group.

    The total and every coded dimension are one aggregate with grouping sets: one pass over
    the rows per period instead of one per dimension, and one aggregate for ibis to
    compile instead of thirty. ibis has no grouping sets, so they are added to the
    aggregate it compiles (its sums and medians are each engine's own). The program slice
    reads each program's own flags, so its parts stay a union of their own.
    """
    order = ["dimension", "grp", *(name for name, _h in _columns(measures))]
    keys = [(c.removeprefix("d_"), c) for c in per.columns if c.startswith("d_")]
    if "program_year" in dimensions and kind == "program_year":
        keys.append(("program_year", "wkey"))
    query = _grouping_sets(engine.compile(per.aggregate(**_aggregates(per, measures))), keys)
    if "program" not in dimensions:
        return query
    plan = _plan(measures)
    parts = ibis.union(*[_program_part(per, plan, name, order) for name in PROGRAM_NAMES],
                       distinct=False)
    # A subquery, because ibis may give the parts common table expressions of their own.
    programs = sge.select("*").from_(engine.compile(parts).subquery("program_slice"))
    return sge.union(query, programs, distinct=False)


def _grouping_sets(query: sge.Query, keys: list[tuple[str, str]]) -> sge.Select:
    """``query`` (one aggregate over the rows per period) for the total and each of
    ``keys`` (dimension, column) at once, with the dimension and group of each row first."""
    if not isinstance(query, sge.Select) or query.args.get("group") or \
            not query.args.get("from"):
        raise TypeError(f"expected one ungrouped aggregate, not {query.sql()[:200]}")
    source = query.args["from"].this.alias_or_name

    def column(name: str) -> sge.Column:
        return sge.column(name, table=source, quoted=True)

    dimension, group = sge.Case(), sge.Case()
    for label, name in keys:
        # GROUPING tells which set a row is from, also where a code is itself null.
        grouped = sge.EQ(this=sge.Grouping(expressions=[column(name)]),
                         expression=sge.Literal.number(0))
        dimension = dimension.when(grouped, sge.Literal.string(label), copy=False)
        group = group.when(grouped.copy(), sge.cast(column(name), "text"), copy=False)
    total = sge.Literal.string("all")
    query.set("expressions", [
        (dimension.else_(total.copy(), copy=False) if keys else total.copy()).as_("dimension"),
        (group.else_(total.copy(), copy=False) if keys else total.copy()).as_("grp"),
        *query.expressions])
    if keys:
        sets = [sge.Paren(this=column(name)) for _label, name in keys] + [sge.Tuple()]
        query.set("group", sge.Group(grouping_sets=[sge.GroupingSets(expressions=sets)]))
    return query


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
                # Medians of whole cents (or days) are exact in floating point (x or x.5).
                scale = 100 if measure.unit == "dollars" else 1
                value = (Decimal(repr(float(median))) / scale).quantize(CENT, ROUND_HALF_UP) \
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
    pending: list[tuple[list[Measure], str]] = []  # (measures, compiled SQL)
    described = [describe(kind, window, group) for kind, group in kinds.items()]
    for step, (kind, group) in enumerate(kinds.items()):
        if progress:
            # One message per window. Where the windows run together (below), the last
            # message stands while they all run, so it names them all.
            last = step == len(described) - 1 and not engine.stages and step > 0
            progress("computing " + "; ".join(described) if last else described[step])
        # Everything the expressions depend on, so an engine compiles each one once.
        key = (kind, tuple(repr(m) for m in group), tuple(dimensions), window,
               tables.wages is not None, tables.periods.get_name())
        if engine.stages:
            per = engine.materialize(f"per_{kind}", lambda g=group, k=kind: period_flags(
                g, tables, window, k, dimensions), key=("per", *key))
            result = engine.execute(lambda p=per, g=group, k=kind: slices(
                engine, p, g, dimensions, k), key=("slices", *key))
            rows += tidy_rows(group, result)
        else:
            # One query: DuckDB keeps the rows per period (a common table expression used
            # more than once) itself; measured as fast as a table of their own, or faster.
            # The windows' queries are compiled here and run together below.
            def whole(g: list[Measure] = group, k: str = kind) -> sge.Query:
                flags = period_flags(g, tables, window, k, dimensions)
                query = slices(engine, ibis.table(flags.schema(), name=PER), g, dimensions, k)
                return query.with_(PER, as_=engine.compile(flags), copy=False)

            pending.append((group, engine.sql(whole, key=("window", *key))))
    results = engine.fetch_all([sql for _group, sql in pending])
    for (group, _sql), result in zip(pending, results, strict=True):
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
