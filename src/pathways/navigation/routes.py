"""Routes through a pathway: from an entry point's first step to an exit, with time and cost.

A route follows the "leads to" links, picking the quickest chain (by weeks), then adds
whatever the conditions along the way still require (cheapest options first), so that
every step on the route is open when the person reaches it. The first step's own
conditions count as met: the entry point's eligibility stands in for them. A pathway with
no "leads to" links between start and goal is routed backwards from the goal's conditions;
when the cheapest way to meet them passes the start by, the route follows the order links
and prerequisites give together (``navigation.order``, the order the graph checks use), so
a start that comes before the goal in that order always gets a route.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from pathways.navigation.conditions import evaluate
from pathways.navigation.graph import AND, NOT, OR, Component, Condition, PathwayGraph
from pathways.navigation.order import order_predecessors


@dataclass(frozen=True)
class Route:
    steps: tuple[str, ...]  # component ids in the order to take them
    weeks: int
    cost: Decimal

    def __bool__(self) -> bool:
        return bool(self.steps)


def _weeks(component: Component) -> int:
    return component.length_weeks or 0


def quickest_chain(graph: PathwayGraph, start: str, goal: str) -> list[str] | None:
    """The chain of "leads to" links from start to goal with the fewest weeks (Dijkstra)."""
    return ChainsToGoal(graph, goal).chain_from(start)


class ChainsToGoal:
    """Quickest "leads to" chains from every component to one goal, found in one pass.

    A Dijkstra search backwards from the goal over the reversed links: ``weeks[c]`` is the
    fewest weeks from ``c`` (included) to the goal (included), ``next_hop[c]`` the step
    after ``c`` on that chain. Planning for several entry points then costs one search.
    """

    def __init__(self, graph: PathwayGraph, goal: str,
                 predecessors: dict[str, list[str]] | None = None):
        self.goal = goal
        self.weeks: dict[str, int] = {}
        self.next_hop: dict[str, str] = {}
        if goal not in graph.components:
            return
        preds = predecessors if predecessors is not None else predecessor_index(graph)
        queue: list[tuple[int, str, str]] = [(_weeks(graph.components[goal]), goal, "")]
        while queue:
            weeks, node, hop = heapq.heappop(queue)
            if node in self.weeks:
                continue
            self.weeks[node] = weeks
            if hop:
                self.next_hop[node] = hop
            for before in preds.get(node, ()):
                if before not in self.weeks:
                    heapq.heappush(queue, (weeks + _weeks(graph.components[before]),
                                           before, node))

    def chain_from(self, start: str) -> list[str] | None:
        if start not in self.weeks:
            return None
        chain = [start]
        while chain[-1] != self.goal:
            chain.append(self.next_hop[chain[-1]])
        return chain


def predecessor_index(graph: PathwayGraph) -> dict[str, list[str]]:
    """For each component, the components that lead to it (one pass over the graph)."""
    index: dict[str, list[str]] = {}
    for component in graph.components.values():
        for nxt in component.leads_to:
            if nxt in graph.components:
                index.setdefault(nxt, []).append(component.id)
    return index


def _cheapest(graph: PathwayGraph, ids: Iterable[str]) -> list[str]:
    return sorted(ids, key=lambda cid: (_weeks(graph.components[cid]), cid))


def _fill(graph: PathwayGraph, condition: Condition, done: set[str], depth: int = 0) -> list[str]:
    """Components to add so that ``condition`` holds, given ``done`` (greedy, cheapest first)."""
    if depth > 10 or evaluate(condition, done, graph.components).met:
        return []
    if condition.operator == NOT and condition.required_number is None \
            and condition.required_credits is None:
        return []  # nothing to add can make a NOT hold
    open_targets = _cheapest(graph, (t for t in condition.targets
                                     if t not in done and t in graph.components))
    added: list[str] = []
    if condition.required_credits is not None:
        for target in sorted(open_targets, key=lambda t: -(graph.components[t].credits or 0)):
            if evaluate(condition, done | set(added), graph.components).met:
                break
            added.append(target)
        return added
    if condition.required_number is not None or condition.operator == OR:
        needed = condition.required_number or 1
        for target in open_targets:
            if evaluate(condition, done | set(added), graph.components).met:
                break
            added.append(target)
        for sub in condition.subconditions:
            if len(added) >= needed or evaluate(condition, done | set(added),
                                                 graph.components).met:
                break
            added.extend(_fill(graph, sub, done | set(added), depth + 1))
        return added
    assert condition.operator == AND
    added.extend(open_targets)
    for sub in condition.subconditions:
        added.extend(_fill(graph, sub, done | set(added), depth + 1))
    return added


def _take(graph: PathwayGraph, completed: Iterable[str],
          order: list[str] | tuple[str, ...], first_is_open: bool) -> list[str]:
    """The steps to take, in order, for ``order`` with what each one's conditions still
    need before it (cheapest first). Completed steps are not taken again."""
    done = set(completed)
    steps: list[str] = []

    def take(cid: str, first: bool, depth: int = 0) -> None:
        if cid in done or depth > 20:
            return
        component = graph.components[cid]
        if not first:
            for condition in component.conditions:
                for extra in _fill(graph, condition, done):
                    take(extra, False, depth + 1)
        done.add(cid)
        steps.append(cid)

    for index, cid in enumerate(order):
        take(cid, first=first_is_open and index == 0)
    return steps


def plan_route(graph: PathwayGraph, start: str, goal: str,
               completed: Iterable[str] = (), chains: ChainsToGoal | None = None) -> Route:
    """The quickest route from ``start`` to ``goal``; an empty Route when none exists.

    ``completed`` steps (credentials already held, courses done) are not taken again and
    count toward conditions. ``chains`` (for the same goal) saves the search when one plan
    routes several entry points.
    """
    empty = Route((), 0, Decimal(0))
    if start not in graph.components or goal not in graph.components:
        return empty
    if chains is None or chains.goal != goal:
        chains = ChainsToGoal(graph, goal)
    chain = chains.chain_from(start)
    if chain is not None:
        steps = _take(graph, completed, chain, first_is_open=True)
    else:
        # No "leads to" links (many CTDL pathways say the order only through conditions):
        # work back from the goal's conditions; the start must be among what they need.
        steps = _take(graph, completed, [goal], first_is_open=False)
        if start not in steps and start not in set(completed):
            # The start is one option among several, or comes before a step the links
            # reach: follow links and prerequisites together from the start.
            chain = ChainsToGoal(graph, goal, order_predecessors(graph)).chain_from(start)
            if chain is None:
                return empty
            steps = _take(graph, completed, chain, first_is_open=True)
    comps = [graph.components[cid] for cid in steps]
    return Route(tuple(steps), sum(_weeks(c) for c in comps),
                 sum((c.cost or Decimal(0) for c in comps), Decimal(0)))


__all__ = ["ChainsToGoal", "Route", "plan_route", "predecessor_index", "quickest_chain"]
