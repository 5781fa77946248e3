"""Score one assessment round: per indicator and criterion, a heatmap, rankings, trends.

Rules (docs/quality.md explains them for readers):
- "Don't know" counts as an answer but not as a score.
- median: the middle score (the mean of the two middle ones for an even count).
- spread: highest score minus lowest score.
- disagreement: Leik's ordinal dispersion, 0 when everyone gives the same score, 1 when
  people split evenly between the lowest and the highest level.
- small cells: an indicator's summary is withheld when fewer than ``min_cell`` people
  answered it. A criterion pools the answers of its *shown* indicators only, so nobody can
  subtract the shown indicators from the criterion and recover a withheld one. A heatmap
  cell is withheld when fewer than ``min_cell`` people marked elements for that criterion.
  ``min_cell=1`` shows everything (the facilitator's view).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
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
    """What the answers to one indicator (or one criterion) say.

    ``distribution`` and every figure are None when the summary is withheld (too few people)
    or empty (nobody answered); the scores alone are None when every answer was "don't know".
    """

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
    def empty(self) -> bool:
        return self.people == 0

    @property
    def shown(self) -> bool:
        return not self.suppressed and not self.empty

    @property
    def has_scores(self) -> bool:
        return self.median is not None


@dataclass(frozen=True)
class HeatCell:
    """How often people said an element contributes to a criterion, or needs attention."""

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
    """One criterion's median and mean in each compared round (None where not shown)."""

    criterion: str
    medians: tuple[float | None, ...]
    means: tuple[float | None, ...]

    @property
    def change(self) -> float | None:
        """Change of the mean from the first round to the last one that both show it."""
        shown = [m for m in self.means if m is not None]
        if len(shown) < 2 or self.means[-1] is None:
            return None
        return round(self.means[-1] - shown[0], 6)

    @property
    def last_change(self) -> float | None:
        """Change of the mean between the last two rounds."""
        if len(self.means) < 2 or self.means[-1] is None or self.means[-2] is None:
            return None
        return round(self.means[-1] - self.means[-2], 6)


@dataclass
class RoundResult:
    framework: Framework
    min_cell: int
    indicators: dict[str, Summary] = field(default_factory=dict)
    criteria: dict[str, Summary] = field(default_factory=dict)
    heatmap: dict[tuple[str, str], HeatCell] = field(default_factory=dict)

    def ranked(self) -> list[Summary]:
        """Shown indicators with scores, strongest first: higher median, then higher mean,
        then less disagreement, then framework order."""
        order = self._order()
        rows = [s for s in self.indicators.values() if s.shown and s.has_scores]
        rows.sort(key=lambda s: (-s.median, -s.mean, s.disagreement, order[s.key]))
        return rows

    def strengths(self, count: int = 5) -> list[Summary]:
        """The strongest indicators: at most ``count``, and never more than half of the
        ranked ones, so an indicator is never both a strength and a priority."""
        ranked = self.ranked()
        return ranked[:min(count, (len(ranked) + 1) // 2)]

    def priorities(self, count: int = 5) -> list[Summary]:
        """The weakest indicators, weakest first (lower median, lower mean, then more
        disagreement); none of them is also a strength."""
        ranked = self.ranked()
        taken = min(count, len(ranked) // 2)
        order = self._order()
        rest = ranked[len(ranked) - taken:] if taken else []
        rest.sort(key=lambda s: (s.median, s.mean, -s.disagreement, order[s.key]))
        return rest

    def most_disagreement(self, count: int = 5) -> list[Summary]:
        order = self._order()
        rows = [s for s in self.indicators.values()
                if s.shown and s.has_scores and s.disagreement > 0]
        rows.sort(key=lambda s: (-s.disagreement, -(s.spread or 0), order[s.key]))
        return rows[:count]

    def _order(self) -> dict[str, int]:
        return {key: n for n, key in enumerate(self.framework.indicator_keys())}


def disagreement(scores: Sequence[int], scale: Scale) -> float:
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
    return round(2 * total / (len(levels) - 1), 6)


def summarise(key: str, answers: Sequence[Answer], scale: Scale, min_cell: int = MIN_CELL
              ) -> Summary:
    """Summarise answers to one indicator (or, pooled, to one criterion)."""
    people = len({a.person for a in answers})
    if people == 0 or people < min_cell:
        return Summary(key, people, len(answers), None, 0, None, None, None, None, None,
                       suppressed=people > 0)
    scores = [scale.score_of(a.value) for a in answers]
    scored = [s for s in scores if s is not None]
    counts = Counter(a.value for a in answers)
    distribution = {value: counts.get(value, 0) for value in scale.values}
    dont_know = round((len(answers) - len(scored)) / len(answers), 6)
    if not scored:
        return Summary(key, people, len(answers), distribution, 0, None, None, None, dont_know,
                       None, suppressed=False)
    return Summary(key, people, len(answers), distribution, len(scored),
                   median=float(statistics.median(scored)),
                   mean=round(statistics.fmean(scored), 6), spread=max(scored) - min(scored),
                   dont_know_share=dont_know, disagreement=disagreement(scored, scale),
                   suppressed=False)


def check_answers(framework: Framework, answers: Iterable[Answer], marks: Iterable[Mark] = ()
                  ) -> None:
    """Raise InputError naming every answer or mark that does not fit the framework."""
    problems: list[InputProblem] = []
    indicators = set(framework.indicator_keys())
    seen: set[tuple[str, str]] = set()
    for answer in answers:
        if answer.indicator not in indicators:
            problems.append(InputProblem(f"unknown indicator {answer.indicator!r}",
                                         field="indicator"))
        elif framework.scale.level(answer.value) is None:
            problems.append(InputProblem(
                f"unknown scale value {answer.value!r} for {answer.indicator} (expected one of: "
                f"{', '.join(framework.scale.values)})", field="value"))
        if (answer.person, answer.indicator) in seen:
            problems.append(InputProblem(
                f"{answer.indicator} is rated twice by the same person", field="indicator"))
        seen.add((answer.person, answer.indicator))
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


def rating_problems(framework: Framework, indicator: str, value: str,
                    contributes: Iterable[str] = (), attention: Iterable[str] = ()
                    ) -> list[InputProblem]:
    """Problems with one person's rating of one indicator (an empty value means "not rated
    yet"); each problem's field is ``<indicator>.<part>``."""
    if framework.indicator(indicator) is None:
        return [InputProblem(f"unknown indicator {indicator!r}", field="indicator")]
    problems: list[InputProblem] = []
    if value and framework.scale.level(value) is None:
        problems.append(InputProblem(
            f"unknown scale value {value!r} for {indicator} (expected one of: "
            f"{', '.join(framework.scale.values)})", field=f"{indicator}.value"))
    contributes, attention = list(contributes), list(attention)
    for kind, keys in ((CONTRIBUTES, contributes), (ATTENTION, attention)):
        for key in keys:
            if framework.element(key) is None:
                problems.append(InputProblem(
                    f"unknown system element {key!r} (expected one of: "
                    f"{', '.join(e.key for e in framework.elements)})",
                    field=f"{indicator}.{kind}"))
    for key in sorted(set(contributes) & set(attention)):
        element = framework.element(key)
        problems.append(InputProblem(
            f"{element.label if element else key} cannot both contribute and need more "
            f"attention for {indicator}; choose one", field=f"{indicator}.{ATTENTION}"))
    return problems


def score_round(framework: Framework, answers: Iterable[Answer], marks: Iterable[Mark] = (),
                min_cell: int = MIN_CELL) -> RoundResult:
    """Every summary of one round. ``min_cell=1`` shows all (for the facilitator)."""
    if min_cell < 1:
        raise ValueError("min_cell must be at least 1")
    answers = list(answers)
    marks = list(marks)
    check_answers(framework, answers, marks)
    by_indicator: dict[str, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_indicator[answer.indicator].append(answer)
    result = RoundResult(framework, min_cell)
    for criterion in framework.criteria:
        pooled: list[Answer] = []
        everyone: set[str] = set()
        for indicator in criterion.indicators:
            rows = by_indicator.get(indicator.key, [])
            summary = summarise(indicator.key, rows, framework.scale, min_cell)
            result.indicators[indicator.key] = summary
            everyone.update(a.person for a in rows)
            if summary.shown:
                pooled.extend(rows)
        if pooled:
            result.criteria[criterion.key] = summarise(criterion.key, pooled, framework.scale,
                                                       min_cell)
        else:
            result.criteria[criterion.key] = Summary(
                criterion.key, len(everyone), 0, None, 0, None, None, None, None, None,
                suppressed=bool(everyone))
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
        hidden = n < result.min_cell
        for element in framework.elements:
            result.heatmap[(criterion.key, element.key)] = HeatCell(
                criterion.key, element.key, n,
                None if hidden else counts[(criterion.key, element.key, CONTRIBUTES)],
                None if hidden else counts[(criterion.key, element.key, ATTENTION)],
                suppressed=hidden and n > 0)


def criterion_trends(results: Sequence[RoundResult]) -> list[CriterionTrend]:
    """Median and mean per criterion across rounds (oldest first), matched by criterion key
    and listed in the order of the last round's framework."""
    if not results:
        return []
    trends = []
    for criterion in results[-1].framework.criteria:
        found = [r.criteria.get(criterion.key) for r in results]
        trends.append(CriterionTrend(
            criterion.key,
            tuple(s.median if s is not None else None for s in found),
            tuple(s.mean if s is not None else None for s in found)))
    return trends
