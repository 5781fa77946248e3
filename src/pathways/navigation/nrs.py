"""NRS educational functioning levels from test scale scores, as validated data.

The score ranges live in ``data/nrs_score_ranges.yaml`` with their source named; this
module checks them (known levels, in order, no overlaps or gaps) and looks a score up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pathways.core.education import EFL_LEVELS
from pathways.core.validate import Checker, Field
from pathways.core.yamldata import load_yaml
from pathways.navigation.reasons import Reason, _

NRS_FILE = Path(__file__).with_name("data") / "nrs_score_ranges.yaml"
_LEVEL_ORDER = [code for code, _label in EFL_LEVELS]


@dataclass(frozen=True)
class ScoreBand:
    level: str
    low: int | None  # None: "and below"
    high: int | None  # None: "and above"

    def holds(self, score: int) -> bool:
        return (self.low is None or score >= self.low) and (self.high is None
                                                             or score <= self.high)


@dataclass(frozen=True)
class ScoreTest:
    key: str
    label: str
    bands: tuple[ScoreBand, ...]


@dataclass(frozen=True)
class NrsTable:
    source: str
    tests: dict[str, ScoreTest]

    def level_for(self, test: str, score: int) -> str:
        """The EFL code for ``score`` on ``test``; ``ScoreOutOfRange`` when none fits."""
        if test not in self.tests:
            raise ScoreOutOfRange(Reason(_("Unknown test %(test)s."), {"test": test}))
        found = self.tests[test]
        for band in found.bands:
            if band.holds(score):
                return band.level
        low, high = found.bands[0].low, found.bands[-1].high
        return _out_of_range(found, score, low, high)


class ScoreOutOfRange(ValueError):
    def __init__(self, reason: Reason):
        self.reason = reason
        super().__init__(str(reason))


def _out_of_range(test: ScoreTest, score: int, low: int | None, high: int | None) -> str:
    if high is not None and score > high:
        raise ScoreOutOfRange(Reason(
            _("A score of %(score)s is above the top of the %(test)s scale (%(high)s): "
              "the person is past this test's levels; use an adult basic education test."),
            {"score": score, "test": test.label, "high": high}))
    raise ScoreOutOfRange(Reason(
        _("A score of %(score)s is below the bottom of the %(test)s scale (%(low)s)."),
        {"score": score, "test": test.label, "low": low}))


def parse_table(path: Path = NRS_FILE, text: str | None = None) -> NrsTable:
    """Validate the score table; every problem names the file, line and field."""
    check = Checker(str(path))
    top = check.top(load_yaml(path, text), {"source", "tests"})
    if top["source"].missing:
        top["source"].problem("must name the published source")
    source = top["source"].text(required=False)
    listed = top["tests"].mapping()
    entries = listed.entries() if listed is not None else []
    if listed is not None and not entries:
        listed.problem("must list tests")
    tests: dict[str, ScoreTest] = {}
    for key, entry in entries:
        if (spec := entry.mapping({"label", "levels"})) is not None:
            label = spec["label"].text(required=False) or str(key)
            tests[str(key)] = ScoreTest(str(key), label, tuple(_bands(spec["levels"].items())))
    check.raise_if_any()
    return NrsTable(source, tests)


def _bands(rows: list[Field]) -> list[ScoreBand]:
    """The levels of one test, lowest first: known, in order, without gaps or overlaps."""
    bands: list[ScoreBand] = []
    for index, entry in enumerate(rows):
        row = entry.mapping({"level", "min", "max"})
        if row is None or (level := row["level"].choice(_LEVEL_ORDER)) is None:
            continue
        low = row["min"].number(required=False, whole=True)
        high = row["max"].number(required=False, whole=True)
        if low is not None and high is not None and low > high:
            row.problem(f"min {low} is above max {high}")
        if row["min"].missing and index > 0:
            row["min"].problem("only the first level may leave out min")
        if row["max"].missing and index < len(rows) - 1:
            row["max"].problem("only the last level may leave out max")
        if bands:
            before = bands[-1]
            if before.level[:3] != level[:3] or \
                    _LEVEL_ORDER.index(level) != _LEVEL_ORDER.index(before.level) + 1:
                row["level"].problem(f"{level} cannot follow {before.level}: levels go up one "
                                     "at a time within ABE or ESL")
            if before.high is not None and low is not None and low != before.high + 1:
                kind = "overlaps" if low <= before.high else "leaves a gap after"
                row["min"].problem(f"min {low} {kind} the level before (max {before.high})")
        bands.append(ScoreBand(level, low, high))
    return bands


@cache
def nrs_table() -> NrsTable:
    """The shipped table (validated once; a start-up check reports its problems)."""
    return parse_table(NRS_FILE)


def functioning_level(test: str, score: int) -> str:
    """The NRS level for a scale score on a test of the shipped table."""
    return nrs_table().level_for(test, score)


__all__ = ["NRS_FILE", "NrsTable", "ScoreBand", "ScoreOutOfRange", "ScoreTest",
           "functioning_level", "nrs_table", "parse_table"]
