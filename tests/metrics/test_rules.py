"""Quarters, program years, definitions, the 90-day exit rule and the wage lag."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from pathways.core.errors import InputError
from pathways.core.quarters import (
    Quarter,
    one_year_after,
    parse_date,
    program_year,
    program_year_bounds,
    quarter_after,
)
from pathways.core.yamldata import load_yaml
from pathways.metrics import Window, load_measures, parse_measure, read_pirl, run_measures
from pathways.metrics.definitions import NAMES, check_expression


def test_calendar_quarters_and_program_years():
    # The reference's example: exit 2024-02-10 -> Q2 after exit is 2024-07-01 .. 09-30.
    q2 = quarter_after(dt.date(2024, 2, 10), 2)
    assert (q2.first_day, q2.last_day) == (dt.date(2024, 7, 1), dt.date(2024, 9, 30))
    assert Quarter(2024, 4) + 1 == Quarter(2025, 1) and str(Quarter(2025, 1)) == "2025Q1"
    assert program_year(dt.date(2024, 6, 30)) == 2023 and program_year(dt.date(2024, 7, 1)) == 2024
    assert program_year_bounds(2024) == (dt.date(2024, 7, 1), dt.date(2025, 6, 30))
    assert one_year_after(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
    assert parse_date("20240229") == parse_date("2024-02-29")
    with pytest.raises(ValueError):
        parse_date("2024/02/29")


def test_every_shipped_definition_validates():
    ids = [m.id for m in load_measures()]
    for required in ("employment_q2", "employment_q4", "median_earnings_q2",
                     "credential_attainment", "measurable_skill_gains",
                     "retention_same_employer"):
        assert required in ids


def test_a_bad_definition_names_file_line_and_field(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: broken\nname: Broken\nkind: rate\nwindow: exit\n"
                    "population: exited and nonsense == 1\nnumerator: __import__('os')\n"
                    "colour: red\n")
    with pytest.raises(InputError) as caught:
        load_measures(tmp_path)
    found = {(p.line, p.field, p.message) for p in caught.value.problems}
    assert (5, "population", "unknown name 'nonsense'") in found
    assert any(line == 6 and field == "numerator" for line, field, _ in found)
    assert any(line == 7 and field == "colour" and message.startswith("unknown field 'colour' (")
               for line, field, message in found)  # then the fields it could have meant


def test_a_new_measure_needs_no_engine_change(tmp_path):
    path = tmp_path / "q1.yaml"
    path.write_text("id: employment_q1\nname: Employment Q1\nkind: rate\nwindow: exit\n"
                    "population: exited\ndenominator: known(emp_q1)\nnumerator: emp_q1 == 1\n")
    measure, problems = parse_measure(load_yaml(path), str(path), NAMES)
    assert not problems
    frame = pd.DataFrame({"100": ["A", "B", "C"], "900": ["20230101"] * 3,
                          "901": ["20230301"] * 3, "1600": ["1", "0", "9"]})
    result = run_measures(read_pirl("x.csv", frame=frame), None,
                          Window(dt.date(2023, 1, 1), dt.date(2023, 3, 31), dt.date(2023, 8, 1)),
                          by=[], measures=[measure], threshold=1)
    # As of 2023-08-01 (Q3), Q1 after exit (Q2) is inside its lag: the 9 is left out.
    row = result.table.iloc[0]
    assert (row.denominator, row.numerator, row.value) == (2, 1, Decimal("0.5000"))


def test_an_exit_is_known_only_after_90_days():
    frame = pd.DataFrame({"100": ["A"], "900": ["20230101"], "901": ["20230301"],
                          "1602": ["1"]})
    periods = read_pirl("x.csv", frame=frame)
    measures = [m for m in load_measures() if m.id == "employment_q2"]
    for as_of, expected in ((dt.date(2023, 5, 29), 0), (dt.date(2023, 5, 30), 1)):
        window = Window(dt.date(2023, 1, 1), dt.date(2023, 3, 31), as_of)
        result = run_measures(periods, None, window, by=[], measures=measures, threshold=1)
        assert result.table.iloc[0].denominator == expected


def test_expressions_too_deep_for_the_compiler_are_refused():
    names = {"earn_q2", "exited"}
    assert check_expression(" + ".join(["earn_q2"] * 100), names) \
        == "is nested more than 40 levels deep"
    assert check_expression("not " * 400 + "exited", names) \
        == "is nested more than 40 levels deep"
    assert check_expression("exited\0", names).startswith("not a valid expression")
    assert check_expression("x" * 2001, names) == "is longer than 2000 characters"
    assert check_expression("(earn_q2 + earn_q2) > 0 and not exited", names) is None
