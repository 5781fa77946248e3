"""Eligibility as a small condition tree over named facts, with three answers.

``all``, ``any`` and ``not`` over leaves such as ``{fact: age, at_least: 18}``. A fact that
is not recorded makes a leaf *unknown*; ``all`` is false if any part is false, else unknown
if any part is unknown; ``any`` is true if any part is true, else unknown if any part is
unknown (Kleene's logic). So "not eligible" is only said when the recorded facts prove it,
and "unknown" names the facts that would settle it. (The plans' condition engine,
navigation.conditions, answers over completed steps only, so it cannot say "unknown".)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pathways.core.education import EDUCATION_LEVELS
from pathways.core.validate import Field, shown
from pathways.funding.facts import BOOL, CHOICE, NUMBER, Fact
from pathways.navigation.reasons import Reason, _

ELIGIBLE, NOT_ELIGIBLE, UNKNOWN = "eligible", "not_eligible", "unknown"
OPERATORS = ("is", "in", "at_least", "at_most")
MAX_DEPTH = 8
MAX_PARTS = 40
_EDUCATION = {level.code: level.label for level in EDUCATION_LEVELS}


@dataclass(frozen=True)
class Condition:
    op: str  # all | any | not | fact
    parts: tuple[Condition, ...] = ()
    fact: str = ""
    test: tuple[tuple[str, Any], ...] = ()  # (operator, value) pairs, all must hold


@dataclass(frozen=True)
class Verdict:
    status: str
    reasons: tuple[Reason, ...] = ()  # why, for eligible and not eligible
    unknown: tuple[Reason, ...] = ()  # the facts not recorded that would settle it

    @property
    def eligible(self) -> bool:
        return self.status == ELIGIBLE


OPEN = Condition("all")


def parse_condition(field: Field, facts: Mapping[str, Fact], depth: int = 0
                    ) -> Condition | None:
    """Read one condition (None and a problem when it is wrong)."""
    item = field.mapping()
    if item is None:
        return None
    if depth > MAX_DEPTH:
        field.problem(f"is nested more than {MAX_DEPTH} levels deep")
        return None
    keys = set(item.value)
    if "fact" in keys:
        item.only({"fact", *OPERATORS})
        return _leaf(item, facts)
    if len(keys) != 1 or not keys <= {"all", "any", "not"}:
        field.problem("must have exactly one of: all, any, not, or a fact with a test")
        return None
    op = next(iter(keys))
    if op == "not":
        inner = parse_condition(item["not"], facts, depth + 1)
        return Condition("not", (inner,)) if inner else None
    parts = [parse_condition(part, facts, depth + 1)
             for part in item[op].items(least=0, most=MAX_PARTS)]
    return Condition(op, tuple(p for p in parts if p is not None))


def _leaf(item: Field, facts: Mapping[str, Fact]) -> Condition | None:
    name = item["fact"].choice(facts, what="fact")
    if name is None:
        return None
    fact = facts[name]
    tests: list[tuple[str, Any]] = []
    for op in OPERATORS:
        place = item[op]
        if not place.present:
            continue
        if op == "is":
            value = (place.boolean(required=True) if fact.kind == BOOL
                     else place.choice(fact.options) if fact.kind == CHOICE
                     else place.number())
        elif op == "in":
            if fact.kind != CHOICE:
                place.problem(f"'in' needs a fact with choices; {name} is not one")
                continue
            value = tuple(v.choice(fact.options) for v in place.items())
        else:
            if fact.kind != NUMBER:
                place.problem(f"'{op}' needs a number fact; {name} is not one")
                continue
            value = place.number()
        tests.append((op, value))
    if not tests:
        item.problem(f"fact {name!r} needs a test: one of {', '.join(OPERATORS)}")
        return None
    return Condition("fact", fact=name, test=tuple(tests))


def evaluate(condition: Condition, facts: Mapping[str, Any], known: Mapping[str, Fact]
             ) -> Verdict:
    """The answer for these facts (a fact absent or None is not recorded)."""
    if condition.op == "fact":
        fact = known[condition.fact]
        value = facts.get(condition.fact)
        if value is None:
            return Verdict(UNKNOWN, unknown=(Reason(_("%(fact)s is not recorded."),
                                                   {"fact": fact.label}),))
        held = all(_holds(op, expected, value) for op, expected in condition.test)
        return Verdict(ELIGIBLE if held else NOT_ELIGIBLE, (_said(fact, value),))
    if condition.op == "not":
        inner = evaluate(condition.parts[0], facts, known)
        flipped = {ELIGIBLE: NOT_ELIGIBLE, NOT_ELIGIBLE: ELIGIBLE}.get(inner.status, UNKNOWN)
        return Verdict(flipped, inner.reasons, inner.unknown)
    results = [evaluate(part, facts, known) for part in condition.parts]
    if not results:
        return Verdict(ELIGIBLE, (Reason(_("Open to everyone.")),))
    decisive = NOT_ELIGIBLE if condition.op == "all" else ELIGIBLE
    hits = [r for r in results if r.status == decisive]
    unknown = tuple(u for r in results for u in r.unknown)
    if hits:
        return Verdict(decisive, tuple(x for r in hits for x in r.reasons),
                       unknown if decisive == NOT_ELIGIBLE else ())
    if any(r.status == UNKNOWN for r in results):
        return Verdict(UNKNOWN, tuple(x for r in results for x in r.reasons), unknown)
    other = ELIGIBLE if decisive == NOT_ELIGIBLE else NOT_ELIGIBLE
    return Verdict(other, tuple(x for r in results for x in r.reasons))


def _holds(op: str, expected: Any, value: Any) -> bool:
    if op == "is":
        return value == expected
    if op == "in":
        return value in expected
    if op == "at_least":
        return value >= expected
    return value <= expected


def _said(fact: Fact, value: Any) -> Reason:
    if fact.kind == BOOL:
        return Reason(_("%(fact)s: yes") if value else _("%(fact)s: no"), {"fact": fact.label})
    shown_value = _EDUCATION.get(value, value) if fact.name == "education" else value
    return Reason(_("%(fact)s: %(value)s"), {"fact": fact.label, "value": shown_value})


def check_value(fact: Fact, value: Any) -> str:
    """Why ``value`` cannot stand for ``fact`` ("" when it can)."""
    if value is None:
        return ""
    if fact.kind == BOOL and not isinstance(value, bool):
        return f"must be true or false, not {shown(value)}"
    if fact.kind == NUMBER and (isinstance(value, bool) or not isinstance(value, int | float)):
        return f"must be a number, not {shown(value)}"
    if fact.kind == CHOICE and value not in fact.options:
        return f"must be one of {', '.join(fact.options)}"
    return ""


__all__ = ["ELIGIBLE", "NOT_ELIGIBLE", "OPEN", "UNKNOWN", "Condition", "Verdict",
           "check_value", "evaluate", "parse_condition"]
