"""The one CSV writer: formulas neutralised, numbers kept, and nothing else writes CSV."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from pathways.core.csvwriter import frame_to_csv, safe_cell, write_csv, write_rows
from tests.layout import PACKAGE

LINK = '=HYPERLINK("http://x","y")'


def test_text_that_would_run_as_a_formula_gets_an_apostrophe():
    for text in (LINK, "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "=1"):
        assert safe_cell(text) == "'" + text


def test_numbers_and_plain_text_stay_as_they_are():
    for value in (-5, 2.5, 0, None, "", "Nursing", "-0.2500", "+3", "1e5", "a=b", "'x"):
        assert safe_cell(value) == value


def test_rows_and_mappings_are_written_with_a_header(tmp_path):
    path = tmp_path / "out.csv"
    count = write_csv(path, ["name", "count"], [{"name": LINK, "count": -3, "extra": 1},
                                                ("ok", None)])
    assert count == 2
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    assert rows == [["name", "count"], ["'" + LINK, "-3"], ["ok", ""]]


def test_a_frame_keeps_its_numbers_and_loses_its_formulas():
    frame = pd.DataFrame({"group": [LINK, "Nursing", None],
                          "numerator": pd.array([1, None, -4], dtype="Int64"),
                          "value": ["-0.5000", "=1+1", None], "share": [0.5, -1.0, 2.0],
                          "suppressed": [True, False, False]})
    text = frame_to_csv(frame)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["group", "numerator", "value", "share", "suppressed"]
    assert rows[1] == ["'" + LINK, "1", "-0.5000", "0.5", "True"]
    assert rows[2] == ["Nursing", "", "'=1+1", "-1.0", "False"]
    assert rows[3] == ["", "-4", "", "2.0", "False"]
    assert frame["group"][0] == LINK  # the caller's frame is not changed


@given(st.lists(st.text(max_size=20), min_size=1, max_size=5))
def test_no_written_cell_starts_a_formula_unless_it_is_a_number(values):
    handle = io.StringIO()
    write_rows(handle, ["a"], [[v] for v in values])
    handle.seek(0)
    for (cell,) in list(csv.reader(handle))[1:]:
        if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}:
            assert re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", cell), cell


def test_nothing_else_in_the_source_writes_csv():
    """Every CSV goes through pathways.core.csvwriter (to_csv, csv.writer, DictWriter)."""
    pattern = re.compile(r"\.to_csv\(|csv\.writer\(|DictWriter\(")
    found = [f"{path.relative_to(PACKAGE)}:{number}"
             for path in sorted(PACKAGE.rglob("*.py")) if path.name != "csvwriter.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert not found, found
