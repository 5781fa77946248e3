"""The PIRL exporter's own rules: DOL's 90-day exit, periods, employment after exit."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from pathways.metrics import read_pirl
from pathways.metrics.export import (
    COLUMNS,
    Job,
    Person,
    dictionary,
    periods,
    person_key,
    rows,
    write,
)

D = dt.date
LAST = D(2025, 3, 3)


@pytest.mark.parametrize(("days", "exited"), [(89, False), (90, True), (91, True)])
def test_exit_comes_90_days_after_the_last_service(days, exited):
    as_of = LAST + dt.timedelta(days=days)
    found = periods([D(2025, 1, 6), LAST], [], as_of)
    assert found == [(D(2025, 1, 6), LAST if exited else None)]


@pytest.mark.parametrize("days", [90, 91, 400])
def test_a_scheduled_service_keeps_the_person_in(days):
    as_of = LAST + dt.timedelta(days=days)
    assert periods([LAST], [as_of + dt.timedelta(days=10)], as_of) == [(LAST, None)]
    # Scheduled for the very day: still in. A date that passed with no service: out.
    assert periods([LAST], [as_of], as_of) == [(LAST, None)]
    assert periods([LAST], [as_of - dt.timedelta(days=1)], as_of) == [(LAST, LAST)]


def test_a_gap_of_90_days_starts_a_new_period_and_89_does_not():
    first, later = D(2024, 1, 10), D(2024, 4, 9)  # 90 days apart
    assert periods([first, later], [], D(2025, 1, 1)) == [(first, first), (later, later)]
    close = D(2024, 4, 8)  # 89 days
    assert periods([first, close], [], D(2025, 1, 1)) == [(first, close)]


def test_services_after_the_as_of_date_do_not_count_and_none_means_no_period():
    assert periods([], [D(2025, 1, 1)], D(2024, 1, 1)) == []
    assert periods([D(2025, 1, 1)], [], D(2024, 1, 1)) == []


def test_the_key_is_stable_and_keyed():
    assert person_key(7, b"k" * 32) == person_key(7, b"k" * 32)
    assert person_key(7, b"k" * 32) != person_key(8, b"k" * 32)
    assert person_key(7, b"k" * 32) != person_key(7, b"j" * 32)
    assert len(person_key(7, b"k" * 32)) == 24


def _worker(**extra) -> Person:
    base = dict(key="p1", services=[D(2024, 2, 1), D(2024, 4, 15), D(2024, 6, 20),
                                          D(2024, 8, 20)],
                enrolled=[(D(2024, 2, 1), "s1")], completed=[(D(2024, 8, 20), "s1")],
                jobs=[Job(D(2024, 10, 1), "acme", 20.0)], education=1,
                barriers={"low_income"}, pathway="health", exit_point="CNA")
    return Person(**{**base, **extra})


def test_employment_after_exit_is_blank_until_the_quarter_has_ended():
    # Exit 2024-08-20 (2024Q3): Q2 after is 2025Q1, Q4 after is 2025Q3.
    (early,) = rows(_worker(), D(2025, 3, 30))
    assert (early["901"], early["1600"], early["1602"], early["1606"]) == \
        ("20240820", "1", "", "")
    (later,) = rows(_worker(), D(2025, 9, 30))
    assert (later["1602"], later["1704"], later["1606"], later["1618"], later["1603"]) == \
        ("1", "10400.00", "1", "1", "2")
    assert later["exit_point"] == "CNA" and later["802"] == "1" and later["803"] == "0"


def test_a_new_employer_by_the_4th_quarter_is_not_retention():
    person = _worker(jobs=[Job(D(2024, 10, 1), "acme", 20.0), Job(D(2025, 8, 1), "beta", 21)])
    (row,) = rows(person, D(2025, 12, 31))
    assert (row["1602"], row["1606"], row["1618"], row["1706"]) == \
        ("1", "1", "0", "10920.00")


def test_still_enrolled_has_no_completion_and_no_employment():
    person = _worker(completed=[], services=[D(2024, 2, 1)], scheduled=[D(2030, 1, 1)])
    (row,) = rows(person, D(2025, 9, 30))
    assert (row["901"], row["1811"], row["1813"], row["1602"], row["exit_point"]) == \
        ("", "20240201", "", "", "")


def test_a_diploma_gain_is_a_diploma_and_credentials_count_to_a_year_after_exit():
    person = _worker(gains=[(D(2024, 7, 1), 2), (D(2024, 6, 1), 4)],
                     credentials=[(D(2025, 8, 19), 5), (D(2025, 8, 21), 6)])
    (row,) = rows(person, D(2025, 9, 30))
    assert (row["1800"], row["1801"], row["1802"], row["1803"], row["1804"]) == \
        ("5", "20250819", "1", "20240701", "")
    assert row["1809"] == "20240601"


def test_the_file_reads_back_and_holds_the_periods_open_in_the_range():
    people = [_worker(), _worker(key="p2", services=[D(2022, 1, 1)], enrolled=[],
                                 completed=[], jobs=[])]
    out = io.StringIO()
    count = write(people, out, D(2024, 7, 1), D(2025, 6, 30), D(2025, 9, 30))
    assert count == 1  # p2 exited in 2022
    frame = read_pirl("x.csv", frame=__import__("pandas").read_csv(
        io.StringIO(out.getvalue()), dtype=str, keep_default_na=False), first_line=2)
    assert frame["e100"].tolist() == ["p1"] and frame["e901"].tolist() == [20240820]
    with pytest.raises(ValueError, match="unknown program"):
        write(people, io.StringIO(), D(2024, 7, 1), D(2025, 6, 30), D(2025, 9, 30), "x")


def test_the_dictionary_explains_every_column():
    entries = dictionary()
    assert [e["element"] for e in entries] == COLUMNS
    assert all(e["derived from"] and e["name"] for e in entries)


def test_docs_print_the_data_dictionary():
    from pathlib import Path

    from pathways.metrics.export import markdown_table

    doc = (Path(__file__).resolve().parents[2] / "docs" / "measures.md").read_text()
    assert markdown_table() in doc


@pytest.mark.parametrize(("day", "after", "end"), [
    (D(2024, 8, 20), 2, D(2025, 3, 31)), (D(2024, 12, 31), 1, D(2025, 3, 31)),
    (D(2024, 1, 1), 4, D(2025, 3, 31)), (D(2024, 10, 1), 2, D(2025, 6, 30)),
    (D(2023, 11, 5), 1, D(2024, 3, 31))])
def test_quarter_ends_after_exit_follow_the_calendar(day, after, end):
    from pathways.core.quarters import Quarter
    from pathways.metrics.export import _quarter_end

    assert _quarter_end(day, after) == end == (Quarter.of(day) + after).last_day
