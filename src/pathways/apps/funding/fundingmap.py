"""A pathway's funding map: its steps and support services against the streams."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from pathways.apps.cases.planview import say
from pathways.apps.catalog.models import Pathway, PathwayComponent, SupportService
from pathways.apps.funding.intake import step_facts
from pathways.apps.funding.registry import streams_for
from pathways.funding.coverage import MapRow, cover
from pathways.funding.facts import COST_KINDS

# What a support service costs a person, as a kind of cost; services with no cost to the
# person (advising, case management ...) are left off the map.
SERVICE_KINDS = {
    SupportService.Category.CHILDCARE: "childcare",
    SupportService.Category.TRANSPORTATION: "transport",
    SupportService.Category.EQUIPMENT: "books_tools",
    SupportService.Category.TECHNOLOGY_LENDING: "books_tools",
}


@dataclass
class Line:
    pk: int  # the component's or the service's
    name: str
    what: str  # "step" or "service"
    kinds: list[str]
    can: list[str]
    may: list[tuple[str, list[str]]]  # (stream, what is not recorded)
    gap: bool
    uncovered: list[str]


def _line(pk: int, row: MapRow, what: str) -> Line:
    return Line(pk, row.name, what, [gettext(COST_KINDS[k]) for k in row.kinds],
                [c.stream.title for c in row.can_pay],
                [(c.stream.title, [say(r) for r in c.verdict.unknown]) for c in row.may_pay],
                row.gap, [gettext(COST_KINDS[k]) for k in row.uncovered])


def funding_map(pathway: Pathway) -> list[Line]:
    streams = list(streams_for([pathway.partnership_id] if pathway.partnership_id else [])
                   .values())
    lines = []
    components = (PathwayComponent.objects.filter(pathway=pathway)
                  .select_related("program__provider__organisation")
                  .prefetch_related("support_services"))
    services = {s.pk: s for s in pathway.support_services.all()}
    for component in components:
        for service in component.support_services.all():
            services[service.pk] = service
        cost = component.effective_cost
        kinds = (["tuition_fees"] if cost else []) + (
            ["wbl_wages"] if component.is_apprenticeship else [])
        if kinds:
            lines.append(_line(component.pk, cover(component.name, kinds,
                                                   step_facts(component), streams), "step"))
    for service in sorted(services.values(), key=lambda s: s.name):
        kind = SERVICE_KINDS.get(service.category)
        if kind:
            lines.append(_line(service.pk, cover(service.name, [kind], {}, streams),
                               "service"))
    return lines


@dataclass(frozen=True)
class Coverage:
    """How much of a pathway's costs some stream can or may pay: the evidence of criterion
    3 and a row of the state view."""

    pathway: Pathway
    covered: int  # steps and services with a cost that some stream can or may pay
    costed: int  # steps and services with a cost
    gaps: list[str]  # the names of those no stream covers

    @property
    def complete(self) -> bool:
        return not self.gaps


def coverage(pathway: Pathway) -> Coverage:
    lines = funding_map(pathway)
    gaps = [line.name for line in lines if line.gap]
    return Coverage(pathway, len(lines) - len(gaps), len(lines), gaps)


def published_coverage(partnership_id: int) -> list[Coverage]:
    """Each published pathway of the partnership (not working copies or drafts)."""
    return [coverage(p) for p in Pathway.objects.filter(
        partnership_id=partnership_id, draft_of__isnull=True,
        status=Pathway.Status.PUBLISHED).order_by("name")]
