"""A linkage model as data: YAML in, a validated ``LinkageModel`` out, splink settings from it.

Like frameworks and metric definitions, the model is authored as data and compiled; it never
runs anything itself (architecture.md, "Definitions are data").
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pathways.core.validate import Checker, Field
from pathways.core.yamldata import load_yaml, read_text
from pathways.linkage.normalise import PERSON_COLUMNS

DEFINITIONS_DIR = Path(__file__).with_name("definitions")
FORMAT = 1
METHODS = ("exact", "name", "date")
# A date's levels: exact, day and month swapped, one character off, two characters off, else.
DATE_LEVELS = 5
COMPARABLE = tuple(c for c in PERSON_COLUMNS if c not in {"record_id", "source"})
TOP_FIELDS = {"format", "key", "version", "title", "prior", "thresholds", "blocking",
              "comparisons"}
COMPARISON_FIELDS = {"column", "method", "thresholds", "nicknames", "term_frequencies",
                     "changed_when_agree", "m", "u"}


@dataclass(frozen=True)
class Comparison:
    """One column compared at levels from the closest agreement to none.

    ``nicknames`` (names): a level for two names of one nickname group (Bill, William).
    ``term_frequencies``: exact agreement on a rare value counts more than on a common one.
    ``changed_when_agree`` (names): a level for a different value while these other columns
    agree exactly (a surname changed at marriage while first name and birth date agree).
    """

    column: str
    method: str
    thresholds: tuple[float, ...]
    m: tuple[float, ...]
    u: tuple[float, ...]
    nicknames: bool = False
    term_frequencies: bool = False
    changed_when_agree: tuple[str, ...] = ()

    @property
    def levels(self) -> int:
        return levels_of(self.method, len(self.thresholds), self.nicknames,
                         bool(self.changed_when_agree))


def levels_of(method: str, thresholds: int, nicknames: bool, changed: bool) -> int:
    """Levels of a comparison, closest first; the last level is always "no agreement"."""
    if method == "exact":
        return 2
    if method == "date":
        return DATE_LEVELS
    return 2 + thresholds + int(nicknames) + int(changed)  # exact, nickname, JW..., changed


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

    def prior_for_files(self, sizes: Sequence[int], dedupe: bool) -> float:
        """The prior for files of ``sizes`` records: when they are only linked to each
        other, ``matched_share`` of the records outside the largest file have their match
        among the pairs across files."""
        if dedupe or len(sizes) < 2:
            return self.prior_for(sum(sizes))
        total = sum(sizes)
        across = (total * total - sum(n * n for n in sizes)) / 2
        expected = self.matched_share * (total - max(sizes))
        return min(self.max_prior, expected / max(across, 1))

    @property
    def columns(self) -> tuple[str, ...]:
        used = [c.column for c in self.comparisons]
        used += [c for item in self.comparisons for c in item.changed_when_agree]
        return tuple(dict.fromkeys(used))


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


def _name_only(item: Field, name: str, method: str) -> bool:
    """Whether an option only name comparisons have is given (a problem on other methods)."""
    if not item[name].present:
        return False
    if method != "name":
        item[name].problem(f"only name comparisons have {name}")
        return False
    return True


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
        item = entry.mapping(COMPARISON_FIELDS)
        if item is None:
            continue
        column = item["column"].choice(COMPARABLE)
        method = item["method"].choice(METHODS)
        if method is None:
            continue
        cut = _thresholds(item, method)
        if cut is None:
            continue  # how many levels there are is not known
        nicknames = _name_only(item, "nicknames", method) and item["nicknames"].boolean()
        tf = item["term_frequencies"].boolean()
        agree: tuple[str, ...] = ()
        if _name_only(item, "changed_when_agree", method):
            agree = tuple(str(c.choice(COMPARABLE)) for c in item["changed_when_agree"].items())
            if column in agree:
                item["changed_when_agree"].problem("lists other columns, not the one compared")
        levels = levels_of(method, len(cut), nicknames, bool(agree))
        comparisons.append(Comparison(str(column), method, cut,
                                      _probabilities(item["m"], levels),
                                      _probabilities(item["u"], levels),
                                      nicknames=nicknames, term_frequencies=tf,
                                      changed_when_agree=agree))
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
