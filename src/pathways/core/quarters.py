"""Calendar quarters and program years, the clocks of U.S. workforce performance reporting.

A calendar quarter is numbered on one running scale (``year * 4 + quarter - 1``) so that
"the second quarter after the exit quarter" is plain addition, in Python and in SQL alike.
A program year (PY) runs July 1 to June 30 and is named by the year it starts in
(PY2024 = 2024-07-01 .. 2025-06-30).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pathways.core.numbers import is_digits


@dataclass(frozen=True, order=True)
class Quarter:
    """One calendar quarter (``quarter`` is 1..4)."""

    year: int
    quarter: int

    def __post_init__(self) -> None:
        if not 1 <= self.quarter <= 4:
            raise ValueError(f"quarter must be 1..4, not {self.quarter}")

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def from_index(cls, index: int) -> Quarter:
        return cls(index // 4, index % 4 + 1)

    @property
    def index(self) -> int:
        """The running quarter number; consecutive quarters differ by one."""
        return self.year * 4 + self.quarter - 1

    def __add__(self, quarters: int) -> Quarter:
        return Quarter.from_index(self.index + quarters)

    def __sub__(self, other: Quarter) -> int:
        return self.index - other.index

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.quarter - 2, 1)

    @property
    def last_day(self) -> dt.date:
        return (self + 1).first_day - dt.timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}"


def quarter_index(day: dt.date) -> int:
    """The running quarter number of the calendar quarter holding ``day``."""
    return day.year * 4 + (day.month - 1) // 3


def quarter_after(day: dt.date, n: int) -> Quarter:
    """The n-th calendar quarter after the quarter holding ``day`` (exit + 2 = Q2 after exit)."""
    return Quarter.of(day) + n


def program_year(day: dt.date) -> int:
    """The program year holding ``day``: July 1 starts a new one."""
    return day.year if day.month >= 7 else day.year - 1


def program_year_bounds(py: int) -> tuple[dt.date, dt.date]:
    """First and last day of program year ``py``."""
    return dt.date(py, 7, 1), dt.date(py + 1, 6, 30)


def program_years_between(start: dt.date, end: dt.date) -> list[int]:
    """Every program year that overlaps ``start .. end`` (inclusive)."""
    return list(range(program_year(start), program_year(end) + 1))


def one_year_after(day: dt.date) -> dt.date:
    """The same date a year later; February 29 becomes February 28."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def parse_date(text: str) -> dt.date:
    """A date written YYYYMMDD (PIRL) or YYYY-MM-DD (ISO); ValueError otherwise."""
    text = text.strip()
    if len(text) == 8 and is_digits(text):
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return dt.date.fromisoformat(text)
    raise ValueError(f"not a date (YYYYMMDD or YYYY-MM-DD): {text!r}")
