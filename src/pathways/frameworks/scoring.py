"""Score one assessment round: per indicator and criterion, a heatmap, rankings, trends.

Rules (docs/quality.md explains them for readers):
- "Don't know" counts as an answer but not as a score.
- median: the middle score (the mean of the two middle ones for an even count).
- spread: highest score minus lowest score.
- disagreement: Leik's ordinal dispersion, 0 when everyone gives the same score, 1 when
  people split evenly between the lowest and the highest level.
- small cells: a summary is withheld when fewer than ``min_cell`` people answered, and its
  scores when fewer than ``min_cell`` people gave a score, so no figure shows one person's
  rating. Heatmap cells follow the same rule over the people who marked that criterion.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pathways.core.errors import InputError, InputProblem
from pathways.frameworks.definition import Framework, Scale

MIN_CELL = 3
CONTRIBUTES = "contributes"
ATTENTION = "attention"
MARK_KINDS = (CONTRIBUTES, ATTENTION)


@dataclass(frozen=True)
class Answer:
    """One person's rating of one indicator (``person`` is any stable id)."""

    person: str
    indicator: str
    value: str


@dataclass(frozen=True)
class Mark:
    """One person says a system element contributes to, or needs attention for, an indicator."""

    person: str
    indicator: str
    element: str
    kind: str


@dataclass(frozen=True)
class Summary:
    key: str
    people: int
    answers: int
    distribution: dict[str, int] | None
    scored: int
    median: float | None
    mean: float | None
    spread: int | None
    dont_know_share: float | None
    disagreement: float | None
    suppressed: bool

    @property
    def has_scores(self) -> bool:
        return self.median is not None


@dataclass(frozen=True)
class HeatCell:
    criterion: str
    element: str
    people: int
    contributes: int | None
    attention: int | None
    suppressed: bool

    @property
    def balance(self) -> float | None:
        """From -1 (every mark says "needs attention") to +1 (every mark says "contributes")."""
        if self.suppressed or not (self.contributes or self.attention):
            return None
        total = self.contributes + self.attention  # type: ignore[operator]
        return (self.contributes - self.attention) / total  # type: ignore[operator]


@dataclass(frozen=True)
class CriterionTrend:
    criterion: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass
class RoundResult:
    framework: Framework
    min_cell: int
    indicators: dict[str, Summary] = field(default_factory=dict)
    criteria: dict[str, Summary] = field(default_factory=dict)
    heatmap: dict[tuple[str, str], HeatCell] = field(default_factory=dict)

    def strengths(self, count: int = 5) -> list[Summary]:
        """Indicators with the highest scores (then higher mean, then less disagreement)."""
        order = self._order()
        rows = [s for s in self.indicators.values() if s.has_scores]
        rows.sort(key=lambda s: (-s.median, -s.mean, s.disagreement, order[s.key]))
        return rows[:count]

    def priorities(self, count: int = 5) -> list[Summary]:
        """Indicators with the lowest scores (then lower mean, then more disagreement)."""
        order = self._order()
        rows = [s for s in self.indicators.values() if s.has_scores]
        rows.sort(key=lambda s: (s.median, s.mean, -s.disagreement, order[s.key]))
        return rows[:count]

    def most_disagreement(self, count: int = 5) -> list[Summary]:
        order = self._order()
        rows = [s for s in self.indicators.values() if s.has_scores and s.disagreement > 0]
        rows.sort(key=lambda s: (-s.disagreement, order[s.key]))
        return rows[:count]

    def _order(self) -> dict[str, int]:
        return {key: n for n, key in enumerate(self.framework.indicator_keys())}


def disagreement(scores: list[int], scale: Scale) -> float:
    """Leik's ordinal dispersion over the scale's scored levels (0 = agreement, 1 = split)."""
    levels = [lv.score for lv in scale.scored]
    if len(levels) < 2 or not scores:
        return 0.0
    counts = Counter(scores)
    cumulative = 0
    total = 0.0
    for score in levels[:-1]:
        cumulative += counts.get(score, 0)
        share = cumulative / len(scores)
        total += share if share <= 0.5 else 1 - share
    return 2 * total / (len(levels) - 1)


def summarise(key: str, answers: list[Answer], scale: Scale, min_cell: int = MIN_CELL
              ) -> Summary:
    """Summarise answers to one indicator (or, pooled, to one criterion)."""
    people = len({a.person for a in answers})
    scores = [scale.score_of(a.value) for a in answers]
    scored = [s for s in scores if s is not None]
    scored_people = len({a.person for a, s in zip(answers, scores, strict=True) if s is not None})
    if people < min_cell or people == 0:
        return Summary(key, people, len(answers), None, len(scored), None, None, None, None,
                       None, suppressed=True)
    counts = Counter(a.value for a in answers)
    distribution = {value: counts.get(value, 0) for value in scale.values}
    dont_know = (len(answers) - len(scored)) / len(answers)
    if scored_people < min_cell or not scored:
        return Summary(key, people, len(answers), distribution, len(scored), None, None, None,
                       dont_know, None, suppressed=False)
    return Summary(key, people, len(answers), distribution, len(scored),
                   median=float(statistics.median(scored)),
                   mean=statistics.fmean(scored), spread=max(scored) - min(scored),
                   dont_know_share=dont_know, disagreement=disagreement(scored, scale),
                   suppressed=False)


def check_answers(framework: Framework, answers: Iterable[Answer], marks: Iterable[Mark] = ()
                  ) -> None:
    """Raise InputError naming every answer or mark that does not fit the framework."""
    problems: list[InputProblem] = []
    indicators = set(framework.indicator_keys())
    for answer in answers:
        if answer.indicator not in indicators:
            problems.append(InputProblem(f"unknown indicator {answer.indicator!r}",
                                         field="indicator"))
        elif framework.scale.level(answer.value) is None:
            problems.append(InputProblem(
                f"unknown scale value {answer.value!r} for {answer.indicator} (expected one of: "
                f"{', '.join(framework.scale.values)})", field="value"))
    for mark in marks:
        if mark.indicator not in indicators:
            problems.append(InputProblem(f"unknown indicator {mark.indicator!r}",
                                         field="indicator"))
        if framework.element(mark.element) is None:
            problems.append(InputProblem(f"unknown system element {mark.element!r}",
                                         field="element"))
        if mark.kind not in MARK_KINDS:
            problems.append(InputProblem(f"unknown mark {mark.kind!r}", field="kind"))
    if problems:
        raise InputError(problems)


def score_round(framework: Framework, answers: Iterable[Answer], marks: Iterable[Mark] = (),
                min_cell: int = MIN_CELL) -> RoundResult:
    """Every summary of one round. ``min_cell=1`` shows all (for the facilitator)."""
    answers = list(answers)
    marks = list(marks)
    check_answers(framework, answers, marks)
    by_indicator: dict[str, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_indicator[answer.indicator].append(answer)
    result = RoundResult(framework, min_cell)
    for criterion in framework.criteria:
        pooled: list[Answer] = []
        for indicator in criterion.indicators:
            rows = by_indicator.get(indicator.key, [])
            pooled.extend(rows)
            result.indicators[indicator.key] = summarise(indicator.key, rows, framework.scale,
                                                         min_cell)
        result.criteria[criterion.key] = summarise(criterion.key, pooled, framework.scale,
                                                   min_cell)
    _heatmap(framework, marks, result)
    return result


def _heatmap(framework: Framework, marks: list[Mark], result: RoundResult) -> None:
    criterion_of = {i.key: c.key for c, i in framework.indicators()}
    people: dict[str, set[str]] = defaultdict(set)
    counts: Counter = Counter()
    for mark in marks:
        criterion = criterion_of[mark.indicator]
        people[criterion].add(mark.person)
        counts[(criterion, mark.element, mark.kind)] += 1
    for criterion in framework.criteria:
        n = len(people[criterion.key])
        hidden = n < result.min_cell or n == 0
        for element in framework.elements:
            result.heatmap[(criterion.key, element.key)] = HeatCell(
                criterion.key, element.key, n,
                None if hidden else counts[(criterion.key, element.key, CONTRIBUTES)],
                None if hidden else counts[(criterion.key, element.key, ATTENTION)],
                suppressed=hidden)


def compare_rounds(earlier: RoundResult, later: RoundResult) -> list[CriterionTrend]:
    """The median per criterion in two rounds, matched by criterion key (later's order)."""
    trends = []
    for criterion in later.framework.criteria:
        before = earlier.criteria.get(criterion.key)
        after = later.criteria[criterion.key]
        trends.append(CriterionTrend(criterion.key, before.median if before else None,
                                     after.median))
    return trends
