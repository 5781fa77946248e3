"""A linkage model as data: YAML in, a validated ``LinkageModel`` out, splink settings from it.

Like frameworks and metric definitions, the model is authored as data and compiled; it never
runs anything itself (architecture.md, "Definitions are data").
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pathways.core.errors import InputError, InputProblem
from pathways.core.yamldata import line_of, load_yaml
from pathways.linkage.normalise import PERSON_COLUMNS

DEFINITIONS_DIR = Path(__file__).with_name("definitions")
FORMAT = 1
# Levels each method has, closest first; the last level is always "no agreement".
METHODS = {
    "exact": lambda thresholds: 2,
    "name": lambda thresholds: len(thresholds) + 2,  # exact, each Jaro-Winkler threshold, else
    "date": lambda thresholds: 3,  # exact, one typo (day/month swapped or one digit), else
}
COMPARABLE = tuple(c for c in PERSON_COLUMNS if c not in {"record_id", "source"})
TOP_FIELDS = {"format", "key", "version", "title", "prior", "thresholds", "blocking",
              "comparisons"}


@dataclass(frozen=True)
class Comparison:
    column: str
    method: str
    thresholds: tuple[float, ...]
    m: tuple[float, ...]
    u: tuple[float, ...]


@dataclass(frozen=True)
class LinkageModel:
    key: str
    version: str
    title: str
    matched_share: float
    max_prior: float
    link_threshold: float
    review_threshold: float
    blocking: tuple[tuple[str, ...], ...]
    comparisons: tuple[Comparison, ...]
    checksum: str

    def prior_for(self, records: int) -> float:
        """The chance that two records picked at random are the same person.

        It falls as files grow: with ``records`` records of which ``matched_share`` have a
        match, about matched_share / (records - 1) of all pairs match. A fixed prior would
        make a state's file link far too eagerly; ``max_prior`` keeps a few records cautious.
        """
        return min(self.max_prior, self.matched_share / max(records - 1, 1))

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.column for c in self.comparisons))


def _probability(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 1


def _probabilities(values: Any, count: int, field: str, source: str, line: int | None,
                   problems: list[InputProblem]) -> tuple[float, ...]:
    if not isinstance(values, list) or len(values) != count:
        problems.append(InputProblem(f"needs {count} probabilities, one per level", source,
                                     line, field))
        return ()
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and 0 < v <= 1
               for v in values):
        problems.append(InputProblem("each probability must be above 0 and at most 1",
                                     source, line, field))
        return ()
    if not math.isclose(sum(values), 1.0, abs_tol=0.005):
        problems.append(InputProblem(f"must add up to 1 (they add up to {sum(values):.4f})",
                                     source, line, field))
    return tuple(float(v) for v in values)


def parse_model(path: Path, text: str | None = None) -> LinkageModel:
    """Validate a linkage model file; every problem names the file, line and field."""
    source = str(path)
    raw = text if text is not None else Path(path).read_text(encoding="utf-8")
    data = load_yaml(path, raw)
    problems: list[InputProblem] = []
    if not isinstance(data, dict):
        raise InputError(InputProblem("expected a mapping at the top level", source, 1))
    for name in sorted(set(data) - TOP_FIELDS):
        problems.append(InputProblem(f"unknown field {name!r}", source, line_of(data, name),
                                     name))
    if data.get("format") != FORMAT:
        problems.append(InputProblem(f"format must be {FORMAT}", source,
                                     line_of(data, "format"), "format"))
    for name in ("key", "version", "title"):
        if not isinstance(data.get(name), str) or not data.get(name):
            problems.append(InputProblem("must be a non-empty text", source,
                                         line_of(data, name), name))
    prior = data.get("prior")
    if not isinstance(prior, dict):
        problems.append(InputProblem("must give matched_share and at_most", source,
                                     line_of(data, "prior"), "prior"))
        prior = {}
    for name in ("matched_share", "at_most"):
        if not _probability(prior.get(name)):
            problems.append(InputProblem("must be a probability between 0 and 1", source,
                                         line_of(prior, name) or line_of(data, "prior"),
                                         f"prior.{name}"))
    thresholds = data.get("thresholds") or {}
    link, review = thresholds.get("link"), thresholds.get("review")
    for name, value in (("link", link), ("review", review)):
        if not _probability(value):
            problems.append(InputProblem("must be a probability between 0 and 1", source,
                                         line_of(thresholds, name), f"thresholds.{name}"))
    if _probability(link) and _probability(review) and review > link:
        problems.append(InputProblem("review must not be above link", source,
                                     line_of(thresholds, "review"), "thresholds.review"))

    blocking: list[tuple[str, ...]] = []
    rules = data.get("blocking")
    if not isinstance(rules, list) or not rules:
        problems.append(InputProblem("must list at least one rule (columns to agree on)",
                                     source, line_of(data, "blocking"), "blocking"))
        rules = []
    for index, rule in enumerate(rules):
        line = line_of(rules, index)
        if not isinstance(rule, list) or not rule or any(c not in COMPARABLE for c in rule):
            problems.append(InputProblem(
                f"a rule is a list of columns from: {', '.join(COMPARABLE)}", source, line,
                f"blocking[{index}]"))
            continue
        blocking.append(tuple(rule))

    comparisons: list[Comparison] = []
    items = data.get("comparisons")
    if not isinstance(items, list) or not items:
        problems.append(InputProblem("must list at least one comparison", source,
                                     line_of(data, "comparisons"), "comparisons"))
        items = []
    for index, item in enumerate(items):
        field = f"comparisons[{index}]"
        line = line_of(items, index)
        if not isinstance(item, dict):
            problems.append(InputProblem("must be a mapping", source, line, field))
            continue
        column, method = item.get("column"), item.get("method")
        if column not in COMPARABLE:
            problems.append(InputProblem(f"unknown column {column!r}", source,
                                         line_of(item, "column"), f"{field}.column"))
        if method not in METHODS:
            problems.append(InputProblem(
                f"unknown method {method!r} (one of: {', '.join(METHODS)})", source,
                line_of(item, "method"), f"{field}.method"))
            continue
        cut = item.get("thresholds", [])
        if method == "name" and (not isinstance(cut, list) or not cut
                                 or any(not _probability(t) for t in cut)
                                 or cut != sorted(cut, reverse=True)):
            problems.append(InputProblem("name comparisons need similarity thresholds "
                                         "between 0 and 1, highest first", source,
                                         line_of(item, "thresholds"), f"{field}.thresholds"))
            cut = []
        levels = METHODS[method](cut)
        m = _probabilities(item.get("m"), levels, f"{field}.m", source, line_of(item, "m"),
                           problems)
        u = _probabilities(item.get("u"), levels, f"{field}.u", source, line_of(item, "u"),
                           problems)
        comparisons.append(Comparison(str(column), method, tuple(float(t) for t in cut), m, u))
    if problems:
        raise InputError(problems)
    return LinkageModel(
        key=data["key"], version=str(data["version"]), title=data["title"],
        matched_share=float(prior["matched_share"]), max_prior=float(prior["at_most"]),
        link_threshold=float(link), review_threshold=float(review), blocking=tuple(blocking),
        comparisons=tuple(comparisons),
        checksum=hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16])


@cache
def person_model() -> LinkageModel:
    """The shipped model for person records."""
    return parse_model(DEFINITIONS_DIR / "person.yaml")


def shipped_models() -> list[Path]:
    return sorted(DEFINITIONS_DIR.glob("*.yaml"))
