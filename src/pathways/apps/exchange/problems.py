"""Problems of an upload in the reader's language: a problem with a template (the CTDL
reader's, ``core.errors.Message``) is translated; any other keeps its text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

from pathways.core.errors import InputProblem


@dataclass(frozen=True)
class ShownProblem:
    line: int | None
    node: str
    field: str
    message: str


def translated(problem: InputProblem) -> str:
    if not problem.template:
        return problem.message
    return gettext(problem.template) % problem.params if problem.params \
        else gettext(problem.template)


def shown(problems: Iterable[InputProblem]) -> list[ShownProblem]:
    return [ShownProblem(p.line, p.node, p.field, translated(p)) for p in problems]


def stored(problem: InputProblem) -> dict:
    """A problem as a failed job's report keeps it, to be shown later in any language."""
    return {"source": problem.source, "line": problem.line, "node": problem.node,
            "field": problem.field, "message": problem.message,
            "template": problem.template, "params": dict(problem.params)}


def told(report: dict) -> list[str]:
    """A failed job's problems, each with where it is, in the reader's language (a job
    written before problems were kept this way shows its English text)."""
    kept = report.get("translatable")
    if not kept:
        return list(report.get("problems", []))
    out = []
    for item in kept:
        problem = InputProblem(item["message"], item["source"], item["line"], item["field"],
                               item["node"], item["template"], item["params"])
        where = [problem.source] if problem.source else []
        if problem.line is not None:
            where.append(gettext("line %(line)s") % {"line": problem.line})
        if problem.node:
            where.append(gettext("node %(node)s") % {"node": problem.node})
        if problem.field:
            where.append(gettext("field %(field)s") % {"field": problem.field})
        text = translated(problem)
        out.append(f"{', '.join(where)}: {text}" if where else text)
    return out
