"""What each period of participation yields on its own, as ibis expressions.

Calendar arithmetic on YYYYMMDD integers: the running quarter number (``year * 4 +
quarter - 1``), the same day a year later, the program year. Everything here depends on the
record alone (never on the reporting period or the as-of date) and runs inside the engine.
"""

from __future__ import annotations

import ibis
from ibis.expr.types import BooleanValue, IntegerValue, Table

from pathways.metrics.logic import any_of

# Program of a period of participation: (name, PIRL column, codes that mean "participant").
PROGRAMS: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("adult", "e903", (1, 2, 3)),
    ("dislocated_worker", "e904", (1, 2, 3)),
    ("youth", "e905", (1, 2, 3)),
    ("wagner_peyser", "e918", (1,)),
    ("adult_education", "e910", (1,)),
    ("vocational_rehabilitation", "e917", (1, 3)),
)
PROGRAM_NAMES = (*(p[0] for p in PROGRAMS), "other")
PROGRAM_TITLES = {"adult": "Adult", "dislocated_worker": "Dislocated Worker",
                  "youth": "Youth", "wagner_peyser": "Wagner-Peyser",
                  "adult_education": "Adult Education (Title II)",
                  "vocational_rehabilitation": "Vocational Rehabilitation",
                  "other": "Other partner programs"}
# Codes that mark a reportable individual only (not a participant) in that program.
REPORTABLE_ONLY = (("e903", 4), ("e904", 4), ("e905", 4), ("e918", 2))
TRAINING_SLOTS = ("e1303", "e1310", "e1315")


def quarter(day: IntegerValue) -> IntegerValue:
    """Running quarter number of a YYYYMMDD integer."""
    return (day // 10000) * 4 + ((day // 100) % 100 - 1) // 3


def quarter_end(q: IntegerValue) -> IntegerValue:
    """YYYYMMDD of the last day of running quarter ``q`` (``quarter``'s numbering)."""
    month = (q % 4) * 3 + 3
    return (q // 4) * 10000 + month * 100 + ibis.ifelse((month == 3) | (month == 12), 31, 30)


def year_after(day: IntegerValue) -> IntegerValue:
    """YYYYMMDD a year later; February 29 becomes February 28."""
    return day + 10000 - ibis.ifelse(day % 10000 == 229, 1, 0)


def day_number(day: IntegerValue) -> IntegerValue:
    """Days since 0000-03-01 of a YYYYMMDD integer (H. Hinnant's days-from-civil), in
    integer arithmetic that every engine runs alike: the difference of two is days."""
    y, m, d = day // 10000, (day // 100) % 100, day % 100
    y = y - ibis.ifelse(m <= 2, 1, 0)
    doy = (153 * (m + ibis.ifelse(m > 2, -3, 9)) + 2) // 5 + d - 1
    return y * 365 + y // 4 - y // 100 + y // 400 + doy


def program_year_of(day: IntegerValue) -> IntegerValue:
    """The program year (July 1 - June 30, named by its first year) of a YYYYMMDD integer."""
    return day // 10000 - ibis.ifelse((day // 100) % 100 < 7, 1, 0)


def is_member(t: Table, program: str) -> BooleanValue:
    """The period is a participant's period in ``program``."""
    if program == "other":
        # No program flag at all: a partner program outside WIOA; reportable individuals
        # (903/904/905 = 4, 918 = 2, with no participant flag) are not counted anywhere.
        flagged = [is_member(t, name) for name, _c, _v in PROGRAMS]
        flagged += [t[column] == code for column, code in REPORTABLE_ONLY]
        return ~any_of(flagged)
    column, codes = next((c, v) for n, c, v in PROGRAMS if n == program)
    member = t[column].isin(codes).fill_null(False)
    if program == "dislocated_worker":  # DOL's DW funding stream includes 909 = 1 (CALC4002)
        member = member | (t.e909 == 1).fill_null(False)
    return member




def derived(periods: Table) -> Table:
    """``periods`` with the record's own derived columns added."""
    t = periods
    given = [t[c].notnull() & (t[c] != 0) for c in TRAINING_SLOTS]
    other = [t[c].notnull() & (t[c] != 0) & ~t[c].isin([1, 5]) for c in TRAINING_SLOTS]
    pre = [t.e1700, t.e1701, t.e1702]
    return t.mutate(
        entry_q=quarter(t.e900),
        exit_q=quarter(t.e901),
        exit_1y=year_after(t.e901),
        exit_py=program_year_of(t.e901),
        age=(t.e900 - t.e200) // 10000,
        # "OJT-only or customized-only": every training type given is 01 or 05.
        ojt_custom_only=ibis.ifelse(any_of(given) & ~any_of(other), 1, 0),
        iet=ibis.ifelse(any_of([(t[c] == 4) for c in TRAINING_SLOTS]), 1, 0),
        diploma_at_entry=ibis.ifelse(t.e408.isin([1, 2]).fill_null(False), 1, 0),
        pre_wage_pirl=ibis.ifelse(pre[0].notnull() & pre[1].notnull() & pre[2].notnull(),
                                  (pre[0] + pre[1] + pre[2]) // 3, ibis.null("int64")),
    )


def next_level_entry(periods: Table) -> Table:
    """rid and the entry date of the same person's first later period one pathway level up
    on the same pathway (for level transitions)."""
    p = periods.filter(periods.pathway.notnull() & periods.pathway_level.notnull()).select(
        "rid", "e100", "pathway", "pathway_level", "e900")
    n = p.view()
    pairs = p.join(n, [p.e100 == n.e100, p.pathway == n.pathway,
                       n.pathway_level == p.pathway_level + 1, n.e900 >= p.e900,
                       p.rid != n.rid])
    return pairs.group_by(pairs.rid).aggregate(next_level_entry=pairs.e900_right.min())
