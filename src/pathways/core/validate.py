"""Check parsed YAML field by field; every problem names the file, line and field path.

A ``Checker`` collects the problems of one file, so that one run reports all of them. A
``Field`` is one place in the parsed data, with its path (``criteria[2].indicators[0].key``)
and the line it was written on (``core.yamldata`` keeps lines). Each reading method returns
a usable value even when the input is wrong (``""``, ``None``, no items) and records why,
so a loader reads straight through and raises once at the end::

    check = Checker("frameworks/local.yaml")
    top = check.top(data, {"key", "title", "criteria"})
    key = top["key"].text(pattern=KEY, what="a valid key")
    for item in top["criteria"].items(most=40):
        if (criterion := item.mapping({"key", "title"})) is not None:
            title = criterion["title"].text()
    check.raise_if_any()

A field that is left out, or written with nothing after it (``title:``), is missing:
"is required" when it must be given, otherwise the default.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Collection, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from pathways.core.errors import InputError, InputProblem
from pathways.core.yamldata import line_of

MAX_TEXT = 2000
MAX_DECIMAL = 40  # characters of a number written as text
_ABSENT = object()


def shown(value: Any) -> str:
    """A value as a message shows it: short, and never the whole of a list or mapping."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple | set):
        return "a list"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return "a very long number"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def is_one_of(value: Any, options: Collection[Any]) -> bool:
    """``value in options`` for any parsed value (a list is never one of them)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return False
    return value in options


def joined(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


class Checker:
    """The problems found in one file so far."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[InputProblem] = []

    def add(self, message: str, line: int | None = None, field: str = "") -> None:
        self.problems.append(InputProblem(message, self.source, line, field))

    def root(self, data: Any, path: str = "") -> Field:
        """``data`` as a field (at ``path``), whatever it is."""
        return Field(self, data, path, line_of(data))

    def top(self, data: Any, fields: Collection[str] | None = None, *, kind: type = dict
            ) -> Field:
        """The whole document, which must be a mapping, or a list with ``kind=list`` (else
        raises InputError at once: nothing in it can be read); with ``fields``, any other
        field of the mapping is reported."""
        if not isinstance(data, kind):
            what = "a list" if kind is list else "a mapping"
            raise InputError(InputProblem(f"expected {what} at the top level", self.source, 1))
        top = Field(self, data, "", line_of(data) or 1)
        if fields is not None:
            top.only(fields)
        return top

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


class Field:
    """One place in parsed YAML: its value, path and line."""

    __slots__ = ("check", "line", "path", "value")

    def __init__(self, check: Checker, value: Any, path: str, line: int | None) -> None:
        self.check = check
        self.value = value
        self.path = path
        self.line = line

    def __repr__(self) -> str:
        return f"Field({self.path!r}, line {self.line})"

    @property
    def present(self) -> bool:
        """The field is written (perhaps with nothing after it)."""
        return self.value is not _ABSENT

    @property
    def missing(self) -> bool:
        """Left out, or written with nothing after it."""
        return self.value is _ABSENT or self.value is None or self.value == ""

    def get(self, default: Any = None) -> Any:
        """The value as parsed, or ``default`` when missing."""
        return default if self.missing else self.value

    def problem(self, message: str) -> None:
        self.check.add(message, self.line, self.path)

    def _required(self, required: bool) -> None:
        if required:
            self.problem("is required")

    def __getitem__(self, name: str) -> Field:
        """The field ``name`` of this mapping (missing when this is not a mapping)."""
        data = self.value
        if isinstance(data, dict):
            return Field(self.check, data.get(name, _ABSENT), joined(self.path, name),
                         line_of(data, name) or line_of(data) or self.line)
        return Field(self.check, _ABSENT, joined(self.path, name), self.line)

    def mapping(self, fields: Collection[str] | None = None, *, required: bool = True
                ) -> Field | None:
        """This field if it is a mapping (with ``fields``, any other field is reported),
        else None."""
        if self.missing:
            self._required(required)
            return None
        if not isinstance(self.value, dict):
            self.problem(f"must be a mapping, not {shown(self.value)}")
            return None
        if fields is not None:
            self.only(fields)
        return self

    def only(self, fields: Collection[str]) -> None:
        """Report each field of this mapping that is not one of ``fields``."""
        if not isinstance(self.value, dict):
            return
        for name in self.value:
            if name in fields:
                continue
            close = difflib.get_close_matches(str(name), list(fields), n=1)
            hint = (f"did you mean {close[0]!r}?" if close
                    else f"expected one of: {', '.join(sorted(fields))}")
            self.check.add(f"unknown field {shown(name)} ({hint})", line_of(self.value, name),
                           joined(self.path, str(name)))

    def entries(self) -> list[tuple[Any, Field]]:
        """(key, field) for each entry of this mapping; none when it is not one."""
        data = self.value
        if not isinstance(data, dict):
            return []
        return [(key, Field(self.check, value, joined(self.path, str(key)),
                            line_of(data, key) or self.line)) for key, value in data.items()]

    def items(self, *, required: bool = True, least: int = 1, most: int | None = None
              ) -> list[Field]:
        """The entries of this list as fields (``path[0]``, ``path[1]``...); at most
        ``most`` of them (the rest reported), none when it is not a list."""
        if self.missing:
            self._required(required)
            return []
        values = self.value
        if not isinstance(values, list):
            self.problem("must be a non-empty list" if least else "must be a list")
            return []
        if len(values) < least:
            self.problem("must be a non-empty list" if least == 1
                         else f"needs at least {least} entries")
        if most is not None and len(values) > most:
            self.problem(f"has {len(values)} entries; at most {most} are allowed")
            values = values[:most]
        return [Field(self.check, value, f"{self.path}[{index}]",
                      line_of(self.value, index) or self.line)
                for index, value in enumerate(values)]

    def text(self, *, required: bool = True, pattern: re.Pattern | None = None,
             what: str = "valid", longest: int = MAX_TEXT, digits: bool = True) -> str:
        """Text, stripped ("" when missing or wrong). A whole number counts as its digits
        (YAML reads ``version: 2`` as a number) unless ``digits`` is False, for codes
        that a number would spoil (YAML reads ``0541`` as the octal number 353); a decimal
        must be quoted, since YAML reads 1.10 as 1.1. With ``pattern``, the text must match it
        whole."""
        if self.missing:
            self._required(required)
            return ""
        value = self.value
        if isinstance(value, float):
            self.problem("must be text: write it in quotes (YAML reads 1.10 as the number 1.1)")
            return ""
        if isinstance(value, int) and not isinstance(value, bool) and not digits:
            self.problem(f"must be text, not the number {shown(value)}: write it in quotes")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int) or (
                isinstance(value, int) and value.bit_length() > 64):
            self.problem(f"must be text, not {shown(value)}")
            return ""
        text = str(value).strip()
        if not text:
            self._required(required)
        elif len(text) > longest:
            self.problem(f"is longer than {longest} characters")
        elif pattern is not None and not pattern.fullmatch(text):
            self.problem(f"{shown(text)} is not {what}")
        return text

    def number(self, *, required: bool = True, whole: bool = False,
               at_least: float | None = None, above: float | None = None,
               at_most: float | None = None, below: float | None = None, hint: str = ""
               ) -> int | float | None:
        """A number (a whole one if ``whole``) inside the bounds given, else None."""
        if self.missing:
            self._required(required)
            return None
        value = self.value
        kind = "a whole number" if whole else "a number"
        if at_least is not None and at_most is not None and above is below is None:
            bounds = [f"from {at_least:g} to {at_most:g}"]
        else:
            bounds = [f"{word} {bound:g}" for word, bound in (
                ("at least", at_least), ("above", above), ("at most", at_most),
                ("below", below)) if bound is not None]
        wanted = f"must be {kind}" + (f" {' and '.join(bounds)}" if bounds else "") \
            + (f" ({hint})" if hint else "")
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or (isinstance(value, float) and (whole or not math.isfinite(value))):
            self.problem(f"{wanted}, not {shown(value)}")
            return None
        if ((at_least is not None and value < at_least) or (above is not None and value <= above)
                or (at_most is not None and value > at_most)
                or (below is not None and value >= below)):
            self.problem(f"{wanted}; it is {shown(value)}")
            return None
        return value

    def decimal(self, *, required: bool = True) -> Decimal | None:
        """A number, which may also be written as text (``cost: "1200.50"``) so that it
        keeps its cents; None when missing or wrong."""
        if self.missing:
            self._required(required)
            return None
        value = self.value
        if isinstance(value, int) and not isinstance(value, bool):
            number = Decimal(value) if value.bit_length() <= 64 else None
        elif isinstance(value, float):
            number = Decimal(str(value)) if math.isfinite(value) else None
        elif isinstance(value, str) and len(value) <= MAX_DECIMAL:
            try:
                number = Decimal(value.strip())
            except InvalidOperation:
                number = None
        else:
            number = None
        if number is None or not number.is_finite():
            self.problem(f"must be a number (or a number in quotes), not {shown(value)}")
            return None
        return number

    def date(self, *, required: bool = True, time: bool = False) -> dt.date | None:
        """A date (``2026-04-01``), or with ``time`` a date and time
        (``2026-04-01T15:00:00Z``); None when missing or wrong."""
        if self.missing:
            self._required(required)
            return None
        value = self.value
        if isinstance(value, dt.datetime) if time else (
                isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        wanted = "a date and time such as 2026-04-01T15:00:00Z" if time \
            else "a date such as 2026-04-01"
        self.problem(f"must be {wanted}, not {shown(value)}")
        return None

    def boolean(self, *, required: bool = False, default: bool = False) -> bool:
        """``true`` or ``false`` (``default`` when missing or wrong)."""
        if self.missing:
            self._required(required)
            return default
        if not isinstance(self.value, bool):
            self.problem(f"must be true or false, not {shown(self.value)}")
            return default
        return self.value

    def choice(self, options: Iterable[Any], *, required: bool = True, what: str = ""
               ) -> Any:
        """One of ``options`` (None when missing or not one of them). The problem lists the
        options, or with ``what`` says "unknown <what> ..." (for long lists)."""
        if self.missing:
            self._required(required)
            return None
        options = list(options)
        if is_one_of(self.value, options):
            return self.value
        if isinstance(self.value, dict | list):
            self.problem(f"must be a single value, not {shown(self.value)}")
        elif what:
            self.problem(f"unknown {what} {shown(self.value)}")
        else:
            self.problem(f"{shown(self.value)} is not one of {', '.join(map(str, options))}")
        return None
