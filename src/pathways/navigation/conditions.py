"""Evaluate component conditions against what a person has completed.

No open implementation evaluates CTDL conditions against a learner's record; this one
returns not just yes/no but what is still missing, so a navigator can say why a step
is blocked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from pathways.navigation.graph import AND, NOT, OR, Component, Condition
from pathways.navigation.reasons import Reason, _


@dataclass(frozen=True)
class Outcome:
    met: bool
    missing: tuple[str, ...] = ()  # plain-language reasons, empty when met
    reasons: tuple[Reason, ...] = ()  # the same, as templates the web layer translates


def _outcome(met: bool, reasons: list[Reason]) -> Outcome:
    return Outcome(met, tuple(str(r) for r in reasons), tuple(reasons))


def evaluate(condition: Condition, completed: Iterable[str],
             components: Mapping[str, Component] | None = None) -> Outcome:
    """Does ``completed`` (component ids) satisfy ``condition``?

    Items are the target components (done or not) and the nested conditions (met or
    not). The rule is, in order of precedence: a credit sum over completed targets,
    a count (``required_number`` of the items), else the logical operator.
    """
    done = set(completed)
    components = components or {}
    target_done = [target in done for target in condition.targets]
    nested = [evaluate(sub, done, components) for sub in condition.subconditions]
    items = target_done + [outcome.met for outcome in nested]

    def label(cid: str) -> str:
        return components[cid].name if cid in components else cid

    if condition.required_credits is not None:
        earned = sum(
            (components[t].credits or Decimal(0) for t in condition.targets
             if t in done and t in components),
            Decimal(0),
        )
        if earned >= condition.required_credits:
            return Outcome(True)
        return _outcome(False, [Reason(_("%(credits)s more credits from: %(items)s"), {
            "credits": condition.required_credits - earned,
            "items": ", ".join(label(t) for t in condition.targets if t not in done)})])

    if condition.required_number is not None:
        have = sum(items)
        if have >= condition.required_number:
            return Outcome(True)
        return _outcome(False, [Reason(_("%(count)s more of: %(items)s"), {
            "count": condition.required_number - have,
            "items": ", ".join(_open_items(condition, done, nested, label))})])

    if condition.operator == NOT:
        present = [label(t) for t, ok in zip(condition.targets, target_done, strict=True) if ok]
        present += [sub.name or "a nested condition"
                    for sub, o in zip(condition.subconditions, nested, strict=True) if o.met]
        return _outcome(not present,
                        [Reason(_("must not have: %(item)s"), {"item": p}) for p in present])

    if condition.operator == OR:
        if any(items) or not items:
            return Outcome(True)
        options = _open_items(condition, done, nested, label)
        return _outcome(False, [Reason(_("one of: %(items)s"), {"items": ", ".join(options)})])

    assert condition.operator == AND
    reasons = [Reason("%(item)s", {"item": label(t)})
               for t, ok in zip(condition.targets, target_done, strict=True) if not ok]
    for outcome in nested:
        reasons.extend(outcome.reasons)
    return _outcome(not reasons, reasons)


def _open_items(condition: Condition, done: set[str], nested: list[Outcome], label) -> list[str]:
    names = [label(t) for t in condition.targets if t not in done]
    for sub, outcome in zip(condition.subconditions, nested, strict=True):
        if not outcome.met:
            names.append(sub.name or "; ".join(outcome.missing))
    return names


def component_ready(component: Component, completed: Iterable[str],
                    components: Mapping[str, Component] | None = None) -> Outcome:
    """A component is open when all its conditions hold (CTDL: several conditions = AND)."""
    done = set(completed)
    reasons: list[Reason] = []
    for condition in component.conditions:
        reasons.extend(evaluate(condition, done, components).reasons)
    return _outcome(not reasons, reasons)


__all__ = ["AND", "NOT", "OR", "Outcome", "component_ready", "evaluate"]
