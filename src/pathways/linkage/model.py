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

from pathways.core.validate import Checker, Field
from pathways.core.yamldata import load_yaml, read_text
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


def _probabilities(field: Field, count: int) -> tuple[float, ...]:
    """One probability per level, adding up to 1."""
    items = field.items()
    if items and len(items) != count:
        field.problem(f"needs {count} probabilities, one per level (it has {len(items)})")
        return ()
    values = [item.number(above=0, at_most=1) for item in items]
    if not values or None in values:
        return ()
    if not math.isclose(sum(values), 1.0, abs_tol=0.005):
        field.problem(f"must add up to 1 (they add up to {sum(values):.4f})")
    return tuple(float(v) for v in values)


def _thresholds(item: Field, method: str) -> tuple[float, ...] | None:
    """A name comparison's similarity thresholds (None when one is not a number)."""
    field = item["thresholds"]
    if method != "name":
        if field.present:
            field.problem("only name comparisons have similarity thresholds")
        return ()
    cut = [t.number(above=0, below=1) for t in field.items()]
    if None in cut:
        return None
    if cut != sorted(cut, reverse=True):
        field.problem("similarity thresholds go from the highest to the lowest")
    return tuple(float(t) for t in cut)


def parse_model(path: Path, text: str | None = None) -> LinkageModel:
    """Validate a linkage model file; every problem names the file, line and field."""
    raw = text if text is not None else read_text(path)
    check = Checker(str(path))
    top = check.top(load_yaml(path, raw), TOP_FIELDS)
    if top["format"].get() != FORMAT:
        top["format"].problem(f"must be {FORMAT}")
    key, version, title = (top[name].text() for name in ("key", "version", "title"))
    share = limit = link = review = None
    if (prior := top["prior"].mapping({"matched_share", "at_most"})) is not None:
        share = prior["matched_share"].number(above=0, below=1)
        limit = prior["at_most"].number(above=0, below=1)
    if (thresholds := top["thresholds"].mapping({"link", "review"})) is not None:
        link = thresholds["link"].number(above=0, below=1)
        review = thresholds["review"].number(above=0, below=1)
        if link is not None and review is not None and review > link:
            thresholds["review"].problem("review must not be above link")

    # Each blocking rule lists the columns two records must agree on to be compared.
    blocking = [tuple(column.choice(COMPARABLE) for column in rule.items())
                for rule in top["blocking"].items()]
    comparisons: list[Comparison] = []
    for entry in top["comparisons"].items():
        item = entry.mapping({"column", "method", "thresholds", "m", "u"})
        if item is None:
            continue
        column = item["column"].choice(COMPARABLE)
        method = item["method"].choice(METHODS)
        if method is None:
            continue
        cut = _thresholds(item, method)
        if cut is None:
            continue  # how many levels there are is not known
        levels = METHODS[method](cut)
        comparisons.append(Comparison(str(column), method, cut,
                                      _probabilities(item["m"], levels),
                                      _probabilities(item["u"], levels)))
    check.raise_if_any()
    return LinkageModel(
        key=key, version=version, title=title, matched_share=float(share),
        max_prior=float(limit), link_threshold=float(link), review_threshold=float(review),
        blocking=tuple(blocking), comparisons=tuple(comparisons),
        checksum=hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16])


@cache
def person_model() -> LinkageModel:
    """The shipped model for person records."""
    return parse_model(DEFINITIONS_DIR / "person.yaml")


def shipped_models() -> list[Path]:
    return sorted(DEFINITIONS_DIR.glob("*.yaml"))
