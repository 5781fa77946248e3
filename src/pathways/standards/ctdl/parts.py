"""Read the parts of a pathway: components, conditions, constraints, alignments, services.

Each function reads one node and marks what it used; the caller finishes the node so
the rest is counted as unmapped.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from pathways.standards.ctdl import messages as says
from pathways.standards.ctdl.ids import registry_ctid
from pathways.standards.ctdl.model import (
    Alignment,
    Component,
    Condition,
    Constraint,
    CredentialRef,
    EntryPointInfo,
    ExitPointInfo,
    Place,
    ProgramRecord,
    SupportService,
)
from pathways.standards.ctdl.nodes import Node
from pathways.standards.ctdl.vocab import AND, NOT, ONLY_ONE, OR, compact, credential_classes

_OPERATORS = {"and": AND, "or": OR, "not": NOT, "onlyone": ONLY_ONE}


def translated(node: Node, item: object, **terms: str) -> None:
    """Keep the other languages of the item's texts: ``name="ceterms:name"`` reads the
    language map of ``ceterms:name`` into ``item.translations["name"]``."""
    for name, term in terms.items():
        found = node.translations(term)
        if found:
            item.translations[name] = found


def concept(value: object) -> str:
    """A concept reference written as ``"logic:Or"``, ``{"@id": ...}`` or an alignment object."""
    if isinstance(value, dict):
        value = value.get("@id") or value.get("ceterms:targetNode") or value.get("targetNode")
    return compact(str(value)) if isinstance(value, str) else ""


def alignments(node: Node, term: str) -> list[Alignment]:
    """Codes in a framework: alignment objects, schema.org defined terms or bare codes."""
    out = []
    for value in node.values(term):
        if isinstance(value, str):
            out.append(Alignment(target_node=value) if "/" in value else Alignment(code=value))
            continue
        if not isinstance(value, dict):
            node.problem(term, says.NOT_ALIGNMENT, found=type(value).__name__)
            continue
        item = node.child(value, f"{node.where} {node.written[term]}")
        out.append(Alignment(
            code=item.text("ceterms:codedNotation") or item.text("termCode"),
            name=item.text("ceterms:targetNodeName") or item.text("ceterms:name"),
            framework=item.text("ceterms:framework") or item.text("inDefinedTermSet"),
            framework_name=item.text("ceterms:frameworkName"),
            target_node=item.text("ceterms:targetNode") or item.text("url"),
        ))
        item.finish()
    return out


def constraint(node: Node) -> Constraint:
    def texts(term: str) -> list[str]:
        return [concept(v) if isinstance(v, dict) else str(v) for v in node.values(term)]

    return Constraint(
        left_source=texts("ceterms:leftSource"),
        left_action=concept(node.first("ceterms:leftAction")),
        comparator=concept(node.first("ceterms:comparator")),
        right_source=texts("ceterms:rightSource"),
        right_action=concept(node.first("ceterms:rightAction")),
        name=node.text("ceterms:name"), description=node.text("ceterms:description"))


def condition(node: Node, members: Callable[[list[str], Node, str], list[str]]) -> Condition:
    if node.types and "ceterms:ComponentCondition" not in node.types:
        node.problem("@type", says.NOT_CONDITION, found=", ".join(node.types))
    result = Condition(name=node.text("ceterms:name"),
                       description=node.text("ceterms:description"),
                       required_number=node.integer("ceterms:requiredNumber"))
    translated(node, result, name="ceterms:name", description="ceterms:description")
    raw = node.first("ceterms:logicalOperator")
    if raw is not None:
        name = concept(raw)
        operator = _OPERATORS.get(name.replace("/", ":").rsplit(":", 1)[-1].lower())
        if operator is None:
            node.report.unmapped_values[f"ceterms:logicalOperator = {name or raw}"] += 1
        else:
            result.operator = operator
    result.targets = members(node.refs("ceterms:targetComponent"), node, "ceterms:targetComponent")
    for sub in node.embedded("ceterms:hasCondition"):
        result.conditions.append(condition(sub, members))
    for item in node.embedded("ceterms:hasConstraint"):
        result.constraints.append(constraint(item))
        item.finish()
    node.finish()
    return result


def entry_point(node: Node) -> EntryPointInfo:
    entry = EntryPointInfo(
        name=node.text("ceterms:name"), kind=node.text("pathways:entryKind"),
        description=node.text("ceterms:description"),
        min_education=node.text("pathways:minEducation"),
        max_education=node.text("pathways:maxEducation"),
        min_efl=node.text("pathways:minEFL"), max_efl=node.text("pathways:maxEFL"),
        english_levels=[str(v) for v in node.values("pathways:englishLevel")],
        prerequisites=node.text("pathways:prerequisites"),
        position=node.integer("pathways:position") or 0)
    translated(node, entry, name="ceterms:name", description="ceterms:description",
               prerequisites="pathways:prerequisites")
    node.finish()
    return entry


def exit_point(node: Node) -> ExitPointInfo:
    found = alignments(node, "ceterms:occupationType")
    exit_info = ExitPointInfo(
        name=node.text("ceterms:name"), occupation=found[0] if found else Alignment(),
        description=node.text("ceterms:description"),
        is_destination=node.boolean("pathways:isDestination"),
        position=node.integer("pathways:position") or 0,
        summary=node.text("pathways:plainSummary"))
    translated(node, exit_info, name="ceterms:name", description="ceterms:description",
               summary="pathways:plainSummary")
    node.finish()
    return exit_info


def support_service(node: Node) -> SupportService:
    service = SupportService(ctid=node.ctid, name=node.text("ceterms:name"),
                             description=node.text("ceterms:description"))
    translated(node, service, name="ceterms:name", description="ceterms:description")
    categories = [concept(v) for v in node.values("ceterms:supportServiceType")]
    service.category = next((c for c in categories if c), "")
    if len(categories) > 1:
        node.report.warn(f"{node.label}: {len(categories)} support service types; "
                         f"the first ({service.category}) is used")
    providers = node.refs("ceterms:offeredBy")
    service.provider = providers[0] if providers else ""
    for cost in node.embedded("ceterms:estimatedCost"):
        if not service.cost:
            service.cost = cost.text("ceterms:description")
            translated(cost, service, cost="ceterms:description")
        cost.finish()
    node.finish()
    return service


def credential_node(node: Node, iri: str) -> CredentialRef:
    """A credential record in the file (used as a component or as a proxy's target)."""
    kind = next((t for t in node.types if t in credential_classes()), "")
    found = CredentialRef(iri=iri, ctid=node.ctid, name=node.text("ceterms:name"),
                          credential_type=kind, description=node.text("ceterms:description"),
                          described=True)
    translated(node, found, name="ceterms:name", description="ceterms:description")
    return found


# Learning opportunity records: CTDL gives them ``availableAt`` (components have none).
LEARNING_TYPES = frozenset({"ceterms:LearningProgram", "ceterms:Course",
                            "ceterms:LearningOpportunityProfile"})
_PLACE_TEXTS = {"street_address": "ceterms:streetAddress", "locality": "ceterms:addressLocality",
                "region": "ceterms:addressRegion", "postal_code": "ceterms:postalCode"}


def program_record(node: Node, iri: str, lookup: Callable[[str], list[Node]]) -> ProgramRecord:
    """A learning program's record: its name and the places it is given at."""
    found = ProgramRecord(iri=iri, ctid=node.ctid, name=node.text("ceterms:name"),
                          subject_webpage=node.text("ceterms:subjectWebpage"))
    translated(node, found, name="ceterms:name")
    for index, value in enumerate(node.values("ceterms:availableAt")):
        where = f"{node.where} {node.written['ceterms:availableAt']}[{index}]"
        if isinstance(value, dict) and not (set(value) <= {"@id"}):
            item = node.child(value, where)
        elif isinstance(value, str | dict):
            ref = value if isinstance(value, str) else value["@id"]
            item = next(iter(lookup(str(ref))), None)
            if item is None:
                node.report.unresolved[f"ceterms:availableAt -> {ref}"] += 1
                continue
        else:
            node.problem("ceterms:availableAt", says.NOT_A_PLACE, found=type(value).__name__)
            continue
        place = _place(item)
        if place is not None:
            found.places.append(place)
    return found


def _place(item: Node) -> Place | None:
    if item.types and "ceterms:Place" not in item.types:
        item.problem("@type", says.NOT_A_PLACE, found=", ".join(item.types))
        item.finish()
        return None
    place = Place(name=item.text("ceterms:name"), description=item.text("ceterms:description"),
                  **{name: item.text(term) for name, term in _PLACE_TEXTS.items()})
    translated(item, place, name="ceterms:name", description="ceterms:description")
    if not (place.name or place.street_address):
        item.problem("ceterms:streetAddress", says.PLACE_WITHOUT_NAME)
    item.finish()
    return place if place.name or place.street_address else None


def _learning_record(iri: str, lookup: Callable[[str], list[Node]]) -> ProgramRecord | None:
    target = next((n for n in lookup(iri) if LEARNING_TYPES & set(n.types)), None)
    if target is None:
        return None
    record = program_record(target, iri, lookup)
    target.finish()
    return record


def component_fields(node: Node, comp: Component, lookup: Callable[[str], list[Node]],
                     member_ctids: Callable[[list[str], Node, str], list[str]]) -> None:
    """Fill a component from its node (everything but links resolved after all are read).

    ``lookup`` finds the nodes of an @id; ``member_ctids`` turns condition targets into the
    CTIDs of the pathway's components."""
    if not comp.description:
        comp.description = node.text("ceterms:description")
        translated(node, comp, description="ceterms:description")
    comp.subject_webpage = node.text("ceterms:subjectWebpage")
    credential_type = node.text("ceterms:credentialType")
    for iri in node.refs("ceterms:proxyFor"):
        target = next((n for n in lookup(iri)
                       if any(t in credential_classes() for t in n.types)), None)
        if target is not None:
            comp.credential = credential_node(target, iri)
            target.finish()
        elif comp.component_type == "ceterms:CredentialComponent" and comp.credential is None:
            comp.credential = CredentialRef(iri=iri, ctid=registry_ctid(iri) or "")
        else:
            comp.proxy_for = comp.proxy_for or iri
            comp.program_record = comp.program_record or _learning_record(iri, lookup)
    for iri in node.refs("pathways:credential"):
        comp.credential = comp.credential or CredentialRef(iri=iri, ctid=registry_ctid(iri) or "")
    for iri in node.refs("pathways:program"):
        comp.program = iri
        comp.program_record = comp.program_record or _learning_record(iri, lookup)
    if comp.credential is not None and credential_type and not comp.credential.credential_type:
        comp.credential.credential_type = compact(credential_type)
    for ident in node.embedded("ceterms:identifier"):
        comp.code = comp.code or ident.text("ceterms:identifierValueCode")
        ident.values("ceterms:identifierTypeName")
        ident.finish()
    for value in node.embedded("ceterms:creditValue"):
        if comp.credit_value is None:
            comp.credit_value = value.decimal("schema:value")
        value.finish()
    comp.credit_value = comp.credit_value if comp.credit_value is not None \
        else node.decimal("pathways:creditValue")
    designation = node.first("ceterms:componentDesignation")
    if isinstance(designation, dict):
        item = node.child(designation, node.where)
        designation = item.text("ceterms:targetNodeName")
        item.finish()
    comp.designation = node.text_of(designation, "ceterms:componentDesignation")
    comp.occupations = (alignments(node, "ceterms:occupationType")
                        + alignments(node, "pathways:occupationType"))
    comp.position = node.integer("pathways:position")
    comp.length_weeks = node.integer("pathways:lengthWeeks")
    cost = node.decimal("pathways:cost")
    comp.cost = cost if cost is None else Decimal(cost)
    comp.is_iet = node.boolean("pathways:isIET")
    comp.is_apprenticeship = node.boolean("pathways:isApprenticeship")
    comp.entry_points = [entry_point(n) for n in node.embedded("pathways:entryPoint")]
    comp.exit_points = [exit_point(n) for n in node.embedded("pathways:exitPoint")]
    comp.conditions = [condition(n, member_ctids)
                       for n in node.embedded("ceterms:hasCondition")]
