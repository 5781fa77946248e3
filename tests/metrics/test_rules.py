"""Quarters, program years, suppression, definitions and the 90-day exit rule."""

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
from pathways.metrics import Window, load_measures, parse_measure, read_pirl, run_measures, suppress
from pathways.metrics.definitions import NAMES


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


def tidy(rows):
    return pd.DataFrame(rows, columns=["measure", "dimension", "group", "numerator",
                                       "denominator", "value", "suppressed"])


def test_a_small_cell_and_its_complement_are_hidden():
    table = tidy([
        ("m", "all", "all", 30, 60, Decimal("0.5"), False),
        ("m", "sex", "female", 20, 40, Decimal("0.5"), False),
        ("m", "sex", "male", 8, 15, Decimal("0.53"), False),
        ("m", "sex", "not self-identified", 2, 5, Decimal("0.4"), False),
        ("m", "race_asian", "yes", 10, 30, Decimal("0.3"), False),
        ("m", "race_asian", "no", 20, 30, Decimal("0.6"), False),
    ])
    out = suppress(table, threshold=10)
    hidden = dict(zip(out["group"], out["suppressed"], strict=True))
    # 5 < 10 is hidden; male (the next smallest) too, or 60 - 40 - 15 would give it away.
    assert hidden == {"all": False, "female": False, "male": True,
                      "not self-identified": True, "yes": False, "no": False}
    assert out.loc[out.suppressed, ["numerator", "denominator", "value"]].isna().all().all()


def test_a_hidden_total_hides_one_cell_of_every_full_dimension():
    table = tidy([
        ("m", "all", "all", 5, 9, None, False),
        ("m", "sex", "female", 2, 4, None, False),
        ("m", "sex", "male", 3, 5, None, False),
        ("m", "hispanic", "yes", 1, 1, None, False),
        ("m", "hispanic", "no", 4, 8, None, False),
    ])
    out = suppress(table, threshold=10)
    # The total (9) is small; so is every cell; nothing stays that adds up to anything.
    assert out.suppressed.all()
    out = suppress(tidy([("m", "all", "all", 5, 30, None, False),
                         ("m", "sex", "female", 2, 10, None, False),
                         ("m", "sex", "male", 3, 20, None, False)]).assign(
        denominator=[8, 10, 20]), threshold=9)
    # A hidden total that its groups would add back up to: the smaller group hides too.
    assert list(out.suppressed) == [True, True, False]


def test_small_groups_hide_together():
    table = tidy([
        ("m", "all", "all", 4, 8, None, False),
        ("m", "sex", "female", 2, 4, None, False),
        ("m", "sex", "male", 2, 4, None, False),
    ])
    out = suppress(table, threshold=3)  # no cell is small, so nothing hides
    assert not out.suppressed.any()
    out = suppress(table, threshold=5)  # both groups small: hidden; the total (8) stays
    assert list(out.suppressed) == [False, True, True]
    out = suppress(table, threshold=9)  # every cell is small
    assert out.suppressed.all()
    out = suppress(tidy([("m", "all", "all", 4, 9, None, False),
                         ("m", "sex", "female", 2, 5, None, False),
                         ("m", "sex", "male", 2, 4, None, False)]), threshold=5)
    assert list(out.suppressed) == [False, True, True]


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
    assert (7, "colour", "unknown field 'colour'") in found


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
