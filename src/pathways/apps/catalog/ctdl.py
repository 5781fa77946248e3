"""A catalog pathway as a CTDL pathway document (``pathways.standards.ctdl``).

``to_document`` reads one pathway in a fixed few queries, as ``graph.py`` reads one into
the navigation engine; the explorer serves it and exchange's export job writes it to files.
Writing a document back is an import job: ``pathways.apps.exchange.ctdl_apply``. What maps
to what is in docs/ctdl.md. Texts are written in English whatever the reader's language,
with their Spanish values beside them (language maps, ADR 0042).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch
from django.utils import translation

from pathways.apps.catalog.models import (
    ComponentCondition,
    EntryPoint,
    ExitPoint,
    Location,
    Occupation,
    Pathway,
    PathwayComponent,
    Program,
)
from pathways.apps.catalog.models import SupportService as CatalogService
from pathways.standards.ctdl import (
    Alignment,
    Component,
    Condition,
    Constraint,
    CredentialRef,
    EntryPointInfo,
    ExitPointInfo,
    Level,
    Organization,
    PathwayDocument,
    Place,
    ProgramRecord,
    ProgressionModel,
    SupportService,
    derived_ctid,
    resource_iri,
)
from pathways.standards.ctdl.vocab import (
    CIP_FRAMEWORK,
    CIP_FRAMEWORK_NAME,
    NAICS_FRAMEWORK,
    NAICS_FRAMEWORK_NAME,
    ONET_FRAMEWORK,
    ONET_FRAMEWORK_NAME,
)


def organisation_iri(name: str) -> str:
    """Organisations carry no CTID yet; a stable one derived from the name stands in."""
    return resource_iri(derived_ctid("organisation", name))


def occupation_alignment(occupation: Occupation) -> Alignment:
    return Alignment(code=occupation.code, name=occupation.title, framework=ONET_FRAMEWORK,
                     framework_name=ONET_FRAMEWORK_NAME,
                     target_node=f"https://www.onetonline.org/link/summary/{occupation.code}")


def others(row: models.Model, *names: str) -> dict[str, dict[str, str]]:
    """The row's texts in the other languages kept (``{"name": {"es": ...}}``), where
    they have a value; plain attributes give the English ones inside ``to_document``."""
    found: dict[str, dict[str, str]] = {}
    for name in names:
        text = (getattr(row, f"{name}_es", None) or "").strip()
        if text:
            found[name] = {"es": text}
    return found


def to_document(pathway: Pathway) -> PathwayDocument:
    """The pathway as a CTDL document, ready for ``pathways.standards.ctdl.dumps``."""
    with translation.override("en"):  # plain attributes read the English values
        return _document(pathway)


def _document(pathway: Pathway) -> PathwayDocument:
    levels = list(pathway.levels.order_by("order"))
    rows = list(
        PathwayComponent.objects.filter(pathway=pathway)
        .select_related("level", "program__cip", "credential", "occupation")
        .prefetch_related(
            "children", "precedes", "program__locations",
            Prefetch("support_services", queryset=CatalogService.objects.select_related(
                "provider").order_by("name", "ctid")),
            Prefetch("conditions", queryset=ComponentCondition.objects.prefetch_related("targets")),
            Prefetch("entry_points", queryset=EntryPoint.objects.order_by("position", "name")),
            Prefetch("exit_points", queryset=ExitPoint.objects.select_related("occupation")
                     .order_by("position", "name")))
        .order_by("level__order", "position", "name", "ctid"))
    nested = _nested_conditions([row for c in rows for row in c.conditions.all()])
    destination_exit = _destination_exit([e for c in rows for e in c.exit_points.all()])

    doc = PathwayDocument(
        ctid=pathway.ctid, name=pathway.name, description=pathway.description,
        subject_webpage=pathway.subject_webpage, wage_area=pathway.wage_area,
        uses_extension=True, translations=others(pathway, "name", "description"),
        owner=Organization(organisation_iri(pathway.owner.name), pathway.owner.name,
                           pathway.owner.website) if pathway.owner else None,
        progression_model=ProgressionModel(
            pathway.progression_model_ctid, name=f"{pathway.name}: progression levels",
            levels=[Level(lv.ctid, lv.name, lv.description,
                          translations=others(lv, "name", "description")) for lv in levels]))
    for row in rows:
        doc.components.append(_component(row, nested, destination_exit))
    if destination_exit is not None:
        doc.destination = destination_exit.component.ctid
    else:
        doc.destination = _root(doc)
    for service in pathway.support_services.select_related("provider").order_by("name", "ctid"):
        doc.support_services.append(_service(service))
    listed = {s.ctid for s in doc.support_services}
    for service in sorted({v for row in rows for v in row.support_services.all()
                           if v.ctid not in listed}, key=lambda v: (v.name, v.ctid)):
        doc.step_services.append(_service(service))
    exits = {e.occupation_id: e.occupation for c in rows for e in c.exit_points.all()}
    doc.occupations = [occupation_alignment(o) for _code, o in sorted(exits.items())]
    if pathway.sector.naics_code:
        doc.industries = [Alignment(code=pathway.sector.naics_code, name=pathway.sector.name,
                                    framework=NAICS_FRAMEWORK,
                                    framework_name=NAICS_FRAMEWORK_NAME)]
    cips = {c.program.cip.code: c.program.cip for c in rows if c.program and c.program.cip}
    doc.programs = [Alignment(code=code, name=cip.title, framework=CIP_FRAMEWORK,
                              framework_name=CIP_FRAMEWORK_NAME)
                    for code, cip in sorted(cips.items())]
    return doc


def _service(service: CatalogService) -> SupportService:
    return SupportService(
        ctid=service.ctid, name=service.name, category=service.category,
        description=service.description, cost=service.cost,
        provider=resource_iri(service.provider.ctid) if service.provider else "",
        translations=others(service, "name", "description", "cost"))


def _program_record(program: Program | None) -> ProgramRecord | None:
    """The program's record with where it is given and its enrollment page, when it has
    either (ADR 0042 texts)."""
    places = list(program.locations.all()) if program is not None else []
    if not places and not (program is not None and program.url):
        return None
    return ProgramRecord(
        iri=resource_iri(program.ctid), ctid=program.ctid, name=program.name,
        translations=others(program, "name"), subject_webpage=program.url,
        places=[Place(name=p.name, street_address=p.address_1, locality=p.city, region=p.state,
                      postal_code=p.postal_code, description=p.notes,
                      translations=_place_texts(p)) for p in places])


def _place_texts(place: Location) -> dict[str, dict[str, str]]:
    """A place's Spanish texts; its notes are the Place's ``ceterms:description``."""
    found = others(place, "name")
    notes = others(place, "notes").get("notes")
    if notes:
        found["description"] = notes
    return found


def _component(row: PathwayComponent, nested: dict[int, list[ComponentCondition]],
               destination_exit: ExitPoint | None) -> Component:
    credential = row.credential
    return Component(
        ctid=row.ctid, component_type=row.component_type, name=row.name,
        description=row.description, level=row.level.ctid if row.level else None,
        subject_webpage=row.subject_webpage, proxy_for=row.proxy_for,
        credential=CredentialRef(iri=resource_iri(credential.ctid), ctid=credential.ctid,
                                 name=credential.name,
                                 credential_type=credential.credential_type,
                                 description=credential.description,
                                 translations=others(credential, "name", "description"))
        if credential else None,
        program=resource_iri(row.program.ctid) if row.program else "",
        program_record=_program_record(row.program),
        code=row.code, credit_value=row.credit_value, designation=row.designation,
        occupations=[occupation_alignment(row.occupation)] if row.occupation else [],
        precedes=sorted(c.ctid for c in row.precedes.all()),
        children=sorted(c.ctid for c in row.children.all()),
        conditions=[_condition(c, nested) for c in row.conditions.all()],
        position=row.position, length_weeks=row.length_weeks, cost=row.cost,
        is_iet=row.is_iet, is_apprenticeship=row.is_apprenticeship,
        translations=others(row, "name", "description"),
        entry_points=[EntryPointInfo(
            name=e.name, kind=e.kind, description=e.description, min_education=e.min_education,
            max_education=e.max_education, min_efl=e.min_efl, max_efl=e.max_efl,
            english_levels=list(e.english_levels or []), prerequisites=e.prerequisites,
            position=e.position, translations=others(e, "name", "description", "prerequisites"))
            for e in row.entry_points.all()],
        exit_points=[ExitPointInfo(
            name=e.name, occupation=occupation_alignment(e.occupation),
            description=e.description, is_destination=e is destination_exit,
            position=e.position, summary=e.summary,
            translations=others(e, "name", "description", "summary"))
            for e in row.exit_points.all()],
        support_services=sorted(v.ctid for v in row.support_services.all()),
    )


def _condition(row: ComponentCondition, nested: dict[int, list[ComponentCondition]]) -> Condition:
    return Condition(
        name=row.name, description=row.description, operator=row.logical_operator,
        translations=others(row, "name", "description"),
        required_number=row.required_number,
        targets=sorted(t.ctid for t in row.targets.all()),
        conditions=[_condition(sub, nested) for sub in nested.get(row.pk, [])],
        constraints=[Constraint.credit_sum(row.required_credits)]
        if row.required_credits is not None else [])


def _nested_conditions(top: list[ComponentCondition]) -> dict[int, list[ComponentCondition]]:
    """Sub-conditions by parent, one query per depth (conditions nest to any depth)."""
    nested: dict[int, list[ComponentCondition]] = {}
    frontier = [row.pk for row in top]
    while frontier:
        rows = list(ComponentCondition.objects.filter(parent_id__in=frontier)
                    .prefetch_related("targets").order_by("position", "id"))
        for row in rows:
            nested.setdefault(row.parent_id, []).append(row)
        frontier = [row.pk for row in rows]
    return nested


def _destination_exit(exits: list[ExitPoint]) -> ExitPoint | None:
    """CTDL allows one destination: the exit marked as such, else the highest-level one."""
    if not exits:
        return None
    marked = [e for e in exits if e.is_destination] or exits

    def rank(exit_point: ExitPoint) -> tuple:
        level = exit_point.component.level
        return (-(level.order if level else 0), exit_point.position, exit_point.name)

    return min(marked, key=rank)


def _root(doc: PathwayDocument) -> str | None:
    """Without exit points, the destination is the highest component nothing else needs."""
    needed = {c for comp in doc.components for c in comp.children + comp.precedes}
    needed |= {t for comp in doc.components for cond in comp.all_conditions()
               for t in cond.targets}
    levels = {lv.ctid: i for i, lv in enumerate(doc.progression_model.levels)} \
        if doc.progression_model else {}
    roots = [c for c in doc.components if c.ctid not in needed]
    if not roots:
        return None
    return min(roots, key=lambda c: (-levels.get(c.level or "", -1), c.position or 0,
                                     c.name)).ctid
