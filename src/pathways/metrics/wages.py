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
import pyarrow as pa
import pyarrow.compute as pc

from pathways.metrics.pirl import (
    MAX_AMOUNT,
    TEXT,
    Problems,
    duplicates,
    parse_numbers,
    read_table,
    refuse_no_rows,
)

WAGE_COLUMNS = ("person", "year", "quarter", "employer", "wages")


def _is_numeric(column: pd.Series) -> bool:
    """A float or int64 numpy column (Parquet numbers), not text."""
    return not isinstance(column.dtype, pd.ArrowDtype) and (
        pd.api.types.is_float_dtype(column) or pd.api.types.is_integer_dtype(column))


def _numbers(column: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Numbers and a mask of values that are not numbers (text or a numeric column)."""
    if _is_numeric(column):
        return column, np.zeros(len(column), dtype=bool)
    return parse_numbers(column)


def read_wages(path: str | Path, frame: pd.DataFrame | None = None,
               first_line: int = 2) -> pd.DataFrame:
    """Columns person, q (running quarter number), employer, cents; InputError when bad."""
    source = str(path)
    if frame is None:
        frame, first_line = read_table(path, numbers=True)
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
    refuse_no_rows(frame, source, header_line)
    text = {name: (frame[name] if isinstance(frame[name].dtype, pd.ArrowDtype)
                   or _is_numeric(frame[name])
                   else frame[name].astype(str).str.strip().astype(TEXT))
            for name in WAGE_COLUMNS}
    del frame

    def shown(name: str):
        column = text[name]
        if _is_numeric(column):  # whole numbers shown as their floats always were
            return lambda row: repr("" if np.isnan(column.iloc[row]) else
                                    f"{float(column.iloc[row]):g}")
        values = column.to_numpy(dtype=object, na_value="")
        return lambda row: repr(str(values[row]))

    for name in ("person", "employer"):
        if _is_numeric(text[name]):  # numbers in Parquet: as text
            text[name] = pd.Series(pc.cast(pa.array(text[name].to_numpy()).cast(
                pa.int64(), safe=False), pa.string()), dtype=TEXT).fillna("")
        problems.add_rows(text[name] == "", name, f"{name} is blank")
    year, bad_year = _numbers(text["year"])
    years = year.to_numpy()
    show_year = shown("year")
    not_year = bad_year | (years < 1900) | (years > 2200)
    if years.dtype.kind == "f":  # whole numbers need no test for blanks or fractions
        not_year |= np.isnan(years) | (years != np.round(years))
    problems.add_rows(not_year, "year", lambda r: f"not a year: {show_year(r)}")
    quarter, bad_quarter = _numbers(text["quarter"])
    show_quarter = shown("quarter")
    quarters = quarter.to_numpy()
    # A range and a whole number, not ``isin``: that costs a second on 20 million rows.
    not_quarter = ~((quarters >= 1) & (quarters <= 4))
    if quarters.dtype.kind == "f":
        not_quarter |= quarters != np.round(quarters)
    problems.add_rows(bad_quarter | not_quarter, "quarter",
                      lambda r: f"quarter must be 1, 2, 3 or 4, not {show_quarter(r)}")
    wages, bad_wages = _numbers(text["wages"])
    show_wages = shown("wages")
    problems.add_rows(bad_wages | np.isnan(wages.to_numpy()), "wages",
                      lambda r: f"not an amount: {show_wages(r)}")
    problems.add_rows(wages.to_numpy() < 0, "wages",
                      lambda r: f"negative wages: {show_wages(r)}")
    problems.add_rows(wages.to_numpy() > MAX_AMOUNT, "wages",
                      lambda r: f"wages {show_wages(r)} are out of range "
                      f"(at most {MAX_AMOUNT:,})")
    dup, first = duplicates([text[k] for k in ("person", "year", "quarter", "employer")])
    if dup.any():
        lines = first + first_line
        problems.add_rows(dup, "person", lambda r: "duplicate wage record: same person, year, "
                          f"quarter and employer as line {lines[r]}")
    problems.raise_if_any()
    q = (years * 4 + quarters - 1).astype("int64", copy=False)
    # No blank amount is left (a blank is a problem above): whole cents straight from the
    # dollars, as to_cents rounds them, without a nullable column in between.
    cents = np.round(wages.to_numpy() * 100).astype("int64")
    return pd.DataFrame({"person": text["person"], "q": q, "employer": text["employer"],
                         "cents": cents}, copy=False)
