"""Read unemployment-insurance wage records: person, year, quarter, employer, wages.

One row per person, calendar quarter and employer (FEIN or state UI account). ``person`` is
the PIRL 100 identifier of the person (link UI records to it before, never by sending SSNs
here). The engine sums a person's wages over employers for earnings, and looks for one
employer paying in both the 2nd and 4th quarter after exit for retention with the same
employer.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pathways.metrics.pirl import TEXT, Problems, mask, parse_numbers, read_table, to_cents

WAGE_COLUMNS = ("person", "year", "quarter", "employer", "wages")


def read_wages(path: str | Path, frame: pd.DataFrame | None = None,
               first_line: int = 2) -> pd.DataFrame:
    """Columns person, q (running quarter number), employer, cents; InputError when bad."""
    source = str(path)
    if frame is None:
        frame, first_line = read_table(path)
    frame = frame.reset_index(drop=True).rename(columns=lambda c: str(c).strip().lower())
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
    text = {name: (frame[name] if isinstance(frame[name].dtype, pd.ArrowDtype)
                   else frame[name].astype(str).str.strip().astype(TEXT))
            for name in WAGE_COLUMNS}

    def shown(name: str):
        values = text[name].to_numpy(dtype=object, na_value="")
        return lambda row: repr(str(values[row]))

    for name in ("person", "employer"):
        problems.add_rows(text[name] == "", name, f"{name} is blank")
    year, bad_year = parse_numbers(text["year"])
    years = year.to_numpy()
    show_year = shown("year")
    problems.add_rows(bad_year | mask(text["year"] == "") | (years < 1900) | (years > 2200)
                      | (years != np.round(years)), "year",
                      lambda r: f"not a year: {show_year(r)}")
    quarter, bad_quarter = parse_numbers(text["quarter"])
    show_quarter = shown("quarter")
    problems.add_rows(bad_quarter | ~np.isin(quarter.to_numpy(), [1, 2, 3, 4]), "quarter",
                      lambda r: f"quarter must be 1, 2, 3 or 4, not {show_quarter(r)}")
    wages, bad_wages = parse_numbers(text["wages"])
    show_wages = shown("wages")
    problems.add_rows(bad_wages | mask(text["wages"] == ""), "wages",
                      lambda r: f"not an amount: {show_wages(r)}")
    problems.add_rows(wages.to_numpy() < 0, "wages",
                      lambda r: f"negative wages: {show_wages(r)}")
    keys = pd.DataFrame({k: text[k] for k in ("person", "year", "quarter", "employer")})
    dup = keys.duplicated(keep="first").to_numpy()
    if dup.any():
        first = pd.Series(np.arange(len(keys)) + first_line).groupby(
            [keys[k].astype(object) for k in keys], dropna=False).transform("min").to_numpy()
        problems.add_rows(dup, "person", lambda r: "duplicate wage record: same person, year, "
                          f"quarter and employer as line {first[r]}")
    problems.raise_if_any()
    q = (years * 4 + quarter.to_numpy() - 1).astype("int64")
    return pd.DataFrame({"person": text["person"], "q": q, "employer": text["employer"],
                         "cents": to_cents(wages).astype("int64")})
