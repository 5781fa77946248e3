"""Read unemployment-insurance wage records: person, year, quarter, employer, wages.

One row per person, calendar quarter and employer (FEIN or state UI account). The engine
sums a person's wages over employers for earnings, and looks for one employer paying in both
the 2nd and 4th quarter after exit for retention with the same employer.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pathways.metrics.pirl import Problems, parse_numbers, read_table, to_cents

WAGE_COLUMNS = ("person", "year", "quarter", "employer", "wages")


def read_wages(path: str | Path, frame: pd.DataFrame | None = None,
               first_line: int = 2) -> pd.DataFrame:
    """Columns person, q (running quarter number), employer, cents; InputError when bad."""
    source = str(path)
    if frame is None:
        frame, first_line = read_table(path)
    frame = frame.rename(columns=lambda c: str(c).strip().lower())
    header_line = 1 if first_line == 2 else None
    problems = Problems(source, first_line)
    for name in frame.columns:
        if name not in WAGE_COLUMNS:
            problems.add(f"unknown column {name!r} (expected {', '.join(WAGE_COLUMNS)})",
                         header_line, name)
    for name in WAGE_COLUMNS:
        if name not in frame.columns:
            problems.add(f"required column {name!r} is missing", header_line, name)
    problems.raise_if_any()

    for name in ("person", "employer"):
        problems.add_rows(frame[name] == "", name, f"{name} is blank")
    year, bad_year = parse_numbers(frame["year"])
    problems.add_rows(bad_year | frame["year"].eq("") | ((year < 1900) | (year > 2200)),
                      "year", "not a year: " + frame["year"].map(repr))
    quarter, bad_quarter = parse_numbers(frame["quarter"])
    problems.add_rows(bad_quarter | ~quarter.isin([1, 2, 3, 4]), "quarter",
                      "quarter must be 1, 2, 3 or 4, not " + frame["quarter"].map(repr))
    wages, bad_wages = parse_numbers(frame["wages"])
    problems.add_rows(bad_wages | frame["wages"].eq(""), "wages",
                      "not an amount: " + frame["wages"].map(repr))
    problems.add_rows(wages < 0, "wages", "negative wages: " + frame["wages"])
    keys = ["person", "year", "quarter", "employer"]
    dup = frame.duplicated(keys, keep="first")
    first = (frame.index.to_series() + first_line).groupby(
        [frame[k] for k in keys]).transform("min")
    problems.add_rows(dup, "person", "duplicate wage record: same person, year, quarter and "
                      "employer as line " + first.astype("Int64").astype(str))
    problems.raise_if_any()
    return pd.DataFrame({
        "person": frame["person"].astype(object),
        "q": (year * 4 + quarter - 1).astype("int64"),
        "employer": frame["employer"].astype(object),
        "cents": to_cents(wages).astype("int64"),
    })

