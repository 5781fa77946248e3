"""The date rules of agreements, as plain functions (tested without a database).

A one-stop MOU is reviewed at least every 3 years (20 CFR 678.500(b)): the next review is
due 3 years after the last review, or after the effective date if it was never reviewed.
An agreement that ends within ``ENDING_SOON_DAYS`` is flagged so the partners can renew it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MOU_REVIEW_YEARS = 3
ENDING_SOON_DAYS = 90


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved by whole years. 29 February becomes 28 February in a year without one:
    a review falls due a day early rather than a day late."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def review_due(effective_on: dt.date, last_reviewed_on: dt.date | None) -> dt.date:
    """When the next MOU review is due."""
    return add_years(last_reviewed_on or effective_on, MOU_REVIEW_YEARS)


@dataclass(frozen=True)
class Reminder:
    """Something to do about one agreement by a date: ``review`` (an MOU's 3-year review)
    or ``ends`` (the agreement ends soon)."""

    what: str
    on: dt.date
    overdue: bool


def reminders(*, is_mou: bool, effective_on: dt.date, ends_on: dt.date | None,
              last_reviewed_on: dt.date | None, today: dt.date) -> list[Reminder]:
    """What is due on one agreement, as of ``today``. An agreement that has ended asks for
    nothing more; an MOU always shows its next review date (overdue once it has passed)."""
    if ends_on is not None and ends_on < today:
        return []
    found = []
    if is_mou:
        due = review_due(effective_on, last_reviewed_on)
        found.append(Reminder("review", due, due < today))
    if ends_on is not None and (ends_on - today).days <= ENDING_SOON_DAYS:
        found.append(Reminder("ends", ends_on, False))
    return found
