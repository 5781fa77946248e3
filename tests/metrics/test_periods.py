"""Periods of participation: records less than 90 days apart (or overlapping) are one."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.metrics import combine_periods, read_pirl
from pathways.metrics.periods import day_number


def periods(*rows: dict) -> pd.DataFrame:
    names = sorted({k for r in rows for k in r})
    frame = pd.DataFrame([{n: str(r.get(n, "")) for n in names} for r in rows])
    combined, _folded = combine_periods(read_pirl("x.csv", frame=frame))
    return combined


def test_day_numbers_follow_the_calendar():
    days = day_number(np.array([19700101, 20000229, 20240301, 20241231]))
    assert days.tolist() == [0, 11016, 19783, 20088]


def test_a_gap_of_89_days_joins_and_one_of_90_days_separates():
    joined = periods({"100": "A", "900": "20230101", "901": "20230301"},
                     {"100": "A", "900": "20230529", "901": "20230701"})  # 89 days
    assert joined[["e900", "e901", "records"]].values.tolist() == [[20230101, 20230701, 2]]
    apart = periods({"100": "A", "900": "20230101", "901": "20230301"},
                    {"100": "A", "900": "20230530", "901": "20230701"})  # 90 days
    assert len(apart) == 2 and "records" not in apart  # nothing combined


def test_an_open_record_takes_in_every_later_one_and_keeps_the_period_open():
    out = periods({"100": "A", "900": "20220101"},
                  {"100": "A", "900": "20230601", "901": "20230901"},
                  {"100": "B", "900": "20230601", "901": "20230901"})
    a = out[out.e100 == "A"].iloc[0]
    assert (a.e900, pd.isna(a.e901), a.records) == (20220101, True, 2)
    assert len(out) == 2


def test_programs_are_joined_and_outcomes_come_from_the_record_that_ends_last():
    out = periods(
        {"100": "A", "900": "20230101", "901": "20230301", "903": "1", "905": "0",
         "1602": "0", "1704": "100", "1806": "20230201", "1811": "20230101",
         "1813": "20230301", "1303": "1", "1800": "5", "1801": "20230215"},
        {"100": "A", "900": "20230201", "901": "20230601", "903": "4", "905": "1",
         "1602": "1", "1806": "20230105", "1811": "20230201", "1303": "6",
         "1310": "1"})
    row = out.iloc[0]
    assert (row.e903, row.e905) == (1, 1)  # a participant code wins over "reportable"
    assert (row.e1602, row.e1704) == (1, 10000)  # the later record, blanks filled
    assert row.e1806 == 20230201  # the most recent gain of either
    assert (row.e1811, pd.isna(row.e1813)) == (20230101, True)  # still enrolled in one
    assert (row.e1303, row.e1310, pd.isna(row.e1315)) == (6, 1, True)
    assert (row.e1800, row.e1801) == (5, 20230215)


def test_a_single_record_passes_through_unchanged():
    frame = pd.DataFrame({"100": ["A", "B"], "900": ["20230101", "20230101"],
                          "1704": ["5", ""]})
    typed = read_pirl("x.csv", frame=frame)
    out, folded = combine_periods(typed)
    assert folded == 0 and out is typed


def _by_hand(records: list[tuple[str, int, int | None]]) -> list[tuple[str, int, int | None,
                                                                   int]]:
    """Periods of (person, entry, exit) records, one person at a time, in plain Python."""
    out = []
    for person in dict.fromkeys(p for p, _e, _x in records):
        mine = sorted((e, x) for p, e, x in records if p == person)
        current = None
        for entry, exit_ in mine:
            start = int(day_number(np.array([entry]))[0])
            end = None if exit_ is None else int(day_number(np.array([exit_]))[0])
            if current and (current["end"] is None or start - current["end"] < 90):
                current["n"] += 1
                current["exit"] = None if None in (current["exit"], exit_) else max(
                    current["exit"], exit_)
                current["end"] = None if None in (current["end"], end) else max(
                    current["end"], end)
            else:
                current = {"person": person, "entry": entry, "exit": exit_, "end": end,
                           "n": 1}
                out.append(current)
    return sorted((c["person"], c["entry"], c["exit"], c["n"]) for c in out)


# Starts and lengths in steps of 30 days (starts one day either way), so that gaps of 89,
# 90 and 91 days come up often.
STARTS = st.builds(lambda k, j: 30 * k + j, st.integers(0, 30), st.integers(-1, 1))


@given(st.lists(st.tuples(st.sampled_from("ABCDEFGH"), STARTS,
                          st.one_of(st.none(), st.integers(0, 6).map(lambda m: 30 * m))),
                min_size=1, max_size=30))
@settings(max_examples=60, deadline=None)
def test_periods_match_a_person_by_person_walk(drawn):
    # Many people with one record among a few with several: only those are walked.
    base = dt.date(2022, 1, 2)
    records, seen = [], set()
    for person, start, length in drawn:
        entry = base + dt.timedelta(days=start)
        if (person, entry) in seen:
            continue  # one row per person and entry date, as the reader requires
        seen.add((person, entry))
        exit_ = None if length is None else entry + dt.timedelta(days=length)
        records.append((person, int(f"{entry:%Y%m%d}"),
                        None if exit_ is None else int(f"{exit_:%Y%m%d}")))
    frame = pd.DataFrame({"100": [p for p, _e, _x in records],
                          "900": [str(e) for _p, e, _x in records],
                          "901": ["" if x is None else str(x) for _p, _e, x in records]})
    out, folded = combine_periods(read_pirl("x.csv", frame=frame))
    counts = out["records"] if "records" in out else pd.Series([1] * len(out))
    got = sorted((p, int(e), None if pd.isna(x) else int(x), int(n)) for p, e, x, n in zip(
        out["e100"], out["e900"], out["e901"], counts, strict=True))
    assert got == _by_hand(records)
    assert folded == len(records) - len(out)
    assert out["line"].is_monotonic_increasing
