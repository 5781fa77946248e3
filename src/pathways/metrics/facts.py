"""Facts: the vocabulary measure definitions are written in, resolved for one unit.

A unit is a period of participation in one program (``rid``, ``program``), and for skill
gains also one program year (``wkey``). Facts say what is known *as of* a date: the PIRL
outcome elements when given, UI wage records for blank ones, and the two-quarter lag after
which still-missing wages count as not employed. Each fact names the facts and the wage
quarters it needs, so a run builds only what its measures use. docs/measures.md lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ibis
import ibis.expr.operations as ops
from ibis.expr.types import BooleanValue, Table, Value

from pathways.core.quarters import program_year_bounds, program_years_between, quarter_index
from pathways.metrics.derive import day_number, quarter_end
from pathways.metrics.logic import any_of

LAG_QUARTERS = 2  # UI wage records for a quarter are complete two quarters after it ends
EXIT_KNOWN_DAYS = 90  # an exit is known once 90 days pass with no service
CREDENTIAL_SLOTS = (("e1800", "e1801"), ("e1802", "e1803"), ("e1804", "e1805"))
POSTSECONDARY_CREDENTIALS = (2, 3, 4, 5, 6, 7)
SECONDARY_CREDENTIAL = 1
EMPLOYED = {1: "e1600", 2: "e1602", 3: "e1604", 4: "e1606"}
PRE_WAGES = {1: "e1702", 2: "e1701", 3: "e1700"}  # quarters before the entry quarter


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
                "as_of": ymd(self.as_of), "as_of_q": quarter_index(self.as_of),
                "exit_known_by": ymd(self.as_of - dt.timedelta(days=EXIT_KNOWN_DAYS))}

    def program_years(self) -> list[tuple[int, int, int]]:
        """(program year, first day, last day) for each PY the window overlaps."""
        out = []
        for py in program_years_between(self.start, self.end):
            first, last = program_year_bounds(py)
            out.append((py, ymd(first), ymd(last)))
        return out


@dataclass(frozen=True)
class Fact:
    name: str
    description: str
    build: Callable[[Facts], Value]
    needs: tuple[str, ...] = ()
    wages: tuple[int, ...] = ()  # quarters after exit (1..4) or before entry (-1..-3)
    same_employer: bool = False
    pathway_join: bool = False
    nullable: bool = True  # False: never unknown (the fact fills its own blanks)


class Facts:
    """Fact expressions over one unit table, built once each."""

    def __init__(self, t: Table, window: Window, wages: Table | None = None,
                 columns: Iterable[str] = (), program: str | None = None,
                 constants: dict[str, object] | None = None):
        self.t, self.window, self.wages = t, window, wages
        self.program = program  # the unit's program, when it is fixed
        self.constants = constants or {}  # facts known for every row (exited, after a filter)
        self.has_wages = wages is not None
        self.par = window.params
        self._built: dict[str, Value] = {}
        self.columns = set(columns)  # facts already computed as columns of ``t``

    def nullable(self, name: str) -> bool:
        """Can the value of ``name`` be unknown for some unit?"""
        if name == "program" or name in self.constants or name in PARAMETERS \
                or name in self.par or name in NEVER_NULL_COLUMNS:
            return False
        return FACTS[name].nullable if name in FACTS else True

    def wages_from_q(self) -> Value:
        """The first quarter the wage file covers (a scalar subquery, not a constant, so
        the compiled query does not depend on the data)."""
        assert self.wages is not None
        return self.wages.q.min()

    def __getitem__(self, name: str) -> Value:
        if name in self._built:
            return self._built[name]
        if name == "program" and self.program is not None:
            value = ibis.literal(self.program)
        elif name in self.constants:
            value = ibis.literal(self.constants[name])
        elif name in self.columns:
            value = self.t[name]
        elif name in FACTS:
            value = FACTS[name].build(self)
        elif name in self.par:
            value = ibis.literal(self.par[name])
        else:
            value = self.t[name]
        self._built[name] = value
        return value




def _employed(k: int) -> Callable[[Facts], Value]:
    def build(f: Facts) -> Value:
        t = f.t
        cases = [(t[EMPLOYED[k]].isin([0, 1]).fill_null(False), t[EMPLOYED[k]])]
        if f.has_wages:
            cases.append(((t[f"w{k}"] > 0).fill_null(False), ibis.literal(1)))
        lag_passed = (f.par["as_of_q"] > t.exit_q + k + LAG_QUARTERS).fill_null(False)
        cases.append((lag_passed, ibis.literal(0)))
        return ibis.cases(*cases, else_=ibis.null("int64")).cast("int64")
    return build


def _earn_q2(f: Facts) -> Value:
    t = f.t
    pirl = ibis.ifelse((t.e1603 == 9).fill_null(False), ibis.null("int64"), t.e1704)
    if f.has_wages:
        pirl = ibis.coalesce(pirl, ibis.ifelse(t.w2 > 0, t.w2, ibis.null("int64")))
    return pirl.cast("int64")


def _same_employer(f: Facts) -> Value:
    t = f.t
    cases = [(t.e1618.notnull(), t.e1618)]
    if f.has_wages:
        cases.append(((t.same == 1).fill_null(False), ibis.literal(1)))
    cases.append(((f["emp_q4"] == 0).fill_null(False), ibis.literal(0)))
    lag4 = (f.par["as_of_q"] > t.exit_q + 4 + LAG_QUARTERS).fill_null(False)
    cases.append((lag4, ibis.literal(0)))
    return ibis.cases(*cases, else_=ibis.null("int64")).cast("int64")


def _pre_wage(f: Facts) -> Value:
    t = f.t
    quarters = []
    for k, element in PRE_WAGES.items():
        value = t[element]
        if f.has_wages:
            # A quarter before the wage file starts, or still inside its lag, is unknown.
            q = t.entry_q - k
            readable = (q >= f.wages_from_q()) & (q + LAG_QUARTERS < f.par["as_of_q"])
            value = ibis.coalesce(value, ibis.ifelse(readable, t[f"pre{k}"].fill_null(0),
                                                     ibis.null("int64")))
        quarters.append(value)
    a, b, c = quarters
    return ibis.ifelse(a.notnull() & b.notnull() & c.notnull(), (a + b + c) // 3,
                       ibis.null("int64")).cast("int64")


def _credential(types: tuple[int, ...]) -> Callable[[Facts], Value]:
    def build(f: Facts) -> Value:
        t = f.t
        return any_of([(t[kind].isin(types) & t[day].between(t.e900, t.exit_1y))
                     for kind, day in CREDENTIAL_SLOTS])
    return build


def _gained(f: Facts, day: Value) -> BooleanValue:
    t = f.t
    return (day.between(f["py_start"], f["py_end"]) & (day >= t.e900)
            & (day <= f.par["as_of"])).fill_null(False)


def _py(bound: str) -> Callable[[Facts], Value]:
    def build(f: Facts) -> Value:
        if bound in f.t.columns:
            return f.t[bound]
        return ibis.literal(f.par["window_start" if bound == "py_start" else "window_end"])
    return build


def _in_education(f: Facts) -> Value:
    t, start, end = f.t, f["py_start"], f["py_end"]
    # Participating in the program year (entry .. exit overlaps it) and in education or
    # training (1811 .. 1813, blank = still enrolled) that overlaps it too.
    return (t.e1811.notnull() & (t.e1811 <= end) & (t.e1811 <= f.par["as_of"])
            & (t.e1813.isnull() | (t.e1813 >= start))
            & (t.e900 <= end) & (t.e901.isnull() | (t.e901 >= start))).fill_null(False)


def _excluded_reason(f: Facts) -> Value:
    t = f.t
    # PIRL 923 is a reason for exit: it means nothing before the period has exited.
    exited = (t.e901.notnull() & (t.e901 <= f["py_end"])).fill_null(False)
    return ibis.ifelse(exited, t.e923.fill_null(0), 0).cast("int64")


def _placed_after_exit(f: Facts) -> BooleanValue:
    # WIOA Sec. 116(b)(2)(A)(iii): the diploma counts with enrolment toward a postsecondary
    # credential "within 1 year after exit"; a placement counts when its quarter ends in it.
    def placed(fact: str, k: int) -> BooleanValue:
        return (f[fact].isin([1, 2])
                & (quarter_end(f.t.exit_q + k) <= f.t.exit_1y)).fill_null(False)
    return placed("placement_q2", 2) | placed("placement_q4", 4)


def _days_since_entry(f: Facts, day: Value) -> Value:
    """Days from entry (900) to ``day``; unknown when ``day`` is, or is before entry or
    after the as-of date (a date not yet reached is no milestone)."""
    t = f.t
    reached = (day >= t.e900) & (day <= f.par["as_of"])
    return ibis.ifelse(reached.fill_null(False), day_number(day) - day_number(t.e900),
                       ibis.null("int64")).cast("int64")


def _first_credential_day(f: Facts) -> Value:
    """The earliest date of a recognized postsecondary credential (types 2-7) dated from
    entry to one year after exit; unknown when there is none."""
    t = f.t
    # LEAST passes over unknowns in every engine (as GREATEST does for compute's values).
    # Folding the slots one CASE into the next instead repeated each earlier slot in every
    # later one: 38 KB of SQL once the day numbers are worked out.
    return ibis.least(*[ibis.ifelse((t[kind].isin(POSTSECONDARY_CREDENTIALS)
                                     & t[day].between(t.e900, t.exit_1y)).fill_null(False),
                                    t[day], ibis.null("int64"))
                        for kind, day in CREDENTIAL_SLOTS])


def _f(name: str, description: str, build: Callable[[Facts], Value], needs: Iterable[str] = (),
       wages: Iterable[int] = (), same_employer: bool = False, pathway_join: bool = False
       ) -> Fact:
    return Fact(name, description, build, tuple(needs), tuple(wages), same_employer,
                pathway_join, nullable=name not in NEVER_NULL_FACTS)


# Facts that fill their own blanks (booleans, codes with a default) are never unknown.
NEVER_NULL_FACTS = {
    "exited", "placement_q2", "placement_q4", "credential_training", "one_year_passed",
    "postsecondary_credential", "secondary_credential", "employed_within_year",
    "enrolled_after_exit", "placed_after_exit", "py_start", "py_end", "in_education",
    "gain_efl", "gain_diploma",
    "gain_transcript", "gain_milestone", "gain_skills", "excluded_reason",
    "moved_up_within_year", "in_postsecondary", "first_credit_bearing"}
NEVER_NULL_COLUMNS = {"wkey", "ojt_custom_only", "iet", "diploma_at_entry", "rid",
                      "entry_q"}


_LIST = [
    _f("exited", "the exit date is in the reporting period and 90 days have passed since it "
       "by the as-of date", lambda f: (f.t.e901.notnull()
                                       & f.t.e901.between(f.par["window_start"],
                                                          f.par["window_end"])
                                       & (f.t.e901 <= f.par["exit_known_by"])
                                       ).fill_null(False)),
    *[_f(f"emp_q{k}", f"employed in the {o} quarter after the exit quarter: PIRL "
         f"{EMPLOYED[k][1:]} (0/1), else UI wages (any wages > 0), else 0 once the "
         "two-quarter lag has passed, else unknown (pending)", _employed(k), wages=[k])
      for k, o in ((1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"))],
    _f("earn_q2", "earnings in the 2nd quarter after exit, cents: PIRL 1704 (not all 9s; "
       "not when 1603 = 9), else the UI wages of that quarter when above 0", _earn_q2,
       wages=[2]),
    _f("same_employer", "the same employer (FEIN or UI account) paid wages in the 2nd and the "
       "4th quarter after exit: PIRL 1618, else UI wages; 0 when not employed in Q4 or once "
       "the lag after Q4 has passed; else unknown", _same_employer, needs=["emp_q4"],
       wages=[4], same_employer=True),
    _f("placement_q2", "youth education or training placement Q2 after exit (PIRL 1900; "
       "blank = 0)", lambda f: f.t.e1900.fill_null(0)),
    _f("placement_q4", "youth education or training placement Q4 after exit (PIRL 1901; "
       "blank = 0)", lambda f: f.t.e1901.fill_null(0)),
    _f("credential_training", "in education or training for the credential indicator: "
       "training (1300) that is not OJT-only or customized-only, postsecondary education "
       "(1332), or secondary education (1401) without a diploma at entry (408)",
       lambda f: (((f.t.e1300 == 1) & (f.t.ojt_custom_only == 0)) | (f.t.e1332 == 1)
                  | ((f.t.e1401 == 1) & (f.t.diploma_at_entry == 0))).fill_null(False)),
    _f("one_year_passed", "the as-of date is after the day one year after exit",
       lambda f: (f.t.exit_1y < f.par["as_of"]).fill_null(False)),
    _f("postsecondary_credential", "a recognized credential of type 2-7 dated from entry to "
       "one year after exit", _credential(POSTSECONDARY_CREDENTIALS)),
    _f("secondary_credential", "a secondary diploma or equivalency (type 1) dated from entry "
       "to one year after exit", _credential((SECONDARY_CREDENTIAL,))),
    _f("employed_within_year", "employed in any of the 4 quarters after the exit quarter",
       lambda f: any_of([f[f"emp_q{k}"] == 1 for k in range(1, 5)]),
       needs=[f"emp_q{k}" for k in range(1, 5)]),
    _f("enrolled_after_exit", "enrolled in education or training leading to a recognized "
       "postsecondary credential (1406) from exit to one year after",
       lambda f: f.t.e1406.between(f.t.e901, f.t.exit_1y).fill_null(False)),
    _f("placed_after_exit", "youth placement in occupational skills training or "
       "postsecondary education (1900 or 1901 in 1, 2) in a quarter after exit that ends "
       "within the year after exit (Q2 always does; Q4 only for an exit on its quarter's "
       "last day)", _placed_after_exit, needs=["placement_q2", "placement_q4"]),
    _f("py_start", "first day of the unit's program year (skill gains), else of the "
       "reporting period", _py("py_start")),
    _f("py_end", "last day of the unit's program year (skill gains), else of the reporting "
       "period", _py("py_end")),
    _f("in_education", "participating (900 .. 901) and in education or training "
       "(1811 .. 1813, blank = still enrolled), both overlapping the unit's program year; "
       "enrolled by the as-of date", _in_education, needs=["py_start", "py_end"]),
    _f("gain_efl", "educational functioning level gain (1806) dated in the program year, "
       "during participation", lambda f: _gained(f, f.t.e1806), needs=["py_start", "py_end"]),
    _f("gain_diploma", "secondary diploma or equivalency (credential type 1) dated in the "
       "program year", lambda f: any_of([(f.t[k] == SECONDARY_CREDENTIAL) & _gained(f, f.t[d])
                                       for k, d in CREDENTIAL_SLOTS]),
       needs=["py_start", "py_end"]),
    _f("gain_transcript", "secondary or postsecondary transcript gain (1807, 1808) in the PY",
       lambda f: _gained(f, f.t.e1807) | _gained(f, f.t.e1808), needs=["py_start", "py_end"]),
    _f("gain_milestone", "training milestone (1809) in the program year",
       lambda f: _gained(f, f.t.e1809), needs=["py_start", "py_end"]),
    _f("gain_skills", "skills progression (1810) in the program year",
       lambda f: _gained(f, f.t.e1810), needs=["py_start", "py_end"]),
    _f("excluded_reason", "PIRL 923 other reason for exit when the period has exited by the "
       "end of the unit's program year (blank = 0)", _excluded_reason,
       needs=["py_end"]),
    _f("pre_wage_q", "mean quarterly wage of the 3 quarters before the participation quarter, "
       "cents, rounded down: PIRL 1700-1702, each blank one from UI wages when the wage file "
       "covers that quarter; unknown if any quarter is", _pre_wage, wages=[-1, -2, -3]),
    _f("earn_change_q2", "earn_q2 minus pre_wage_q, cents", lambda f: f["earn_q2"]
       - f["pre_wage_q"], needs=["earn_q2", "pre_wage_q"]),
    _f("next_level_entry", "entry date of the same person's first later period one pathway "
       "level up on the same pathway", lambda f: f.t.next_level_entry, pathway_join=True),
    _f("moved_up_within_year", "entered the next pathway level by one year after exit (and "
       "by the as-of date)", lambda f: (f["next_level_entry"].notnull()
                                       & (f["next_level_entry"] <= f.t.exit_1y)
                                       & (f["next_level_entry"] <= f.par["as_of"])
                                       ).fill_null(False), needs=["next_level_entry"]),
    _f("in_postsecondary", "in postsecondary education during participation (1332) or a "
       "credit-bearing enrolment date is given", lambda f: ((f.t.e1332 == 1).fill_null(False)
                                                           | f.t.credit_bearing_date.notnull())),
    _f("first_credit_bearing", "enrolled in credit-bearing education: postsecondary during "
       "participation (1332), a credit-bearing enrolment from entry to one year after exit, "
       "post-exit enrolment (1406) within a year, or a youth postsecondary placement",
       lambda f: ((f.t.e1332 == 1).fill_null(False)
                  | f.t.credit_bearing_date.between(f.t.e900, f.t.exit_1y).fill_null(False)
                  | f["enrolled_after_exit"] | (f["placement_q2"] == 2)
                  | (f["placement_q4"] == 2)),
       needs=["enrolled_after_exit", "placement_q2", "placement_q4"]),
    _f("days_to_completion", "days from entry (900) to completing education or training "
       "(1813), when completed by the as-of date; else unknown",
       lambda f: _days_since_entry(f, f.t.e1813)),
    _f("days_to_credential", "days from entry (900) to the first recognized credential of "
       "type 2-7 dated from entry to one year after exit (and by the as-of date); else "
       "unknown", lambda f: _days_since_entry(f, _first_credential_day(f))),
    _f("days_to_next_level", "days from entry (900) to entering the next pathway level "
       "(next_level_entry) by one year after exit; else unknown",
       lambda f: _days_since_entry(f, ibis.ifelse(f["moved_up_within_year"],
                                                  f["next_level_entry"],
                                                  ibis.null("int64"))),
       needs=["next_level_entry", "moved_up_within_year"]),
]
FACTS: dict[str, Fact] = {fact.name: fact for fact in _LIST}
PARAMETERS: dict[str, str] = {
    "window_start": "first day of the reporting period (--from), YYYYMMDD",
    "window_end": "last day of the reporting period (--to), YYYYMMDD",
    "as_of": "the date that fixes what has passed (--as-of), YYYYMMDD",
}
COLUMNS: dict[str, str] = {
    "program": "program of the unit: adult, dislocated_worker, youth, wagner_peyser, "
               "adult_education, vocational_rehabilitation or other",
    "entry_q": "running calendar quarter of entry (year * 4 + quarter - 1)",
    "exit_q": "running calendar quarter of exit", "exit_1y": "the day one year after exit",
    "exit_py": "program year of exit", "age": "age in whole years at entry",
    "ojt_custom_only": "1 when every training type given is OJT (01) or customized (05)",
    "iet": "1 when a training type is 04 (ABE or ESL with training: IET)",
    "diploma_at_entry": "1 when 408 is 1 (diploma) or 2 (equivalency)",
}


@dataclass
class Needs:
    """What a set of measures needs from the inputs."""

    facts: set[str]
    wages: set[int]
    same_employer: bool
    pathway_join: bool


def needs_of(names: Iterable[str]) -> Needs:
    """Every fact the names use, directly or through other facts, and the wage quarters."""
    seen: set[str] = set()
    todo = [n for n in names if n in FACTS]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += [n for n in FACTS[name].needs if n in FACTS]
    return Needs(seen, {q for n in seen for q in FACTS[n].wages},
                 any(FACTS[n].same_employer for n in seen),
                 any(FACTS[n].pathway_join for n in seen))


def wage_summary(p: Table, wages: Table, needs: Needs, as_of_q: int,
                 exit_quarters: tuple[int, int] | None = None) -> Table:
    """Per period (``rid``): wages of each needed quarter after exit (``w1``..``w4``) and
    before entry (``pre1``..``pre3``), and ``same`` (one employer paid in Q2 and Q4).

    Only quarters that have ended by the as-of date are read; when every period exited in
    ``exit_quarters`` (first, last), only the quarters those exits can reach.
    """
    after = sorted(q for q in needs.wages if q > 0)
    before = sorted(-q for q in needs.wages if q < 0)
    if needs.same_employer:
        after = sorted({*after, 2, 4})
    p = p.select("rid", "e100", "entry_q", "exit_q")
    conditions = []
    if after:
        conditions.append((wages.q - p.exit_q).isin(after))
    if before:
        conditions.append((p.entry_q - wages.q).isin(before))
    reach = wages.q < as_of_q
    if exit_quarters is not None:
        # Entry is never after exit, so no needed quarter is later than this; the wage
        # rows outside the reach are left out before the join ever sees them.
        reach = reach & (wages.q <= exit_quarters[1] + max(after or [-1]))
        if not before:
            reach = reach & (wages.q >= exit_quarters[0] + min(after))
    wages = wages.filter(reach)
    j = p.join(wages, [p.e100 == wages.person, any_of(conditions)])
    sums = {f"w{k}": _int64(j.cents.sum(where=j.q == j.exit_q + k)) for k in after}
    sums |= {f"pre{k}": _int64(j.cents.sum(where=j.q == j.entry_q - k)) for k in before}
    summary = j.group_by("rid").aggregate(**sums)
    if not needs.same_employer:
        return summary
    # An employer paid in Q2 meets the same employer paid in Q4: a join of the rows
    # of those two quarters, measured faster than summing per employer and then per
    # period. Wages are never negative (the reader refuses them), so "paid" is a row
    # above 0.
    q2 = j.filter((j.q == j.exit_q + 2) & (j.cents > 0)).select("rid", "employer")
    q4 = j.filter((j.q == j.exit_q + 4) & (j.cents > 0)).select(
        rid4="rid", employer4="employer")
    kept = q2.join(q4, [q2.rid == q4.rid4, q2.employer == q4.employer4]).select(
        "rid").distinct().mutate(same=ibis.literal(1, "int64"))
    joined = summary.left_join(kept, "rid")
    return joined.select(*sums, rid=joined.rid, same=joined.same.fill_null(0))


def _int64(total: Value) -> Value:
    """A sum as a 64-bit integer, as ibis already types it: DuckDB's SUM of BIGINT is a
    128-bit HUGEINT (PostgreSQL's a NUMERIC), and every comparison and median downstream
    would run on that wider type. ``Value.cast`` drops a cast to the type ibis believes
    the value has, so the operation is built directly. A quarter's wages in cents stay far
    below 2**63; a cast that overflowed would be an error, never a wrong number."""
    return ops.Cast(total, to=total.type()).to_expr()
