"""Read a PIRL file (CSV or Parquet) into typed columns, or report every bad row.

Values are checked column by column with vectorised operations on Arrow-backed text, so a
state's file reads in seconds and in little memory, yet each problem still names file, line,
element and what is wrong. Nothing is returned when any problem is found: a run never reports
numbers from partly read data.

Typed columns are named ``e<element>`` (``e901``); dates become YYYYMMDD integers, which
every engine compares and stores alike (no time zones, no date types to translate); money
becomes whole cents.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

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
# No quarter's wages come near this (DOL's layout gives wages six digits); past it a value
# is a mistake, and its cents would not fit a whole number.
MAX_AMOUNT = 99_999_999
MAX_COUNT = 1_000_000
TEXT = pd.ArrowDtype(pa.string())


def read_table(path: str | Path, numbers: bool = False, typed_numbers: bool = False
               ) -> tuple[pd.DataFrame, int]:
    """Every column as text ('' = blank), and the file line of the first data row.

    Parquet rows have no lines; their "line" is the row number (1 = first row). With
    ``numbers``, numeric Parquet columns stay numbers (int64 for integers without nulls,
    else float with NaN for null): no text round trip for millions of wage rows. With
    ``typed_numbers`` they stay as they are, Arrow integers or floats with nulls (the PIRL
    reader checks them without text).
    """
    path = Path(path)
    try:
        if path.suffix.lower() in {".parquet", ".pq"}:
            table = pq.read_table(path)
            out = {}
            for name in table.column_names:
                column = table.column(name)
                numeric = pa.types.is_integer(column.type) or pa.types.is_floating(column.type)
                if numeric and typed_numbers:
                    out[name] = pd.Series(column, dtype=pd.ArrowDtype(column.type))
                elif numeric and numbers and pa.types.is_integer(column.type) \
                        and not column.null_count:
                    out[name] = pd.Series(column.to_numpy().astype("int64", copy=False),
                                          copy=False)
                elif numeric and numbers:
                    out[name] = pd.Series(column.to_numpy().astype("float64"), copy=False)
                else:
                    out[name] = _as_text(column)
                table = table.drop_columns([name])
            return pd.DataFrame(out, copy=False), 1
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), [])
        if not header:
            raise InputError(InputProblem("the file is empty: no header line", str(path), 1))
        names = [h.strip() for h in header]
        if len(set(names)) != len(names):
            dup = sorted({n for n in names if names.count(n) > 1})
            raise InputError(InputProblem(f"column {dup[0]!r} appears twice in the header",
                                          str(path), 1, dup[0]))
        table = pa_csv.read_csv(
            path, read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False,
                quoted_strings_can_be_null=False))
    except (OSError, pa.ArrowInvalid, UnicodeDecodeError, csv.Error) as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        raise InputError(InputProblem(f"cannot read: {message}", str(path))) from exc
    frame = pd.DataFrame({name: _strip(table.column(name)) for name in table.column_names})
    return frame, 2


def _strip(column: pa.ChunkedArray) -> pd.Series:
    return pd.Series(pc.utf8_trim_whitespace(column), dtype=TEXT)


def _as_text(column: pa.ChunkedArray) -> pd.Series:
    """A Parquet column as text: dates as YYYYMMDD, whole floats without '.0', nulls blank."""
    kind = column.type
    if pa.types.is_timestamp(kind) or pa.types.is_date(kind):
        text = pc.strftime(column, format="%Y%m%d")
    elif pa.types.is_boolean(kind):
        text = pc.if_else(column, "1", "0")
    elif pa.types.is_floating(kind):
        whole = pc.equal(column, pc.floor(column))
        as_int = pc.cast(pc.if_else(whole, column, pa.scalar(None, kind)), pa.int64(),
                         safe=False)
        text = pc.coalesce(pc.cast(as_int, pa.string()), pc.cast(column, pa.string()))
    else:
        text = pc.cast(column, pa.string())
    return _strip(pc.fill_null(text, ""))


def mask(series: pd.Series) -> np.ndarray:
    """A boolean (possibly nullable, possibly Arrow) series as a plain numpy mask."""
    return series.fillna(False).to_numpy(dtype=bool)


class Problems:
    """Collects row-level problems with their file line; caps what it keeps."""

    def __init__(self, source: str, first_line: int):
        self.source, self.first_line = source, first_line
        self.items: list[InputProblem] = []
        self.count = 0

    def add_rows(self, bad: pd.Series | np.ndarray, field: str,
                 message: str | Callable[[int], str]) -> None:
        """One problem per flagged row; ``message`` may be a function of the row position."""
        rows = np.flatnonzero(bad if isinstance(bad, np.ndarray) else mask(bad))
        self.count += len(rows)
        for row in rows[: max(0, MAX_PROBLEMS - len(self.items))]:
            text = message if isinstance(message, str) else message(int(row))
            self.items.append(InputProblem(text, self.source, int(row) + self.first_line,
                                           field))

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


def refuse_no_rows(frame: pd.DataFrame, source: str, header_line: int | None) -> None:
    """A file of column names and no records would compute (and publish) nothing."""
    if frame.empty:
        what = "has a header line but no records" if header_line else "has no records"
        raise InputError(InputProblem(f"{what}: there is nothing to compute from", source,
                                      header_line))


_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"


def _arrow(text: pd.Series) -> pa.ChunkedArray | pa.Array:
    return pa.array(text if isinstance(text.dtype, pd.ArrowDtype) else text.astype(TEXT))


def parse_dates(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """YYYYMMDD integers (nullable) and a mask of values that are not real dates."""
    arr = _arrow(text)
    iso = pc.fill_null(pc.match_substring_regex(arr, r"^\d{4}-\d{2}-\d{2}$"), False)
    digits = pc.if_else(iso, pc.replace_substring(arr, "-", ""), arr)
    shaped = pc.fill_null(pc.match_substring_regex(digits, r"^\d{8}$"), False)
    number = pc.cast(pc.if_else(shaped, digits, pa.scalar(None, pa.string())), pa.int64())
    value = number.to_numpy(zero_copy_only=False) if isinstance(number, pa.Array) else \
        number.to_numpy()
    value = np.nan_to_num(value.astype("float64"), nan=0).astype("int64")
    known = np.asarray(shaped.to_numpy(zero_copy_only=False), dtype=bool) if isinstance(
        shaped, pa.Array) else np.asarray(shaped.to_numpy(), dtype=bool)
    real = known & _real_days(value)
    bad = mask(text != "") & ~real
    return pd.Series(pd.array(np.where(real, value, 0), dtype="Int64"),
                     index=text.index).where(real), bad


def _real_days(value: np.ndarray) -> np.ndarray:
    """Which YYYYMMDD integers are days of the calendar (from 1900)."""
    year, month, day = value // 10000, (value // 100) % 100, value % 100
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    last = _DAYS[np.clip(month, 1, 12) - 1] + ((month == 2) & leap)
    return (month >= 1) & (month <= 12) & (day >= 1) & (day <= last) & (year >= 1900) \
        & (value <= 99991231)


def parse_numbers(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Numbers (float, NaN for blank) and a mask of values that are not numbers."""
    arr = _arrow(text)
    ok = pc.fill_null(pc.match_substring_regex(arr, NUMBER), False)
    number = pc.cast(pc.if_else(ok, arr, pa.scalar(None, pa.string())), pa.float64())
    values = number.to_numpy(zero_copy_only=False) if isinstance(number, pa.Array) else \
        number.to_numpy()
    values = values.astype("float64")
    return pd.Series(values, index=text.index), mask(text != "") & np.isnan(values)


def to_cents(number: pd.Series) -> pd.Series:
    return pd.Series(pd.array(np.round(number.to_numpy() * 100), dtype="Int64"),
                     index=number.index)


def _shown(text: pd.Series) -> Callable[[int], str]:
    values = text.to_numpy(dtype=object, na_value="")
    return lambda row: repr(str(values[row]))


def _is_number(column: pd.Series) -> bool:
    return isinstance(column.dtype, pd.ArrowDtype) and (
        pa.types.is_integer(column.dtype.pyarrow_dtype)
        or pa.types.is_floating(column.dtype.pyarrow_dtype))


def _number_text(value: float) -> str:
    return str(int(value)) if value == np.floor(value) else repr(float(value))


def _typed_number(element: Element, column: pd.Series, problems: Problems,
                  field: str) -> pd.Series:
    """A numeric Parquet column checked as numbers: the same rules and messages as text,
    without turning millions of numbers into text and back."""
    if element.kind in {"id", "text"}:
        arrow = pa.array(column)
        if isinstance(arrow, pa.Array):
            arrow = pa.chunked_array([arrow])
        return _typed(element, _as_text(arrow), problems, field)
    if pa.types.is_integer(column.dtype.pyarrow_dtype):
        clean = _clean_integers(element, column)
        if clean is not None:
            return clean
    values = column.to_numpy(dtype="float64", na_value=np.nan)
    del column

    def shown(row: int) -> str:
        return repr(_number_text(values[row]))

    if element.kind == "date":
        known = ~np.isnan(values)
        whole = known & (values == np.floor(values)) & (np.abs(values) < 1e12)
        days = np.where(whole, values, 0).astype("int64")
        real = whole & _real_days(days)
        problems.add_rows(known & ~real, field,
                          lambda r: f"bad date {shown(r)} (YYYYMMDD or YYYY-MM-DD)")
        return pd.Series(pd.array(np.where(real, days, 0), dtype="Int64")).where(real)
    return _checked_number(element, pd.Series(values), problems, field, shown)


def _int64(values: np.ndarray, ok: np.ndarray) -> pd.Series:
    """Int64 (nullable) from whole numbers and a mask of the known ones: no copy, no
    ``where``; values that are not known are 0, as the slower paths leave them."""
    return pd.Series(pd.arrays.IntegerArray(values, ~ok), copy=False)


def _in_table(values: np.ndarray, test: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """``test(values)`` through a table of its answers over the values' range: a column of
    dates or codes holds few distinct values, and one lookup per row is cheaper than the
    test's several passes. The test itself when the range is wide."""
    low, high = int(values.min()), int(values.max())
    if test is _real_days and low >= CALENDAR_FROM and high < CALENDAR_TO:
        return _calendar()[values - CALENDAR_FROM]
    if high - low > 4_000_000:
        return test(values)
    answers = test(np.arange(low, high + 1, dtype="int64"))
    return answers[values - low] if low else answers[values]


CALENDAR_FROM, CALENDAR_TO = 19000101, 21010101


@cache
def _calendar() -> np.ndarray:
    """Which YYYYMMDD numbers from 1900 to 2100 are days (2 MB, made once)."""
    days = np.zeros(CALENDAR_TO - CALENDAR_FROM, dtype=bool)
    for year in range(CALENDAR_FROM // 10000, CALENDAR_TO // 10000):
        leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0
        for month in range(1, 13):
            first = year * 10000 + month * 100 + 1 - CALENDAR_FROM
            days[first:first + int(_DAYS[month - 1]) + (month == 2 and leap)] = True
    return days


def _numpy(arrow: pa.Array | pa.ChunkedArray) -> np.ndarray:
    if isinstance(arrow, pa.Array):
        return arrow.to_numpy(zero_copy_only=False)
    return arrow.to_numpy()


def _clean_integers(element: Element, column: pd.Series) -> pd.Series | None:
    """An integer Parquet column typed straight from its integers when every value is
    good (the usual case): no floats, no text. None when any value is bad; the general
    path then finds and names each one, with the same messages."""
    arrow = pa.array(column)
    del column
    known = _numpy(arrow.is_valid()).astype(bool, copy=False)
    kind = element.kind
    allowed = sorted(element.codes) if kind == "code" else []
    # Blanks stand in as a good value while testing (the range of the table stays that
    # of the values); they become 0 and unknown in the result, as on the other paths.
    stand_in = 20000101 if kind == "date" else (allowed[0] if allowed else 0)
    # Unsigned values past int64 wrap to negatives, which no check lets through: such a
    # column takes the general path and its report.
    values = pc.fill_null(pc.cast(arrow, pa.int64(), safe=False), stand_in)
    del arrow
    values = np.ascontiguousarray(_numpy(values), dtype="int64")
    if not values.flags.writeable:  # Arrow's own memory: pandas may write into its columns
        values = values.copy()
    everything_known = bool(known.all())
    if kind == "date":
        ok = _in_table(values, _real_days)
    elif kind == "money":
        if (known & (values < 0)).any():
            return None
        unavailable = known & np.isin(values, list(NOT_YET_AVAILABLE_WAGES))
        if (known & ~unavailable & (values > MAX_AMOUNT)).any():
            return None
        ok = known & ~unavailable
        return _int64(np.where(ok, values * 100, 0), ok)
    elif kind == "count":
        ok = (values >= 0) & (values <= MAX_COUNT)
    else:
        ok = _in_table(values, lambda v: np.isin(v, allowed))
    if not everything_known:
        ok &= known
        if (known & ~ok).any():
            return None
        values[~known] = 0
    elif not ok.all():
        return None
    return _int64(values, ok)


def _typed(element: Element, text: pd.Series, problems: Problems, field: str) -> pd.Series:
    kind = element.kind
    if _is_number(text):
        return _typed_number(element, text, problems, field)
    if kind in {"id", "text"}:
        if kind == "id":
            problems.add_rows(text == "", field, "identifier is blank")
        return text.where(text != "", None)
    if kind == "date":
        value, bad = parse_dates(text)
        shown = _shown(text)
        problems.add_rows(bad, field, lambda r: f"bad date {shown(r)} (YYYYMMDD or YYYY-MM-DD)")
        return value
    number, bad = parse_numbers(text)
    shown = _shown(text)
    problems.add_rows(bad, field, lambda r: f"not a number: {shown(r)}")
    return _checked_number(element, number, problems, field, shown)


def _checked_number(element: Element, number: pd.Series, problems: Problems, field: str,
                    shown: Callable[[int], str]) -> pd.Series:
    """A code, count or amount column from its numbers (NaN for blank)."""
    kind = element.kind
    values = number.to_numpy()
    if kind == "money":
        negative = values < 0
        problems.add_rows(negative, field, lambda r: f"negative wages: {shown(r)}")
        # All nines mean "not yet available", which the engine treats like a blank.
        unavailable = np.isin(values, list(NOT_YET_AVAILABLE_WAGES))
        huge = ~unavailable & (values > MAX_AMOUNT)
        problems.add_rows(huge, field, lambda r: f"wages {shown(r)} are out of range "
                          f"(at most {MAX_AMOUNT:,})")
        return to_cents(number.where(~unavailable & ~negative & ~huge))
    known = ~np.isnan(values)
    fraction = known & (values != np.round(values))
    problems.add_rows(fraction, field, lambda r: f"not a whole number: {shown(r)}")
    if kind == "count":
        negative = values < 0
        problems.add_rows(negative, field, lambda r: f"negative count: {shown(r)}")
        huge = known & (values > MAX_COUNT)
        problems.add_rows(huge, field, lambda r: f"count {shown(r)} is out of range "
                          f"(at most {MAX_COUNT:,})")
        ok = known & ~fraction & ~negative & ~huge
    else:
        allowed = sorted(element.codes)
        inside = np.isin(values, allowed)
        listed = ", ".join(str(c) for c in allowed)
        problems.add_rows(known & ~fraction & ~inside, field,
                          lambda r: f"code {shown(r)} is not one of {listed}")
        ok = inside
    out = np.where(ok, values, 0).astype("int64")
    return pd.Series(pd.array(out, dtype="Int64"), index=number.index).where(ok)


def read_pirl(path: str | Path, frame: pd.DataFrame | None = None,
              first_line: int = 2) -> pd.DataFrame:
    """Typed PIRL columns (``e100`` ... and pathway columns), one row per record.

    ``frame`` (all text) stands for the file's content when given, for adapters and tests.
    Raises InputError listing every problem (file, line, element) when any is found.
    Columns naming a PIRL element the engine does not read are accepted and left out.
    """
    source = str(path)
    if frame is None:
        frame, first_line = read_table(path, typed_numbers=True)
    frame = frame.reset_index(drop=True)
    problems = Problems(source, first_line)
    header_line = 1 if first_line == 2 else None
    columns: dict[str, str] = {}
    for name in frame.columns:
        number = column_element(str(name))
        if number is None:
            problems.add(f"unknown column {name!r}: not a PIRL element (DOL's PY2022 layout) "
                         "nor a pathway column", header_line, str(name))
        elif number in columns:
            problems.add(f"column {name!r} repeats element {number} "
                         f"(already given as {columns[number]!r})", header_line, str(name))
        elif number in ELEMENTS or number in PATHWAY_COLUMNS:
            columns[number] = str(name)
    for number in REQUIRED:
        if number not in columns:
            problems.add(f"required column {number} ({ELEMENTS[number].name}) is missing",
                         header_line, number)
    problems.raise_if_any()
    refuse_no_rows(frame, source, header_line)

    typed: dict[str, pd.Series] = {}
    index = frame.index
    entry = frame[columns["900"]]
    entry_blank = entry.isna().to_numpy(dtype=bool) if _is_number(entry) else mask(entry == "")
    del entry
    # Column by column, letting go of each text column once it is typed, so that a state's
    # file never sits in memory twice.
    texts = {name: frame[name] for name in columns.values()}
    del frame
    for number, name in columns.items():
        element = ELEMENTS.get(number) or PATHWAY_COLUMNS[number]
        key = f"e{number}" if number in ELEMENTS else number
        text = texts.pop(name)
        if not isinstance(text.dtype, pd.ArrowDtype):
            text = text.astype(str).str.strip().astype(TEXT)
        typed[key] = _typed(element, text, problems, number)
        del text
    table = pd.DataFrame(typed, index=index, copy=False)
    del typed
    complete(table)
    _check_rows(table, entry_blank, problems)
    problems.raise_if_any()
    table.insert(0, "line", np.arange(len(table), dtype="int64") + first_line)
    return table


def complete(table: pd.DataFrame) -> None:
    """Add every element and pathway column the file did not have, blank."""
    for number, element in ELEMENTS.items():
        if f"e{number}" not in table:
            table[f"e{number}"] = _blank(element, len(table))
    for name, element in PATHWAY_COLUMNS.items():
        if name not in table:
            table[name] = _blank(element, len(table))


def _blank(element: Element, n: int) -> pd.Series:
    if element.kind in {"id", "text"}:
        return pd.Series(pd.array([None] * n, dtype=TEXT))
    return pd.Series(pd.array([None] * n, dtype="Int64"))


def may_repeat(columns: list[pd.Series]) -> bool:
    """False when no row's key repeats another's, proved cheaply: DuckDB hashes every key
    (equal keys, blanks included, hash alike) and distinct hashes mean distinct keys. A
    repeated hash is a duplicate or, rarely, a collision; the exact test then decides.
    About 0.8 s for 20 million wage rows, against 12 s for the exact test."""
    n = len(columns[0]) if columns else 0
    if n < 2:
        return False
    keys = pa.table({f"k{i}": pa.array(c, from_pandas=True) for i, c in enumerate(columns)})
    con = duckdb.connect()
    try:
        con.register("keys", keys)
        names = ", ".join(keys.column_names)  # k0, k1, ...: ours, not the file's
        hashes = con.execute(f"SELECT hash({names}) AS h FROM keys"  # noqa: S608
                             ).fetchnumpy()["h"]
    finally:
        con.close()
    return _repeats(np.asarray(hashes, dtype=np.uint64))


def _repeats(hashes: np.ndarray) -> bool:
    """Whether any value of ``hashes`` occurs twice. Sorting 20 million takes 1.5 s on one
    core, so the values are split by their top bits (equal values share them) and the parts
    sorted at once on the machine's cores: numpy sorts outside the GIL."""
    bits = min(3, max(0, (os.cpu_count() or 1).bit_length() - 1))
    if bits == 0 or len(hashes) < 1_000_000:  # threads would cost more than they save
        return _sorted_repeats(hashes.copy())
    part = hashes >> np.uint64(64 - bits)
    parts = [hashes[part == p] for p in range(1 << bits)]
    del part
    with ThreadPoolExecutor(len(parts), thread_name_prefix="pathways-keys") as pool:
        return any(pool.map(_sorted_repeats, parts))


def _sorted_repeats(values: np.ndarray) -> bool:
    """Whether any value occurs twice; sorts ``values`` where they are."""
    values.sort()
    return bool((values[1:] == values[:-1]).any())


def duplicates(columns: list[pd.Series]) -> tuple[np.ndarray, np.ndarray]:
    """Rows that repeat an earlier row's key, and the position of the key's first row.

    Keys are factorized to integers and sorted, which takes a few arrays of integers where
    hashing rows of text would copy every value into a Python object. Most files have no
    duplicate at all, which ``may_repeat`` shows first at a fraction of the cost.
    """
    n = len(columns[0]) if columns else 0
    if not may_repeat(columns):
        return np.zeros(n, dtype=bool), np.arange(n, dtype=np.int64)
    codes = [pd.factorize(c, use_na_sentinel=True)[0] for c in columns]
    n = len(codes[0]) if codes else 0
    order = np.lexsort((np.arange(n), *reversed(codes))) if n else np.arange(0)
    same = np.ones(max(n - 1, 0), dtype=bool)
    for c in codes:
        same &= c[order][1:] == c[order][:-1]
    starts = np.r_[True, ~same] if n else np.zeros(0, dtype=bool)
    group_first = order[np.maximum.accumulate(np.where(starts, np.arange(n), 0))] if n \
        else np.zeros(0, dtype=np.int64)
    dup = np.zeros(n, dtype=bool)
    dup[order] = ~starts
    first = np.empty(n, dtype=np.int64)
    first[order] = group_first
    return dup, first


def _check_rows(table: pd.DataFrame, entry_blank: np.ndarray, problems: Problems) -> None:
    entry, exit_ = table["e900"], table["e901"]
    problems.add_rows(entry_blank, "900", "date of program entry is blank")
    early = mask(exit_ < entry)
    entries = entry.to_numpy(dtype="int64", na_value=0)
    exits = exit_.to_numpy(dtype="int64", na_value=0)
    problems.add_rows(early, "901", lambda r: f"exit {exits[r]} is before entry {entries[r]}")
    known = table["e100"].notna().to_numpy() & entry.notna().to_numpy()
    dup, first = duplicates([table["e100"], entry])
    dup &= known
    if dup.any():
        lines = first + problems.first_line
        problems.add_rows(dup, "100", lambda r: "duplicate period of participation: same 100 "
                          f"and 900 as line {lines[r]} (a period's programs go on one row)")
