"""An individual career plan on the pathway graph: way in, route, wages, next steps.

For one person and one goal (an exit point), every entry point is checked against the
person's assessment and routed to the goal; the quickest eligible route is recommended,
the rest are ranked after it with the reason for their place. Next steps come from the
pathway's conditions evaluated against what the person has done.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from pathways.navigation.conditions import component_ready
from pathways.navigation.graph import Component, EntryPoint, ExitPoint, PathwayGraph
from pathways.navigation.learner import (
    ELIGIBLE,
    NEEDS_INFORMATION,
    NOT_ELIGIBLE,
    Eligibility,
    Learner,
    check_entry,
)
from pathways.navigation.reasons import Reason, _
from pathways.navigation.routes import ChainsToGoal, Route, plan_route, predecessor_index

DONE, AVAILABLE, BLOCKED = "done", "available", "blocked"
_STATUS_ORDER = {ELIGIBLE: 0, NEEDS_INFORMATION: 1}


@dataclass(frozen=True)
class StepState:
    component: Component
    state: str  # done, available or blocked
    reasons: tuple[Reason, ...] = ()  # what blocks it, in the pathway's own terms


@dataclass(frozen=True)
class ExitAlong:
    """A job the person can take on the way: reached after ``weeks`` and ``cost`` more."""

    exit: ExitPoint
    weeks: int
    cost: Decimal

    @property
    def annual_median(self) -> int | None:
        return self.exit.occupation.annual_median if self.exit.occupation else None


@dataclass(frozen=True)
class RouteOption:
    entry: EntryPoint
    eligibility: Eligibility
    route: Route
    exits: tuple[ExitAlong, ...]
    rank: int | None  # 1 = recommended; None = not a usable way in for this person
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class CareerPlan:
    goal: ExitPoint
    recommended: RouteOption | None
    options: tuple[RouteOption, ...]  # every entry point, ranked ones first
    steps: tuple[StepState, ...]  # the recommended route's steps, with their state

    @property
    def alternatives(self) -> tuple[RouteOption, ...]:
        return tuple(o for o in self.options if o is not self.recommended)


def step_states(graph: PathwayGraph, completed: Iterable[str], ids: Iterable[str],
                opened_by_entry: str | None = None,
                predecessors: dict[str, list[str]] | None = None) -> tuple[StepState, ...]:
    """Done, available now or blocked (and by what) for each component id in ``ids``.

    ``opened_by_entry`` is the first step of an entry point the person is eligible for:
    its own conditions count as met (the entry point's rule stands in for them).
    """
    done = set(completed)
    preds = predecessors if predecessors is not None else predecessor_index(graph)
    states = []
    for cid in ids:
        component = graph.components[cid]
        if cid in done:
            states.append(StepState(component, DONE))
            continue
        if cid == opened_by_entry:
            states.append(StepState(component, AVAILABLE))
            continue
        ready = component_ready(component, done, graph.components)
        before_ids = preds.get(cid, [])
        if ready.met and not component.conditions and before_ids \
                and not any(p in done for p in before_ids):
            # No rule of its own, but nothing that leads to it is done yet.
            before = [graph.components[p].name for p in before_ids]
            states.append(StepState(component, BLOCKED, (
                Reason(_("finishing one of: %(items)s"), {"items": ", ".join(before)}),)))
            continue
        states.append(StepState(component, AVAILABLE if ready.met else BLOCKED, ready.reasons))
    return tuple(states)


def _exits_along(graph: PathwayGraph, route: Route, done: set[str],
                 preds: dict[str, list[str]]) -> tuple[ExitAlong, ...]:
    """Exit points on the route, or one "leads to" link away from a step on it."""
    at: dict[str, tuple[int, Decimal]] = {}
    weeks, cost = 0, Decimal(0)
    for cid in done:
        at[cid] = (0, Decimal(0))
    for cid in route.steps:
        component = graph.components[cid]
        weeks += component.length_weeks or 0
        cost += component.cost or Decimal(0)
        at[cid] = (weeks, cost)
    found = []
    for exit_point in graph.exit_points:
        if exit_point.component in at:
            found.append(ExitAlong(exit_point, *at[exit_point.component]))
            continue
        feeders = [at[p] for p in preds.get(exit_point.component, []) if p in at]
        if feeders:
            job = graph.components[exit_point.component]
            ready = component_ready(job, done | set(route.steps), graph.components)
            if ready.met:
                w, c = min(feeders)
                found.append(ExitAlong(exit_point, w + (job.length_weeks or 0),
                                       c + (job.cost or Decimal(0))))
    return tuple(sorted(found, key=lambda e: (e.weeks, e.exit.id)))


def plan_for(graph: PathwayGraph, learner: Learner, goal_exit: str) -> CareerPlan:
    """The plan for one person to reach the exit point ``goal_exit`` of ``graph``."""
    goal = next((e for e in graph.exit_points if e.id == goal_exit), None)
    if goal is None:
        raise KeyError(f"no exit point {goal_exit!r} in {graph.name}")
    done = set(learner.completed)
    preds = predecessor_index(graph)
    chains = ChainsToGoal(graph, goal.component, preds)
    raw = []
    for entry in graph.entry_points:
        eligibility = check_entry(entry, learner)
        if eligibility.status == NOT_ELIGIBLE:
            raw.append((entry, eligibility, Route((), 0, Decimal(0))))
            continue  # not a way in for this person: no route to work out
        route = plan_route(graph, entry.component, goal.component, done, chains)
        if not route and goal.component in done:
            route = Route((), 0, Decimal(0))
        raw.append((entry, eligibility, route))
    usable = [r for r in raw if r[1].status in _STATUS_ORDER
              and (r[2] or goal.component in done)]
    usable.sort(key=lambda r: (_STATUS_ORDER[r[1].status], r[2].weeks, r[2].cost,
                               r[0].id))
    best = usable[0] if usable and usable[0][1].status == ELIGIBLE else None
    options = []
    for rank, (entry, eligibility, route) in enumerate(usable, start=1):
        exits = _exits_along(graph, route, done, preds)
        options.append(RouteOption(entry, eligibility, route, exits, rank,
                                   _explain(route, eligibility, best)))
    for entry, eligibility, route in raw:
        if any(o.entry is entry for o in options):
            continue
        why = list(eligibility.reasons) if eligibility.status != ELIGIBLE else []
        if not route and eligibility.status != NOT_ELIGIBLE:
            why.append(Reason(_("This way in does not lead to the goal.")))
        options.append(RouteOption(entry, eligibility, route, (), None, tuple(why)))
    recommended = options[0] if best is not None else None
    steps: tuple[StepState, ...] = ()
    if recommended is not None:
        steps = step_states(graph, done, recommended.route.steps,
                            opened_by_entry=recommended.entry.component, predecessors=preds)
    return CareerPlan(goal, recommended, tuple(options), steps)


def _explain(route: Route, eligibility: Eligibility, best) -> tuple[Reason, ...]:
    if eligibility.status == NEEDS_INFORMATION:
        return (Reason(_("Could fit once the assessment is complete.")), *eligibility.reasons)
    if best is None or route is best[2]:
        return (Reason(_("The quickest way in that fits this person: %(weeks)s weeks, "
                         "$%(cost)s."), {"weeks": route.weeks, "cost": _money(route.cost)}),)
    reasons = []
    if route.weeks > best[2].weeks:
        reasons.append(Reason(_("%(weeks)s weeks longer than the recommended route."),
                              {"weeks": route.weeks - best[2].weeks}))
    if route.cost > best[2].cost:
        reasons.append(Reason(_("$%(cost)s more than the recommended route."),
                              {"cost": _money(route.cost - best[2].cost)}))
    if not reasons:
        reasons.append(Reason(_("As quick and as cheap as the recommended route.")))
    return tuple(reasons)


def _money(amount: Decimal) -> str:
    return f"{amount:,.0f}"


def _plan_order(item: tuple[PathwayGraph, CareerPlan]) -> tuple:
    """Recommended plans first, then fewest weeks, least cost, pathway name: the one order
    in which plans to the same job are compared (the quickest route is decided here)."""
    graph, plan = item
    if plan.recommended is None:
        return (1, 0, Decimal(0), graph.name)
    return (0, plan.recommended.route.weeks, plan.recommended.route.cost, graph.name)


def rank_plans(found: Iterable[tuple[PathwayGraph, CareerPlan]]
               ) -> list[tuple[PathwayGraph, CareerPlan]]:
    """Plans to a job across pathways, best first (``_plan_order``)."""
    return sorted(found, key=_plan_order)


def quickest_plan(found: Iterable[tuple[PathwayGraph, CareerPlan]]
                  ) -> tuple[PathwayGraph, CareerPlan] | None:
    """The best plan that has a recommended route, or None when none has."""
    ranked = rank_plans(found)
    return ranked[0] if ranked and ranked[0][1].recommended is not None else None


def plans_for_occupation(graphs: Iterable[PathwayGraph], learner: Learner,
                         occupation: str) -> list[tuple[PathwayGraph, CareerPlan]]:
    """Plans to every exit into ``occupation`` (an O*NET-SOC code) across pathways,
    recommended ones first, quickest first."""
    found = []
    for graph in graphs:
        for exit_point in graph.exit_points:
            if exit_point.occupation and exit_point.occupation.code == occupation:
                found.append((graph, plan_for(graph, learner, exit_point.id)))
    return rank_plans(found)


__all__ = ["AVAILABLE", "BLOCKED", "DONE", "CareerPlan", "ExitAlong", "RouteOption",
           "StepState", "plan_for", "plans_for_occupation", "quickest_plan", "rank_plans",
           "step_states"]
