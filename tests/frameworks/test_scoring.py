"""Scoring with hand-computed numbers (see the comments for the arithmetic)."""

from __future__ import annotations

import pytest

from pathways.core import InputError
from pathways.frameworks import (
    ATTENTION,
    CONTRIBUTES,
    Answer,
    Mark,
    criterion_trends,
    disagreement,
    score_round,
    summarise,
)
from tests.frameworks.helpers import tiny


def answers(indicator: str, *values: str) -> list[Answer]:
    return [Answer(f"p{n}", indicator, v) for n, v in enumerate(values)]


def test_median_mean_spread_and_disagreement_of_one_indicator():
    scale = tiny().scale
    s = summarise("i1", answers("i1", "1", "2", "2", "4"), scale)
    assert s.median == 2.0 and s.mean == 2.25 and s.spread == 3
    assert s.distribution == {"1": 1, "2": 2, "3": 0, "4": 1, "dont_know": 0}
    assert s.dont_know_share == 0.0
    # Leik: cumulative shares .25, .75, .75 -> .25 + .25 + .25 = .75; 2 * .75 / 3 = .5
    assert s.disagreement == 0.5


def test_dont_know_is_an_answer_but_not_a_score():
    s = summarise("i1", answers("i1", "1", "dont_know", "3", "3"), tiny().scale)
    assert s.people == 4 and s.answers == 4 and s.scored == 3
    assert s.median == 3.0 and s.mean == pytest.approx(7 / 3) and s.spread == 2
    assert s.dont_know_share == 0.25
    # scores 1, 3, 3: cumulative 1/3, 1/3, 1 -> 1/3 + 1/3 + 0; 2 * (2/3) / 3 = 4/9
    assert s.disagreement == pytest.approx(4 / 9, abs=1e-6)


def test_disagreement_is_zero_for_agreement_and_one_for_an_even_split():
    scale = tiny().scale
    assert disagreement([2, 2, 2], scale) == 0.0
    assert disagreement([1, 1, 4, 4], scale) == 1.0
    assert disagreement([], scale) == 0.0


def test_all_dont_know_gives_a_distribution_but_no_scores():
    s = summarise("i1", answers("i1", "dont_know", "dont_know", "dont_know"), tiny().scale)
    assert s.shown and not s.has_scores and s.dont_know_share == 1.0
    assert s.distribution["dont_know"] == 3


def test_fewer_than_three_people_withholds_every_figure():
    s = summarise("i1", answers("i1", "4", "1"), tiny().scale)
    assert s.suppressed and not s.shown and s.people == 2
    assert s.distribution is None and s.median is None and s.dont_know_share is None
    empty = summarise("i1", [], tiny().scale)
    assert empty.empty and not empty.suppressed


def test_a_criterion_pools_only_shown_indicators_so_withheld_ones_cannot_be_recovered():
    rows = (answers("i1", "1", "2", "3") + answers("i2", "4", "4")  # i2: two people only
            + answers("i3", "2", "2", "2"))
    member = score_round(tiny(), rows)
    assert member.indicators["i2"].suppressed
    k1 = member.criteria["k1"]
    # pooled: 1, 2, 3, 2, 2, 2 (i2 left out) -> median 2, mean 2
    assert k1.answers == 6 and k1.median == 2.0 and k1.mean == 2.0
    assert k1.distribution["4"] == 0
    facilitator = score_round(tiny(), rows, min_cell=1)
    # every answer: 1, 2, 3, 4, 4, 2, 2, 2 -> median 2, mean 20/8
    assert facilitator.criteria["k1"].answers == 8
    assert facilitator.criteria["k1"].mean == 2.5 and facilitator.criteria["k1"].median == 2.0


def test_a_criterion_with_every_indicator_withheld_is_withheld():
    result = score_round(tiny(), answers("i4", "1", "2") + answers("i5", "3"))
    assert result.criteria["k2"].suppressed and result.criteria["k2"].people == 2
    assert result.criteria["k1"].empty


def test_heatmap_counts_marks_per_criterion_and_element_and_hides_small_cells():
    marks = [Mark("p0", "i1", "employers", CONTRIBUTES), Mark("p1", "i2", "employers",
                                                              CONTRIBUTES),
             Mark("p2", "i3", "employers", ATTENTION), Mark("p2", "i1", "data", ATTENTION),
             Mark("p0", "i4", "policy", ATTENTION), Mark("p1", "i5", "policy", ATTENTION)]
    result = score_round(tiny(), answers("i1", "1", "2", "3"), marks)
    cell = result.heatmap[("k1", "employers")]
    assert (cell.people, cell.contributes, cell.attention) == (3, 2, 1)
    assert cell.balance == pytest.approx(1 / 3)  # (2 - 1) / 3
    assert result.heatmap[("k1", "data")].balance == -1.0
    assert result.heatmap[("k1", "strategy")].balance is None
    hidden = result.heatmap[("k2", "policy")]  # only p0 and p1 marked k2
    assert hidden.suppressed and hidden.contributes is None and hidden.people == 2
    assert score_round(tiny(), [], marks, min_cell=1).heatmap[("k2", "policy")].attention == 2


def test_strengths_and_priorities_are_ranked_and_never_overlap():
    rows = (answers("i1", "4", "4", "3") + answers("i2", "1", "1", "2")
            + answers("i3", "3", "3", "3") + answers("i4", "2", "2", "2")
            + answers("i5", "1", "1", "1"))
    result = score_round(tiny(), rows)
    # medians: i1 4, i3 3, i4 2, i2 1 (mean 4/3), i5 1 (mean 1)
    assert [s.key for s in result.ranked()] == ["i1", "i3", "i4", "i2", "i5"]
    assert [s.key for s in result.strengths()] == ["i1", "i3", "i4"]
    assert [s.key for s in result.priorities()] == ["i5", "i2"]
    assert [s.key for s in result.strengths(1)] == ["i1"]
    assert [s.key for s in result.priorities(1)] == ["i5"]
    # people differ on i1 (4, 4, 3) and i2 (1, 1, 2): both 2 * (1/3) / 3 = 2/9, framework order
    assert [(s.key, s.disagreement) for s in result.most_disagreement()] == [
        ("i1", pytest.approx(2 / 9, abs=1e-6)), ("i2", pytest.approx(2 / 9, abs=1e-6))]


def test_an_unknown_scale_value_or_indicator_is_an_error():
    with pytest.raises(InputError) as info:
        score_round(tiny(), [Answer("p0", "i1", "5"), Answer("p0", "i9", "1")],
                    [Mark("p0", "i1", "weather", "maybe")])
    messages = [p.message for p in info.value.problems]
    assert messages[0] == ("unknown scale value '5' for i1 (expected one of: 1, 2, 3, 4, "
                           "dont_know)")
    assert "unknown indicator 'i9'" in messages
    assert "unknown system element 'weather'" in messages
    assert "unknown mark 'maybe'" in messages


def test_trend_per_criterion_across_rounds():
    first = score_round(tiny(), answers("i1", "1", "1", "2") + answers("i4", "2", "2", "2"))
    second = score_round(tiny(), answers("i1", "2", "3", "3"))
    third = score_round(tiny(), answers("i1", "3", "3", "4") + answers("i4", "3", "3", "3"))
    k1, k2 = criterion_trends([first, second, third])
    assert k1.medians == (1.0, 3.0, 3.0)
    assert k1.means == (pytest.approx(4 / 3), pytest.approx(8 / 3), pytest.approx(10 / 3))
    assert k1.change == pytest.approx(2.0) and k1.last_change == pytest.approx(2 / 3)
    assert k2.means == (2.0, None, 3.0) and k2.change == 1.0 and k2.last_change is None
    assert criterion_trends([]) == []


def test_rating_problems_name_the_indicator_and_the_part():
    from pathways.frameworks import rating_problems

    framework = tiny()
    assert rating_problems(framework, "i1", "", ["data"], ["policy"]) == []
    assert rating_problems(framework, "i1", "dont_know") == []
    problems = rating_problems(framework, "i1", "excellent", ["weather"], ["data", "weather"])
    assert [(p.field, p.message.split(" (")[0]) for p in problems] == [
        ("i1.value", "unknown scale value 'excellent' for i1"),
        ("i1.contributes", "unknown system element 'weather'"),
        ("i1.attention", "unknown system element 'weather'"),
        ("i1.attention", "weather cannot both contribute and need more attention for i1; "
                         "choose one"),
    ]
    assert rating_problems(framework, "nope", "1")[0].message == "unknown indicator 'nope'"
