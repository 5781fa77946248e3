"""The WIOA Sec. 3(7) panel for a catalog pathway, with reasons in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from pathways.apps.catalog.graph import pathway_graph
from pathways.apps.catalog.models import Pathway, SupportService
from pathways.navigation import PathwayGraph, check_pathway


@dataclass(frozen=True)
class ElementResult:
    element: str
    title: str
    status: str
    reasons: list[str]


def _localised(params: dict) -> dict:
    """Support categories named in the reader's language instead of the engine's English."""
    if "categories" not in params:
        return params
    labels = dict(SupportService.Category.choices)
    names = ", ".join(str(labels.get(code, code)).lower() for code in params["categories"])
    return {**params, "kinds": names}


def wioa_check(pathway: Pathway, graph: PathwayGraph | None = None) -> list[ElementResult]:
    """Elements (A)-(G), each met / not_met / cannot_tell, with translated reasons.

    Pass ``graph`` when the caller has built it already (it costs a dozen queries)."""
    results = []
    for result in check_pathway(graph or pathway_graph(pathway)):
        reasons = [gettext(r.template) % _localised(r.params) if r.params
                   else gettext(r.template) for r in result.reasons]
        results.append(ElementResult(result.element, gettext(result.title), result.status,
                                     reasons))
    return results
