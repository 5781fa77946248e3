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
