"""What the explorer's pathway and occupation pages show, gathered from the catalog.

Views stay thin: they find the object through ``queries`` (who may see what), then ask
this module for the rest. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from pathways.apps.catalog.display import median_label
from pathways.apps.catalog.graph import pathway_graph
from pathways.apps.catalog.languages import marked
from pathways.apps.catalog.models import (
    EntryPoint,
    ExitPoint,
    Occupation,
    Pathway,
    PathwayComponent,
    Projection,
    ReferenceRelease,
    SupportService,
    Wage,
)
from pathways.apps.catalog.pathway_map import PathwayMap, PathwayParts, layout_map, load_parts
from pathways.apps.catalog.wages import NATIONAL, WageFact, wage_for, wages_for
from pathways.apps.catalog.wioa import ElementResult, wioa_check
from pathways.navigation import PathwayGraph, plan_route
from pathways.standards import Attribution, attribution_for


def sources(*datasets: str) -> list[Attribution]:
    """The credit lines for the datasets a page shows, at the versions loaded."""
    versions = dict(ReferenceRelease.objects.filter(dataset__in=datasets)
                    .values_list("dataset", "version"))
    return [attribution_for(name, versions.get(name, "")) for name in datasets]


@dataclass
class RouteSummary:
    entry: EntryPoint
    weeks: int
    cost: Decimal
    steps: list[str]


@dataclass
class ExitSummary:
    exit: ExitPoint
    fact: WageFact | None
    routes: list[RouteSummary] = field(default_factory=list)


@dataclass
class StepText:
    """One step of the text version, with the ways in and jobs attached to it."""

    component: PathwayComponent
    entries: list[EntryPoint]
    exits: list[ExitPoint]


@dataclass
class LevelText:
    """One level of the text version: its name and its steps in map order (name and
    description ``marked``: an English fallback on a Spanish page is in a lang="en" span)."""

    name: str
    description: str
    steps: list[StepText]


@dataclass
class PathwayPage:
    pathway: Pathway
    parts: PathwayParts
    map: PathwayMap
    levels: list[LevelText]
    exits: list[ExitSummary]
    wage_area: str
    wioa: list[ElementResult]
    services: list[SupportService]


def _routes(graph: PathwayGraph, parts: PathwayParts, exits: list[ExitSummary]) -> None:
    """Quickest time and cost from each entry point to each exit (steps taken one by one)."""
    if not parts.entries or not exits:
        return
    names = {c.ctid: c.name for c in parts.components}
    ctid_of = {c.pk: c.ctid for c in parts.components}
    for summary in exits:
        goal = ctid_of[summary.exit.component_id]
        for entry in parts.entries:
            route = plan_route(graph, ctid_of[entry.component_id], goal)
            if route:
                summary.routes.append(RouteSummary(entry, route.weeks, route.cost,
                                                   [names[step] for step in route.steps]))
        summary.routes.sort(key=lambda r: (r.weeks, r.cost))


def pathway_page(pathway: Pathway) -> PathwayPage:
    parts = load_parts(pathway)
    area = pathway.wage_area or settings.PATHWAYS_DEFAULT_WAGE_AREA
    facts = wages_for({e.occupation_id for e in parts.exits}, area)
    pathway_map = layout_map(parts, {code: median_label(fact.wage)
                                     for code, fact in facts.items()})

    def steps(components: list[PathwayComponent]) -> list[StepText]:
        return [StepText(c, [e for e in parts.entries if e.component_id == c.pk],
                         [e for e in parts.exits if e.component_id == c.pk])
                for c in components]

    levels = [LevelText(marked(level, "name"), marked(level, "description"),
                        steps(parts.in_level(level)))
              for level in parts.levels]
    if parts.unplaced:
        levels.append(LevelText(_("Other steps"), "", steps(parts.unplaced)))
    exits = [ExitSummary(e, facts.get(e.occupation_id)) for e in parts.exits]
    graph = pathway_graph(pathway)
    _routes(graph, parts, exits)
    services = list(pathway.support_services.select_related("provider"))
    return PathwayPage(pathway, parts, pathway_map, levels, exits, area,
                       wioa_check(pathway, graph), services)


@dataclass
class AreaWage:
    area: str
    area_title: str
    wage: Wage
    note: str = ""


def _has_figures(wage: Wage) -> bool:
    return any(getattr(wage, name) is not None for name in
               ("annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90",
                "hourly_median")) or bool(wage.top_coded)


def area_wages(soc: str) -> list[AreaWage]:
    """Wages for the U.S. and every state loaded; rolled up to a broader group where BLS
    publishes only that, and left out for a state that has nothing of its own."""
    titles = dict(Wage.objects.order_by().values_list("area", "area_title").distinct())
    exact = {w.area: w for w in Wage.objects.filter(occ_code=soc)}
    rows = []
    for area in sorted(titles, key=lambda a: (a != NATIONAL, titles[a])):
        wage = exact.get(area)
        if wage is not None and _has_figures(wage):
            rows.append(AreaWage(area, titles[area], wage))
            continue
        fact = wage_for(soc, area)  # a few queries, only for codes BLS does not publish
        if fact is not None and not fact.national_fallback:
            rows.append(AreaWage(area, titles[area], fact.wage, fact.note))
    return rows


def related_occupations(occupation: Occupation) -> list[Occupation]:
    """O*NET's related occupations that are loaded here, in O*NET's order."""
    codes = list(occupation.related.values_list("related_code", flat=True))
    loaded = {o.code: o for o in Occupation.objects.filter(code__in=codes)}
    return [loaded[code] for code in codes if code in loaded]


def plain_summary(occupation: Occupation, pathways: QuerySet[Pathway]) -> ExitPoint | None:
    """The partnership's plain summary of the job, from an exit into it of one of the
    ``pathways`` the reader may see (the first by pathway name); None when none has one."""
    return (ExitPoint.objects.filter(occupation=occupation, pathway__in=pathways)
            .filter(Q(summary_en__gt="") | Q(summary_es__gt=""))
            .order_by("pathway__name", "position").first())


def projection_for(occupation: Occupation) -> Projection | None:
    return Projection.objects.filter(soc_code=occupation.soc_code).first()

