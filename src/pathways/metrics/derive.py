"""From typed PIRL columns to what the measures need: quarters, programs and slices.

Everything here depends on the record alone (never on the reporting period or the as-of
date), so it is computed once, before the data go to an engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# Program of a period of participation: (name, PIRL element, codes that mean "participant").
PROGRAMS: tuple[tuple[str, str, frozenset[int]], ...] = (
    ("adult", "e903", frozenset({1, 2, 3})),
    ("dislocated_worker", "e904", frozenset({1, 2, 3})),
    ("youth", "e905", frozenset({1, 2, 3})),
    ("wagner_peyser", "e918", frozenset({1})),
    ("adult_education", "e910", frozenset({1})),
    ("vocational_rehabilitation", "e917", frozenset({1, 3})),
)
# Codes that mark a reportable individual only (not a participant) in that program.
REPORTABLE_ONLY = (("e903", 4), ("e904", 4), ("e905", 4), ("e918", 2))

RACE_FLAGS = {"race_american_indian": "e211", "race_asian": "e212", "race_black": "e213",
              "race_pacific_islander": "e214", "race_white": "e215"}
# WIOA Sec. 3(24) barriers with the PIRL element (or rule) that records each.
BARRIERS = {
    "barrier_displaced_homemaker": "e807", "barrier_low_income": "e802",
    "barrier_disability": "e202", "barrier_ex_offender": "e801", "barrier_homeless": "e800",
    "barrier_foster_care": "e704", "barrier_english_learner": "e803",
    "barrier_low_literacy": "e804", "barrier_cultural": "e805",
    "barrier_farmworker": "e808", "barrier_tanf_exhausting": "e601",
    "barrier_single_parent": "e806", "barrier_long_term_unemployed": "e402",
}
AGE_BANDS = ((0, 15, "under 16"), (16, 18, "16-18"), (19, 24, "19-24"), (25, 44, "25-44"),
             (45, 54, "45-54"), (55, 59, "55-59"), (60, 200, "60 and over"))
PATHWAY_DIMENSIONS = ("provider", "pathway", "pathway_level", "exit_point")
STANDARD_DIMENSIONS = ("program", "exit_quarter", "exit_program_year", "sex", "hispanic",
                       *RACE_FLAGS, "age_band", "barrier_native", "barrier_older",
                       *BARRIERS)


@dataclass
class Prepared:
    """Periods with derived columns, the program of each, and slice labels per period."""

    periods: pd.DataFrame
    programs: pd.DataFrame  # rid, program
    labels: pd.DataFrame  # rid and one text column per dimension

    def dimensions(self) -> list[str]:
        """The dimensions these data can be sliced by (pathway columns only when filled)."""
        extra = [d for d in PATHWAY_DIMENSIONS if self.periods[d].notna().any()]
        return [*STANDARD_DIMENSIONS, *extra]


def quarter_of(day: pd.Series) -> pd.Series:
    """Running quarter number (year * 4 + quarter - 1) of YYYYMMDD integers."""
    return (day // 10000) * 4 + ((day // 100) % 100 - 1) // 3


def year_after(day: pd.Series) -> pd.Series:
    """YYYYMMDD a year later; February 29 becomes February 28."""
    return day + 10000 - (day % 10000 == 229).astype("Int64")


def _days_later(day: pd.Series, days: int) -> pd.Series:
    as_date = pd.to_datetime(day.astype("string"), format="%Y%m%d", errors="coerce")
    later = (as_date + pd.Timedelta(days=days)).dt.strftime("%Y%m%d")
    return pd.to_numeric(later, errors="coerce").astype("Int64")


def prepare(periods: pd.DataFrame) -> Prepared:
    """Derived columns on a copy of ``read_pirl``'s table, programs, and slice labels."""
    p = periods.copy()
    p["entry_q"] = quarter_of(p["e900"])
    p["exit_q"] = quarter_of(p["e901"])
    p["exit_1y"] = year_after(p["e901"])
    p["exit_plus_90"] = _days_later(p["e901"], 90)
    p["age"] = (p["e900"] - p["e200"]) // 10000
    pre = p[["e1700", "e1701", "e1702"]]
    # Average quarterly wage before participation, whole cents rounded down; blank if any
    # of the three quarters is unknown.
    p["pre_wage_q"] = (pre.sum(axis=1, min_count=3) // 3).astype("Int64")
    types = p[["e1303", "e1310", "e1315"]]
    given = types.notna() & (types != 0)
    # "OJT-only or customized-only": every training type given is 01 or 05 (and one is given).
    p["ojt_custom_only"] = (given.any(axis=1) & ~(given & ~types.isin([1, 5])).any(axis=1)
                            ).astype("int64")
    p["iet"] = (types == 4).any(axis=1).astype("int64")
    p["diploma_at_entry"] = p["e408"].isin([1, 2]).astype("int64")
    p["next_level_entry"] = _next_level_entry(p)
    return Prepared(p, _programs(p), _labels(p))


def _next_level_entry(p: pd.DataFrame) -> pd.Series:
    """Entry date of the same person's first later period one pathway level up."""
    m = p[["rid", "e100", "pathway", "pathway_level", "e900"]].dropna()
    if m.empty:
        return pd.Series(pd.NA, index=p.index, dtype="Int64")
    pairs = m.merge(m, on=["e100", "pathway"], suffixes=("", "_next"))
    pairs = pairs[(pairs["pathway_level_next"] == pairs["pathway_level"] + 1)
                  & (pairs["e900_next"] >= pairs["e900"])]
    first = pairs.groupby("rid")["e900_next"].min()
    return p["rid"].map(first).astype("Int64")


def _programs(p: pd.DataFrame) -> pd.DataFrame:
    parts, any_flag = [], pd.Series(False, index=p.index)
    for name, column, codes in PROGRAMS:
        member = p[column].isin(codes).fillna(False).astype(bool)
        if name == "dislocated_worker":  # PIRL CALC4002: rapid response additional assistance
            member |= p["e909"].eq(1).fillna(False).astype(bool)
        any_flag |= member
        parts.append(pd.DataFrame({"rid": p.loc[member, "rid"], "program": name}))
    reportable = pd.Series(False, index=p.index)
    for column, code in REPORTABLE_ONLY:
        reportable |= p[column].eq(code).fillna(False).astype(bool)
    # No program flag at all: a partner program outside WIOA, counted as "other".
    other = ~any_flag & ~reportable
    parts.append(pd.DataFrame({"rid": p.loc[other, "rid"], "program": "other"}))
    out = pd.concat(parts, ignore_index=True)
    out["rid"] = out["rid"].astype("int64")
    return out.sort_values(["rid", "program"], ignore_index=True)


def _yes_no(values: pd.Series, yes: list[int] | None = None) -> pd.Series:
    yes = yes or [1]
    out = np.where(values.isin(yes).fillna(False), "yes",
                   np.where(values.eq(0).fillna(False), "no", "unknown"))
    return pd.Series(out, index=values.index, dtype=object)


def _labels(p: pd.DataFrame) -> pd.DataFrame:
    labels = pd.DataFrame({"rid": p["rid"]})
    year, quarter = p["exit_q"] // 4, p["exit_q"] % 4 + 1
    labels["exit_quarter"] = (year.astype(str) + "Q" + quarter.astype(str)).where(
        p["exit_q"].notna(), "not exited").astype(object)
    py = (p["e901"] // 10000) - ((p["e901"] // 100) % 100 < 7).astype("Int64")
    labels["exit_program_year"] = ("PY" + py.astype(str)).where(
        p["e901"].notna(), "not exited").astype(object)
    labels["sex"] = pd.Series(np.select([p["e201"].eq(1).fillna(False),
                                         p["e201"].eq(2).fillna(False)],
                                        ["male", "female"], "not self-identified"),
                              index=p.index, dtype=object)
    labels["hispanic"] = _yes_no(p["e210"])
    for name, column in RACE_FLAGS.items():
        labels[name] = _yes_no(p[column])
    age = p["age"]
    band = pd.Series("unknown", index=p.index, dtype=object)
    for low, high, text in AGE_BANDS:
        band = band.mask(((age >= low) & (age <= high)).fillna(False).astype(bool), text)
    labels["age_band"] = band
    native = p["e211"].eq(1).fillna(False) | p["e214"].eq(1).fillna(False)
    labels["barrier_native"] = pd.Series(np.where(native, "yes", "no"), index=p.index,
                                         dtype=object)
    older = pd.Series(np.where((age >= 55).fillna(False), "yes",
                               np.where(age.notna(), "no", "unknown")), index=p.index)
    labels["barrier_older"] = older.astype(object)
    for name, column in BARRIERS.items():
        labels[name] = _yes_no(p[column], [1, 2, 3, 4, 5] if column == "e808" else [1])
    for name in PATHWAY_DIMENSIONS:
        labels[name] = p[name].astype(object).where(p[name].notna(), "not given").astype(str)
    return labels
