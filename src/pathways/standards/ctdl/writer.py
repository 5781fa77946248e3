"""Write a ``PathwayDocument`` as CTDL JSON-LD, the same bytes for the same document.

Keys are sorted, nodes come in a fixed order (pathway, progression model, levels in order,
components by level and position, derived job components, services, owner) and every list
of references is sorted, so exporting twice gives identical files.
"""

from __future__ import annotations

import json
from decimal import Decimal

from pathways.standards.ctdl.ids import derived_ctid, registry_ctid, resource_iri
from pathways.standards.ctdl.model import (
    Alignment,
    Component,
    Condition,
    Constraint,
    EntryPointInfo,
    ExitPointInfo,
    PathwayDocument,
    Place,
    ProgramRecord,
    SupportService,
)
from pathways.standards.ctdl.vocab import (
    CTDL_CONTEXT,
    EXTENSION_IRI,
    EXTENSION_PREFIX,
    OPERATOR_CONCEPTS,
    SUPPORT_FRAMEWORK,
    vocabulary,
)

LANGUAGE = "en-US"
CONTEXT = [CTDL_CONTEXT, {EXTENSION_PREFIX: EXTENSION_IRI}]
GRAPH = "https://credentialengineregistry.org/graph/"
JOB = "ceterms:JobComponent"


def dumps(doc: PathwayDocument) -> str:
    """The document as JSON-LD text (UTF-8, two-space indent, final newline)."""
    return json.dumps(to_jsonld(doc), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def to_jsonld(doc: PathwayDocument) -> dict:
    pathway_iri = resource_iri(doc.ctid)
    level_rank = {level.ctid: i for i, level in
                  enumerate(doc.progression_model.levels if doc.progression_model else [])}
    components = sorted(doc.components, key=lambda c: (
        level_rank.get(c.level or "", -1), c.position or 0, c.name.lower(), c.ctid))
    derived = {id(e): _derived_ctid(c, e) for c in components if c.component_type != JOB
               for e in c.exit_points}
    destination = _destination_iri(doc, derived)
    nodes = [_pathway(doc, destination, components, derived)]
    nodes += _progression(doc)
    for comp in components:
        nodes.append(_component(comp, pathway_iri, destination))
    for comp in components:
        for exit_point in sorted(comp.exit_points, key=_exit_order):
            if id(exit_point) in derived:
                nodes.append(_exit_job(comp, exit_point, derived[id(exit_point)], pathway_iri,
                                       destination))
    records = {c.program_record.iri: c.program_record for c in reversed(components)
               if c.program_record is not None and c.program_record.iri}
    nodes += [_program(records[iri]) for iri in sorted(records)]
    nodes += [_service(s) for s in sorted(doc.all_services(), key=lambda s: (s.name, s.ctid))]
    if doc.owner and doc.owner.name:
        nodes.append(_drop_empty({
            "@id": doc.owner.iri, "@type": "ceterms:CredentialOrganization",
            "ceterms:ctid": registry_ctid(doc.owner.iri) or "",
            "ceterms:name": _lang(doc.owner.name),
            "ceterms:subjectWebpage": doc.owner.subject_webpage}))
    return {"@context": CONTEXT, "@id": GRAPH + doc.ctid, "@graph": nodes}


# -- nodes ---------------------------------------------------------------------------
def _pathway(doc: PathwayDocument, destination: str | None, components: list[Component],
             derived: dict[int, str]) -> dict:
    parts = [resource_iri(c.ctid) for c in components] + [resource_iri(d) for d in
                                                          derived.values()]
    return _drop_empty({
        "@id": resource_iri(doc.ctid), "@type": "ceterms:Pathway", "ceterms:ctid": doc.ctid,
        "ceterms:name": _texts(doc, "name"), "ceterms:description": _texts(doc, "description"),
        "ceterms:subjectWebpage": doc.subject_webpage,
        "ceterms:ownedBy": [doc.owner.iri] if doc.owner else [],
        "ceterms:hasDestinationComponent": destination or "",
        "ceterms:hasPart": sorted(parts),
        "asn:hasProgressionModel": resource_iri(doc.progression_model.ctid)
        if doc.progression_model else "",
        "ceterms:hasSupportService": sorted(resource_iri(s.ctid) for s in doc.support_services),
        "ceterms:occupationType": _alignments(doc.occupations),
        "ceterms:industryType": _alignments(doc.industries),
        "ceterms:instructionalProgramType": _alignments(doc.programs),
        "pathways:wageArea": doc.wage_area,
    })


def _progression(doc: PathwayDocument) -> list[dict]:
    model = doc.progression_model
    if model is None:
        return []
    model_iri = resource_iri(model.ctid)
    levels = [resource_iri(level.ctid) for level in model.levels]
    nodes = [_drop_empty({
        "@id": model_iri, "@type": "asn:ProgressionModel", "ceterms:ctid": model.ctid,
        "ceasn:name": _lang(model.name), "ceasn:description": _lang(model.description),
        "skos:hasTopConcept": levels})]
    for number, level in enumerate(model.levels, start=1):
        nodes.append(_drop_empty({
            "@id": resource_iri(level.ctid), "@type": "asn:ProgressionLevel",
            "ceterms:ctid": level.ctid, "skos:prefLabel": _texts(level, "name"),
            "skos:definition": _texts(level, "description"), "skos:notation": str(number),
            "ceasn:inProgressionModel": model_iri,
            "ceterms:precedes": levels[number:number + 1]}))
    return nodes


def _component(comp: Component, pathway_iri: str, destination: str | None) -> dict:
    iri = resource_iri(comp.ctid)
    node = {
        "@id": iri, "@type": comp.component_type, "ceterms:ctid": comp.ctid,
        "ceterms:name": _texts(comp, "name"), "ceterms:description": _texts(comp, "description"),
        "ceterms:subjectWebpage": comp.subject_webpage, "ceterms:isPartOf": [pathway_iri],
        "ceterms:isDestinationComponentOf": [pathway_iri] if iri == destination else [],
        "asn:hasProgressionLevel": [resource_iri(comp.level)] if comp.level else [],
        "ceasn:hasChild": sorted(resource_iri(c) for c in comp.children),
        "ceterms:precedes": sorted(resource_iri(c) for c in comp.precedes),
        "ceterms:hasCondition": [_condition(c) for c in comp.conditions],
        "pathways:position": comp.position,
        "pathways:lengthWeeks": comp.length_weeks,
        "pathways:cost": _decimal_text(comp.cost),
        "pathways:isIET": comp.is_iet or None,
        "pathways:isApprenticeship": comp.is_apprenticeship or None,
        "pathways:entryPoint": [_entry(e) for e in sorted(comp.entry_points,
                                                          key=lambda e: (e.position, e.name))],
        "pathways:exitPoint": [_exit(e) for e in sorted(comp.exit_points, key=_exit_order)],
        # CTDL gives hasSupportService no component class; the nodes are the pathway's.
        "pathways:hasSupportService": sorted({resource_iri(s) for s in comp.support_services}),
    }
    node.update(_links(comp))
    if comp.code:
        node["ceterms:identifier"] = [{"@type": "ceterms:IdentifierValue",
                                       "ceterms:identifierTypeName": _lang("Code"),
                                       "ceterms:identifierValueCode": comp.code}]
    if comp.credit_value is not None:
        if comp.component_type == "ceterms:CourseComponent":
            node["ceterms:creditValue"] = [{"@type": "ceterms:ValueProfile",
                                            "schema:value": _number(comp.credit_value)}]
        else:  # CTDL gives credit values to course components only
            node["pathways:creditValue"] = _decimal_text(comp.credit_value)
    if comp.designation:
        node["ceterms:componentDesignation"] = [{
            "@type": "ceterms:CredentialAlignmentObject",
            "ceterms:targetNodeName": _lang(comp.designation)}]
    occupations = "ceterms:occupationType" if comp.component_type == JOB \
        else "pathways:occupationType"
    node[occupations] = _alignments(comp.occupations)
    return _drop_empty(node)


def _links(comp: Component) -> dict:
    """proxyFor names one record: the credential of a credential component, else the program.

    The other record, when there is one, goes in our extension so nothing is lost.
    """
    credential = comp.credential.iri or resource_iri(comp.credential.ctid) \
        if comp.credential else ""
    out: dict = {}
    if comp.component_type == "ceterms:CredentialComponent" and credential:
        out = {"ceterms:proxyFor": credential, "pathways:program": comp.program,
               "ceterms:credentialType": comp.credential.credential_type}
    elif comp.program:
        out = {"ceterms:proxyFor": comp.program, "pathways:credential": credential}
    elif credential:
        out = {"pathways:credential": credential}
    elif comp.proxy_for:
        out = {"ceterms:proxyFor": comp.proxy_for}
    return out


def _condition(condition: Condition) -> dict:
    return _drop_empty({
        "@type": "ceterms:ComponentCondition", "ceterms:name": _texts(condition, "name"),
        "ceterms:description": _texts(condition, "description"),
        "ceterms:logicalOperator": OPERATOR_CONCEPTS[condition.operator],
        "ceterms:requiredNumber": condition.required_number,
        "ceterms:targetComponent": sorted(resource_iri(t) for t in condition.targets),
        "ceterms:hasCondition": [_condition(c) for c in condition.conditions],
        "ceterms:hasConstraint": [_constraint(c) for c in condition.constraints],
    })


def _constraint(constraint: Constraint) -> dict:
    return _drop_empty({
        "@type": "ceterms:Constraint", "ceterms:name": _lang(constraint.name),
        "ceterms:description": _lang(constraint.description),
        "ceterms:leftSource": constraint.left_source, "ceterms:leftAction": constraint.left_action,
        "ceterms:comparator": constraint.comparator, "ceterms:rightSource": constraint.right_source,
        "ceterms:rightAction": constraint.right_action,
    })


def _entry(entry: EntryPointInfo) -> dict:
    return _drop_empty({
        "@type": "pathways:EntryPoint", "ceterms:name": _texts(entry, "name"),
        "ceterms:description": _texts(entry, "description"), "pathways:entryKind": entry.kind,
        "pathways:minEducation": entry.min_education, "pathways:maxEducation": entry.max_education,
        "pathways:minEFL": entry.min_efl, "pathways:maxEFL": entry.max_efl,
        "pathways:englishLevel": list(entry.english_levels),
        "pathways:prerequisites": _texts(entry, "prerequisites"),
        "pathways:position": entry.position,
    })


def _exit(exit_point: ExitPointInfo) -> dict:
    return _drop_empty({
        "@type": "pathways:ExitPoint", "ceterms:name": _texts(exit_point, "name"),
        "ceterms:description": _texts(exit_point, "description"),
        "pathways:plainSummary": _texts(exit_point, "summary"),
        "ceterms:occupationType": _alignments([exit_point.occupation]),
        "pathways:isDestination": exit_point.is_destination or None,
        "pathways:position": exit_point.position,
    })


def _exit_job(comp: Component, exit_point: ExitPointInfo, ctid: str, pathway_iri: str,
              destination: str | None) -> dict:
    """A job component for an exit reached after a component that is not a job, so CTDL
    readers see the job; our reader skips it (``pathways:exitPointOf``)."""
    iri = resource_iri(ctid)
    return _drop_empty({
        "@id": iri, "@type": JOB, "ceterms:ctid": ctid,
        "ceterms:name": _texts(exit_point, "name"),
        "ceterms:description": _texts(exit_point, "description"),
        "pathways:plainSummary": _texts(exit_point, "summary"),
        "ceterms:occupationType": _alignments([exit_point.occupation]),
        "ceterms:isPartOf": [pathway_iri],
        "ceterms:isDestinationComponentOf": [pathway_iri] if iri == destination else [],
        "asn:hasProgressionLevel": [resource_iri(comp.level)] if comp.level else [],
        "ceterms:hasCondition": [{"@type": "ceterms:ComponentCondition",
                                  "ceterms:requiredNumber": 1,
                                  "ceterms:targetComponent": [resource_iri(comp.ctid)]}],
        "pathways:exitPointOf": resource_iri(comp.ctid),
    })


def _program(record: ProgramRecord) -> dict:
    """The program a component stands for (its proxyFor), with where it is given: CTDL puts
    ``availableAt`` on the learning opportunity, not on a pathway component."""
    return _drop_empty({
        "@id": record.iri, "@type": "ceterms:LearningProgram", "ceterms:ctid": record.ctid,
        "ceterms:name": _texts(record, "name"),
        "ceterms:subjectWebpage": record.subject_webpage,
        "ceterms:availableAt": [_place(p) for p in record.places]})


def _place(place: Place) -> dict:
    return _drop_empty({
        "@type": "ceterms:Place", "ceterms:name": _texts(place, "name"),
        "ceterms:streetAddress": _lang(place.street_address),
        "ceterms:addressLocality": _lang(place.locality),
        "ceterms:addressRegion": _lang(place.region), "ceterms:postalCode": place.postal_code,
        "ceterms:description": _texts(place, "description")})


def _service(service: SupportService) -> dict:
    kind = [{"@type": "ceterms:CredentialAlignmentObject", "ceterms:framework": SUPPORT_FRAMEWORK,
             "ceterms:frameworkName": _lang("Support Service Category"),
             "ceterms:targetNode": service.category,
             "ceterms:targetNodeName": _lang(vocabulary().label(service.category))}] \
        if service.category else []
    cost = [{"@type": "ceterms:CostProfile", "ceterms:description": _texts(service, "cost")}] \
        if service.cost else []
    return _drop_empty({
        "@id": resource_iri(service.ctid), "@type": "ceterms:SupportService",
        "ceterms:ctid": service.ctid, "ceterms:name": _texts(service, "name"),
        "ceterms:description": _texts(service, "description"), "ceterms:supportServiceType": kind,
        "ceterms:offeredBy": [service.provider] if service.provider else [],
        "ceterms:estimatedCost": cost})


# -- helpers -------------------------------------------------------------------------
def _destination_iri(doc: PathwayDocument, derived: dict[int, str]) -> str | None:
    comp = doc.component(doc.destination) if doc.destination else None
    if comp is None:
        return None
    flagged = next((e for e in comp.exit_points if e.is_destination and id(e) in derived), None)
    return resource_iri(derived[id(flagged)] if flagged else comp.ctid)


def _derived_ctid(comp: Component, exit_point: ExitPointInfo) -> str:
    return derived_ctid(comp.ctid, "exit", str(exit_point.position), exit_point.occupation.code,
                        exit_point.name)


def _exit_order(exit_point: ExitPointInfo) -> tuple:
    return exit_point.position, exit_point.name, exit_point.occupation.code


def _alignments(items: list[Alignment]) -> list[dict]:
    return [_drop_empty({
        "@type": "ceterms:CredentialAlignmentObject", "ceterms:codedNotation": a.code,
        "ceterms:framework": a.framework, "ceterms:frameworkName": _lang(a.framework_name),
        "ceterms:targetNode": a.target_node, "ceterms:targetNodeName": _lang(a.name),
    }) for a in sorted(items, key=lambda a: (a.framework, a.code, a.name, a.target_node))]


def _lang(text: str) -> dict:
    return {LANGUAGE: text} if text else {}


def _texts(item: object, name: str) -> dict:
    """The language map of one text: English and each other language that has a value."""
    found = _lang(getattr(item, name))
    others = getattr(item, "translations", {}).get(name, {})
    found.update((language, text) for language, text in sorted(others.items()) if text)
    return found


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _decimal_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f")


def _drop_empty(node: dict) -> dict:
    return {k: v for k, v in node.items() if v not in ("", None, [], {})}
