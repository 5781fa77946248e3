"""Workshop mode: tables take three criteria each; the clock runs 5 + 15 minutes a criterion."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from pathways.frameworks import (
    CONVERSATION,
    NOTES,
    REPORT_OUT,
    assign_criteria,
    clock,
    not_covered,
    schedule,
    timer,
)

SIX = ["c1", "c2", "c3", "c4", "c5", "c6"]
T0 = datetime(2026, 4, 15, 9, 0, tzinfo=UTC)


def test_two_tables_split_the_six_criteria():
    assert assign_criteria(SIX, 2) == [("c1", "c2", "c3"), ("c4", "c5", "c6")]


@pytest.mark.parametrize("tables", [1, 3, 4, 5, 7])
def test_each_table_gets_three_different_criteria_and_coverage_is_even(tables):
    plan = assign_criteria(SIX, tables)
    assert all(len(set(t)) == 3 for t in plan)
    counts = Counter(key for table in plan for key in table)
    spread = [counts.get(key, 0) for key in SIX]
    assert max(spread) - min(spread) <= 1


def test_one_table_leaves_criteria_out_and_says_which():
    assert not_covered(SIX, assign_criteria(SIX, 1)) == ["c4", "c5", "c6"]
    assert not_covered(SIX, assign_criteria(SIX, 2)) == []


def test_a_framework_with_fewer_criteria_than_three():
    assert assign_criteria(["a", "b"], 2) == [("a", "b"), ("a", "b")]
    with pytest.raises(ValueError):
        assign_criteria(SIX, 0)


def test_schedule_is_notes_then_conversation_per_criterion_then_report_out():
    steps = schedule()
    assert [(s.phase, s.slot, s.minutes) for s in steps] == [
        (NOTES, 0, 5), (CONVERSATION, 0, 15), (NOTES, 1, 5), (CONVERSATION, 1, 15),
        (NOTES, 2, 5), (CONVERSATION, 2, 15), (REPORT_OUT, None, None)]
    assert sum(s.minutes or 0 for s in steps) == 60


def test_timer_counts_down_pauses_and_overruns():
    steps = schedule()
    state = timer(steps, 0, T0, None, T0 + timedelta(seconds=130))
    assert state.step.phase == NOTES and state.remaining == 170 and state.running
    assert clock(state.remaining) == "2:50"
    paused = timer(steps, 1, T0, T0 + timedelta(minutes=10), T0 + timedelta(hours=1))
    assert paused.remaining == 300 and not paused.running  # 15 min - 10 min, frozen
    late = timer(steps, 0, T0, None, T0 + timedelta(minutes=6))
    assert late.overrun and clock(late.remaining) == "-1:00"
    report = timer(steps, 6, T0, None, T0 + timedelta(minutes=3))
    assert report.remaining is None and report.elapsed == 180
    assert timer(steps, None, None, None, T0).step is None
    assert timer(steps, 7, T0, None, T0).finished
