"""Read framework YAML into a ``Framework``; every problem names the file, line and field.

The file format (``format: 1``)::

    format: 1
    key: aqcp-local            # letters, digits, '-', '_' and '.'
    version: "2026.1"          # a new version for every change of wording
    title: ...
    level: local               # local | state | any
    source: ...                # where the criteria come from
    adaptation: ...            # optional: says the indicator text is an adaptation
    scale: [{value, label, score, description}]   # optional: four phases + don't know
    elements: [{key, label}]                      # optional: the five system elements
    criteria:
      - key: c1
        title: ...
        summary: ...
        indicators: [{key, text}]
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

from pathways.core.errors import InputError, InputProblem
from pathways.core.yamldata import line_of, load_yaml
from pathways.frameworks.definition import (
    DEFAULT_ELEMENTS,
    DEFAULT_SCALE,
    LEVELS,
    Criterion,
    Framework,
    Indicator,
    Scale,
    ScaleLevel,
    SystemElement,
)

DEFINITIONS_DIR = Path(__file__).with_name("definitions")
FORMAT = 1
KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
TOP_FIELDS = {"format", "key", "version", "title", "level", "source", "adaptation",
              "description", "scale", "elements", "criteria"}
MAX_TEXT = 2000
# Generous bounds that stop a pasted file from making a page no one can use.
MAX_ITEMS = {"scale": 12, "elements": 12, "criteria": 40, "indicators": 40}


class _Checker:
    """Collects problems so one run reports all of them."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[InputProblem] = []

    def add(self, message: str, line: int | None, field: str) -> None:
        self.problems.append(InputProblem(message, self.source, line, field))

    def text(self, data: Any, name: str, field: str, required: bool = True,
             pattern: re.Pattern | None = None) -> str:
        value = data.get(name) if isinstance(data, dict) else None
        line = line_of(data, name) or line_of(data)
        if value is None or value == "":
            if required:
                self.add("is required", line, field)
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.add("must be text", line, field)
            return ""
        value = str(value).strip()
        if len(value) > MAX_TEXT:
            self.add(f"is longer than {MAX_TEXT} characters", line, field)
        if pattern is not None and not pattern.match(value):
            self.add(f"{value!r} is not a valid key (letters, digits, '-', '_', '.')", line,
                     field)
        return value

    def items(self, data: Any, name: str, field: str, required: bool = True) -> list:
        value = data.get(name) if isinstance(data, dict) else None
        if value is None:
            if required:
                self.add("is required", line_of(data, name) or line_of(data), field)
            return []
        if not isinstance(value, list) or not value:
            self.add("must be a non-empty list", line_of(data, name), field)
            return []
        limit = MAX_ITEMS.get(name)
        if limit is not None and len(value) > limit:
            self.add(f"has {len(value)} entries; at most {limit} are allowed",
                     line_of(data, name), field)
            return value[:limit]
        return value

    def mapping(self, container: list, index: int, field: str) -> dict | None:
        item = container[index]
        if not isinstance(item, dict):
            self.add("must be a mapping", line_of(container, index), field)
            return None
        return item

    def unknown_fields(self, data: dict, allowed: set[str], field: str) -> None:
        for name in data:
            if name not in allowed:
                self.add(f"unknown field {name!r} (expected one of: "
                         f"{', '.join(sorted(allowed))})", line_of(data, name),
                         f"{field}.{name}" if field else str(name))


def parse_framework(data: Any, source: str) -> Framework:
    """Validate parsed YAML; raise InputError with every problem found."""
    check = _Checker(source)
    if not isinstance(data, dict):
        raise InputError(InputProblem("expected a mapping at the top level", source, 1))
    check.unknown_fields(data, TOP_FIELDS, "")
    if data.get("format", FORMAT) != FORMAT:
        check.add(f"unsupported format {data.get('format')!r} (this version reads {FORMAT})",
                  line_of(data, "format"), "format")
    key = check.text(data, "key", "key", pattern=KEY)
    if isinstance(data.get("version"), float):
        # YAML reads 1.10 as the number 1.1: a version must keep the digits it was given.
        check.add("write the version in quotes (for example \"2026.1\")",
                  line_of(data, "version"), "version")
    version = check.text(data, "version", "version", pattern=KEY)
    title = check.text(data, "title", "title")
    level = check.text(data, "level", "level")
    if level and level not in LEVELS:
        check.add(f"{level!r} is not one of {', '.join(LEVELS)}", line_of(data, "level"),
                  "level")
    source_text = check.text(data, "source", "source", required=False)
    adaptation = check.text(data, "adaptation", "adaptation", required=False)
    description = check.text(data, "description", "description", required=False)
    scale = _scale(check, data)
    elements = _elements(check, data)
    criteria = _criteria(check, data)
    if check.problems:
        raise InputError(check.problems)
    return Framework(
        key=key, version=version, title=title, level=level, scale=scale, elements=elements,
        criteria=criteria, source=source_text, adaptation=adaptation, description=description,
        path=source)


def _scale(check: _Checker, data: dict) -> Scale:
    if "scale" not in data:
        return Scale(tuple(ScaleLevel(v, label, score) for v, label, score in DEFAULT_SCALE))
    levels: list[ScaleLevel] = []
    seen: set[str] = set()
    raw = check.items(data, "scale", "scale")
    for index in range(len(raw)):
        field = f"scale[{index}]"
        item = check.mapping(raw, index, field)
        if item is None:
            continue
        check.unknown_fields(item, {"value", "label", "score", "description"}, field)
        value = check.text(item, "value", f"{field}.value", pattern=KEY)
        label = check.text(item, "label", f"{field}.label")
        score = item.get("score")
        if score is not None and (isinstance(score, bool) or not isinstance(score, int)):
            check.add("must be a whole number, or left out for \"don't know\"",
                      line_of(item, "score"), f"{field}.score")
            score = None
        if value in seen:
            check.add(f"value {value!r} appears twice", line_of(item, "value"), f"{field}.value")
        seen.add(value)
        levels.append(ScaleLevel(value, label, score,
                                 check.text(item, "description", f"{field}.description",
                                            required=False)))
    scores = [lv.score for lv in levels if lv.score is not None]
    line = line_of(data, "scale")
    if raw and len(scores) < 2:
        check.add("needs at least two levels with a score", line, "scale")
    if len(scores) != len(set(scores)):
        check.add("two levels have the same score", line, "scale")
    if sum(lv.score is None for lv in levels) > 1:
        check.add("at most one level may be left without a score (\"don't know\")", line,
                  "scale")
    return Scale(tuple(levels))


def _elements(check: _Checker, data: dict) -> tuple[SystemElement, ...]:
    if "elements" not in data:
        return tuple(SystemElement(k, label) for k, label in DEFAULT_ELEMENTS)
    elements: list[SystemElement] = []
    raw = check.items(data, "elements", "elements")
    for index in range(len(raw)):
        field = f"elements[{index}]"
        item = check.mapping(raw, index, field)
        if item is None:
            continue
        check.unknown_fields(item, {"key", "label"}, field)
        key = check.text(item, "key", f"{field}.key", pattern=KEY)
        if any(e.key == key for e in elements):
            check.add(f"key {key!r} appears twice", line_of(item, "key"), f"{field}.key")
        elements.append(SystemElement(key, check.text(item, "label", f"{field}.label")))
    return tuple(elements)


def _criteria(check: _Checker, data: dict) -> tuple[Criterion, ...]:
    criteria: list[Criterion] = []
    keys: set[str] = set()
    raw = check.items(data, "criteria", "criteria")
    for index in range(len(raw)):
        field = f"criteria[{index}]"
        item = check.mapping(raw, index, field)
        if item is None:
            continue
        check.unknown_fields(item, {"key", "title", "summary", "indicators"}, field)
        key = check.text(item, "key", f"{field}.key", pattern=KEY)
        if key in keys:
            check.add(f"key {key!r} is used twice", line_of(item, "key"), f"{field}.key")
        keys.add(key)
        indicators: list[Indicator] = []
        raw_indicators = check.items(item, "indicators", f"{field}.indicators")
        for position in range(len(raw_indicators)):
            ifield = f"{field}.indicators[{position}]"
            entry = check.mapping(raw_indicators, position, ifield)
            if entry is None:
                continue
            check.unknown_fields(entry, {"key", "text"}, ifield)
            ikey = check.text(entry, "key", f"{ifield}.key", pattern=KEY)
            # Indicator keys are unique across the framework: ratings name only the indicator.
            if ikey in keys:
                check.add(f"key {ikey!r} is used twice", line_of(entry, "key"), f"{ifield}.key")
            keys.add(ikey)
            indicators.append(Indicator(ikey, check.text(entry, "text", f"{ifield}.text")))
        criteria.append(Criterion(key, check.text(item, "title", f"{field}.title"),
                                  check.text(item, "summary", f"{field}.summary",
                                             required=False), tuple(indicators)))
    return tuple(criteria)


def load_framework(path: str | Path, text: str | None = None) -> Framework:
    """Load and validate one framework file (or ``text`` standing for it)."""
    return parse_framework(load_yaml(path, text), str(path))


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shipped_files() -> list[Path]:
    return sorted(DEFINITIONS_DIR.glob("*.yaml"))


@cache
def shipped_frameworks() -> dict[str, Framework]:
    """The frameworks that come with Pathways, by key. Raises InputError if one is broken."""
    problems: list[InputProblem] = []
    found: dict[str, Framework] = {}
    for path in shipped_files():
        try:
            framework = load_framework(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if framework.key in found:
            problems.append(InputProblem(f"key {framework.key!r} is also used by "
                                         f"{found[framework.key].path}", str(path), None, "key"))
        found[framework.key] = framework
    if problems:
        raise InputError(problems)
    return found
