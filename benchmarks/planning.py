"""Time planning for one person on a catalog of 5,000 programs, against a baseline.

    .venv/bin/python benchmarks/planning.py [--programs 5000] [--repeat 50]

Plain Python, no database: the navigation engine on synthetic pathway graphs (built once,
as ``catalog.graph.pathway_graph`` builds them from the database, which is measured
apart). Two catalog shapes, 5,000 program components each:
  wide: one pathway, 10 progression levels of 500 programs, AND / OR / N-of / credit-sum
        conditions, 3 entry points, an exit at every level;
  many: 250 pathways of 20 programs; the goal is an occupation reached by 25 of them.
Baseline (same run, same graphs): one pass that evaluates every component's conditions
for the person (what "show everything open to this person" costs) -- planning must cost
about as much as looking at the catalog once, not a multiple of it.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from decimal import Decimal

from pathways.navigation import (
    AND,
    OR,
    Component,
    Condition,
    EntryPoint,
    ExitPoint,
    Learner,
    OccupationFacts,
    PathwayGraph,
    component_ready,
    plan_for,
    plans_for_occupation,
)

ENTRIES = (
    dict(kind="adult_education", max_education="some_hs", min_efl="ABE3", max_efl="ABE6"),
    dict(kind="english_learner", english_levels=("limited", "intermediate")),
    dict(kind="direct", min_education="hs"),
)


def wide_graph(programs: int, levels: int = 10, seed: int = 7) -> PathwayGraph:
    rng = random.Random(seed)
    width = programs // levels
    ids = [[f"L{lv}P{i}" for i in range(width)] for lv in range(levels)]
    components = {}
    for lv in range(levels):
        for i, cid in enumerate(ids[lv]):
            nxt = ids[lv + 1] if lv + 1 < levels else []
            leads = tuple(rng.sample(nxt, 3)) if nxt else ()
            conditions: tuple[Condition, ...] = ()
            if lv > 0:
                before = ids[lv - 1]
                pick = tuple(rng.sample(before, 4))
                kind = i % 4
                if kind == 0:
                    conditions = (Condition(AND, targets=pick[:1]),)
                elif kind == 1:
                    conditions = (Condition(OR, targets=pick),)
                elif kind == 2:
                    conditions = (Condition(targets=pick, required_number=2),)
                else:
                    conditions = (Condition(targets=pick, required_credits=Decimal(6)),
                                  Condition(OR, subconditions=(
                                      Condition(AND, targets=pick[:1]),
                                      Condition(AND, targets=pick[1:2]))))
            components[cid] = Component(
                id=cid, name=cid, kind="ceterms:CourseComponent", level=lv + 1,
                credits=Decimal(rng.choice([3, 4, 6])), length_weeks=rng.randint(4, 20),
                cost=Decimal(rng.randint(0, 40) * 100), leads_to=leads, conditions=conditions)
    entries = tuple(EntryPoint(id=f"e{k}", name=f"Entry {k}", component=ids[0][k], **spec)
                    for k, spec in enumerate(ENTRIES))
    exits = tuple(ExitPoint(id=f"x{lv}", name=f"Exit {lv}", component=ids[lv][-1],
                            occupation=OccupationFacts(code=f"29-{1000 + lv}.00",
                                                       title=f"Job {lv}",
                                                       annual_median=30000 + 4000 * lv))
                  for lv in range(levels))
    return PathwayGraph(name="wide", components=components, entry_points=entries,
                        exit_points=exits)


def small_graph(n: int, programs: int, goal_code: str | None, seed: int) -> PathwayGraph:
    graph = wide_graph(programs, levels=4, seed=seed)
    exits = tuple(ExitPoint(e.id, e.name, e.component,
                            OccupationFacts(goal_code or f"51-{n:04d}.00", "Job", 41000))
                  if index == 3 else e for index, e in enumerate(graph.exit_points))
    return PathwayGraph(name=f"pathway {n}", components=graph.components,
                        entry_points=graph.entry_points, exit_points=exits)


def person(graph: PathwayGraph) -> Learner:
    done = frozenset(list(graph.components)[:40:3])  # a few first-level steps done
    return Learner(education="some_hs", efl=("ABE4",), english="intermediate", completed=done)


def timed(call, repeat: int) -> float:
    """Median milliseconds of ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def baseline(graphs: list[PathwayGraph], learner: Learner) -> None:
    for graph in graphs:
        for component in graph.components.values():
            component_ready(component, learner.completed, graph.components)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--programs", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    wide = wide_graph(args.programs)
    learner = person(wide)
    goal = wide.exit_points[-1].id
    plan = plan_for(wide, learner, goal)
    assert plan.recommended is not None, "the synthetic person should have a way in"
    wide_plan = timed(lambda: plan_for(wide, learner, goal), args.repeat)
    wide_base = timed(lambda: baseline([wide], learner), args.repeat)

    count = args.programs // 20
    many = [small_graph(n, 20, "29-1141.00" if n % 10 == 0 else None, seed=n)
            for n in range(count)]
    many_learner = Learner(education="some_hs", efl=("ABE4",), english="intermediate")
    found = plans_for_occupation(many, many_learner, "29-1141.00")
    assert len(found) == count // 10 and found[0][1].recommended is not None
    many_plan = timed(lambda: plans_for_occupation(many, many_learner, "29-1141.00"),
                      args.repeat)
    many_base = timed(lambda: baseline(many, many_learner), args.repeat)

    print(f"Python {sys.version.split()[0]} on {platform.machine()}, "
          f"{args.programs} programs, median of {args.repeat} runs")
    print(f"route found: {len(plan.recommended.route.steps)} steps, "
          f"{plan.recommended.route.weeks} weeks; {len(plan.options)} ways in ranked")
    print("| catalog | plan for one person | baseline: every condition once | ratio |")
    print("|---|---|---|---|")
    print(f"| one pathway, {args.programs} programs | {wide_plan:.2f} ms | {wide_base:.2f} ms "
          f"| {wide_plan / wide_base:.2f}x |")
    print(f"| {count} pathways of 20, goal occupation in {count // 10} | {many_plan:.2f} ms "
          f"| {many_base:.2f} ms | {many_plan / many_base:.2f}x |")


if __name__ == "__main__":
    main()
