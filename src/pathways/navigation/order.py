"""What comes before what in a pathway: the one definition the planner and the checks share.

Step A comes right before step B when

- A "leads to" B (a link drawn on the map), or
- A is a prerequisite of B: a target of one of B's conditions, at any depth of nesting,
  except under a condition that excludes (a "none of" rule with no count or credit sum).
  Many CTDL pathways give their order only this way.

Only steps of the pathway count: a link or target naming anything else is left out here
(the checks report it).
"""

from __future__ import annotations

from collections.abc import Iterator

from pathways.navigation.graph import NOT, Condition, PathwayGraph


def excludes(condition: Condition) -> bool:
    """A "none of" rule: its targets must not be done, so they come before nothing.

    With a count or a credit sum the rule counts what is done (``evaluate`` reads those
    first), so its targets are prerequisites like any other."""
    return (condition.operator == NOT and condition.required_number is None
            and condition.required_credits is None)


def prerequisites(condition: Condition) -> Iterator[str]:
    """The targets that must (or may) be done before the condition holds."""
    if excludes(condition):
        return
    yield from condition.targets
    for sub in condition.subconditions:
        yield from prerequisites(sub)


def all_targets(condition: Condition) -> Iterator[str]:
    """Every target the condition names, excluding rules too."""
    yield from condition.targets
    for sub in condition.subconditions:
        yield from all_targets(sub)


def step_prerequisites(graph: PathwayGraph, step: str) -> list[str]:
    """The steps of the pathway that the conditions of ``step`` need, once each, in order."""
    found: dict[str, None] = {}
    for condition in graph.components[step].conditions:
        for target in prerequisites(condition):
            if target in graph.components and target != step:
                found.setdefault(target)
    return list(found)


def successor_index(graph: PathwayGraph) -> dict[str, list[str]]:
    """For every step, the steps that come right after it (links and prerequisites), once
    each and never itself. Every step of the pathway is a key."""
    after: dict[str, dict[str, None]] = {cid: {} for cid in graph.components}
    for cid, component in graph.components.items():
        for nxt in component.leads_to:
            if nxt in after and nxt != cid:
                after[cid].setdefault(nxt)
        for before in step_prerequisites(graph, cid):
            after[before].setdefault(cid)
    return {cid: list(steps) for cid, steps in after.items()}


def order_predecessors(graph: PathwayGraph) -> dict[str, list[str]]:
    """For every step that has any, the steps that come right before it."""
    before: dict[str, list[str]] = {}
    for cid, steps in successor_index(graph).items():
        for nxt in steps:
            before.setdefault(nxt, []).append(cid)
    return before


__all__ = ["all_targets", "excludes", "order_predecessors", "prerequisites",
           "step_prerequisites", "successor_index"]
