"""Records that bear on a criterion, shown beside the indicators a team rates.

The ratings stay the team's own judgement: evidence is only shown, never scored. Other apps
add evidence without changing the quality app, through a registry keyed by the criterion's
number in the quality career pathway system criteria (1 vision and strategy, 2 employers,
3 resources and funding, 4 policy, 5 data and measures, 6 practices):

    from pathways.apps.quality import evidence

    @evidence.provides(3)
    def funding_coverage(question: evidence.Question) -> list[evidence.Item]:
        ...

Register in the app's ``AppConfig.ready`` (import the module that holds the providers). A
provider gets a ``Question`` (the partnership, the framework key, the criterion and its
indicators) and returns ``Item``s: an item with an ``indicator`` key is shown beside that
indicator, one without is shown once for the whole criterion. Providers read only the
partnership's own records: the rating pages are for its members only.

Which framework criterion has which number is ``NUMBERS``: the AQCP frameworks' ``c1``-``c6``
are criteria 1-6; DOL's six key elements map where they match (e1 partnerships and roles,
e2 employers, e4 funding, e5 policy, e6 measures). Other frameworks get no evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

NUMBERS: dict[str, dict[str, int]] = {
    "aqcp-local": {f"c{n}": n for n in range(1, 7)},
    "aqcp-state": {f"c{n}": n for n in range(1, 7)},
    "dol-six-key-elements": {"e1": 1, "e2": 2, "e4": 3, "e5": 4, "e6": 5},
}


@dataclass(frozen=True)
class Question:
    partnership: Any
    framework: str  # the framework's key
    criterion: Any  # pathways.frameworks.Criterion
    number: int

    @property
    def indicator_keys(self) -> list[str]:
        return [i.key for i in self.criterion.indicators]


@dataclass(frozen=True)
class Item:
    """One record, in a line: what it is, a short detail, where to open it, and whether it
    needs attention (``warning``, e.g. an overdue MOU review)."""

    label: str
    detail: str = ""
    url: str = ""
    warning: bool = False
    indicator: str = ""  # empty: bears on the whole criterion


Provider = Callable[[Question], list[Item]]
PROVIDERS: dict[int, list[Provider]] = {}


def provides(number: int) -> Callable[[Provider], Provider]:
    """Register ``provider`` for criterion ``number`` (1-6)."""
    if number not in range(1, 7):
        raise ValueError(f"criterion numbers are 1 to 6, not {number}")

    def register(provider: Provider) -> Provider:
        found = PROVIDERS.setdefault(number, [])
        if provider not in found:
            found.append(provider)
        return provider

    return register


def number_of(framework: str, criterion: str) -> int | None:
    return NUMBERS.get(framework, {}).get(criterion)


def evidence_for(partnership: Any, framework: str, criterion: Any) -> list[Item]:
    """Every registered provider's items for one criterion, in registration order."""
    number = number_of(framework, criterion.key)
    if number is None:
        return []
    question = Question(partnership, framework, criterion, number)
    return [item for provider in PROVIDERS.get(number, []) for item in provider(question)]


__all__ = ["NUMBERS", "PROVIDERS", "Item", "Provider", "Question", "evidence_for",
           "number_of", "provides"]
