"""The nodes of a set of CTDL documents, findable by @id: what the reader fills and the
assembler reads (a module of its own, so that neither imports the other)."""

from __future__ import annotations

import difflib
import json

from pathways.core.errors import InputError, InputProblem
from pathways.standards.ctdl import messages as says
from pathways.standards.ctdl.ids import derived_ctid, key_for
from pathways.standards.ctdl.model import ReadReport
from pathways.standards.ctdl.nodes import Node, as_list
from pathways.standards.ctdl.vocab import (
    CTDL_PREFIXES,
    EXTENSION_IRI,
    is_known,
    resolve,
    vocabulary,
)


class Graph:
    """Every node of the documents, findable by the key of its @id."""

    def __init__(self, report: ReadReport):
        self.report = report
        self.problems: list[InputProblem] = []
        self.nodes: list[Node] = []
        self.by_key: dict[str, list[Node]] = {}
        self.uses_extension = False
        self._raw: dict[int, dict] = {}

    def add_document(self, source: str, items: list, contexts: list) -> None:
        self.uses_extension |= any(EXTENSION_IRI in json.dumps(c) for c in contexts)
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                self.problems.append(says.NOT_AN_OBJECT.problem(
                    source, field=f"@graph[{index}]", found=type(item).__name__))
                continue
            node = Node(item, source, f"@graph[{index}]", self.report, self.problems)
            self._raw[id(node)] = item
            self.nodes.append(node)
            if node.key:
                self._index(node, item)

    def _index(self, node: Node, item: dict) -> None:
        same = self.by_key.setdefault(node.key, [])
        if any(self._raw.get(id(other)) == item for other in same):
            node.skip()  # the same record twice (a service shared by two files): read once
            node.twin = True
            return
        if same:
            # Two different records under one @id (seen in the Bakersfield example): keep
            # both, the second under its own derived CTID, and say so.
            node.override_ctid(derived_ctid("iri", node.iri or "", str(len(same) + 1)))
            self.report.warn(f"{node.label}: @id {node.iri} is used by {len(same) + 1} "
                             f"different nodes; both are kept, this one as {node.ctid}")
        same.append(node)

    def index_embedded(self) -> None:
        """Records written inside others (a level inside a component) become findable too."""
        def visit(value: object, parent: Node, where: str) -> None:
            for index, item in enumerate(as_list(value)):
                if not isinstance(item, dict):
                    continue
                if (isinstance(item.get("@id"), str) and len(item) > 1
                        and key_for(item["@id"]) not in self.by_key):
                    embedded = parent.child(item, f"{where}[{index}]")
                    self.by_key[embedded.key] = [embedded]
                for key, inner in item.items():
                    if not str(key).startswith("@"):
                        visit(inner, parent, f"{where}[{index}] {key}")

        for node in list(self.nodes):
            for term, value in node.data.items():
                if not term.startswith("@"):
                    visit(value, node, f"{node.where} {node.written[term]}")

    def lookup(self, iri: str) -> list[Node]:
        return self.by_key.get(key_for(iri), [])

    def finish(self) -> None:
        """Report records nobody read, then fail if any value had the wrong type."""
        for node in self.nodes:
            if not node.visited:
                kind = ", ".join(node.types) or "(no @type)"
                self.report.unmapped[f"@type {kind}"] += 1
        for term in sorted(self.report.unmapped):
            hint = _near_miss(term)
            if hint:
                self.report.warn(f"{term} is not a CTDL term; did you mean {hint}?")
        if self.problems:
            raise InputError(self.problems)


def _near_miss(term: str) -> str | None:
    """The CTDL property a misspelt term probably meant (subjectWebPage -> subjectWebpage)."""
    prefix, _colon, local = term.rpartition(":")
    if term.startswith("@") or is_known(resolve(term)) or prefix not in ("", *CTDL_PREFIXES):
        return None
    names = vocabulary().local_names
    lowered = {name.lower(): name for name in names}
    match = lowered.get(local.lower()) or next(
        iter(difflib.get_close_matches(local, list(names), n=1, cutoff=0.85)), None)
    return names[match] if match else None
