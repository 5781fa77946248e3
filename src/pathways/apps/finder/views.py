"""The public finder: no login, and nothing kept.

The answers come in the address (a GET form). The page is marked ``never_cache`` when it
holds answers, so neither the public page cache (pathways.web.pagecache) nor a browser or
proxy keeps it; nothing is written to the database or the log.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from pathways.apps.catalog import queries
from pathways.apps.catalog.graph import pathway_graph
from pathways.apps.finder.forms import FinderForm
from pathways.apps.finder.matching import Answers, Results, StepFacts, find


def results_for(user, answers: Answers) -> tuple[Results, set[str]]:
    """Run the matching over the pathways a plan may aim at (published ones, read through
    the catalog's role-scoped queries); also the slugs whose partnership takes requests."""
    pathways = list(queries.plannable_pathways(user).order_by("name", "pk"))
    graphs = [(p.slug, pathway_graph(p)) for p in pathways]
    codes = {e.occupation.code for _slug, g in graphs for e in g.exit_points if e.occupation}
    interests = queries.occupation_interests(codes)
    steps = {ctid: StepFacts(step.hours_a_week, step.schedule)
             for ctid, step in queries.first_steps(pathways).items()}
    talk = {p.slug for p in pathways if p.partnership_id}
    return find(graphs, answers, interests, steps), talk


@login_not_required
@require_safe
def find_page(request: HttpRequest) -> HttpResponse:
    asked = any(name in request.GET for name in FinderForm.base_fields)
    form = FinderForm(request.GET if asked else None)
    results, talk = None, set()
    if asked and form.is_valid():
        results, talk = results_for(request.user, form.answers())
    response = render(request, "finder/find.html", {
        "form": form, "results": results, "talk": talk, "asked": asked})
    if asked:
        add_never_cache_headers(response)
    return response
