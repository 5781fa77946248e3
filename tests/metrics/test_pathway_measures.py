"""Pathway progress measures on a small hand-worked fixture, read through RecordSource
(the adapter other record stores use), with every expected value worked out by hand.

Exits from 2022-07-01 to 2023-06-30 (PY2022), as of 2025-03-31: one year after every exit
and every wage lag have passed. Every record is an adult (903 = 1) entering 2022-01-01 and
exiting 2022-09-15 unless it says otherwise.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pathways.core.errors import InputError
from pathways.metrics import RecordSource, Window, run_measures

WINDOW = Window(dt.date(2022, 7, 1), dt.date(2023, 6, 30), dt.date(2025, 3, 31))
RECORDS = [
    # P01: level 1 of Care, moves to level 2 (P02) within a year; earns 3,000 against a
    # pre-participation mean of 1,800; enrols in credit-bearing education.
    {"100": "A", "pathway": "Care", "pathway_level": 1, "exit_point": "Aide", "1602": 1,
     "1704": 3000, "1700": 1500, "1701": 1800, "1702": 2100, "408": 1,
     "credit_bearing_date": dt.date(2022, 10, 1)},
    # P02: level 2 of Care, 108 days after P01 (a period of its own); no next level;
    # no pre-participation wages; 14 credits.
    {"100": "A", "900": dt.date(2023, 1, 1), "901": dt.date(2023, 6, 1), "pathway": "Care",
     "pathway_level": 2, "exit_point": "Nurse", "1602": 1, "1704": 5200, "408": 1,
     "1332": 1, "credits": 14},
    # P03: no diploma at entry, gets one; not employed; stays at level 1.
    {"100": "B", "pathway": "Care", "pathway_level": 1, "exit_point": "Aide", "1602": 0,
     "408": 0, "1800": 1, "1801": dt.date(2022, 8, 1)},
    # P04: earns 4,000 against 4,500 before; 30 credits; post-exit enrolment; the next level
    # (P05) starts more than a year after exit.
    {"100": "C", "901": dt.date(2022, 12, 15), "pathway": "Make", "pathway_level": 1,
     "exit_point": "Operator", "1602": 1, "1704": 4000, "1700": 4500, "1701": 4500,
     "1702": 4500, "408": 2, "1406": dt.date(2023, 3, 1), "1332": 1, "credits": 30},
    # P05: exits after the reporting period: only P04's later period.
    {"100": "C", "900": dt.date(2024, 2, 1), "901": dt.date(2024, 6, 1), "pathway": "Make",
     "pathway_level": 2},
    # P06: no pathway; an associate degree within a year of exit; employment pending past
    # the lag counts as not employed.
    {"100": "D", "408": 0, "1800": 2, "1801": dt.date(2023, 3, 15), "1602": 9},
    # P07: Title II, basic skills deficient, an EFL gain in PY2022.
    {"100": "E", "900": dt.date(2022, 9, 1), "901": dt.date(2023, 3, 15), "903": "",
     "910": 1, "804": 1, "1811": dt.date(2022, 9, 1), "1806": dt.date(2022, 11, 15)},
    # P08: still participating, basic skills deficient, in education, no gain.
    {"100": "F", "901": None, "804": 1, "1811": dt.date(2022, 3, 1)},
    # P09: in education with a gain but neither Title II nor basic skills deficient.
    {"100": "G", "901": None, "804": 0, "1811": dt.date(2022, 3, 1),
     "1806": dt.date(2022, 10, 1)},
    # P10: deceased (Table A): in no exit-based measure.
    {"100": "H", "923": 3, "pathway": "Care", "pathway_level": 1, "exit_point": "Aide",
     "1602": 1, "1704": 9000},
]


def records():
    for r in RECORDS:
        yield {"900": dt.date(2022, 1, 1), "901": dt.date(2022, 9, 15), "903": 1, **r}


@pytest.fixture(scope="module")
def result():
    inputs = RecordSource("hand records", records()).read()
    return run_measures(inputs.periods, inputs.wages, WINDOW, threshold=1,
                        by=["pathway_level", "exit_point"])


def cell(result, measure, dimension="all", group="all"):
    t = result.unsuppressed
    rows = t[(t.measure == measure) & (t.dimension == dimension) & (t.group == group)]
    assert len(rows) == 1, (measure, dimension, group)
    row = rows.iloc[0]
    return (int(row.denominator), None if row.numerator is None or row.numerator !=
            row.numerator else int(row.numerator), row.value)


@pytest.mark.parametrize(("measure", "den", "num", "value"), [
    ("efl_gain", 2, 1, Decimal("0.5000")),                  # P07 yes, P08 no
    ("secondary_equivalency", 2, 1, Decimal("0.5000")),     # P03 yes, P06 no
    ("credit_bearing_enrolment", 5, 3, Decimal("0.6000")),  # P01, P02, P04 of P01-4, P06
    ("credits_12", 2, 2, Decimal("1.0000")),                # P02 (14), P04 (30)
    ("credits_24", 2, 1, Decimal("0.5000")),                # P04
    ("pathway_credential", 6, 1, Decimal("0.1667")),        # P06's degree, of 6 exiters
    ("earnings_gain_q2", 2, 1, Decimal("0.5000")),          # P01 up, P04 down
    ("pathway_level_transition", 4, 1, Decimal("0.2500")),  # P01 moved up
    ("exit_point_employment_q2", 4, 3, Decimal("0.7500")),  # P03 not employed
])
def test_progress_rates_match_the_hand_values(result, measure, den, num, value):
    assert cell(result, measure) == (den, num, value)


def test_progress_medians_match_the_hand_values(result):
    # (1,200 + -500) / 2 and the middle of 3,000, 4,000 and 5,200.
    assert cell(result, "median_earnings_change_q2") == (2, None, Decimal("350.00"))
    assert cell(result, "exit_point_earnings_q2") == (3, None, Decimal("4000.00"))


def test_transitions_from_each_level_and_earnings_at_each_exit_point(result):
    assert cell(result, "pathway_level_transition", "pathway_level", "level 1") == (
        3, 1, Decimal("0.3333"))
    assert cell(result, "pathway_level_transition", "pathway_level", "level 2") == (
        1, 0, Decimal("0.0000"))
    assert cell(result, "exit_point_employment_q2", "exit_point", "Aide")[:2] == (2, 1)
    assert cell(result, "exit_point_earnings_q2", "exit_point", "Nurse") == (
        1, None, Decimal("5200.00"))


def test_measures_needing_absent_pathway_columns_are_left_out_and_said_so():
    plain = [{k: v for k, v in r.items() if k not in {"pathway", "pathway_level",
                                                      "exit_point", "credits"}}
             for r in records()]
    inputs = RecordSource("plain", plain).read()
    result = run_measures(inputs.periods, None, WINDOW, threshold=1)
    assert result.skipped == {"credits_12": "no data in credits",
                              "credits_24": "no data in credits",
                              "pathway_level_transition": "no data in pathway, pathway_level",
                              "exit_point_employment_q2": "no data in exit_point",
                              "exit_point_earnings_q2": "no data in exit_point",
                              **{m: "no data in pathway, pathway_level" for m in (
                                  "step_completion", "step_credential", "days_to_completion",
                                  "days_to_credential", "days_to_next_level")}}
    assert "pathway" not in result.dimensions


def test_a_record_source_reports_problems_by_record():
    bad = [{"100": "A", "900": dt.date(2023, 1, 5), "901": dt.date(2022, 1, 1)},
           {"100": "B", "900": "not a day"}]
    with pytest.raises(InputError) as caught:
        RecordSource("case records", bad).read()
    found = {(p.source, p.line, p.field) for p in caught.value.problems}
    assert found == {("case records", 1, "901"), ("case records", 2, "900")}
