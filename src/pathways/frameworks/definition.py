"""Typed framework definitions: criteria, indicators, a rating scale and system elements.

A framework is data. These objects hold a validated definition; they never touch a database
and never score anything themselves (see ``scoring``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("local", "state", "any")

# The Local System Team Tool's five system elements; a framework may name its own.
DEFAULT_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("strategy", "Strategy"),
    ("employers", "Employers"),
    ("resources", "Resources"),
    ("policy", "Policy"),
    ("data", "Data"),
)

# Four development phases plus "don't know", the scale adjacent tools use
# (phase 1 = the work is starting ... phase 4 = fully in place). Labels are ours.
DEFAULT_SCALE: tuple[tuple[str, str, int | None], ...] = (
    ("1", "Phase 1: getting started", 1),
    ("2", "Phase 2: building", 2),
    ("3", "Phase 3: mostly in place", 3),
    ("4", "Phase 4: fully in place", 4),
    ("dont_know", "Don't know", None),
)
DONT_KNOW = "dont_know"


@dataclass(frozen=True)
class ScaleLevel:
    """One answer on the scale. ``score`` is None for "don't know" (not counted in scores)."""

    value: str
    label: str
    score: int | None = None
    description: str = ""

    @property
    def is_dont_know(self) -> bool:
        return self.score is None


@dataclass(frozen=True)
class Scale:
    levels: tuple[ScaleLevel, ...]

    def level(self, value: str) -> ScaleLevel | None:
        for level in self.levels:
            if level.value == value:
                return level
        return None

    def score_of(self, value: str) -> int | None:
        level = self.level(value)
        if level is None:
            raise KeyError(f"unknown scale value {value!r}")
        return level.score

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(level.value for level in self.levels)

    @property
    def scored(self) -> tuple[ScaleLevel, ...]:
        """Levels that carry a score, lowest first."""
        return tuple(sorted((lv for lv in self.levels if lv.score is not None),
                            key=lambda lv: lv.score))  # type: ignore[arg-type, return-value]

    @property
    def lowest(self) -> int:
        return self.scored[0].score  # type: ignore[return-value]

    @property
    def highest(self) -> int:
        return self.scored[-1].score  # type: ignore[return-value]

    def nearest(self, score: float | None) -> ScaleLevel | None:
        """The scored level closest to ``score`` (ties go to the lower level)."""
        if score is None:
            return None
        return min(self.scored, key=lambda lv: (abs(lv.score - score), lv.score))


@dataclass(frozen=True)
class SystemElement:
    key: str
    label: str


@dataclass(frozen=True)
class Indicator:
    key: str
    text: str


@dataclass(frozen=True)
class Criterion:
    key: str
    title: str
    summary: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Framework:
    """A validated framework. ``key`` + ``version`` identify it; a round pins both."""

    key: str
    version: str
    title: str
    level: str
    scale: Scale
    elements: tuple[SystemElement, ...]
    criteria: tuple[Criterion, ...]
    source: str = ""
    adaptation: str = ""
    description: str = ""
    path: str = ""
    # Where ``version`` is written in its file, for a problem found after loading.
    version_line: int | None = field(default=None, compare=False, repr=False)

    @property
    def label(self) -> str:
        return f"{self.title} (version {self.version})"

    def indicators(self) -> list[tuple[Criterion, Indicator]]:
        return [(c, i) for c in self.criteria for i in c.indicators]

    def indicator_keys(self) -> list[str]:
        return [i.key for _c, i in self.indicators()]

    def criterion(self, key: str) -> Criterion | None:
        return next((c for c in self.criteria if c.key == key), None)

    def criterion_of(self, indicator_key: str) -> Criterion | None:
        return next((c for c, i in self.indicators() if i.key == indicator_key), None)

    def indicator(self, key: str) -> Indicator | None:
        return next((i for _c, i in self.indicators() if i.key == key), None)

    def element(self, key: str) -> SystemElement | None:
        return next((e for e in self.elements if e.key == key), None)
