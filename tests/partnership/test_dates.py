"""The agreements' date rules: the 3-year MOU review (20 CFR 678.500) and endings within 90
days, worked by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from pathways.apps.partnership.dates import Reminder, add_years, reminders, review_due

D = dt.date


@pytest.mark.parametrize(("day", "years", "expected"), [
    (D(2024, 3, 1), 3, D(2027, 3, 1)),
    (D(2024, 2, 29), 3, D(2027, 2, 28)),  # no 29 February in 2027: a day early, not late
    (D(2024, 2, 29), 4, D(2028, 2, 29)),  # a leap year again: the same day
    (D(2023, 2, 28), 1, D(2024, 2, 28)),
    (D(2024, 12, 31), 3, D(2027, 12, 31)),
])
def test_add_years(day, years, expected):
    assert add_years(day, years) == expected


def test_the_review_counts_from_the_last_review_or_else_the_effective_date():
    assert review_due(D(2024, 3, 1), None) == D(2027, 3, 1)
    assert review_due(D(2021, 7, 1), D(2024, 2, 29)) == D(2027, 2, 28)


MOU_START = D(2024, 3, 1)


def mou(today, effective=MOU_START, ends=None, reviewed=None):
    return reminders(is_mou=True, effective_on=effective, ends_on=ends,
                     last_reviewed_on=reviewed, today=today)


def test_an_mou_always_shows_its_next_review():
    assert mou(D(2026, 12, 7)) == [Reminder("review", D(2027, 3, 1), False)]


def test_the_review_is_overdue_the_day_after_it_was_due():
    assert mou(D(2027, 3, 1)) == [Reminder("review", D(2027, 3, 1), False)]
    assert mou(D(2027, 3, 2)) == [Reminder("review", D(2027, 3, 1), True)]


def test_a_review_moves_the_due_date():
    assert mou(D(2027, 3, 2), reviewed=D(2027, 2, 1)) == [
        Reminder("review", D(2030, 2, 1), False)]


def test_an_agreement_ending_within_90_days():
    other = dict(is_mou=False, effective_on=D(2025, 7, 1), last_reviewed_on=None)
    ends = D(2026, 6, 30)
    assert reminders(**other, ends_on=ends, today=D(2026, 4, 1)) == [
        Reminder("ends", ends, False)]  # 90 days before
    assert reminders(**other, ends_on=ends, today=D(2026, 3, 31)) == []  # 91 days before
    assert reminders(**other, ends_on=ends, today=ends) == [Reminder("ends", ends, False)]
    assert reminders(**other, ends_on=ends, today=D(2026, 7, 1)) == []  # ended


def test_an_mou_ending_soon_shows_both_and_an_ended_one_nothing():
    found = mou(D(2027, 4, 1), ends=D(2027, 6, 30))
    assert found == [Reminder("review", D(2027, 3, 1), True),
                     Reminder("ends", D(2027, 6, 30), False)]
    assert mou(D(2027, 7, 1), ends=D(2027, 6, 30)) == []
