"""Measures as each program reads them: comparisons of ``program`` fold away."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import pytest

from pathways.metrics import Window, load_measures, read_pirl, run_measures
from pathways.metrics.specialise import fold, readings


@pytest.mark.parametrize(("text", "program", "folded"), [
    ("emp_q2 == 1 or (program == 'youth' and placement_q2 in (1, 2, 3))", "youth",
     "emp_q2 == 1 or placement_q2 in (1, 2, 3)"),
    ("emp_q2 == 1 or (program == 'youth' and placement_q2 in (1, 2, 3))", "adult",
     "emp_q2 == 1"),
    ("in_education and (program == 'adult_education' or e804 == 1)", "adult_education",
     "in_education"),
    ("in_education and (program == 'adult_education' or e804 == 1)", "youth",
     "in_education and e804 == 1"),
    ("program != 'youth' or iet", "youth", "iet"),
    ("program in ('adult', 'youth') and not (program == 'adult')", "youth", "True"),
    ("'youth' == program", "adult", "False"),
    ("exited and emp_q2 == 1", "adult", "exited and emp_q2 == 1"),
])
def test_fold_fixes_the_program(text: str, program: str, folded: str) -> None:
    assert fold(text, program) == folded


def _measure(identifier: str):
    return next(m for m in load_measures() if m.id == identifier)


def test_programs_that_read_a_measure_alike_share_one_reading() -> None:
    found = readings(_measure("employment_q2"))
    assert [r.programs for r in found] == [
        ("adult", "dislocated_worker", "wagner_peyser", "adult_education",
         "vocational_rehabilitation", "other"), ("youth",)]
    youth = found[1]
    assert youth.measure.denominator == "known(emp_q2) or placement_q2 in (1, 2, 3)"
    # Exit reasons stay per program: adult education leaves out reason 7 as well.
    assert found[0].excluded("adult_education") == (1, 2, 3, 4, 7)
    assert found[0].excluded("adult") == (1, 2, 3, 4)
    assert youth.excluded("youth") == (1, 2, 3, 4, 5)


def test_a_measure_limited_to_some_programs_reads_only_those() -> None:
    efl = _measure("efl_gain")
    covered = {p for r in readings(efl) for p in r.programs}
    assert covered == set(efl.programs)


def test_a_co_enrolled_period_is_read_by_each_program_as_that_program_reads_it() -> None:
    # A: adult and youth, exit reason 5 (Youth leave it out, Adult do not), employed Q2.
    # B: adult and youth, employment Q2 still pending, a youth placement in Q2.
    frame = pd.DataFrame({"100": ["A", "B"], "900": ["20230101"] * 2,
                          "901": ["20230301"] * 2, "903": ["1", "1"], "905": ["1", "1"],
                          "923": ["5", ""], "1602": ["1", ""], "1900": ["", "1"]})
    result = run_measures(read_pirl("x.csv", frame=frame), None,
                          Window(dt.date(2023, 1, 1), dt.date(2023, 3, 31), dt.date(2023, 8, 1)),
                          by=["program"], measures=[_measure("employment_q2")], threshold=1)
    cells = {(r.dimension, r.group): (r.denominator, r.numerator)
             for r in result.table.itertuples()}
    assert cells[("all", "all")] == (2, 2)  # each counted once, under the program that can
    assert cells[("program", "adult")] == (1, 1)  # A only: B's employment is pending
    assert cells[("program", "youth")] == (1, 1)  # B only: A's exit reason leaves it out


def test_a_program_compared_with_a_column_keeps_a_reading_per_program() -> None:
    odd = replace(_measure("employment_q2"), population="exited and program != provider")
    found = readings(odd)
    assert all(len(r.programs) == 1 for r in found)
    assert {r.programs[0] for r in found} == set(odd.programs)
