"""Read a PIRL file (CSV or Parquet) into typed columns, or report every bad row.

Values are checked column by column with vectorised operations, so a state's file reads in
seconds, yet each problem still names file, line, element and what is wrong. Nothing is
returned when any problem is found: a run never reports numbers from partly read data.

Typed columns are named ``e<element>`` (``e901``); dates become YYYYMMDD integers, which
every engine compares and stores alike (no time zones, no date types to translate); money
becomes whole cents.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pathways.core.errors import InputError, InputProblem
from pathways.metrics.elements import (
    ELEMENTS,
    NOT_YET_AVAILABLE_WAGES,
    PATHWAY_COLUMNS,
    REQUIRED,
    Element,
    column_element,
)

MAX_PROBLEMS = 1000  # enough to act on; the count of the rest is still reported


def read_table(path: str | Path) -> tuple[pd.DataFrame, int]:
    """Every column as text ('' = blank), and the file line of the first data row."""
    path = Path(path)
    try:
        if path.suffix.lower() in {".parquet", ".pq"}:
            frame = pd.read_parquet(path)
            return pd.DataFrame({c: as_text(frame[c]) for c in frame.columns}), 1
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[])
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise InputError(InputProblem(f"cannot read: {exc}", str(path))) from exc
    return frame.apply(lambda s: s.astype(str).str.strip()), 2


def as_text(series: pd.Series) -> pd.Series:
    """A Parquet column as text: dates as YYYYMMDD, whole floats without '.0', nulls blank."""
    if pd.api.types.is_datetime64_any_dtype(series):
        text = series.dt.strftime("%Y%m%d")
    elif pd.api.types.is_float_dtype(series):
        text = pd.Series([str(int(v)) if v == v and v == int(v) else str(v)
                          for v in series], index=series.index)
    else:
        text = series.astype(object).map(
            lambda v: v.strftime("%Y%m%d") if hasattr(v, "strftime") else v).astype(str)
    return text.where(series.notna(), "").str.strip()


class Problems:
    """Collects row-level problems with their file line; caps what it keeps."""

    def __init__(self, source: str, first_line: int):
        self.source, self.first_line = source, first_line
        self.items: list[InputProblem] = []
        self.count = 0

    def add_rows(self, mask: pd.Series, field: str, message: pd.Series | str) -> None:
        rows = mask[mask.fillna(False).astype(bool)].index
        self.count += len(rows)
        for row in rows[: max(0, MAX_PROBLEMS - len(self.items))]:
            text = message if isinstance(message, str) else str(message.loc[row])
            self.items.append(InputProblem(text, self.source, int(row) + self.first_line, field))

    def add(self, message: str, line: int | None = None, field: str = "") -> None:
        self.count += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(InputProblem(message, self.source, line, field))

    def raise_if_any(self) -> None:
        if self.count:
            problems = sorted(self.items, key=lambda p: (p.line or 0, p.field))
            if self.count > len(problems):
                problems.append(InputProblem(
                    f"{self.count - len(problems)} more problems not listed", self.source))
            raise InputError(problems)


def parse_dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """YYYYMMDD integers (nullable) and a mask of values that are not dates."""
    digits = text.str.replace(r"^(\d{4})-(\d{2})-(\d{2})$", r"\1\2\3", regex=True)
    shaped = digits.str.fullmatch(r"\d{8}")
    real = pd.to_datetime(digits.where(shaped, None), format="%Y%m%d", errors="coerce")
    bad = (text != "") & real.isna()
    value = pd.to_numeric(digits.where(real.notna(), None), errors="coerce").astype("Int64")
    return value, bad


def parse_numbers(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    number = pd.to_numeric(text.where(text != "", None), errors="coerce")
    return number, (text != "") & number.isna()


def to_cents(number: pd.Series) -> pd.Series:
    return (number * 100).round().astype("Int64")


def _typed(element: Element, text: pd.Series, problems: Problems, field: str) -> pd.Series:
    kind = element.kind
    if kind in {"id", "text"}:
        if kind == "id":
            problems.add_rows(text == "", field, "identifier is blank")
        return text.where(text != "", None).astype(object)
    if kind == "date":
        value, bad = parse_dates(text)
        problems.add_rows(bad, field, "bad date " + text.map(repr) + " (YYYYMMDD or YYYY-MM-DD)")
        return value
    number, bad = parse_numbers(text)
    problems.add_rows(bad, field, "not a number: " + text.map(repr))
    if kind == "money":
        problems.add_rows(number < 0, field, "negative wages: " + text)
        unavailable = number.isin(NOT_YET_AVAILABLE_WAGES)
        # All nines mean "not yet available", which the engine treats like a blank.
        return to_cents(number.where(~unavailable & (number >= 0)))
    whole = number.notna() & (number != number.round())
    problems.add_rows(whole, field, "not a whole number: " + text.map(repr))
    if kind == "count":
        problems.add_rows(number < 0, field, "negative count: " + text)
        return number.where(number >= 0).round().astype("Int64")
    codes = element.codes or frozenset()
    outside = number.notna() & ~number.isin(codes) & ~whole
    allowed = ", ".join(str(c) for c in sorted(codes))
    problems.add_rows(outside, field, "code " + text.map(repr) + f" is not one of {allowed}")
    return number.where(number.isin(codes)).astype("Int64")


def read_pirl(path: str | Path, frame: pd.DataFrame | None = None,
              first_line: int = 2) -> pd.DataFrame:
    """Typed PIRL columns (``e100`` ... and pathway columns), one row per period.

    ``frame`` (all text) stands for the file's content when given, for adapters and tests.
    Raises InputError listing every problem (file, line, element) when any is found.
    """
    source = str(path)
    if frame is None:
        frame, first_line = read_table(path)
    problems = Problems(source, first_line)
    header_line = 1 if first_line == 2 else None
    columns: dict[str, str] = {}
    for name in frame.columns:
        number = column_element(str(name))
        if number is None:
            problems.add(f"unknown column {name!r}: not a PIRL element the engine reads "
                         "nor a pathway column", header_line, str(name))
        elif number in columns:
            problems.add(f"column {name!r} repeats element {number} "
                         f"(already given as {columns[number]!r})", header_line, str(name))
        else:
            columns[number] = str(name)
    for number in REQUIRED:
        if number not in columns:
            problems.add(f"required column {number} ({ELEMENTS[number].name}) is missing",
                         header_line, number)
    problems.raise_if_any()

    typed: dict[str, pd.Series] = {}
    for number, name in columns.items():
        element = ELEMENTS.get(number) or PATHWAY_COLUMNS[number]
        key = f"e{number}" if number in ELEMENTS else number
        typed[key] = _typed(element, frame[name], problems, number)
    table = pd.DataFrame(typed, index=frame.index)
    for number in ELEMENTS:
        if f"e{number}" not in table:
            table[f"e{number}"] = pd.Series(pd.NA, index=frame.index, dtype=_dtype(number))
    for name in PATHWAY_COLUMNS:
        if name not in table:
            table[name] = None
    _check_rows(table, frame, columns, problems)
    problems.raise_if_any()
    table.insert(0, "rid", pd.RangeIndex(len(table)).astype("int64"))
    table.insert(1, "line", (frame.index + first_line).astype("int64"))
    return table.reset_index(drop=True)


def _dtype(number: str) -> str:
    return "object" if ELEMENTS[number].kind == "id" else "Int64"


def _check_rows(table: pd.DataFrame, frame: pd.DataFrame, columns: dict[str, str],
                problems: Problems) -> None:
    entry, exit_ = table["e900"], table["e901"]
    if "900" in columns:
        problems.add_rows(frame[columns["900"]] == "", "900", "date of program entry is blank")
    problems.add_rows(exit_ < entry, "901", "exit " + exit_.astype(str)
                      + " is before entry " + entry.astype(str))
    keyed = table[["e100", "e900"]].dropna()
    first = keyed.groupby(["e100", "e900"], sort=False).cumcount() == 0
    first_line = (keyed.index.to_series() + problems.first_line)
    line_of_first = first_line.groupby([keyed["e100"], keyed["e900"]]).transform("min")
    dup = ~first
    problems.add_rows(dup.reindex(table.index, fill_value=False), "100",
                      "duplicate period of participation: same 100 and 900 as line "
                      + line_of_first.reindex(table.index).astype("Int64").astype(str))
