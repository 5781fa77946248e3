"""The dimensions a measure can be sliced by, and the group each unit falls in.

A dimension gives every unit one group code (computed in the engine, then named here). Some
dimensions are coarser versions of another: each exit program year is the sum of its exit
quarters, and "older individual" (55 and over) is the sum of the two oldest age bands.
Suppression needs those sums too, or a hidden quarter could be recovered from its year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ibis
from ibis.expr.types import Table, Value

UNKNOWN = -1
AGE_BANDS = ((0, 15, "under 16"), (16, 18, "16-18"), (19, 24, "19-24"), (25, 44, "25-44"),
             (45, 54, "45-54"), (55, 59, "55-59"), (60, 200, "60 and over"))
OLDER_BANDS = {"55-59", "60 and over"}
NOT_GIVEN = "not given"


@dataclass(frozen=True)
class Dimension:
    name: str
    title: str
    code: Callable[[Table], Value] | None  # None: computed from the unit (program, PY)
    label: Callable[[str], str]
    parent: str | None = None  # a dimension whose groups are sums of this one's
    parent_group: Callable[[str], str] | None = None
    text: bool = False  # a column given as text (provider, pathway, exit point)
    # Further dimensions whose groups are sums of this one's (a pathway's step is part of
    # its pathway and of its level): suppression ties them too.
    also: tuple[tuple[str, Callable[[str], str]], ...] = ()


def _code(value: Value, mapping: dict[int, int] | None = None) -> Value:
    if mapping:
        value = ibis.cases(*[(value == k, v) for k, v in mapping.items()], else_=UNKNOWN)
    return value.fill_null(UNKNOWN).cast("int64")


def _labels(names: dict[int, str], default: str = "unknown") -> Callable[[str], str]:
    return lambda code: names.get(int(code), default)


YES_NO = {1: "yes", 0: "no", 9: "did not self-identify"}
SEX = {1: "male", 2: "female", 9: "did not self-identify"}


def _flag(column: str, yes: tuple[int, ...] = (1,), no: tuple[int, ...] = (0,),
          extra: Callable[[Table], Value] | None = None) -> Callable[[Table], Value]:
    def code(t: Table) -> Value:
        value = t[column]
        is_yes = value.isin(yes).fill_null(False)
        if extra is not None:
            is_yes = is_yes | extra(t).fill_null(False)
        return ibis.cases((is_yes, 1), (value.isin(no).fill_null(False), 0),
                          else_=UNKNOWN).cast("int64")
    return code


def _quarter_label(code: str) -> str:
    q = int(code)
    return "not exited" if q == UNKNOWN else f"{q // 4}Q{q % 4 + 1}"


def _quarter_year(label: str) -> str:
    if label == "not exited":
        return label
    year, quarter = int(label[:4]), int(label[-1])
    return f"PY{year if quarter >= 3 else year - 1}"


def _age_band(t: Table) -> Value:
    cases = [(t.age.between(low, high), i) for i, (low, high, _n) in enumerate(AGE_BANDS)]
    return ibis.cases(*cases, else_=UNKNOWN).cast("int64")


def _band_label(code: str) -> str:
    i = int(code)
    return AGE_BANDS[i][2] if i != UNKNOWN else "unknown"


def _older(t: Table) -> Value:
    return ibis.cases((t.age >= 55, 1), (t.age.notnull(), 0), else_=UNKNOWN).cast("int64")


def _older_of_band(label: str) -> str:
    if label == "unknown":
        return "unknown"
    return "yes" if label in OLDER_BANDS else "no"


def _native(t: Table) -> Value:
    yes = (t.e211 == 1).fill_null(False) | (t.e214 == 1).fill_null(False)
    no = t.e211.isin([0, 9]).fill_null(False) & t.e214.isin([0, 9]).fill_null(False)
    return ibis.cases((yes, 1), (no, 0), else_=UNKNOWN).cast("int64")


def _text(column: str) -> Callable[[Table], Value]:
    return lambda t: t[column].fill_null("").cast("string")


def _text_label(code: str) -> str:
    return code or NOT_GIVEN


def _level_label(code: str) -> str:
    return "not given" if int(code) == UNKNOWN else f"level {int(code)}"


STEP_SEPARATOR = "\x1f"  # between the pathway and the level in a step's code
STEP_LEVEL = ", level "


def _step(t: Table) -> Value:
    """A step of a pathway: the pathway and its level, one code."""
    level = t.pathway_level.cast("int64").cast("string").fill_null("")
    return t.pathway.fill_null("").cast("string") + STEP_SEPARATOR + level


def _step_label(code: str) -> str:
    pathway, _sep, level = code.rpartition(STEP_SEPARATOR)
    return f"{pathway or NOT_GIVEN}{STEP_LEVEL}{level or NOT_GIVEN}"


def step_parts(label: str) -> tuple[str, str]:
    """(pathway group, pathway level group) of a step's label."""
    pathway, _sep, level = label.rpartition(STEP_LEVEL)
    return pathway, NOT_GIVEN if level == NOT_GIVEN else f"level {level}"


YES_NO_LABEL = _labels({1: "yes", 0: "no"})
RACES = {"race_american_indian": ("e211", "American Indian or Alaska Native"),
         "race_asian": ("e212", "Asian"), "race_black": ("e213", "Black or African American"),
         "race_pacific_islander": ("e214", "Native Hawaiian or Other Pacific Islander"),
         "race_white": ("e215", "White")}
BARRIERS = {
    "barrier_displaced_homemaker": ("e807", "Displaced homemakers"),
    "barrier_low_income": ("e802", "Low-income individuals"),
    "barrier_disability": ("e202", "Individuals with disabilities"),
    "barrier_ex_offender": ("e801", "Ex-offenders"),
    "barrier_homeless": ("e800", "Homeless individuals or runaway youth"),
    "barrier_foster_care": ("e704", "Youth in or aged out of foster care"),
    "barrier_english_learner": ("e803", "English language learners"),
    "barrier_low_literacy": ("e804", "Individuals with low levels of literacy"),
    "barrier_cultural": ("e805", "Individuals facing substantial cultural barriers"),
    "barrier_tanf_exhausting": ("e601", "Within 2 years of exhausting TANF"),
    "barrier_single_parent": ("e806", "Single parents (including pregnant women)"),
    "barrier_long_term_unemployed": ("e402", "Long-term unemployed"),
}

_ALL: list[Dimension] = [
    Dimension("program", "Program", None, str),
    Dimension("exit_quarter", "Exit quarter", lambda t: _code(t.exit_q), _quarter_label,
              parent="exit_program_year", parent_group=_quarter_year),
    Dimension("exit_program_year", "Program year of exit", lambda t: _code(t.exit_py),
              lambda c: "not exited" if int(c) == UNKNOWN else f"PY{c}"),
    Dimension("program_year", "Program year", None, lambda c: f"PY{c}"),
    Dimension("sex", "Sex", lambda t: _code(t.e201, {1: 1, 2: 2, 9: 9}),
              _labels(SEX)),
    Dimension("hispanic", "Hispanic or Latino", lambda t: _code(t.e210, {1: 1, 0: 0, 9: 9}),
              _labels(YES_NO)),
    *[Dimension(name, title, (lambda c: lambda t: _code(t[c], {1: 1, 0: 0, 9: 9}))(column),
                _labels(YES_NO)) for name, (column, title) in RACES.items()],
    Dimension("age_band", "Age at entry", _age_band, _band_label, parent="barrier_older",
              parent_group=_older_of_band),
    Dimension("veteran", "Veteran", _flag("e300"), YES_NO_LABEL),
    Dimension("barrier_native", "Indians, Alaska Natives and Native Hawaiians", _native,
              YES_NO_LABEL),
    Dimension("barrier_older", "Older individuals (55 and over)", _older, YES_NO_LABEL),
    *[Dimension(name, title, _flag(column, no=(0, 9) if column == "e601" else (0,)),
                YES_NO_LABEL) for name, (column, title) in BARRIERS.items()],
    Dimension("barrier_farmworker", "Eligible migrant and seasonal farmworkers",
              _flag("e808", yes=(1, 2, 3, 4, 5), extra=lambda t: t.e413.isin([1, 2])),
              YES_NO_LABEL),
    Dimension("provider", "Provider", _text("provider"), _text_label, text=True),
    Dimension("pathway", "Career pathway", _text("pathway"), _text_label, text=True),
    Dimension("pathway_level", "Pathway level", lambda t: _code(t.pathway_level),
              _level_label),
    Dimension("exit_point", "Exit point", _text("exit_point"), _text_label, text=True),
    Dimension("pathway_step", "Pathway and step", _step, _step_label, text=True,
              parent="pathway", parent_group=lambda g: step_parts(g)[0],
              also=(("pathway_level", lambda g: step_parts(g)[1]),)),
]
DIMENSIONS: dict[str, Dimension] = {d.name: d for d in _ALL}
# Every group label that is a fixed word rather than data (a quarter, a provider's name):
# what a page in another language has to translate.
FIXED_LABELS = tuple(sorted({*YES_NO.values(), *SEX.values(), *(b[2] for b in AGE_BANDS),
                             "unknown", "not exited", NOT_GIVEN}))
PATHWAY_DIMENSIONS = ("provider", "pathway", "pathway_level", "exit_point", "pathway_step")
STANDARD = tuple(d for d in DIMENSIONS if d not in PATHWAY_DIMENSIONS)
# The pathway columns a pathway dimension needs (others need the column of their name).
COLUMNS_OF = {"pathway_step": ("pathway", "pathway_level")}


def available(filled: set[str]) -> list[str]:
    """Dimensions the data can be sliced by: pathway ones only when their columns have
    data."""
    return [*STANDARD, *(d for d in PATHWAY_DIMENSIONS
                         if all(c in filled for c in COLUMNS_OF.get(d, (d,))))]


def dimension_codes(t: Table, names: list[str]) -> dict[str, Value]:
    """The group code column (``d_<name>``) of each period-level dimension."""
    return {f"d_{n}": DIMENSIONS[n].code(t) for n in names if DIMENSIONS[n].code is not None}
