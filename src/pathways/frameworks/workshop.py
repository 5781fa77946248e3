"""Workshop mode: split the room into tables, run the clock, keep everyone on the same step.

The Local System Team Tool's workshop: each table takes three of the six criteria; for each
one, five minutes of individual notes, then fifteen minutes of conversation; then every table
reports out to the whole room. Plain data in, plain data out; the app stores the state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

CRITERIA_PER_TABLE = 3
NOTES_MINUTES = 5
CONVERSATION_MINUTES = 15
NOTES = "notes"
CONVERSATION = "conversation"
REPORT_OUT = "report_out"
MAX_TABLES = 30


@dataclass(frozen=True)
class Step:
    """One step of the workshop. ``slot`` is the position of the criterion each table is on
    (0 = its first criterion); None for the report-out. ``minutes`` None means open-ended."""

    index: int
    phase: str
    slot: int | None
    minutes: int | None


@dataclass(frozen=True)
class TimerState:
    step: Step | None
    elapsed: int  # seconds on this step
    remaining: int | None  # seconds; None when open-ended or not started
    running: bool
    finished: bool  # the whole schedule has been walked through

    @property
    def overrun(self) -> bool:
        return self.remaining is not None and self.remaining < 0


def assign_criteria(criteria: Sequence[str], tables: int,
                    per_table: int = CRITERIA_PER_TABLE) -> list[tuple[str, ...]]:
    """Give each table ``per_table`` different criteria, going round the list in order so
    that the number of tables discussing any two criteria differs by at most one."""
    if tables < 1 or tables > MAX_TABLES:
        raise ValueError(f"tables must be between 1 and {MAX_TABLES}")
    if not criteria:
        raise ValueError("the framework has no criteria")
    per_table = max(1, min(per_table, len(criteria)))
    plan = []
    for table in range(tables):
        start = table * per_table
        plan.append(tuple(criteria[(start + j) % len(criteria)] for j in range(per_table)))
    return plan


def not_covered(criteria: Sequence[str], plan: Sequence[Sequence[str]]) -> list[str]:
    """Criteria no table discusses (too few tables for the framework)."""
    taken = {key for table in plan for key in table}
    return [key for key in criteria if key not in taken]


def schedule(per_table: int = CRITERIA_PER_TABLE, notes_minutes: int = NOTES_MINUTES,
             conversation_minutes: int = CONVERSATION_MINUTES) -> list[Step]:
    """Notes then conversation for each criterion slot, then an open-ended report-out."""
    if notes_minutes < 1 or conversation_minutes < 1:
        raise ValueError("each timed step needs at least one minute")
    steps: list[Step] = []
    for slot in range(per_table):
        steps.append(Step(len(steps), NOTES, slot, notes_minutes))
        steps.append(Step(len(steps), CONVERSATION, slot, conversation_minutes))
    steps.append(Step(len(steps), REPORT_OUT, None, None))
    return steps


def timer(steps: Sequence[Step], step_index: int | None, started_at: datetime | None,
          paused_at: datetime | None, now: datetime) -> TimerState:
    """Where the workshop is at ``now``. The facilitator moves from step to step; the clock
    only counts down (and shows overrun) so the room can finish a thought."""
    if step_index is None or started_at is None:
        return TimerState(None, 0, None, running=False, finished=False)
    if step_index >= len(steps):
        return TimerState(None, 0, None, running=False, finished=True)
    step = steps[step_index]
    until = paused_at or now
    elapsed = max(0, int((until - started_at).total_seconds()))
    remaining = step.minutes * 60 - elapsed if step.minutes is not None else None
    return TimerState(step, elapsed, remaining, running=paused_at is None, finished=False)


def clock(seconds: int | None) -> str:
    """Seconds as m:ss (a minus sign for overrun), as the timer shows them."""
    if seconds is None:
        return ""
    sign = "-" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{rest:02d}"
