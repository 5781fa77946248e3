"""Turn a catalog pathway into the navigation engine's plain graph, in a fixed few queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects
from modeltranslation.utils import get_language as content_language

from pathways import __version__
from pathways.apps.catalog.generation import generation
from pathways.apps.catalog.models import (
    ComponentCondition,
    Pathway,
    PathwayComponent,
    Projection,
)
from pathways.navigation import (
    Component,
    Condition,
    EntryPoint,
    ExitPoint,
    OccupationFacts,
    PathwayGraph,
)

if TYPE_CHECKING:
    from pathways.apps.catalog.pathway_map import PathwayParts


def _condition(row: ComponentCondition, children: dict[int, list[ComponentCondition]],
               ids: dict[int, str]) -> Condition:
    return Condition(
        operator=row.logical_operator,
        targets=tuple(t.ctid for t in row.targets.all()),  # another pathway's too: checks name it
        subconditions=tuple(_condition(c, children, ids) for c in children.get(row.pk, [])),
        required_number=row.required_number,
        required_credits=row.required_credits,
        name=row.name,
    )


def occupation_facts(codes: list[str], area: str) -> dict[str, OccupationFacts]:
    """Wages and demand for O*NET-SOC codes, in the pathway's wage area (or the U.S.)."""
    from pathways.apps.catalog.models import Occupation
    from pathways.apps.catalog.wages import roll_up_chains, wages_for

    occupations = {o.code: o for o in Occupation.objects.filter(code__in=codes)}
    socs = sorted({code[:7] for code in codes})
    wages = wages_for(socs, area)
    # BLS projects some detailed occupations only within their broad group (51-2092 as
    # 51-2090), as OEWS publishes their wages: look there when the code itself has none.
    chains = roll_up_chains(set(socs))
    wanted = {code for chain in chains.values() for code in chain}
    projections = {p.soc_code: p for p in Projection.objects.filter(soc_code__in=wanted)}
    facts = {}
    for code, occupation in occupations.items():
        fact = wages.get(code[:7])
        projection = next((projections[c] for c in chains.get(code[:7], [code[:7]])
                           if c in projections), None)
        facts[code] = OccupationFacts(
            code=code,
            title=occupation.title,
            annual_median=fact.wage.annual_median if fact else None,
            area_employment=fact.wage.employment if fact else None,
            area_title=fact.wage.area_title if fact else "",
            annual_openings_thousands=projection.annual_openings if projection else None,
            change_percent=projection.change_percent if projection else None,
        )
    return facts


GRAPH_SECONDS = 3600


def pathway_graph(pathway: Pathway) -> PathwayGraph:
    """The pathway as the engine's graph. Plans, public pages and checks ask for the same
    graph many times between edits, so it is kept in the cache for the catalog's current
    generation (any catalog change or reference load starts a new one), and for the
    language it was read in: its names are the reader's (ADR 0042)."""
    key = f"pathways:graph:{__version__}:{generation()}:{content_language()}:{pathway.pk}"
    found = cache.get(key)
    if found is None:
        found = build_graph(pathway)
        cache.set(key, found, GRAPH_SECONDS)
    return found


def build_graph(pathway: Pathway, parts: PathwayParts | None = None) -> PathwayGraph:
    """Read the pathway's rows into the engine's graph (a fixed few queries). Given the
    ``parts`` the map has read already (the workspace editor), their steps, entries and
    exits are used rather than read a second time."""
    if parts is None:
        components = list(
            PathwayComponent.objects.filter(pathway=pathway)
            .select_related("level", "program__credential", "credential")
            .prefetch_related("precedes", "support_services",
                              Prefetch("conditions", queryset=ComponentCondition.objects
                                       .prefetch_related("targets")))
        )
        entry_rows = list(pathway.entry_points.all())
        exits = list(pathway.exit_points.select_related("component", "occupation"))
    else:
        components, entry_rows, exits = parts.components, parts.entries, parts.exits
        prefetch_related_objects(components, "precedes", "support_services",
                                 "conditions__targets")
    ids = {c.pk: c.ctid for c in components}
    # One query per depth of nesting: conditions can nest to any depth.
    nested: dict[int, list[ComponentCondition]] = {}
    frontier = [row.pk for c in components for row in c.conditions.all()]
    while frontier:
        rows = list(ComponentCondition.objects.filter(parent_id__in=frontier)
                    .prefetch_related("targets"))
        for row in rows:
            nested.setdefault(row.parent_id, []).append(row)
        frontier = [row.pk for row in rows]

    facts = occupation_facts([e.occupation_id for e in exits], pathway.wage_area or "99")
    graph_components = {}
    for c in components:
        credential = c.effective_credential
        graph_components[c.ctid] = Component(
            id=c.ctid, name=c.name, kind=c.component_type,
            level=c.level.order if c.level else None,
            credits=c.credit_value if c.credit_value is not None
            else (c.program.credit_hours if c.program_id else None),
            length_weeks=c.effective_length_weeks, cost=c.effective_cost,
            credential_type=credential.credential_type if credential else None,
            is_iet=c.effective_iet, is_apprenticeship=c.is_apprenticeship,
            occupation=c.occupation_id,
            leads_to=tuple(n.ctid for n in c.precedes.all()),
            conditions=tuple(_condition(row, nested, ids) for row in c.conditions.all()),
            support_categories=frozenset(s.category for s in c.support_services.all()),
        )
    entries = tuple(
        EntryPoint(id=str(e.pk), name=e.name, kind=e.kind,
                   component=ids.get(e.component_id) or e.component.ctid,
                   min_education=e.min_education, max_education=e.max_education,
                   min_efl=e.min_efl, max_efl=e.max_efl,
                   english_levels=tuple(e.english_levels or ()),
                   serves_adult_learners=e.serves_adults_without_diploma)
        for e in entry_rows
    )
    exit_points = tuple(
        ExitPoint(id=str(e.pk), name=e.name, component=ids.get(e.component_id) or e.component.ctid,
                  occupation=facts.get(e.occupation_id))
        for e in exits
    )
    return PathwayGraph(
        name=pathway.name, components=graph_components, entry_points=entries,
        exit_points=exit_points, sector=pathway.sector.name, naics=pathway.sector.naics_code,
        support_categories=frozenset(pathway.support_services.values_list("category",
                                                                          flat=True)),
    )
