"""Facts per unit of a measure, as one ibis table: the vocabulary measure definitions use.

A unit is a period of participation in one program (``rid``, ``program``), and for skill
gains also one program year (``wkey``). Facts resolve what is known *as of* a date: the
PIRL outcome elements when given, UI wage records for blank ones, and the two-quarter lag
after which still-missing wages count as not employed. docs/measures.md lists every fact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import ibis
import pyarrow as pa
from ibis.expr.types import BooleanValue, IntegerValue, Table

from pathways.core.quarters import program_year_bounds, program_years_between, quarter_index

LAG_QUARTERS = 2  # UI wage records for a quarter are complete two quarters after it ends
CREDENTIAL_SLOTS = (("e1800", "e1801"), ("e1802", "e1803"), ("e1804", "e1805"))
POSTSECONDARY_CREDENTIALS = (2, 3, 4, 5, 6, 7)
SECONDARY_CREDENTIAL = 1


def ymd(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


@dataclass(frozen=True)
class Window:
    """The reporting period and the date that fixes what "has passed"."""

    start: dt.date
    end: dt.date
    as_of: dt.date

    @property
    def params(self) -> dict[str, int]:
        return {"window_start": ymd(self.start), "window_end": ymd(self.end),
                "as_of": ymd(self.as_of), "as_of_q": quarter_index(self.as_of)}

    def program_years(self) -> list[tuple[int, int, int]]:
        """(program year, first day, last day) for each PY the window overlaps."""
        out = []
        for py in program_years_between(self.start, self.end):
            first, last = program_year_bounds(py)
            out.append((py, ymd(first), ymd(last)))
        return out


def _any(conditions: list[BooleanValue]) -> BooleanValue:
    result = conditions[0]
    for condition in conditions[1:]:
        result = result | condition
    return result


def _known(value: IntegerValue, codes: tuple[int, ...] = (0, 1)) -> IntegerValue:
    return ibis.ifelse(value.isin(codes), value, ibis.null("int64"))


def wage_outcomes(periods: Table, wages: Table, as_of_q: int) -> Table:
    """Per period: total wages in quarters 1-4 after exit and same-employer Q2/Q4 (0/1).

    Only quarters that have ended by the as-of date are read.
    """
    p = periods.select("rid", "e100", "exit_q").filter(periods.exit_q.notnull())
    totals = wages.group_by(["person", "q"]).aggregate(total=wages.cents.sum())
    joined = p.join(totals, [p.e100 == totals.person, totals.q > p.exit_q,
                             totals.q <= p.exit_q + 4, totals.q < as_of_q])
    quarters = joined.group_by("rid").aggregate(**{
        f"w{k}": joined.total.max(where=joined.q == joined.exit_q + k) for k in range(1, 5)})
    paid = wages.filter(wages.cents > 0)
    j = p.join(paid, [p.e100 == paid.person, paid.q < as_of_q,
                      (paid.q == p.exit_q + 2) | (paid.q == p.exit_q + 4)])
    per_employer = j.group_by(["rid", "employer"]).aggregate(n=j.q.nunique())
    same = per_employer.group_by("rid").aggregate(
        same=ibis.ifelse(per_employer.n.max() >= 2, 1, 0))
    out = quarters.join(same, "rid", how="outer")
    return out.select(rid=ibis.coalesce(out.rid, out.rid_right),
                      w1=out.w1, w2=out.w2, w3=out.w3, w4=out.w4, same=out.same)


def unit_table(periods: Table, programs: Table, wages: Table | None, window: Window,
               kind: str) -> Table:
    """The facts of every unit for a measure whose time window is ``kind``.

    ``exit``: periods with an exit date in the window; ``program_year``: period x program
    year for each PY the window overlaps; ``active``: periods that overlap the window.
    """
    par = window.params
    t = periods.join(programs, "rid")
    if wages is not None:
        w = wage_outcomes(periods, wages, par["as_of_q"])
        t = t.left_join(w, t.rid == w.rid).drop("rid_right")
    if kind == "program_year":
        pys = window.program_years()
        years = ibis.memtable(pa.table({"wkey": pa.array([y[0] for y in pys], pa.int64()),
                                        "py_start": pa.array([y[1] for y in pys], pa.int64()),
                                        "py_end": pa.array([y[2] for y in pys], pa.int64())}))
        t = t.cross_join(years)
    else:
        t = t.mutate(wkey=ibis.literal(0, "int64"), py_start=ibis.literal(par["window_start"]),
                     py_end=ibis.literal(par["window_end"]))
    t = t.mutate(as_of=ibis.literal(par["as_of"]), window_start=ibis.literal(par["window_start"]),
                 window_end=ibis.literal(par["window_end"]))
    t = t.mutate(**_facts(t, par, wages is not None))
    if kind == "exit":
        t = t.filter(t.exited)
    elif kind == "active":
        t = t.filter((t.e900 <= par["window_end"])
                     & (t.e901.isnull() | (t.e901 >= par["window_start"])))
    return t


def _facts(t: Table, par: dict[str, int], has_wages: bool) -> dict[str, object]:
    as_of, as_of_q = par["as_of"], par["as_of_q"]
    f: dict[str, object] = {}
    # An exit is known once 90 days have passed without service.
    f["exited"] = (t.e901.notnull() & t.e901.between(par["window_start"], par["window_end"])
                   & (t.exit_plus_90 <= as_of)).fill_null(False)
    emp = {}
    for k, element in zip(range(1, 5), ("e1600", "e1602", "e1604", "e1606"), strict=True):
        lag_passed = (as_of_q > t.exit_q + k + LAG_QUARTERS).fill_null(False)
        cases = [(_known(t[element]).notnull(), t[element])]
        if has_wages:
            cases.append(((t[f"w{k}"] > 0).fill_null(False), ibis.literal(1)))
        cases.append((lag_passed, ibis.literal(0)))
        emp[k] = ibis.cases(*cases, else_=ibis.null("int64")).cast("int64")
        f[f"emp_q{k}"] = emp[k]
    earn = t.e1704
    if has_wages:
        earn = ibis.coalesce(earn, ibis.ifelse(t.w2 > 0, t.w2, ibis.null("int64")))
    f["earn_q2"] = earn.cast("int64")
    lag4 = (as_of_q > t.exit_q + 4 + LAG_QUARTERS).fill_null(False)
    same = [(t.e1618.notnull(), t.e1618)]
    if has_wages:
        same.append(((t.same == 1).fill_null(False), ibis.literal(1)))
    same.append((lag4, ibis.literal(0)))
    f["same_employer"] = ibis.cases(*same, else_=ibis.null("int64")).cast("int64")
    f["placement_q2"] = t.e1900.fill_null(0)
    f["placement_q4"] = t.e1901.fill_null(0)

    f["credential_training"] = (
        ((t.e1300 == 1) & (t.ojt_custom_only == 0)) | (t.e1332 == 1)
        | ((t.e1401 == 1) & (t.diploma_at_entry == 0))).fill_null(False)
    f["one_year_passed"] = (t.exit_1y < as_of).fill_null(False)

    def credential(types: tuple[int, ...]) -> BooleanValue:
        return _any([(t[kind].isin(types) & t[day].between(t.e900, t.exit_1y)).fill_null(False)
                     for kind, day in CREDENTIAL_SLOTS])

    f["postsecondary_credential"] = credential(POSTSECONDARY_CREDENTIALS)
    f["secondary_credential"] = credential((SECONDARY_CREDENTIAL,))
    f["employed_within_year"] = _any([(emp[k] == 1).fill_null(False) for k in range(1, 5)])
    f["enrolled_after_exit"] = t.e1406.between(t.e901, t.exit_1y).fill_null(False)

    def gained(day: IntegerValue) -> BooleanValue:
        return (day.between(t.py_start, t.py_end) & (day >= t.e900) & (day <= as_of)
                ).fill_null(False)

    # A participant in the program year (entry .. exit overlaps it) whose education or
    # training overlaps it too.
    f["in_education"] = (t.e1811.notnull() & (t.e1811 <= t.py_end) & (t.e1811 <= as_of)
                         & (t.e1813.isnull() | (t.e1813 >= t.py_start))
                         & (t.e900 <= t.py_end)
                         & (t.e901.isnull() | (t.e901 >= t.py_start))).fill_null(False)
    f["gain_efl"] = gained(t.e1806)
    f["gain_diploma"] = _any([(t[kind] == SECONDARY_CREDENTIAL).fill_null(False) & gained(t[day])
                              for kind, day in CREDENTIAL_SLOTS])
    f["gain_transcript"] = gained(t.e1807) | gained(t.e1808)
    f["gain_milestone"] = gained(t.e1809)
    f["gain_skills"] = gained(t.e1810)
    # PIRL 923 is a reason for exit: it means nothing for a period that has not exited.
    f["excluded_reason"] = ibis.ifelse(t.e901.notnull(), t.e923.fill_null(0), 0)
    return f
