"""Credential attainment's rule for a secondary diploma (WIOA Sec. 116(b)(2)(A)(iii)): it
counts when the person is employed, or enrolled in education or training leading to a
recognized postsecondary credential, within a year after exit. The enrolment is PIRL 1406
or, for a youth, a placement in occupational skills training or postsecondary education
(1900, 1901 = 1 or 2) whose quarter ends within the year. Each case is one record, told
apart by its ``exit_point`` label; every one has a diploma and no job after exit.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pathways.metrics import RecordSource, Window, run_measures

WINDOW = Window(dt.date(2022, 7, 1), dt.date(2023, 6, 30), dt.date(2025, 3, 31))
EXIT = dt.date(2022, 9, 15)  # Q3 2022: its Q2 after ends 2023-03-31, its Q4 2023-09-30
CASES = {
    # (fields, counted)
    "youth Q2 postsecondary": ({"1900": 2}, True),
    "youth Q2 occupational training": ({"1900": 1}, True),
    "youth Q2 secondary education": ({"1900": 3}, False),
    "youth Q4 ends after the year": ({"1901": 2}, False),
    "youth Q4 ends on the last day": ({"1901": 2, "901": dt.date(2022, 9, 30)}, True),
    "adult Q2 placement": ({"1900": 2, "905": "", "903": 1}, False),
    "1406 on the last day of the year": ({"1406": dt.date(2023, 9, 15)}, True),
    "1406 a day after the year": ({"1406": dt.date(2023, 9, 16)}, False),
    "nothing after exit": ({}, False),
}


def records():
    for label, (fields, _) in CASES.items():
        yield {"100": label, "900": dt.date(2022, 1, 1), "901": EXIT, "905": 1, "408": 0,
               "1401": 1, "1800": 1, "1801": dt.date(2022, 8, 1), "1600": 0, "1602": 0,
               "1604": 0, "1606": 0, "exit_point": label, **fields}


@pytest.fixture(scope="module")
def result():
    inputs = RecordSource("diploma rule", records()).read()
    return run_measures(inputs.periods, inputs.wages, WINDOW, threshold=1, by=["exit_point"])


@pytest.mark.parametrize("label", CASES)
def test_a_diploma_counts_only_with_a_follow_up_within_the_year(result, label):
    t = result.unsuppressed
    rows = t[(t.measure == "credential_attainment") & (t.dimension == "exit_point")
             & (t.group == label)]
    assert len(rows) == 1, label
    row = rows.iloc[0]
    assert int(row.denominator) == 1
    assert int(row.numerator) == int(CASES[label][1]), label
