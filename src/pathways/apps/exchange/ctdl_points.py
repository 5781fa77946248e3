"""Ways in, ways out and help along the way: entry points, exit points and support services
of an imported CTDL pathway. Part of ``ctdl_apply``; runs after the components exist."""

from __future__ import annotations

from collections.abc import Callable

from pathways.apps.catalog.models import (
    ComponentType,
    EntryPoint,
    ExitPoint,
    Occupation,
    Pathway,
    PathwayComponent,
    Provider,
    SupportService,
)
from pathways.apps.exchange.ctdl_languages import set_spanish, spanish
from pathways.core.education import EDUCATION_LEVELS, EFL_LEVELS, ENGLISH_LEVELS
from pathways.standards.ctdl import Alignment, PathwayDocument, ReadReport, registry_ctid
from pathways.standards.ctdl import SupportService as ServiceInfo

_EDUCATION = {level.code for level in EDUCATION_LEVELS}
_EFL = {code for code, _label in EFL_LEVELS}
_ENGLISH = {code for code, _label in ENGLISH_LEVELS}


def write_entry_points(pathway: Pathway, doc: PathwayDocument,
                       components: dict[str, PathwayComponent], report: ReadReport) -> int:
    """Bring the pathway's entry points in line with the document's
    (``pathways:entryPoint``). One the document still has (same first step, same kind) keeps
    its row, so the career plans that chose it as their way in keep it."""
    existing = _by_key(EntryPoint.objects.filter(pathway=pathway),
                       lambda row: (row.component_id, row.kind))
    count = 0
    for comp in doc.components:
        for entry in comp.entry_points:
            if entry.kind not in EntryPoint.Kind.values:
                report.unmapped_values[f"pathways:entryKind = {entry.kind}"] += 1
                continue
            component = components[comp.ctid]
            row = _take(existing, (component.pk, entry.kind)) or EntryPoint(
                pathway=pathway, component=component, kind=entry.kind)
            row.name, row.description = entry.name[:200], entry.description
            row.position, row.prerequisites = entry.position, entry.prerequisites
            set_spanish(row, entry.translations, "name", "description", "prerequisites")
            row.min_education = _known(entry.min_education, _EDUCATION, report)
            row.max_education = _known(entry.max_education, _EDUCATION, report)
            row.min_efl = _known(entry.min_efl, _EFL, report)
            row.max_efl = _known(entry.max_efl, _EFL, report)
            row.english_levels = [e for e in entry.english_levels if e in _ENGLISH]
            row.save()
            count += 1
    _delete_rest(existing)
    return count


def write_exit_points(pathway: Pathway, doc: PathwayDocument,
                      components: dict[str, PathwayComponent],
                      occupation: Callable[[Alignment], Occupation | None],
                      report: ReadReport) -> int:
    """Bring the exit points in line with the document: its own, or for a file from
    elsewhere, the ones its job components and occupation codes imply. Unknown occupations
    make no exit. One the document still has (same step, same occupation) keeps its row, so
    career plans aiming at it keep their goal; a plan whose exit is gone asks for a new one."""
    existing = _by_key(ExitPoint.objects.filter(pathway=pathway),
                       lambda row: (row.component_id, row.occupation_id))
    planned = [(comp.ctid, e.name, e.occupation, e.description, e.is_destination, e.position,
                e.translations, e.summary) for comp in doc.components for e in comp.exit_points]
    if not doc.uses_extension:
        planned = _inferred_exits(doc)
    count = 0
    for ctid, name, alignment, description, is_destination, position, texts, *rest in planned:
        found = occupation(alignment)
        if found is None:
            report.warn(f"exit point {name!r} not created: its occupation is unknown")
            continue
        component = components[ctid]
        row = _take(existing, (component.pk, found.pk)) or ExitPoint(
            pathway=pathway, component=component, occupation=found)
        row.name, row.description = (name or found.title)[:200], description
        row.is_destination, row.position = is_destination, position
        set_spanish(row, texts if name else {}, "name", "description")
        if rest:  # the file's own exits carry the plain summary; a matched row keeps its
            row.summary = rest[0]  # own when the file comes from elsewhere (no extension)
            set_spanish(row, texts, "summary")
        row.save()
        count += 1
    _delete_rest(existing)
    return count


def _by_key(rows, key: Callable) -> dict[tuple, list]:
    """Existing rows by their key, oldest first (two rows may share one)."""
    found: dict[tuple, list] = {}
    for row in rows.order_by("pk"):
        found.setdefault(key(row), []).append(row)
    return found


def _take(existing: dict[tuple, list], key: tuple):
    rows = existing.get(key)
    return rows.pop(0) if rows else None


def _delete_rest(existing: dict[tuple, list]) -> None:
    """Delete, in one query per model, the rows the document no longer has."""
    left = [row for rows in existing.values() for row in rows]
    if left:
        type(left[0]).objects.filter(pk__in=[row.pk for row in left]).delete()


def _inferred_exits(doc: PathwayDocument) -> list[tuple]:
    """Job components with an occupation are exits; the pathway's own occupations are
    reached at its destination. The destination's exit is the main one."""
    planned, covered = [], set()
    for comp in doc.components:
        if comp.component_type == ComponentType.JOB:
            for alignment in comp.occupations[:1]:
                planned.append((comp.ctid, comp.name, alignment, "",
                                comp.ctid == doc.destination, len(planned),
                                {"name": comp.translations.get("name", {})}))
                covered.add(alignment.code)
    if doc.destination and doc.component(doc.destination):
        for alignment in doc.occupations:
            if alignment.code not in covered:
                first = not any(plan[4] for plan in planned)
                planned.append((doc.destination, alignment.name, alignment, "", first,
                                len(planned), {}))
    return planned


def write_services(pathway: Pathway, doc: PathwayDocument, report: ReadReport,
                   components: dict[str, PathwayComponent] | None = None) -> int:
    """Link the pathway and its steps with the services of the document's CTIDs; create
    the ones the catalog lacks when their category is one it uses. Existing services are
    not overwritten. Returns how many services the pathway itself lists."""
    rows = {s.ctid: row for s in doc.all_services()
            if (row := _service_row(s, report)) is not None}
    listed = [rows[s.ctid] for s in doc.support_services if s.ctid in rows]
    pathway.support_services.set(listed)
    # Step services are an extension term: a file from elsewhere cannot carry them, so
    # importing one leaves the steps' services as they were.
    for comp in doc.components if doc.uses_extension else []:
        component = (components or {}).get(comp.ctid)
        if component is not None:
            component.support_services.set([rows[c] for c in comp.support_services
                                             if c in rows])
    return len(listed)


def _service_row(service: ServiceInfo, report: ReadReport) -> SupportService | None:
    row = SupportService.objects.filter(ctid=service.ctid).first()
    if row is None and service.category not in SupportService.Category.values:
        report.unmapped_values[
            f"ceterms:supportServiceType = {service.category or '(none)'}"] += 1
        return None
    if row is None:
        provider_ctid = registry_ctid(service.provider) if service.provider else None
        provider = Provider.objects.filter(ctid=provider_ctid).first() \
            if provider_ctid else None
        if service.provider and provider is None:
            report.warn(f"provider {service.provider} of {service.name!r} is not in "
                        "the catalog")
        row = SupportService.objects.create(
            ctid=service.ctid, name=service.name[:200], category=service.category,
            description=service.description, cost=service.cost[:120], provider=provider,
            **spanish(SupportService, service.translations, name="name",
                      description="description", cost="cost"))
    return row


def _known(value: str, allowed: set[str], report: ReadReport) -> str:
    if value and value not in allowed:
        report.unmapped_values[f"entry point level = {value}"] += 1
        return ""
    return value
