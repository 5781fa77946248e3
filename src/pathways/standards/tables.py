"""Read delimited tables (tab or comma, plain or gzipped, on disk or in a zip) by header name.

Every reader in this package goes through ``Table``: columns are found by their header
(ignoring case, spaces and punctuation, so ``O*NET-SOC Code``, ``cip_code`` and ``CIPCode``
all match), and every bad value becomes an ``InputProblem`` naming the file, the line and
the column. Readers collect problems and raise them together at the end, so one run shows
everything that is wrong with a file instead of the first thing.
"""

from __future__ import annotations

import csv
import functools
import gzip
import hashlib
import inspect
import io
import re
import zipfile
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from pathways.core.codes import CodeError
from pathways.core.errors import InputError, InputProblem

T = TypeVar("T")
MAX_PROBLEMS = 200  # beyond this a file is clearly the wrong file; stop reading it


def header_key(name: str) -> str:
    """The form headers are compared in: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


@dataclass
class SourceFile:
    """One input file: a path on disk, or a member of a zip archive."""

    name: str
    path: Path
    member: str | None = None
    _raw: bytes | None = field(default=None, repr=False)

    @property
    def base_name(self) -> str:
        """The file name without ``.gz``: what readers look files up by."""
        return self.name[:-3] if self.name.lower().endswith(".gz") else self.name

    @property
    def location(self) -> str:
        return f"{self.path}!{self.member}" if self.member else str(self.path)

    def raw(self) -> bytes:
        """The bytes as stored (still gzipped if the file is); read once, then kept."""
        if self._raw is None:
            try:
                if self.member is None:
                    self._raw = self.path.read_bytes()
                else:
                    with zipfile.ZipFile(self.path) as archive:
                        self._raw = archive.read(self.member)
            except (OSError, zipfile.BadZipFile, KeyError) as exc:
                raise InputError(InputProblem(f"cannot read: {exc}", self.name)) from exc
        return self._raw

    def text(self) -> str:
        data = self.raw()
        if self.name.lower().endswith(".gz"):
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError) as exc:
                raise InputError(InputProblem(f"not a valid gzip file: {exc}", self.name)) \
                    from exc
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Older O*NET and BLS files were written in Windows-1252.
            return data.decode("cp1252", errors="replace")

    def digest(self) -> str:
        return hashlib.sha256(self.raw()).hexdigest()


def checksum(files: list[SourceFile]) -> str:
    """One SHA-256 over a dataset's files (names and bytes), independent of their order."""
    total = hashlib.sha256()
    for source in sorted(files, key=lambda f: f.base_name.lower()):
        total.update(source.base_name.lower().encode())
        total.update(source.digest().encode())
    return total.hexdigest()


class Problems:
    """The problems found so far, across all files of one load."""

    def __init__(self) -> None:
        self.items: list[InputProblem] = []

    def add(self, message: str, source: str = "", line: int | None = None,
            field: str = "") -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(InputProblem(message, source, line, field))
        elif len(self.items) == MAX_PROBLEMS:
            self.items.append(InputProblem(f"stopped after {MAX_PROBLEMS} problems", source))

    @property
    def full(self) -> bool:
        return len(self.items) > MAX_PROBLEMS

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)


def raises_problems(reader: Callable[..., T]) -> Callable[..., T]:
    """Let a reader be called without a ``Problems``: it then raises ``InputError`` itself.

    Loaders pass one ``Problems`` through every reader to report all files at once.
    """

    signature = inspect.signature(reader)

    @functools.wraps(reader)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        bound = signature.bind(*args, **kwargs)
        if bound.arguments.get("problems") is not None:
            return reader(*bound.args, **bound.kwargs)
        bound.arguments["problems"] = own = Problems()
        result = reader(*bound.args, **bound.kwargs)
        own.raise_if_any()
        return result

    return wrapper


@dataclass(frozen=True)
class Column:
    index: int
    header: str


class Table:
    """A delimited file with a header row. Declare columns, then iterate ``rows()``."""

    def __init__(self, source: SourceFile, problems: Problems):
        self.source = source
        self.problems = problems
        text = source.text()
        first = text.split("\n", 1)[0]
        tabbed = "\t" in first
        # O*NET text files are tab-separated and never quoted (descriptions contain quotes).
        lines = io.StringIO(text, newline="")  # a lone CR ends a line, as in a file
        self._reader = (csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
                        if tabbed else csv.reader(lines))
        self.broken = False
        try:
            self.headers = [h.strip() for h in next(self._reader, [])]
        except csv.Error as exc:
            self.headers, self.broken = [], True
            problems.add(f"cannot read the header: {exc}", source.name, 1)
        if not any(self.headers) and not self.broken:
            problems.add("the file is empty: no header line", source.name, 1)
        self._keys = {header_key(h): i for i, h in reversed(list(enumerate(self.headers)))}
        self.missing = False

    def _values(self) -> Iterator[list[str]]:
        """The reader's rows; a row it cannot read (a field past the csv module's limit,
        say) is a problem on its line, and the reading stops there."""
        try:
            yield from self._reader
        except csv.Error as exc:
            self.broken = True
            self.problems.add(f"cannot read this line: {exc}", self.source.name,
                              self._reader.line_num)

    def column(self, *names: str, required: bool = True) -> Column | None:
        """The first of ``names`` present in the header; a problem if required and absent."""
        for name in names:
            index = self._keys.get(header_key(name))
            if index is not None:
                return Column(index, self.headers[index])
        if required:
            self.missing = True
            self.problems.add(f"missing column {names[0]!r}", self.source.name, 1, names[0])
        return None

    def columns_matching(self, pattern: str) -> list[Column]:
        """Columns whose header key matches a regular expression, in file order."""
        regex = re.compile(pattern)
        return [Column(i, h) for i, h in enumerate(self.headers) if regex.fullmatch(header_key(h))]

    def rows(self) -> Iterator[Row]:
        """Data rows with their line numbers; blank lines are skipped."""
        if self.broken:  # no header to read them by
            return
        width = len(self.headers)
        reader = self._reader
        start = reader.line_num + 1
        count = 0
        for values in self._values():
            line = start
            start = reader.line_num + 1
            if not values or (len(values) == 1 and not values[0].strip()):
                continue
            if len(values) < width:
                # Trailing empty fields are sometimes cut off; pad instead of failing.
                values += [""] * (width - len(values))
            count += 1
            yield Row(self, line, values)
            if self.problems.full:
                return
        if not count and any(self.headers) and not self.broken:
            # Loading it would replace a whole reference table with nothing.
            self.problems.add("has a header line but no data rows", self.source.name, 1)


NOT_AVAILABLE = frozenset({"", "—", "-", "n/a", "na"})


class Row:
    """One data row. Getters record a problem (and clear ``ok``) instead of raising."""

    __slots__ = ("line", "ok", "table", "values")

    def __init__(self, table: Table, line: int, values: list[str]):
        self.table = table
        self.line = line
        self.values = values
        self.ok = True

    def problem(self, column: Column | None, message: str) -> None:
        self.ok = False
        self.table.problems.add(message, self.table.source.name, self.line,
                                column.header if column else "")

    def text(self, column: Column | None) -> str:
        if column is None:
            return ""
        value = self.values[column.index].strip()
        if "\x00" in value:  # no database column takes it (PostgreSQL refuses the row)
            self.problem(column, "contains a NUL character (byte 0)")
            return ""
        return value

    def code(self, column: Column, parse: Callable[[str], str]) -> str:
        """A code parsed by one of ``pathways.core.codes``; '' (and a problem) when bad."""
        try:
            return parse(self.values[column.index])
        except CodeError as exc:
            self.problem(column, str(exc))
            return ""

    def decimal(self, column: Column | None, *, low: float | None = None,
                high: float | None = None, missing: frozenset[str] = NOT_AVAILABLE
                ) -> Decimal | None:
        """A number, or None for an empty or not-available value; thousands commas allowed."""
        if column is None:
            return None
        raw = self.values[column.index].strip()
        if raw.lower() in missing:
            return None
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            self.problem(column, f"not a number: {raw!r}")
            return None
        if not value.is_finite():
            self.problem(column, f"not a number: {raw!r}")
            return None
        if (low is not None and value < Decimal(str(low))) or (
                high is not None and value > Decimal(str(high))):
            self.problem(column, f"{raw} is outside {low:g}-{high:g}" if high is not None
                         else f"{raw} is below {low:g}")
            return None
        return value

    def integer(self, column: Column | None, *, low: int | None = None,
                high: int | None = None, missing: frozenset[str] = NOT_AVAILABLE) -> int | None:
        value = self.decimal(column, low=low, high=high, missing=missing)
        if value is None:
            return None
        if value != value.to_integral_value():
            self.problem(column, f"not a whole number: {self.values[column.index].strip()!r}")
            return None
        return int(value)

    def flag(self, column: Column | None) -> bool:
        """A yes/no column (TRUE, Y, 1 or empty)."""
        raw = self.text(column).lower()
        if raw in {"true", "t", "y", "yes", "1"}:
            return True
        if raw in {"", "false", "f", "n", "no", "0"}:
            return False
        self.problem(column, f"not a yes/no value: {raw!r}")
        return False


class Listed:
    """Codes (or combinations, like an occupation and a rating scale) that a file must
    list once, with where each was listed first. One ``Listed`` may span several files
    (the national and the state OEWS files), so a repeat in another file is caught too."""

    def __init__(self) -> None:
        self._first: dict[Hashable, tuple[str, int]] = {}

    def once(self, row: Row, column: Column | None, key: Hashable, label: str = "") -> bool:
        """True the first time ``key`` is met. A repeat is a problem on ``row`` (this file
        and line) that names the file and line where ``key`` was first listed."""
        first = self._first.get(key)
        if first is None:
            self._first[key] = (row.table.source.name, row.line)
            return True
        name, line = first
        where = f"on line {line}" if name == row.table.source.name else f"in {name} line {line}"
        row.problem(column, f"{label or key} already appears {where}")
        return False

