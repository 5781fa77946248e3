"""Measures as each program reads them: comparisons of ``program`` fold away."""

from __future__ import annotations

import pytest

from pathways.metrics import load_measures
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
