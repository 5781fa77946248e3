"""The WIOA Sec. 3(7) panel for a catalog pathway, with reasons in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from pathways.apps.catalog.graph import pathway_graph
from pathways.apps.catalog.models import Pathway
from pathways.navigation import check_pathway


@dataclass(frozen=True)
class ElementResult:
    element: str
    title: str
    status: str
    reasons: list[str]


def wioa_check(pathway: Pathway) -> list[ElementResult]:
    """Elements (A)-(G), each met / not_met / cannot_tell, with translated reasons."""
    results = []
    for result in check_pathway(pathway_graph(pathway)):
        reasons = [gettext(r.template) % r.params if r.params else gettext(r.template)
                   for r in result.reasons]
        results.append(ElementResult(result.element, gettext(result.title), result.status,
                                     reasons))
    return results
