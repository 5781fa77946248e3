"""The public explorer: anyone may look at sectors, pathways and occupations.

Every view here is marked ``login_not_required`` on purpose (tests/test_url_auth.py lists
them). Who sees drafts is decided in ``queries``, never here.
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from pathways.apps.catalog import pages, queries
from pathways.apps.catalog.ctdl import to_document
from pathways.apps.catalog.explainer import example
from pathways.apps.search.queries import find
from pathways.standards import CIP, OEWS, ONET, PROJECTIONS
from pathways.standards.ctdl.writer import to_jsonld

SEARCH_RESULTS = 40  # the best ones; more would be noise
OCCUPATIONS_PER_PAGE = 50


@login_not_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    sectors = list(queries.sectors_with_counts(request.user))
    return render(request, "catalog/home.html", {
        "sectors": sectors,
        "pathway_count": sum(s.pathway_count for s in sectors),
        "occupation_count": queries.occupation_count(),
    })


@login_not_required
@require_safe
def explainer(request: HttpRequest) -> HttpResponse:
    """"What is a career pathway?", shown with one of the region's own pathways."""
    return render(request, "catalog/explainer.html", {"example": example()})


@login_not_required
@require_safe
def sectors(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/sectors.html",
                  {"sectors": queries.sectors_with_counts(request.user)})


@login_not_required
@require_safe
def sector(request: HttpRequest, slug: str) -> HttpResponse:
    sector, pathways = queries.get_sector_for(request.user, slug)
    return render(request, "catalog/sector.html", {"sector": sector, "pathways": pathways})


@login_not_required
@require_safe
def pathways(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/pathways.html",
                  {"pathways": queries.visible_pathways(request.user)})


@login_not_required
@require_safe
def pathway(request: HttpRequest, slug: str) -> HttpResponse:
    from pathways.apps.reports.published import shown_for

    found = queries.get_pathway_for(request.user, slug)
    page = pages.pathway_page(found)
    return render(request, "catalog/pathway.html", {
        "outcomes": shown_for(found),
        "pathway": found,
        "version": queries.latest_version(request.user, found),
        "page": page,
        "map": page.map,
        "sources": pages.sources(ONET, OEWS) if page.exits else [],
    })


@login_not_required
@require_safe
def pathway_ctdl(request: HttpRequest, slug: str) -> HttpResponse:
    """The pathway as a CTDL JSON-LD document, for the Credential Registry and other tools."""
    from pathways.apps.reports.published import qdata_nodes

    found = queries.get_pathway_for(request.user, slug)
    document = to_jsonld(to_document(found))
    # Published outcomes as CTDL QData, about this pathway (docs/ctdl.md).
    document["@graph"] += qdata_nodes(found, document["@graph"][0]["@id"])
    response = HttpResponse(json.dumps(document, sort_keys=True, indent=2,
                                       ensure_ascii=False) + "\n",
                            content_type="application/ld+json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{found.slug}.jsonld"'
    return response


@login_not_required
@require_safe
def pathway_version_ctdl(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """A published version of the pathway, as it was published (every version of a
    published pathway is public; ADR 0041)."""
    found = queries.get_version_for(request.user, slug, number)
    response = HttpResponse(found.document, content_type="application/ld+json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-v{number}.jsonld"'
    return response


@login_not_required
@require_safe
def occupations(request: HttpRequest) -> HttpResponse:
    """Every job, or with ``q`` the pathways and jobs the forgiving search finds (misspelt,
    plural, an alternate or Spanish title: pathways.apps.search)."""
    query = request.GET.get("q", "").strip()[:100]
    found = find(query, limit=SEARCH_RESULTS) if query else None
    jobs = found.occupations if found else queries.search_occupations("")
    page = Paginator(jobs, OCCUPATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "catalog/occupations.html", {
        "query": query, "page": page, "pathways": found.pathways if found else [],
        "sources": pages.sources(ONET),
    })


@login_not_required
@require_safe
def occupation(request: HttpRequest, code: str) -> HttpResponse:
    found = queries.get_occupation(code)
    wages = pages.area_wages(found.soc_code)
    projection = pages.projection_for(found)
    programs = list(queries.programs_for_occupation(found))
    datasets = [ONET]
    if wages:
        datasets.append(OEWS)
    if projection:
        datasets.append(PROJECTIONS)
    if programs:
        datasets.append(CIP)
    leading = queries.pathways_leading_to(request.user, found)
    return render(request, "catalog/occupation.html", {
        "occupation": found,
        "plain": pages.plain_summary(found, leading),
        "wages": wages,
        "projection": projection,
        "related": pages.related_occupations(found),
        "pathways": leading,
        "programs": programs,
        "sources": pages.sources(*datasets),
    })
