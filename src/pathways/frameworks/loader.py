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
from pathways.core.validate import Checker, Field, shown
from pathways.core.yamldata import load_yaml
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
VALID_KEY = "a valid key (letters, digits, '-', '_', '.')"
# Generous bounds that stop a pasted file from making a page no one can use.
MAX_ITEMS = {"scale": 12, "elements": 12, "criteria": 40, "indicators": 40}


def parse_framework(data: Any, source: str) -> Framework:
    """Validate parsed YAML; raise InputError with every problem found."""
    check = Checker(source)
    top = check.top(data, TOP_FIELDS)
    fmt = top["format"]
    if fmt.get(FORMAT) != FORMAT:
        fmt.problem(f"unsupported format {shown(fmt.value)} (this version reads {FORMAT})")
    key = top["key"].text(pattern=KEY, what=VALID_KEY)
    version = top["version"].text(pattern=KEY, what=VALID_KEY)
    title = top["title"].text()
    level = top["level"].choice(LEVELS) or ""
    source_text = top["source"].text(required=False)
    adaptation = top["adaptation"].text(required=False)
    description = top["description"].text(required=False)
    scale = _scale(top["scale"])
    elements = _elements(top["elements"])
    criteria = _criteria(top["criteria"])
    check.raise_if_any()
    return Framework(
        key=key, version=version, title=title, level=level, scale=scale, elements=elements,
        criteria=criteria, source=source_text, adaptation=adaptation, description=description,
        path=source, version_line=top["version"].line)


def _scale(field: Field) -> Scale:
    if not field.present:
        return Scale(tuple(ScaleLevel(v, label, score) for v, label, score in DEFAULT_SCALE))
    levels: list[ScaleLevel] = []
    seen: set[str] = set()
    raw = field.items(most=MAX_ITEMS["scale"])
    for entry in raw:
        item = entry.mapping({"value", "label", "score", "description"})
        if item is None:
            continue
        value = item["value"].text(pattern=KEY, what=VALID_KEY)
        label = item["label"].text()
        score = item["score"].number(required=False, whole=True,
                                     hint="or left out for \"don't know\"")
        if value in seen:
            item["value"].problem(f"value {value!r} appears twice")
        seen.add(value)
        levels.append(ScaleLevel(value, label, score,
                                 item["description"].text(required=False)))
    scores = [lv.score for lv in levels if lv.score is not None]
    if raw and len(scores) < 2:
        field.problem("needs at least two levels with a score")
    if len(scores) != len(set(scores)):
        field.problem("two levels have the same score")
    if sum(lv.score is None for lv in levels) > 1:
        field.problem("at most one level may be left without a score (\"don't know\")")
    return Scale(tuple(levels))


def _elements(field: Field) -> tuple[SystemElement, ...]:
    if not field.present:
        return tuple(SystemElement(k, label) for k, label in DEFAULT_ELEMENTS)
    elements: list[SystemElement] = []
    for entry in field.items(most=MAX_ITEMS["elements"]):
        item = entry.mapping({"key", "label"})
        if item is None:
            continue
        key = item["key"].text(pattern=KEY, what=VALID_KEY)
        if any(e.key == key for e in elements):
            item["key"].problem(f"key {key!r} appears twice")
        elements.append(SystemElement(key, item["label"].text()))
    return tuple(elements)


def _criteria(field: Field) -> tuple[Criterion, ...]:
    criteria: list[Criterion] = []
    # Indicator keys are unique across the framework, criteria's too: ratings name only
    # the indicator.
    keys: set[str] = set()

    def unique_key(item: Field) -> str:
        key = item["key"].text(pattern=KEY, what=VALID_KEY)
        if key in keys:
            item["key"].problem(f"key {key!r} is used twice")
        keys.add(key)
        return key

    for entry in field.items(most=MAX_ITEMS["criteria"]):
        item = entry.mapping({"key", "title", "summary", "indicators"})
        if item is None:
            continue
        key = unique_key(item)
        indicators: list[Indicator] = []
        for indicator in item["indicators"].items(most=MAX_ITEMS["indicators"]):
            if (found := indicator.mapping({"key", "text"})) is not None:
                indicators.append(Indicator(unique_key(found), found["text"].text()))
        criteria.append(Criterion(key, item["title"].text(),
                                  item["summary"].text(required=False), tuple(indicators)))
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
