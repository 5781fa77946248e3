"""NRS educational functioning levels from test scale scores, as validated data.

The score ranges live in ``data/nrs_score_ranges.yaml`` with their source named; this
module checks them (known levels, in order, no overlaps or gaps) and looks a score up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pathways.core.education import EFL_LEVELS
from pathways.core.errors import InputError, InputProblem
from pathways.core.yamldata import line_of, load_yaml
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


def _int(value, problems: list[InputProblem], source: str, line: int | None,
         field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(InputProblem("must be a whole number", source, line, field))
        return None
    return value


def parse_table(path: Path = NRS_FILE, text: str | None = None) -> NrsTable:
    """Validate the score table; every problem names the file, line and field."""
    data = load_yaml(path, text)
    source = str(path)
    problems: list[InputProblem] = []
    if not isinstance(data, dict):
        raise InputError(InputProblem("expected a mapping at the top level", source, 1))
    if not str(data.get("source") or "").strip():
        problems.append(InputProblem("must name the published source", source, line_of(data),
                                     "source"))
    tests_in = data.get("tests")
    if not isinstance(tests_in, dict) or not tests_in:
        raise InputError(problems + [InputProblem("must list tests", source, line_of(data),
                                                  "tests")])
    tests: dict[str, ScoreTest] = {}
    for key, spec in tests_in.items():
        where = f"tests.{key}"
        line = line_of(tests_in, key)
        if not isinstance(spec, dict) or not isinstance(spec.get("levels"), list) \
                or not spec["levels"]:
            problems.append(InputProblem("needs a label and a list of levels", source, line,
                                         where))
            continue
        bands = _bands(spec["levels"], source, where, problems)
        tests[key] = ScoreTest(key, str(spec.get("label") or key), tuple(bands))
    if problems:
        raise InputError(problems)
    return NrsTable(str(data["source"]).strip(), tests)


def _bands(rows: list, source: str, where: str, problems: list[InputProblem]) -> list[ScoreBand]:
    bands: list[ScoreBand] = []
    for index, row in enumerate(rows):
        line = line_of(rows, index)
        field = f"{where}.levels[{index}]"
        if not isinstance(row, dict) or row.get("level") not in _LEVEL_ORDER:
            problems.append(InputProblem(
                f"unknown level {row.get('level') if isinstance(row, dict) else row!r}; "
                f"expected one of {', '.join(_LEVEL_ORDER)}", source, line, field))
            continue
        low = _int(row.get("min"), problems, source, line, field + ".min")
        high = _int(row.get("max"), problems, source, line, field + ".max")
        if low is not None and high is not None and low > high:
            problems.append(InputProblem(f"min {low} is above max {high}", source, line, field))
        if low is None and index > 0:
            problems.append(InputProblem("only the first level may leave out min", source,
                                         line, field + ".min"))
        if high is None and index < len(rows) - 1:
            problems.append(InputProblem("only the last level may leave out max", source,
                                         line, field + ".max"))
        if bands:
            before = bands[-1]
            if before.level[:3] != row["level"][:3] or \
                    _LEVEL_ORDER.index(row["level"]) != _LEVEL_ORDER.index(before.level) + 1:
                problems.append(InputProblem(
                    f"{row['level']} cannot follow {before.level}: levels go up one at a time "
                    "within ABE or ESL", source, line, field + ".level"))
            if before.high is not None and low is not None and low != before.high + 1:
                kind = "overlaps" if low <= before.high else "leaves a gap after"
                problems.append(InputProblem(f"min {low} {kind} the level before "
                                             f"(max {before.high})", source, line,
                                             field + ".min"))
        bands.append(ScoreBand(row["level"], low, high))
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
