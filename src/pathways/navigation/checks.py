"""Check a pathway's graph while it is edited: every problem, named, with where to fix it.

Each problem has a stable ``code``, a ``severity`` (``blocks_publishing`` when the public
map or the routes shown on it would be wrong; ``warning`` when the map is still right but
something looks unfinished), the ids of the steps, levels, entry and exit points involved
(in order for a loop), and a message as a ``Reason`` the web layer translates. The codes,
their severities and what to do are listed in docs/partnership-staff.md ("Checks while
editing"); a change here changes that section.

Order ("reaches") is ``navigation.order``: links and prerequisites, the order the planner
routes by. An entry point *leads to* a step when a chain of that order goes from the entry
point's first step to it; a step is *on the way* from an entry point when the entry point
leads to it or it is a prerequisite, at any depth, of a step on the way (a route takes it
to meet a condition). An exit point is reached when some entry point leads to its step.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pathways.navigation.graph import PathwayGraph
from pathways.navigation.order import (
    all_targets,
    prerequisites,
    step_prerequisites,
    successor_index,
)
from pathways.navigation.reasons import Reason, _

BLOCKS_PUBLISHING, WARNING = "blocks_publishing", "warning"

# Every code with its severity, in the order problems are listed.
SEVERITY = {
    "no_entry_points": BLOCKS_PUBLISHING,
    "no_exit_points": BLOCKS_PUBLISHING,
    "self_loop": BLOCKS_PUBLISHING,
    "cycle": BLOCKS_PUBLISHING,
    "foreign_condition_target": BLOCKS_PUBLISHING,
    "unknown_condition_target": BLOCKS_PUBLISHING,
    "foreign_link_target": BLOCKS_PUBLISHING,
    "unknown_link_target": BLOCKS_PUBLISHING,
    "entry_outside_pathway": BLOCKS_PUBLISHING,
    "exit_outside_pathway": BLOCKS_PUBLISHING,
    "dead_end_entry": BLOCKS_PUBLISHING,
    "unreachable_exit": BLOCKS_PUBLISHING,
    "unreachable_step": WARNING,
    "empty_level": WARNING,
}


@dataclass(frozen=True)
class Level:
    """A progression level (a column of the map); steps name it by ``order``."""

    id: str
    name: str
    order: int


@dataclass(frozen=True)
class OtherStep:
    """A step of another pathway, so that a condition or link naming it can say whose."""

    id: str
    name: str
    pathway: str


@dataclass(frozen=True)
class EditedPathway:
    """A pathway as edited: its graph and what the graph does not hold."""

    graph: PathwayGraph
    levels: tuple[Level, ...] = ()
    other_steps: tuple[OtherStep, ...] = ()


@dataclass(frozen=True)
class Problem:
    code: str
    message: Reason
    components: tuple[str, ...] = ()  # step ids; a loop's steps in order
    levels: tuple[str, ...] = ()
    entry_points: tuple[str, ...] = ()
    exit_points: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.code not in SEVERITY:
            raise ValueError(f"unknown problem code {self.code!r}")

    @property
    def severity(self) -> str:
        return SEVERITY[self.code]

    @property
    def blocks_publishing(self) -> bool:
        return self.severity == BLOCKS_PUBLISHING


def blocks_publishing(problems: Iterable[Problem]) -> bool:
    return any(p.blocks_publishing for p in problems)


def check_graph(pathway: PathwayGraph | EditedPathway) -> tuple[Problem, ...]:
    """Every problem of the pathway, blocking ones first, each kind in a fixed order."""
    edited = pathway if isinstance(pathway, EditedPathway) else EditedPathway(pathway)
    graph = edited.graph
    others = {step.id: step for step in edited.other_steps}
    after = successor_index(graph)
    problems = [
        *_missing_ends(graph),
        *_self_loops(graph),
        *_cycles(graph, after),
        *_outside_references(graph, others),
        *_unreached(graph, after),
        *_empty_levels(graph, edited.levels),
    ]
    order = list(SEVERITY)
    problems.sort(key=lambda p: (not p.blocks_publishing, order.index(p.code)))
    return tuple(problems)


def _name(graph: PathwayGraph, cid: str) -> str:
    return graph.components[cid].name if cid in graph.components else cid


def _missing_ends(graph: PathwayGraph) -> list[Problem]:
    found = []
    if not graph.entry_points:
        found.append(Problem("no_entry_points", Reason(_("The pathway has no entry point."))))
    if not graph.exit_points:
        found.append(Problem("no_exit_points", Reason(_("The pathway has no exit point."))))
    return found


def _self_loops(graph: PathwayGraph) -> list[Problem]:
    found = []
    for cid, component in graph.components.items():
        if cid in component.leads_to:
            found.append(Problem("self_loop", Reason(_("%(step)s leads to itself."),
                                                     {"step": component.name}), (cid,)))
        if any(cid in prerequisites(c) for c in component.conditions):
            found.append(Problem("self_loop", Reason(
                _("%(step)s needs itself to be done first."), {"step": component.name}),
                (cid,)))
    return found


def _strong_components(after: Mapping[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion (deep maps stay safe)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in after:
        if root in index:
            continue
        work = [(root, iter(after[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, pending = work[-1]
            nxt = next(pending, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(after[nxt])))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                found.append(members)
    return found


def _loop_through(start: str, members: set[str], after: Mapping[str, list[str]]) -> list[str]:
    """The shortest loop from ``start`` back to it inside one strong component (BFS)."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in after[node]:
            if nxt not in members:
                continue
            if nxt == start:
                loop = [node]
                while loop[-1] != start:
                    loop.append(came_from[loop[-1]])
                return loop[::-1]
            if nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    raise AssertionError("a strong component of two or more steps has a loop")


def _cycles(graph: PathwayGraph, after: Mapping[str, list[str]]) -> list[Problem]:
    """One loop for each tangle of steps that come before one another (a strong component
    of two or more steps), starting from its step listed first in the pathway."""
    position = {cid: n for n, cid in enumerate(graph.components)}
    found = []
    tangles = [t for t in _strong_components(after) if len(t) > 1]
    for tangle in sorted(tangles, key=lambda t: min(position[c] for c in t)):
        start = min(tangle, key=position.__getitem__)
        loop = _loop_through(start, set(tangle), after)
        names = " → ".join(graph.components[c].name for c in [*loop, start])
        found.append(Problem("cycle", Reason(
            _("These steps go round in a loop: %(steps)s."),
            {"steps": names}), tuple(loop)))
    return found


_OUTSIDE_MESSAGES = {
    "foreign_condition_target": _("A condition of %(step)s names %(target)s, a step of "
                                  "another pathway (%(pathway)s)."),
    "unknown_condition_target": _("A condition of %(step)s names a step that is not in this "
                                  "pathway (%(target)s)."),
    "foreign_link_target": _("%(step)s leads to %(target)s, a step of another pathway "
                             "(%(pathway)s)."),
    "unknown_link_target": _("%(step)s leads to a step that is not in this pathway "
                             "(%(target)s)."),
}


def _named_outside(cid: str, name: str, target: str, what: str,
                   others: Mapping[str, OtherStep]) -> Problem:
    """A condition (``what`` = "condition") or link ("link") of step ``cid`` names
    ``target``, which is not a step of this pathway."""
    if target in others:
        code = f"foreign_{what}_target"
        params = {"step": name, "target": others[target].name,
                  "pathway": others[target].pathway}
    else:
        code = f"unknown_{what}_target"
        params = {"step": name, "target": target}
    return Problem(code, Reason(_OUTSIDE_MESSAGES[code], params), (cid, target))


def _outside_references(graph: PathwayGraph, others: Mapping[str, OtherStep]) -> list[Problem]:
    found = []
    for cid, component in graph.components.items():
        named: dict[str, None] = {}
        for condition in component.conditions:
            named.update(dict.fromkeys(all_targets(condition)))
        found += [_named_outside(cid, component.name, target, "condition", others)
                  for target in named if target not in graph.components]
        found += [_named_outside(cid, component.name, target, "link", others)
                  for target in dict.fromkeys(component.leads_to)
                  if target not in graph.components]
    found += [_end_outside("entry_outside_pathway", e.name, e.component, others,
                           entry_points=(e.id,))
              for e in graph.entry_points if e.component not in graph.components]
    found += [_end_outside("exit_outside_pathway", x.name, x.component, others,
                           exit_points=(x.id,))
              for x in graph.exit_points if x.component not in graph.components]
    return found


_END_MESSAGES = {
    "entry_outside_pathway": _("The entry point %(name)s starts at a step that is not in "
                               "this pathway (%(target)s)."),
    "exit_outside_pathway": _("The exit point %(name)s follows a step that is not in this "
                              "pathway (%(target)s)."),
}


def _end_outside(code: str, name: str, step: str, others: Mapping[str, OtherStep],
                 **points: tuple[str, ...]) -> Problem:
    """An entry or exit point placed at ``step``, which is not a step of this pathway."""
    return Problem(code, Reason(_END_MESSAGES[code], {
        "name": name, "target": _outside_name(step, others)}), (step,), **points)


def _outside_name(cid: str, others: Mapping[str, OtherStep]) -> str:
    if cid in others:
        return f"{others[cid].name}, {others[cid].pathway}"
    return cid


def _led_to(after: Mapping[str, list[str]], starts: Iterable[str]) -> set[str]:
    """The steps a chain of the order goes to from ``starts`` (the starts included)."""
    seen = {s for s in starts if s in after}
    queue = deque(seen)
    while queue:
        for nxt in after[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _on_the_way(graph: PathwayGraph, after: Mapping[str, list[str]],
               starts: Iterable[str]) -> set[str]:
    """The steps led to from ``starts``, and what their conditions need, at any depth."""
    seen = {s for s in starts if s in after}
    queue = deque(seen)
    while queue:
        node = queue.popleft()
        needs = step_prerequisites(graph, node) if graph.components[node].conditions else ()
        for nxt in (*after[node], *needs):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _unreached(graph: PathwayGraph, after: Mapping[str, list[str]]) -> list[Problem]:
    entries = [e for e in graph.entry_points if e.component in graph.components]
    exits = [x for x in graph.exit_points if x.component in graph.components]
    if not entries:
        return []  # "no entry points" (or "outside the pathway") says it all
    found = []
    reached_from = {e.component: _led_to(after, [e.component]) for e in entries}
    if exits:
        for entry in entries:
            if not any(x.component in reached_from[entry.component] for x in exits):
                found.append(Problem("dead_end_entry", Reason(
                    _("The entry point %(entry)s leads to no exit: no chain of steps from "
                      "%(step)s ends at a step with an exit point."),
                    {"entry": entry.name, "step": _name(graph, entry.component)}),
                    (entry.component,), entry_points=(entry.id,)))
    reached = set().union(*reached_from.values())
    for exit_point in exits:
        if exit_point.component not in reached:
            found.append(Problem("unreachable_exit", Reason(
                _("No entry point leads to the exit %(exit)s (after %(step)s)."),
                {"exit": exit_point.name, "step": _name(graph, exit_point.component)}),
                (exit_point.component,), exit_points=(exit_point.id,)))
    way = _on_the_way(graph, after, reached_from)
    for cid, component in graph.components.items():
        if cid not in way:
            found.append(Problem("unreachable_step", Reason(
                _("No entry point reaches %(step)s."), {"step": component.name}), (cid,)))
    return found


def _empty_levels(graph: PathwayGraph, levels: Iterable[Level]) -> list[Problem]:
    used = {c.level for c in graph.components.values()}
    return [Problem("empty_level", Reason(_("The level %(level)s has no steps."),
                                          {"level": level.name}), levels=(level.id,))
            for level in sorted(levels, key=lambda lv: lv.order) if level.order not in used]


__all__ = ["BLOCKS_PUBLISHING", "SEVERITY", "WARNING", "EditedPathway", "Level", "OtherStep",
           "Problem", "blocks_publishing", "check_graph"]
