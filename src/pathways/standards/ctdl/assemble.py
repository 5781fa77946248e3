"""Turn the nodes of a set of documents into one ``PathwayDocument`` per ceterms:Pathway."""

from __future__ import annotations

from collections import Counter

from pathways.core.errors import InputError
from pathways.core.numbers import is_digits
from pathways.standards.ctdl import messages as says
from pathways.standards.ctdl import parts
from pathways.standards.ctdl.graph import Graph
from pathways.standards.ctdl.ids import derived_ctid, key_for
from pathways.standards.ctdl.model import (
    Component,
    Level,
    Organization,
    PathwayDocument,
    ProgressionModel,
)
from pathways.standards.ctdl.nodes import Node
from pathways.standards.ctdl.vocab import (
    COMPONENT_CLASSES,
    RESOURCE_AS_COMPONENT,
    credential_classes,
    resolve,
)

_LINKS = ("ceasn:hasChild", "ceasn:isChildOf", "ceterms:precedes", "ceterms:precededBy",
          "ceterms:prerequisite")
_PART_OF = ("ceterms:isPartOf", "ceasn:isPartOf", "ceterms:isDestinationComponentOf")
_IN_MODEL = ("skos:inScheme", "ceasn:inProgressionModel", "skos:topConceptOf")
# Links a component may give from its own end only ("B isChildOf A"): B belongs with A.
_BACK_LINKS = ("ceasn:isChildOf", "ceterms:precededBy", "ceterms:prerequisite")


def assemble(graph: Graph) -> list[PathwayDocument]:
    pathway_nodes = [n for n in graph.nodes if "ceterms:Pathway" in n.types and not n.twin]
    if not pathway_nodes:
        found = Counter(t for n in graph.nodes for t in n.types)
        shown = ", ".join(f"{t} x{c}" for t, c in found.most_common(6))
        sources = ", ".join(graph.report.sources)
        raise InputError(says.NO_PATHWAY.problem(sources, found=shown) if shown
                         else says.NO_TYPED_NODES.problem(sources))
    claimed: dict[int, str] = {}
    docs = [PathwayBuilder(graph, node, len(pathway_nodes) == 1, claimed).build()
            for node in pathway_nodes]
    for node in graph.nodes:
        if "ceterms:PathwaySet" in node.types:
            _pathway_set(graph, node)
    graph.finish()
    return docs


def _pathway_set(graph: Graph, node: Node) -> None:
    """A set only groups pathways, each read on its own; say which it names but lacks."""
    for iri in node.refs("ceterms:hasPathway"):
        if not any("ceterms:Pathway" in n.types for n in graph.lookup(iri)):
            graph.report.unresolved[f"ceterms:hasPathway -> {iri}"] += 1
    for term in ("ceterms:name", "ceterms:description", "ceterms:ctid"):
        node.text(term)
    node.finish()


def component_kind(node: Node) -> tuple[str, str] | None:
    """(component class, how the node is one): a component, a credential or another record."""
    for kind in node.types:
        if kind in COMPONENT_CLASSES:
            return kind, "component"
    for kind in node.types:
        if kind in credential_classes():
            return "ceterms:CredentialComponent", "credential"
        if kind in RESOURCE_AS_COMPONENT:
            return RESOURCE_AS_COMPONENT[kind], "resource"
    if "ceterms:PathwayComponent" in node.types:
        return "ceterms:BasicComponent", "component"
    return None


def _condition_targets(values: list) -> list[str]:
    """Target IRIs anywhere in (nested) raw condition objects, for the membership walk."""
    out: list[str] = []
    for value in values:
        if not isinstance(value, dict):
            continue
        for key, item in value.items():
            term = resolve(str(key))
            items = item if isinstance(item, list) else [item]
            if term == "ceterms:targetComponent":
                out += [i if isinstance(i, str) else i.get("@id", "") for i in items
                        if isinstance(i, str | dict)]
            elif term == "ceterms:hasCondition":
                out += _condition_targets(items)
    return out


class PathwayBuilder:
    def __init__(self, graph: Graph, node: Node, single: bool, claimed: dict[int, str]):
        self.graph, self.node, self.report = graph, node, graph.report
        self.single, self.claimed = single, claimed
        self.ctid_of: dict[int, str] = {}  # id(component node) -> component CTID
        self.level_of: dict[int, Level] = {}  # id(level node) -> Level
        self.notation_of: dict[str, str] = {}  # level CTID -> skos:notation
        self.inverse: list[tuple[str, str, str]] = []  # (link, from CTID, to CTID)
        self.destination_claims: list[str] = []
        self.service_refs: list[tuple[Component, list[str]]] = []  # step -> service IRIs

    # -- the pathway ---------------------------------------------------------------
    def build(self) -> PathwayDocument:
        p = self.node
        doc = PathwayDocument(ctid=p.ctid, name=p.text("ceterms:name"),
                              description=p.text("ceterms:description"),
                              subject_webpage=p.text("ceterms:subjectWebpage"),
                              uses_extension=self.graph.uses_extension)
        parts.translated(p, doc, name="ceterms:name", description="ceterms:description")
        if not doc.name:
            p.problem("ceterms:name", says.PATHWAY_WITHOUT_NAME)
        doc.owner = self._owner()
        doc.wage_area = p.text("pathways:wageArea")
        members = self._members()
        for member in members:
            how = component_kind(member)[1]
            self.ctid_of[id(member)] = member.ctid if how == "component" \
                else derived_ctid(doc.ctid, "component", member.ctid)
        doc.progression_model = self._progression_model(members)
        doc.components = [self._component(member) for member in members]
        self._apply_inverse(doc)
        doc.destination = self._destination(doc)
        for iri in p.refs("ceterms:hasSupportService"):
            nodes = self.graph.lookup(iri)
            if nodes:
                doc.support_services.append(parts.support_service(nodes[0]))
            else:
                self.report.unresolved[f"ceterms:hasSupportService -> {iri}"] += 1
        self._step_services(doc)
        doc.occupations = parts.alignments(p, "ceterms:occupationType")
        doc.industries = parts.alignments(p, "ceterms:industryType")
        doc.programs = parts.alignments(p, "ceterms:instructionalProgramType")
        p.values("ceterms:hasPart")  # read by the membership walk
        p.finish()
        return doc

    def _step_services(self, doc: PathwayDocument) -> None:
        """A step's services, matched by CTID with the pathway's; others are read once."""
        known = {s.ctid: s for s in doc.support_services if s.ctid}
        for comp, iris in self.service_refs:
            for iri in iris:
                nodes = [n for n in self.graph.lookup(iri)
                         if "ceterms:SupportService" in n.types]
                if not nodes:
                    self.report.unresolved[f"pathways:hasSupportService -> {iri}"] += 1
                    continue
                ctid = nodes[0].ctid
                if ctid not in known:
                    known[ctid] = parts.support_service(nodes[0])
                    doc.step_services.append(known[ctid])
                if ctid and ctid not in comp.support_services:
                    comp.support_services.append(ctid)

    def _owner(self) -> Organization | None:
        iris = self.node.refs("ceterms:ownedBy") + self.node.refs("ceterms:offeredBy")
        if not iris:
            return None
        nodes = self.graph.lookup(iris[0])
        if not nodes:
            self.report.unresolved[f"ceterms:ownedBy -> {iris[0]}"] += 1
            return Organization(iris[0])
        org = nodes[0]
        owner = Organization(iris[0], org.text("ceterms:name"), org.text("ceterms:subjectWebpage"))
        org.values("ceterms:ctid")
        org.finish()
        return owner

    # -- which nodes are the pathway's components ------------------------------------
    def _members(self) -> list[Node]:
        p, found, order = self.node, {}, []

        def add(node: Node) -> None:
            if id(node) in found or node.twin or component_kind(node) is None:
                return
            if node.has("pathways:exitPointOf"):
                node.skip()  # the writer derives these from exit points; nothing to read
                return
            if self.claimed.get(id(node), p.ctid) != p.ctid:
                self.report.warn(f"{node.label} is part of two pathways; it stays with the first")
                return
            found[id(node)] = node
            order.append(node)

        for term in ("ceterms:hasDestinationComponent", "ceterms:hasPart"):
            for iri in p.refs(term, peek=True):
                for node in self.graph.lookup(iri):
                    add(node)
        for node in self.graph.nodes:
            if p.key and any(key_for(iri) == p.key for term in _PART_OF
                             for iri in node.refs(term, peek=True)):
                add(node)
        pointing: dict[str, list[Node]] = {}  # key -> nodes linking to it from their end
        for node in self.graph.nodes:
            for iri in (i for term in _BACK_LINKS for i in node.refs(term, peek=True)):
                pointing.setdefault(key_for(iri), []).append(node)
        index = 0
        while index < len(order):  # walk the links from what is known to be in
            node = order[index]
            index += 1
            iris = [iri for term in _LINKS for iri in node.refs(term, peek=True)]
            iris += _condition_targets(node.peek("ceterms:hasCondition"))
            for iri in iris:
                for linked in self.graph.lookup(iri):
                    add(linked)
            for linked in pointing.get(node.key or "", []):
                add(linked)
        if self.single:  # a lone pathway owns every component in its files
            for node in self.graph.nodes:
                if (component_kind(node) or ("", ""))[1] == "component":
                    add(node)
        rank = {id(n): i for i, n in enumerate(self.graph.nodes)}
        order.sort(key=lambda n: rank.get(id(n), len(rank)))
        for node in order:
            self.claimed[id(node)] = p.ctid
        return order

    def member_ctids(self, iris: list[str], node: Node, term: str) -> list[str]:
        """Component CTIDs for references; references to nothing in the files are reported."""
        out = []
        for iri in iris:
            nodes = self.graph.lookup(iri)
            if not nodes:
                self.report.unresolved[f"{node.written.get(term, term)} -> {iri}"] += 1
            for target in nodes:
                if id(target) in self.ctid_of:
                    out.append(self.ctid_of[id(target)])
                elif not target.has("pathways:exitPointOf"):
                    self.report.warn(f"{node.label}: {term} points to {target.label}, "
                                     "which is not a component of the pathway")
        return list(dict.fromkeys(out))

    # -- progression model and levels ----------------------------------------------
    def _progression_model(self, members: list[Node]) -> ProgressionModel | None:
        p = self.node
        model_node, model_ctid = None, None
        for iri in p.refs("asn:hasProgressionModel")[:1]:
            nodes = self.graph.lookup(iri)
            if nodes:
                model_node, model_ctid = nodes[0], nodes[0].ctid
            else:
                self.report.unresolved[f"asn:hasProgressionModel -> {iri}"] += 1
                model_ctid = key_for(iri)
        level_nodes: dict[int, Node] = {}
        if model_node is not None:
            for iri in model_node.refs("skos:hasTopConcept"):
                for node in self.graph.lookup(iri)[:1]:
                    level_nodes.setdefault(id(node), node)
            for node in self.graph.nodes:
                if model_node.key and any(key_for(iri) == model_node.key for term in _IN_MODEL
                                          for iri in node.refs(term, peek=True)):
                    level_nodes.setdefault(id(node), node)
        for member in members:
            for iri in member.refs("asn:hasProgressionLevel", peek=True):
                for node in self.graph.lookup(iri)[:1]:
                    level_nodes.setdefault(id(node), node)
        if not level_nodes and model_ctid is None:
            return None
        model = ProgressionModel(model_ctid or derived_ctid(p.ctid, "progression-model"))
        if model_node is not None:
            model.name = model_node.text("ceasn:name")
            model.description = model_node.text("ceasn:description")
            model_node.finish()
        for number, node in enumerate(self._ordered(list(level_nodes.values())), start=1):
            level = Level(node.ctid, node.text("skos:prefLabel"), node.text("skos:definition"))
            parts.translated(node, level, name="skos:prefLabel", description="skos:definition")
            self.notation_of[level.ctid] = node.text("skos:notation")
            if not level.name:
                level.name = self.notation_of[level.ctid] or f"Level {number}"
                self.report.warn(f"{node.label}: a level without skos:prefLabel, "
                                 f"named {level.name!r}")
            for term in (*_IN_MODEL, "ceterms:precedes", "ceterms:precededBy", "ceterms:ctid"):
                node.values(term)
            node.finish()
            self.level_of[id(node)] = level
            model.levels.append(level)
        return model

    def _ordered(self, nodes: list[Node]) -> list[Node]:
        """Levels in order: by numeric skos:notation, else along ceterms:precedes."""
        notations = [n.text_of((n.peek("skos:notation") or [""])[0], "skos:notation")
                     for n in nodes]
        if nodes and all(is_digits(x.replace(".", "", 1)) for x in notations):
            pairs = sorted(zip(notations, range(len(nodes)), strict=True),
                           key=lambda pair: float(pair[0]))
            return [nodes[i] for _notation, i in pairs]
        by_key = {n.key: n for n in nodes if n.key}
        after: dict[int, set[int]] = {id(n): set() for n in nodes}
        for node in nodes:
            for term, forward in (("ceterms:precedes", True), ("ceterms:precededBy", False)):
                for iri in node.refs(term, peek=True):
                    other = by_key.get(key_for(iri))
                    if other is node:
                        self.report.warn(f"{node.label}: {term} points to itself; ignored")
                    elif other is not None:
                        first, then = (node, other) if forward else (other, node)
                        after[id(then)].add(id(first))
        ordered: list[Node] = []
        while len(ordered) < len(nodes):
            placed = {id(n) for n in ordered}
            ready = next((n for n in nodes if id(n) not in placed and after[id(n)] <= placed),
                         None)
            if ready is None:
                self.report.warn("the levels' ceterms:precedes links form a loop; "
                                 "file order is used for the rest")
                ordered += [n for n in nodes if id(n) not in placed]
                break
            ordered.append(ready)
        return ordered

    # -- components ----------------------------------------------------------------
    def _component(self, node: Node) -> Component:
        kind, how = component_kind(node)
        comp = Component(ctid=self.ctid_of[id(node)], component_type=kind,
                         name=node.text("ceterms:name"))
        parts.translated(node, comp, name="ceterms:name")
        node.values("ceterms:ctid")
        if how == "credential":
            comp.credential = parts.credential_node(node, node.iri or "")
        elif how == "resource":
            comp.proxy_for = node.iri or ""
        for iri in node.refs("asn:hasProgressionLevel"):
            level = next((self.level_of[id(n)] for n in self.graph.lookup(iri)
                          if id(n) in self.level_of), None)
            if level is None:
                self.report.unresolved[f"asn:hasProgressionLevel -> {iri}"] += 1
            comp.level = comp.level or (level.ctid if level else None)
        parts.component_fields(node, comp, self.graph.lookup, self.member_ctids)
        self.service_refs.append((comp, node.refs("pathways:hasSupportService")))
        comp.precedes = self.member_ctids(node.refs("ceterms:precedes"), node, "ceterms:precedes")
        comp.children = self.member_ctids(node.refs("ceasn:hasChild"), node, "ceasn:hasChild")
        # Links written from the other end: "B precededBy A" means A precedes B.
        for term, link in (("ceterms:precededBy", "precedes"), ("ceterms:prerequisite", "precedes"),
                           ("ceasn:isChildOf", "children")):
            for other in self.member_ctids(node.refs(term), node, term):
                self.inverse.append((link, other, comp.ctid))
        if node.has("ceterms:prerequisite"):
            self.report.warn("ceterms:prerequisite (a Course property) on components is read "
                             "as ceterms:precededBy")
        for iri in node.refs("ceterms:isDestinationComponentOf"):
            if key_for(iri) == self.node.key:
                self.destination_claims.append(comp.ctid)
        for term in _PART_OF[:2]:
            node.values(term)
        self._program_term(node, comp)
        if not comp.name:
            first = comp.conditions[0] if comp.conditions else None
            comp.name = (first.name or first.description) if first else ""
            comp.name = comp.name or f"Unnamed {kind.split(':')[-1]}"
            self.report.warn(f"{node.label}: no ceterms:name; named {comp.name!r}")
        node.finish()
        return comp

    def _program_term(self, node: Node, comp: Component) -> None:
        """A programTerm ("4th Term") names a level when the file gives no hasProgressionLevel."""
        for value in node.values("ceterms:programTerm"):
            term = node.child(value, node.where) if isinstance(value, dict) else None
            label = term.text("ceterms:targetNodeName") if term else node.text_of(value, "")
            code = term.text("ceterms:codedNotation") if term else ""
            if term:
                term.finish()
            levels = list(self.level_of.values())
            match = next((lv for lv in levels if lv.name.lower() == label.lower()
                          or (code and self.notation_of.get(lv.ctid) == code)), None)
            if match and comp.level is None:
                comp.level = match.ctid
                self.report.warn(f"{node.label}: ceterms:programTerm {label!r} read as the "
                                 f"progression level {match.name!r}")
            elif not match:
                self.report.unmapped_values[f"ceterms:programTerm = {label or code}"] += 1

    def _apply_inverse(self, doc: PathwayDocument) -> None:
        by_ctid = {c.ctid: c for c in doc.components}
        for link, source, target in self.inverse:
            values = getattr(by_ctid[source], link)
            if target not in values:
                values.append(target)

    def _destination(self, doc: PathwayDocument) -> str | None:
        chosen: list[str] = []
        for iri in self.node.refs("ceterms:hasDestinationComponent"):
            nodes = self.graph.lookup(iri)
            if not nodes:
                self.report.unresolved[f"ceterms:hasDestinationComponent -> {iri}"] += 1
            for node in nodes:
                if node.has("pathways:exitPointOf"):
                    node = next(iter(self.graph.lookup(str(node.peek("pathways:exitPointOf")[0]))),
                                node)
                if id(node) in self.ctid_of:
                    chosen.append(self.ctid_of[id(node)])
        chosen = list(dict.fromkeys(chosen)) or self.destination_claims[:1]
        if len(chosen) > 1:
            self.report.warn(f"{self.node.label}: {len(chosen)} destination components; CTDL "
                             "allows one, the first is used")
        if not chosen:
            return None
        destination = chosen[0]
        required_by = [c.name for c in doc.components
                       if destination in c.children
                       or any(destination in cond.targets for cond in c.all_conditions())]
        if required_by:
            name = doc.component(destination).name
            self.report.warn(f"the destination {name!r} is itself required by "
                             f"{', '.join(sorted(required_by))}: check the file's "
                             "ceterms:hasDestinationComponent")
        return destination
