"""A funding stream as the loader reads it; every rule keeps its ``source``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pathways.funding.conditions import OPEN, Condition

CAP_PERIODS = ("award_year", "person", "step")


@dataclass(frozen=True)
class Rule:
    condition: Condition
    source: str
    note: str = ""


@dataclass(frozen=True)
class Pays:
    kind: str  # a key of facts.COST_KINDS
    source: str
    note: str = ""


@dataclass(frozen=True)
class Cap:
    per: str  # award_year | person | step
    amount: Decimal
    source: str
    kinds: tuple[str, ...] = ()  # empty: all the kinds the stream pays
    year: str = ""  # the year the amount is for, e.g. "2025-26"
    check: str = ""  # what to verify, and where, before relying on it


@dataclass(frozen=True)
class Match:
    federal_share: Decimal  # of each dollar paid for ``kinds``; the rest is non-federal
    kinds: tuple[str, ...]
    source: str
    note: str = ""


@dataclass(frozen=True)
class Order:
    rank: int  # lower is used first
    source: str
    note: str = ""


@dataclass(frozen=True)
class Stream:
    key: str
    title: str
    kind: str  # facts.STREAM_KINDS
    source: str
    eligibility: Rule
    order: Order
    assistance_listing: str = ""
    agency: str = ""
    summary: str = ""
    check: str = ""
    steps: Rule = Rule(OPEN, "")
    pays: tuple[Pays, ...] = ()
    caps: tuple[Cap, ...] = ()
    match: Match | None = None
    path: str = ""

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(p.kind for p in self.pays)


__all__ = ["CAP_PERIODS", "Cap", "Match", "Order", "Pays", "Rule", "Stream"]
