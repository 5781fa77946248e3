"""Turn a round's rows into the scoring engine's plain answers and marks, and back into
what pages show. Who may see which figures is decided in ``queries``, not here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pathways.apps.quality.models import Rating, Round
from pathways.frameworks import (
    ATTENTION,
    CONTRIBUTES,
    Answer,
    Framework,
    Mark,
    RoundResult,
    Summary,
    score_round,
)


def engine_inputs(ratings: Iterable[Rating]) -> tuple[list[Answer], list[Mark]]:
    """Answers (rated indicators only) and element marks; a person is their user id."""
    answers: list[Answer] = []
    marks: list[Mark] = []
    for rating in ratings:
        person = str(rating.member_id)
        if rating.value:
            answers.append(Answer(person, rating.indicator, rating.value))
        marks += [Mark(person, rating.indicator, e, CONTRIBUTES) for e in rating.contributes]
        marks += [Mark(person, rating.indicator, e, ATTENTION) for e in rating.attention]
    return answers, marks


def score(round_: Round, min_cell: int) -> RoundResult:
    answers, marks = engine_inputs(round_.ratings.all())
    return score_round(round_.definition(), answers, marks, min_cell=min_cell)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator with its summary, ready for a template."""

    criterion_key: str
    key: str
    text: str
    summary: Summary
    median_label: str
    bars: list[tuple[str, str, int, int]]  # (value, label, count, percent)


def indicator_row(framework: Framework, key: str, summary: Summary) -> IndicatorRow:
    criterion = framework.criterion_of(key)
    indicator = framework.indicator(key)
    return IndicatorRow(criterion.key if criterion else "", key,
                        indicator.text if indicator else key, summary,
                        median_label(framework, summary), bars(framework, summary))


def median_label(framework: Framework, summary: Summary) -> str:
    level = framework.scale.nearest(summary.median)
    return level.label if level else ""


def bars(framework: Framework, summary: Summary) -> list[tuple[str, str, int, int]]:
    if summary.distribution is None or not summary.answers:
        return []
    return [(lv.value, lv.label, summary.distribution.get(lv.value, 0),
             round(100 * summary.distribution.get(lv.value, 0) / summary.answers))
            for lv in framework.scale.levels]


def heat_class(balance: float | None) -> str:
    """A CSS class for a heatmap cell; the cell's text always says the same in words."""
    if balance is None:
        return "heat-none"
    if balance >= 0.5:
        return "heat-pos-2"
    if balance > 0:
        return "heat-pos-1"
    if balance == 0:
        return "heat-even"
    if balance > -0.5:
        return "heat-neg-1"
    return "heat-neg-2"
