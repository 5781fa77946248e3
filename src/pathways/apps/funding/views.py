"""Funding pages: the streams, a partnership's totals and own streams, awards on a plan."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pathways.apps.accounts.rules import requires
from pathways.apps.cases import queries as cases_queries
from pathways.apps.catalog import queries as catalog_queries
from pathways.apps.catalog.models import Pathway, PathwayComponent
from pathways.apps.funding import actions, queries
from pathways.apps.funding.forms import AwardForm, FactsForm, StreamFileForm
from pathways.apps.funding.fundingmap import funding_map
from pathways.apps.funding.intake import asked_facts
from pathways.apps.funding.registry import partnerships_of_participant, streams_for
from pathways.core.errors import InputError
from pathways.funding.budget import in_order
from pathways.funding.facts import COST_KINDS
from pathways.funding.loader import shipped_streams


def _kinds(stream) -> list[str]:
    return [_(COST_KINDS[kind]) for kind in stream.kinds]


@requires(queries.VIEW)
@require_safe
def streams(request: HttpRequest) -> HttpResponse:
    """The shipped federal streams, each rule with its source, and the caller's
    partnerships."""
    shipped = in_order(shipped_streams().values())
    return render(request, "funding/streams.html", {
        "streams": [(s, _kinds(s)) for s in shipped],
        "partnerships": queries.partnerships_for(request.user)})


@requires(queries.VIEW)
@require_http_methods(["GET", "HEAD", "POST"])
def partnership(request: HttpRequest, pk: int) -> HttpResponse:
    """Totals awarded by stream, the partnership's own streams, and (for staff with
    ``funding.streams``) a form to add or replace one."""
    access = queries.get_partnership_for(request.user, pk)
    form = StreamFileForm()
    if request.method == "POST":
        form = StreamFileForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                row = actions.save_stream(access, form.cleaned_data["yaml"],
                                          form.cleaned_data["name"])
            except InputError as exc:
                for problem in exc.problems:
                    form.add_error(None, str(problem))
            else:
                messages.success(request, _("Saved the funding stream %(title)s.")
                                 % {"title": row.title})
                return redirect("funding:partnership", pk)
    own = list(queries.own_stream_rows(access.partnership))
    pathways = Pathway.objects.filter(partnership=access.partnership,
                                      draft_of__isnull=True).order_by("name")
    return render(request, "funding/partnership.html", {
        "access": access, "partnership": access.partnership, "form": form,
        "totals": queries.totals_by_stream(access.partnership), "own": own,
        "pathways": pathways,
    }, status=400 if form.errors else 200)


@requires(queries.VIEW)
@require_safe
def pathway_map(request: HttpRequest, slug: str) -> HttpResponse:
    """Which streams can pay for each step and support service of a pathway, and the gaps."""
    found = catalog_queries.get_pathway_for(request.user, slug)
    lines = funding_map(found)
    return render(request, "funding/pathway_map.html", {
        "pathway": found, "lines": lines, "gaps": sum(line.gap for line in lines)})


@requires(queries.AWARD)
@require_http_methods(["GET", "HEAD", "POST"])
def award(request: HttpRequest, pk: int) -> HttpResponse:
    access = cases_queries.get_participant_access(request.user, pk,
                                                  page=request.resolver_match.url_name)
    found = access.participant
    plan = getattr(found, "plan", None)
    components = PathwayComponent.objects.filter(pathway_id=plan.pathway_id) \
        if plan is not None else PathwayComponent.objects.none()
    available = in_order(streams_for(partnerships_of_participant(found)).values())
    form = AwardForm(request.POST if request.method == "POST" else None,
                     streams=available, components=components)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_award(access, form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items() if hasattr(exc, "error_dict") \
                    else [(None, exc.messages)]:
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The award is recorded."))
            return redirect(found.get_absolute_url() + "#budget-heading")
    return render(request, "cases/form.html", {
        "form": form, "title": _("Record a funding award"), "participant": found,
        "intro": _("Record what a funding stream has actually awarded. The plan then "
                   "counts it as paid, before any likely aid."),
        "submit": _("Record the award")}, status=400 if form.errors else 200)


@requires(queries.AWARD)
@require_http_methods(["GET", "HEAD", "POST"])
def facts(request: HttpRequest, pk: int) -> HttpResponse:
    """What funding rules need that the assessment does not ask."""
    access = cases_queries.get_participant_access(request.user, pk,
                                                  page=request.resolver_match.url_name)
    found = access.participant
    form = FactsForm(request.POST if request.method == "POST" else None,
                     answers=asked_facts(found))
    if request.method == "POST" and form.is_valid():
        actions.record_facts(access, form.answers(), timezone.localdate())
        messages.success(request, _("The funding facts are saved."))
        return redirect(found.get_absolute_url() + "#budget-heading")
    return render(request, "cases/form.html", {
        "form": form, "title": _("Funding facts"), "participant": found,
        "intro": _("Ask only what the person agrees to tell. “Not asked” stays unknown, "
                   "and the plan says which funding it would settle."),
        "submit": _("Save")}, status=400 if form.errors else 200)


@requires(queries.AWARD)
@require_POST
def remove_award(request: HttpRequest, pk: int, award_id: int) -> HttpResponse:
    access = cases_queries.get_participant_access(request.user, pk,
                                                  page=request.resolver_match.url_name)
    actions.remove_award(access, queries.award_of(access, award_id))
    messages.success(request, _("The award is removed."))
    return redirect(access.participant.get_absolute_url() + "#budget-heading")
