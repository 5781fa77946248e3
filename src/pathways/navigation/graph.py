"""The pathway graph as plain data: what the navigation and WIOA engines read.

Built from the catalog by ``pathways.apps.catalog.graph``; tests build it by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

AND, OR, NOT = "And", "Or", "Not"


@dataclass(frozen=True)
class Condition:
    """A rule over target components and nested conditions (CTDL ComponentCondition)."""

    operator: str = AND
    targets: tuple[str, ...] = ()
    subconditions: tuple[Condition, ...] = ()
    required_number: int | None = None
    required_credits: Decimal | None = None
    name: str = ""

    def __post_init__(self) -> None:
        if self.operator not in (AND, OR, NOT):
            raise ValueError(f"unknown logical operator {self.operator!r}")
        if self.required_number is not None and self.required_number < 0:
            raise ValueError("required number cannot be negative")


@dataclass(frozen=True)
class Component:
    id: str
    name: str
    kind: str
    level: int | None = None
    credits: Decimal | None = None
    length_weeks: int | None = None
    cost: Decimal | None = None
    credential_type: str | None = None
    is_iet: bool = False
    is_apprenticeship: bool = False
    occupation: str | None = None
    leads_to: tuple[str, ...] = ()
    conditions: tuple[Condition, ...] = ()
    # Kinds of support service given as part of this step (CTDL SupportServiceCategory),
    # as opposed to services attached to the pathway as a whole. A plain default (not a
    # factory) so that a graph kept in the cache before this field existed still reads.
    support_categories: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EntryPoint:
    id: str
    name: str
    kind: str
    component: str
    min_education: str = ""
    max_education: str = ""
    min_efl: str = ""
    max_efl: str = ""
    english_levels: tuple[str, ...] = ()
    serves_adult_learners: bool = False


@dataclass(frozen=True)
class OccupationFacts:
    """Labour-market facts for an exit occupation (OEWS and BLS projections)."""

    code: str
    title: str
    annual_median: int | None = None
    area_employment: int | None = None
    area_title: str = ""
    annual_openings_thousands: Decimal | None = None
    change_percent: Decimal | None = None


@dataclass(frozen=True)
class ExitPoint:
    id: str
    name: str
    component: str
    occupation: OccupationFacts | None = None


@dataclass(frozen=True)
class PathwayGraph:
    name: str
    components: dict[str, Component]
    entry_points: tuple[EntryPoint, ...] = ()
    exit_points: tuple[ExitPoint, ...] = ()
    sector: str = ""
    naics: str = ""
    support_categories: frozenset[str] = field(default_factory=frozenset)

    def credentials(self) -> list[Component]:
        return [c for c in self.components.values() if c.credential_type]
