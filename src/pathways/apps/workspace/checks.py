"""The checks panel: the graph checks and the WIOA (A)-(G) elements of the pathway as it is
now, each problem in the reader's language with the map anchor where it is fixed.

Built from the rows afresh (never the cached graph): it follows every edit. The editor
passes the rows it has read for the map, so an edit reads the pathway once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from pathways.apps.catalog.graph import build_graph
from pathways.apps.catalog.models import Pathway, PathwayComponent
from pathways.apps.catalog.pathway_map import PathwayParts, load_parts
from pathways.apps.catalog.wioa import ElementResult, wioa_check
from pathways.navigation import EditedPathway, Level, OtherStep, PathwayGraph, check_graph


@dataclass(frozen=True)
class ShownProblem:
    code: str
    message: str
    blocks_publishing: bool
    anchor: str  # "" when the problem has no single place (no entry points at all)
    place: str  # the name of that place, for the link text


@dataclass(frozen=True)
class Panel:
    problems: list[ShownProblem]
    wioa: list[ElementResult]

    @property
    def blocking(self) -> int:
        return sum(p.blocks_publishing for p in self.problems)

    @property
    def wioa_met(self) -> int:
        return sum(r.status == "met" for r in self.wioa)


def _message(problem) -> str:
    reason = problem.message
    return gettext(reason.template) % reason.params if reason.params else gettext(reason.template)


def panel(pathway: Pathway, parts: PathwayParts | None = None,
          graph: PathwayGraph | None = None) -> Panel:
    """The panel; with the editor's ``parts`` (and the graph built from them) nothing of
    the pathway is read again."""
    parts = parts or load_parts(pathway)
    graph = graph or build_graph(pathway, parts)
    levels = parts.levels
    steps = {c.ctid: c for c in parts.components}
    referenced = {t for c in graph.components.values() for t in c.leads_to}
    referenced |= {e.component for e in (*graph.entry_points, *graph.exit_points)}
    for component in graph.components.values():
        stack = list(component.conditions)
        while stack:
            condition = stack.pop()
            referenced.update(condition.targets)
            stack.extend(condition.subconditions)
    elsewhere = referenced - set(steps)
    others = [OtherStep(c.ctid, c.name, c.pathway.name) for c in
              PathwayComponent.objects.filter(ctid__in=elsewhere)
              .select_related("pathway")] if elsewhere else []
    edited = EditedPathway(graph, tuple(Level(str(lv.pk), lv.name, lv.order) for lv in levels),
                           tuple(others))
    level_names = {str(lv.pk): lv.name for lv in levels}
    entry_steps = {e.pk: e.component_id for e in parts.entries}
    exit_steps = {e.pk: e.component_id for e in parts.exits}
    shown = []
    for problem in check_graph(edited):
        anchor, place = "", ""
        step = next((steps[c] for c in problem.components if c in steps), None)
        if step is not None:
            anchor, place = f"step-{step.pk}", step.name
        elif problem.levels:
            anchor, place = f"level-{problem.levels[0]}", level_names.get(problem.levels[0], "")
        elif problem.entry_points and int(problem.entry_points[0]) in entry_steps:
            anchor = f"step-{entry_steps[int(problem.entry_points[0])]}"
        elif problem.exit_points and int(problem.exit_points[0]) in exit_steps:
            anchor = f"step-{exit_steps[int(problem.exit_points[0])]}"
        shown.append(ShownProblem(problem.code, _message(problem), problem.blocks_publishing,
                                  anchor, place))
    return Panel(shown, wioa_check(pathway, graph))
