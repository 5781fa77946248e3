"""Time the graph checks a workspace runs on every edit, against routing the same pathway.

    .venv/bin/python benchmarks/graph_checks.py [--steps 200] [--repeat 200]

Plain Python, no database. A random pathway without loops: progression levels of ten
steps, each step leading to two steps of later levels, every third step with an "any of"
rule and a "two of" rule over earlier steps; three entry points on the first level and five
exits on the last steps. Baseline (same run, same graph): the routes the public pathway page
works out, ``plan_route`` from every entry point to every exit. A second, larger pathway
shows how the checks grow.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys

from planning import timed  # benchmarks/planning.py: median milliseconds of repeated calls

from pathways.navigation import (
    OR,
    Component,
    Condition,
    EntryPoint,
    ExitPoint,
    PathwayGraph,
    check_graph,
    plan_route,
)


def pathway(steps: int, seed: int = 3) -> PathwayGraph:
    rng = random.Random(seed)
    ids = [f"s{i}" for i in range(steps)]
    components = {}
    for i, cid in enumerate(ids):
        later = ids[(i // 10 + 1) * 10:]
        earlier = ids[:(i // 10) * 10]
        rules: tuple[Condition, ...] = ()
        if earlier and i % 3 == 0:
            rules = (Condition(OR, targets=tuple(rng.sample(earlier, min(3, len(earlier))))),
                     Condition(targets=tuple(rng.sample(earlier, min(4, len(earlier)))),
                               required_number=2))
        components[cid] = Component(cid, f"Step {i}", "ceterms:CourseComponent",
                                    level=i // 10 + 1, length_weeks=rng.randint(1, 16),
                                    leads_to=tuple(rng.sample(later, min(2, len(later)))),
                                    conditions=rules)
    return PathwayGraph(
        name=f"{steps} steps", components=components,
        entry_points=tuple(EntryPoint(f"e{k}", f"Entry {k}", "direct", ids[k])
                           for k in range(3)),
        exit_points=tuple(ExitPoint(f"x{k}", f"Exit {k}", ids[-1 - k]) for k in range(5)))


def every_route(graph: PathwayGraph) -> int:
    found = 0
    for exit_point in graph.exit_points:
        for entry in graph.entry_points:
            found += bool(plan_route(graph, entry.component, exit_point.component))
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    print(f"Python {sys.version.split()[0]} on {platform.machine()}, "
          f"median of {args.repeat} runs")
    print("| pathway | check_graph | baseline: plan_route, every entry to every exit "
          "| ratio | problems |")
    print("|---|---|---|---|---|")
    for steps in (args.steps, args.steps * 5):
        graph = pathway(steps)
        problems = check_graph(graph)
        routes = every_route(graph)
        checks = timed(lambda g=graph: check_graph(g), args.repeat)
        base = timed(lambda g=graph: every_route(g), args.repeat)
        print(f"| {steps} steps, {routes} of 15 routes | {checks:.2f} ms | {base:.2f} ms "
              f"| {checks / base:.2f}x | {len(problems)} |")


if __name__ == "__main__":
    main()
