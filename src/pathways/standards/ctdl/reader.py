"""Read CTDL JSON-LD pathway files into ``PathwayDocument``s.

Accepts what real files contain: ``@graph`` wrappers or bare lists, prefixed or
un-prefixed terms, language maps or plain strings, one value or a list, references to
records that are not in the files, and a pathway and its progression model in two files.
Refuses, with an ``InputError`` naming file and problem: malformed JSON, JSON that is not
CTDL, and the pre-standard drafts. Everything it cannot map is counted in the report.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from pathways.core.errors import InputError, InputProblem
from pathways.standards.ctdl.ids import derived_ctid, key_for
from pathways.standards.ctdl.model import ReadReport, ReadResult
from pathways.standards.ctdl.nodes import Node, as_list
from pathways.standards.ctdl.vocab import (
    CTDL_CONTEXT,
    DRAFT_TERMS,
    DRAFT_TYPES,
    EXTENSION_IRI,
    is_ctdl_context,
    is_known,
    resolve,
    vocabulary,
)

_CTDL_PREFIXES = ("ceterms:", "ceasn:", "asn:")
_CTDL_PREFIXES_BARE = ("ceterms", "ceasn", "asn")


def read_files(paths: Iterable[str | Path]) -> ReadResult:
    """Read one pathway (or several) from files read together, e.g. a pathway and its
    progression model."""
    sources = []
    for path in paths:
        path = Path(path)
        try:
            sources.append((path.name, path.read_bytes()))
        except OSError as exc:
            raise InputError(InputProblem(f"cannot read the file: {exc.strerror}",
                                          str(path))) from exc
    return read_documents(sources)


def read_documents(sources: Sequence[tuple[str, str | bytes]]) -> ReadResult:
    """Read ``(name, text)`` pairs as one set of documents."""
    from pathways.standards.ctdl.assemble import assemble

    report = ReadReport(sources=[name for name, _text in sources])
    graph = Graph(report)
    for name, text in sources:
        data = _parse(name, text)
        items, contexts = _items(name, data)
        _check_ctdl(name, items, contexts)
        graph.add_document(name, items, contexts)
    graph.index_embedded()
    pathways = assemble(graph)
    return ReadResult(pathways, report)


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
                self.problems.append(InputProblem(
                    f"expected an object, got {type(item).__name__}", source,
                    field=f"@graph[{index}]"))
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
                    embedded = Node(item, parent.source, f"{where}[{index}]", self.report,
                                    self.problems)
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


def _parse(name: str, text: str | bytes) -> object:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(InputProblem("not UTF-8 text", name)) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(InputProblem(f"malformed JSON: {exc.msg} (column {exc.colno})",
                                      name, line=exc.lineno)) from exc


def _items(name: str, data: object) -> tuple[list, list]:
    if isinstance(data, list):
        return data, [item["@context"] for item in data
                      if isinstance(item, dict) and "@context" in item]
    if not isinstance(data, dict):
        raise InputError(InputProblem(
            f"not JSON-LD: expected an object or a list of nodes, got {type(data).__name__}",
            name))
    contexts = [data["@context"]] if "@context" in data else []
    if "@graph" in data:
        graph = data["@graph"]
        if isinstance(graph, dict):
            return [graph], contexts
        if not isinstance(graph, list):
            raise InputError(InputProblem(
                f"@graph must be a list of nodes, got {type(graph).__name__}", name))
        return graph, contexts
    if "@type" in data:
        return [data], contexts
    raise InputError(InputProblem("not JSON-LD: no @graph and no @type", name))


def _check_ctdl(name: str, items: list, contexts: list) -> None:
    nodes = [item for item in items if isinstance(item, dict)]
    keys = {key for item in nodes for key in item}
    types = {t for item in nodes for t in as_list(item.get("@type")) if isinstance(t, str)}
    draft_terms = sorted(keys & DRAFT_TERMS)
    draft_types = sorted(t for t in types if t in DRAFT_TYPES
                         and t not in vocabulary().local_names)
    ctdl = any(is_ctdl_context(c) for c in contexts)
    # A "Pathway" under another context is a draft too; a schema.org Course is not.
    if draft_terms or draft_types or (contexts and not ctdl and "Pathway" in types):
        found = [f"@context {_show(contexts)}"] if contexts and not ctdl else []
        if draft_terms:
            found.append("draft terms " + ", ".join(draft_terms))
        shown_types = sorted(types & DRAFT_TYPES)
        if shown_types:
            found.append("draft types " + ", ".join(shown_types))
        raise InputError(InputProblem(
            "a pre-standard pathway draft, not CTDL (" + "; ".join(found) + "). Convert it to "
            "CTDL first: a ceterms:Pathway with ceterms:hasDestinationComponent, "
            "ceterms:*Component nodes and ceasn:hasChild", name))
    if contexts and not ctdl:
        raise InputError(InputProblem(
            f"not a CTDL document: @context is {_show(contexts)}, expected {CTDL_CONTEXT}", name))
    if not contexts and not any(str(k).startswith(_CTDL_PREFIXES) for k in keys | types):
        raise InputError(InputProblem(
            "not a CTDL document: no @context and no ceterms: terms", name))


def _near_miss(term: str) -> str | None:
    """The CTDL property a misspelt term probably meant (subjectWebPage -> subjectWebpage)."""
    prefix, _colon, local = term.rpartition(":")
    if term.startswith("@") or is_known(resolve(term)) or prefix not in ("", *_CTDL_PREFIXES_BARE):
        return None
    names = vocabulary().local_names
    lowered = {name.lower(): name for name in names}
    match = lowered.get(local.lower()) or next(
        iter(difflib.get_close_matches(local, list(names), n=1, cutoff=0.85)), None)
    return names[match] if match else None


def _show(contexts: list) -> str:
    shown = [c if isinstance(c, str) else json.dumps(c) for c in contexts]
    return ", ".join(shown)[:200]
