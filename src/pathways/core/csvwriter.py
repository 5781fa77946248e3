"""The one CSV writer for every download and every file a command writes.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and
some treat a leading tab or carriage return the same way), so a provider named
``=HYPERLINK("http://x","y")`` would become a live link in whoever opens the file. Such
text gets a leading apostrophe, which spreadsheets show as text and do not keep. Numbers,
and text that is only a number (``-0.25``, ``+3``), stay as they are: a negative figure is
not a formula, and a file whose numbers turned into text would be no use.

Pandas tables go through ``frame_to_csv`` (only their text columns are looked at); rows
built in Python go through ``write_rows``. Nothing here imports pandas.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_FIRST = frozenset(FORMULA_STARTS)
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_NUMERIC_KINDS = set("biufcmM")  # numpy dtype kinds: bool, ints, floats, complex, times


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet may open it: text that would run as a formula gets a
    leading apostrophe; anything else (numbers, blanks, plain text) is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) \
            and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_rows(handle: IO[str], columns: Sequence[str],
               rows: Iterable[Mapping[str, Any] | Sequence[Any]]) -> int:
    """Write a header and ``rows`` (mappings keyed by column, extra keys ignored, or
    sequences in column order) to an open text handle; returns the number of rows."""
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in columns])
    count = 0
    for row in rows:
        values = [row.get(c, "") for c in columns] if isinstance(row, Mapping) else row
        # safe_cell only where it can matter (text starting like a formula): it runs for
        # every cell of a file, and most cells are numbers, dates or blanks.
        writer.writerow(["" if v is None else safe_cell(v)
                         if isinstance(v, str) and v[:1] in FORMULA_FIRST else v
                         for v in values])
        count += 1
    return count


def write_csv(path: str | Path, columns: Sequence[str],
              rows: Iterable[Mapping[str, Any] | Sequence[Any]]) -> int:
    """``write_rows`` into a new UTF-8 file at ``path``."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        return write_rows(handle, columns, rows)


def safe_frame(frame: Any) -> Any:
    """A copy of a pandas DataFrame whose text columns went through ``safe_cell``
    (numeric, boolean and date columns are left alone, so numbers stay numbers)."""
    out = frame.copy(deep=False)
    out.columns = [safe_cell(str(c)) for c in frame.columns]
    for position in range(len(out.columns)):
        column = out.iloc[:, position]
        if getattr(column.dtype, "kind", "O") not in _NUMERIC_KINDS:
            out.isetitem(position, column.map(safe_cell, na_action="ignore"))
    return out


def frame_to_csv(frame: Any, path: str | Path | None = None) -> str | None:
    """A pandas DataFrame as CSV (no index), formulas neutralised: written to ``path``,
    or returned as text when no path is given."""
    return safe_frame(frame).to_csv(path, index=False)
