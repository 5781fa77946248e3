"""The hand-built fixture: each indicator's expected value, worked out by hand, on DuckDB,
and the plain-Python reference agreeing on every record's rule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pathways.metrics import PirlFiles, Window, run_measures
from tests.metrics import fixture, reference_impl

RATES = {"employment_q2": 2, "employment_q4": 3, "retention_same_employer": 5,
         "credential_attainment": 6}


def sums(index: int) -> tuple[int, int]:
    cells = [r[index] for r in fixture.RECORDS if r[index] is not None]
    return sum(c[0] for c in cells), sum(c[1] for c in cells)


def test_the_fixture_is_big_enough_and_names_a_rule_per_record():
    assert len(fixture.RECORDS) >= 40
    assert len({r[0] for r in fixture.RECORDS}) == len(fixture.RECORDS)


def test_hand_totals():
    # The sums of the per-record contributions, added up by hand once more.
    assert sums(2) == (36, 21)   # employment Q2
    assert sums(3) == (33, 13)   # employment Q4
    assert sums(5) == (17, 9)    # retention with the same employer
    assert sums(6) == (9, 5)     # credential attainment
    msg = [c for r in fixture.RECORDS for c in r[7]]
    assert (sum(c[0] for c in msg), sum(c[1] for c in msg)) == (12, 7)
    earnings = sorted(r[4] for r in fixture.RECORDS if r[4] is not None)
    # 16 values; the 8th and 9th are 3,500 and 3,800: the median is 3,650.00
    assert len(earnings) == 16 and earnings[7:9] == [3500, 3800]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    pirl, wages = fixture.write(tmp_path_factory.mktemp("fixture"))
    inputs = PirlFiles(pirl, wages).read()
    window = Window(fixture.START, fixture.END, fixture.AS_OF)
    return run_measures(inputs.periods, inputs.wages, window, by=["program"], threshold=1)


def cell(result, measure, dimension="all", group="all"):
    table = result.unsuppressed
    rows = table[(table.measure == measure) & (table.dimension == dimension)
                 & (table.group == group)]
    assert len(rows) == 1, (measure, dimension, group)
    return rows.iloc[0]


@pytest.mark.parametrize(("measure", "den", "num", "value"), [
    ("employment_q2", 36, 21, Decimal("0.5833")),
    ("employment_q4", 33, 13, Decimal("0.3939")),
    ("retention_same_employer", 17, 9, Decimal("0.5294")),
    ("credential_attainment", 9, 5, Decimal("0.5556")),
    ("measurable_skill_gains", 12, 7, Decimal("0.5833")),
])
def test_rates_match_the_hand_values(result, measure, den, num, value):
    row = cell(result, measure)
    assert (row.denominator, row.numerator, row.value) == (den, num, value)


def test_median_earnings_match_the_hand_value(result):
    row = cell(result, "median_earnings_q2")
    assert row.denominator == 16 and row.value == Decimal("3650.00")
    assert row.numerator is None or row.numerator != row.numerator  # no numerator


def test_program_slices(result):
    # Youth: R14, R15 and R17's youth unit count as placed, R52 (combined with R51) is
    # employed; R08 is Table B.
    assert (cell(result, "employment_q2", "program", "youth").denominator,
            cell(result, "employment_q2", "program", "youth").numerator) == (4, 4)
    # Title II skill gains: R10 (1 of 1), R30 (0 of 2), R31 (1 of 2).
    msg = cell(result, "measurable_skill_gains", "program", "adult_education")
    assert (msg.denominator, msg.numerator) == (5, 2)
    dw = cell(result, "employment_q4", "program", "dislocated_worker")
    assert (dw.denominator, dw.numerator) == (1, 1)


def test_the_periods_were_combined(result):
    # 56 records; R51 folds into R52.
    assert (result.records, result.periods) == (56, 55)


def test_the_reference_implementation_agrees_with_the_hand_values():
    ref = reference_impl.compute(fixture.rows(), fixture.WAGES, fixture.START, fixture.END,
                                 fixture.AS_OF)
    assert ref["employment_q2"]["all"] == (36, 21)
    assert ref["employment_q4"]["all"] == (33, 13)
    assert ref["retention_same_employer"]["all"] == (17, 9)
    assert ref["credential_attainment"]["all"] == (9, 5)
    assert ref["measurable_skill_gains"]["all"] == (12, 7)
    assert ref["median_earnings_q2"]["all"] == (16, Decimal("3650.00"))
