"""Read CTDL JSON-LD pathway files into ``PathwayDocument``s.

Accepts what real files contain: ``@graph`` wrappers or bare lists, prefixed or
un-prefixed terms, language maps or plain strings (a language whose value is null or empty
is absent), one value or a list, references to records that are not in the files, a
pathway and its progression model in two files, a ``ceterms:PathwaySet`` of several
pathways (written inside it or beside it), and links given from one end only.
Refuses, with an ``InputError`` naming file, node and field: malformed JSON, files past
the limits of ``limits`` (size, nodes, text length, nesting), names that are not text,
values of the wrong type, JSON that is not CTDL, and the pre-standard drafts. Everything
it cannot map is counted in the report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from pathways.core.errors import InputError
from pathways.core.jsondata import CANNOT_READ, load_json
from pathways.standards.ctdl import messages as says
from pathways.standards.ctdl.assemble import assemble
from pathways.standards.ctdl.graph import Graph
from pathways.standards.ctdl.limits import MAX_FILE_BYTES, MAX_NESTING, MAX_NODES
from pathways.standards.ctdl.model import ReadReport, ReadResult
from pathways.standards.ctdl.nodes import as_list
from pathways.standards.ctdl.vocab import (
    CTDL_CONTEXT,
    CTDL_PREFIXES,
    DRAFT_TERMS,
    DRAFT_TYPES,
    is_ctdl_context,
    resolve,
    vocabulary,
)

_CTDL_TERM_STARTS = tuple(f"{prefix}:" for prefix in CTDL_PREFIXES)


def read_files(paths: Iterable[str | Path]) -> ReadResult:
    """Read one pathway (or several) from files read together, e.g. a pathway and its
    progression model."""
    sources = []
    for path in paths:
        path = Path(path)
        try:
            with path.open("rb") as handle:
                sources.append((path.name, handle.read(MAX_FILE_BYTES + 1)))
        except OSError as exc:
            raise InputError(CANNOT_READ.problem(str(path), reason=exc.strerror)) from exc
    return read_documents(sources)


def read_documents(sources: Sequence[tuple[str, str | bytes]]) -> ReadResult:
    """Read ``(name, text)`` pairs as one set of documents."""
    report = ReadReport(sources=[name for name, _text in sources])
    graph = Graph(report)
    count = 0
    for name, text in sources:
        data = _parse(name, text)
        items, contexts = _items(name, data)
        items = _lift_pathways(items)
        count += len(items)
        if count > MAX_NODES:
            raise InputError(says.TOO_MANY_NODES.problem(name, limit=f"{MAX_NODES:,}"))
        _check_ctdl(name, items, contexts)
        graph.add_document(name, items, contexts)
    graph.index_embedded()
    pathways = assemble(graph)
    return ReadResult(pathways, report)


def _parse(name: str, text: str | bytes) -> object:
    """JSON within the limits of ``core.jsondata`` (size, nesting), or InputError."""
    return load_json(name, text, max_bytes=MAX_FILE_BYTES, max_depth=MAX_NESTING)


def _lift_pathways(items: list) -> list:
    """Pathways written inside a ``ceterms:PathwaySet`` become nodes of their own, and the
    set refers to them by @id (as when they are written beside it)."""
    out = list(items)
    for item in items:
        if not isinstance(item, dict) or "ceterms:PathwaySet" not in {
                resolve(t) for t in as_list(item.get("@type")) if isinstance(t, str)}:
            continue
        for key in [k for k in item if resolve(str(k)) == "ceterms:hasPathway"]:
            refs = []
            for value in as_list(item[key]):
                if isinstance(value, dict) and "@type" in value:
                    out.append(value)
                    if isinstance(value.get("@id"), str):
                        refs.append(value["@id"])
                else:
                    refs.append(value)
            item[key] = refs
    return out


def _items(name: str, data: object) -> tuple[list, list]:
    if isinstance(data, list):
        return data, [item["@context"] for item in data
                      if isinstance(item, dict) and "@context" in item]
    if not isinstance(data, dict):
        raise InputError(says.NOT_JSON_LD.problem(name, found=type(data).__name__))
    contexts = [data["@context"]] if "@context" in data else []
    if "@graph" in data:
        graph = data["@graph"]
        if isinstance(graph, dict):
            return [graph], contexts
        if not isinstance(graph, list):
            raise InputError(says.GRAPH_NOT_LIST.problem(name, found=type(graph).__name__))
        return graph, contexts
    if "@type" in data:
        return [data], contexts
    raise InputError(says.NO_GRAPH_NO_TYPE.problem(name))


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
        raise InputError(says.PRE_STANDARD_DRAFT.problem(
            name, terms=", ".join(draft_terms) or "-",
            types=", ".join(sorted(types & DRAFT_TYPES)) or "-",
            context=_show(contexts) if contexts and not ctdl else "-"))
    if contexts and not ctdl:
        raise InputError(says.WRONG_CONTEXT.problem(name, context=_show(contexts),
                                                    expected=CTDL_CONTEXT))
    if not contexts and not any(str(k).startswith(_CTDL_TERM_STARTS) for k in keys | types):
        raise InputError(says.NO_CTDL_TERMS.problem(name))


def _show(contexts: list) -> str:
    shown = [c if isinstance(c, str) else json.dumps(c) for c in contexts]
    return ", ".join(shown)[:200]
