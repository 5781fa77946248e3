"""Pages of the reports app: a partnership's shared measures (all need a login).

Who may see which partnership is decided in ``queries``; writes go through ``actions``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from pathways import __version__
from pathways.apps.accounts.roles import user_can
from pathways.apps.accounts.rules import requires
from pathways.apps.reports import actions, pages, queries
from pathways.apps.reports.forms import PublishForm, UploadForm, WithdrawForm
from pathways.apps.reports.stored import as_measures, window_of
from pathways.core.csvwriter import frame_to_csv
from pathways.core.errors import InputError
from pathways.core.numbers import record_id


@requires(queries.VIEW)
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    partnerships = list(queries.partnerships_for(request.user))
    if len(partnerships) == 1:
        return redirect("reports:dashboard", pk=partnerships[0].pk)
    return render(request, "reports/index.html", {"partnerships": partnerships})


def _run_pk(request: HttpRequest) -> int | None:
    """The run asked for (none: the latest); anything but a run number is a bad request."""
    text = request.GET.get("run", "")
    if not text:
        return None
    found = record_id(text)
    if found is None:
        raise BadRequest("run must be a run number")
    return found


@requires(queries.VIEW)
@require_safe
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    access, run = queries.run_for(request.user, pk, _run_pk(request))
    context = {"partnership": access.partnership, "run": run,
               "runs": queries.runs_of(access.partnership)[:20],
               "can_record": access.may_record, "can_publish": access.may_publish,
               "version": __version__, "can_link": user_can(request.user, "linkage.run")}
    if run is not None:
        present = pages.dimensions_of(run)
        dimension = pages.chosen_dimension(present, request.GET.get("dimension"))
        # Built only when the template's cache of this run's page misses.
        context.update(dimension=dimension, dimensions=pages.dimension_choices(present),
                       page=SimpleLazyObject(lambda: pages.build(run, dimension)))
    return render(request, "reports/dashboard.html", context)


@requires(queries.VIEW)
@require_safe
def download(request: HttpRequest, pk: int, run: int, fmt: str) -> HttpResponse:
    """The stored (published) table as CSV, or as CTDL QData JSON-LD."""
    from pathways.metrics.outputs import tidy_frame
    from pathways.metrics.qdata import dataset, dumps

    if fmt not in {"csv", "jsonld"}:
        raise Http404("No such format")
    access, found = queries.downloadable_run(request.user, pk, run)
    partnership = access.partnership
    table = pages.cells_frame(found)
    name = f"measures-{partnership.pk}-{found.pk}"
    if fmt == "csv":
        response = HttpResponse(frame_to_csv(tidy_frame(table)),
                                content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    document = dataset(table, as_measures(found), window_of(found),
                       title=f"{partnership.name}: shared performance measures",
                       threshold=found.threshold)
    response = HttpResponse(dumps(document), content_type="application/ld+json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.jsonld"'
    return response


@requires(queries.RECORD)
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_measures_access(request.user, pk)
    partnership = access.partnership
    form = UploadForm(request.POST or None, request.FILES or None,
                      min_threshold=queries.min_threshold())
    if request.method == "POST" and form.is_valid():
        # Bad rows are found by the job; its page lists them (ADR 0050).
        data = form.cleaned_data
        job = actions.queue_run(access, data["pirl"], data.get("wages"), data["start"],
                                data["end"], data["as_of"], data["threshold"])
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "reports/upload.html", {"partnership": partnership, "form": form})


@requires(queries.RECORD)
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    """Confirm, with a reason, that a stored run is taken back."""
    access, found = queries.run_for(request.user, pk, run)
    partnership = access.partnership
    form = WithdrawForm(request.POST or None)
    if found.is_withdrawn:
        form = None
    elif request.method == "POST" and form.is_valid():
        try:
            actions.withdraw_run(access, found, form.cleaned_data["reason"])
        except InputError as exc:
            form.add_error("reason", "; ".join(p.message for p in exc.problems))
        else:
            messages.success(request, _("The run was withdrawn. The dashboard now shows "
                                        "the latest run that stands."))
            return redirect("reports:dashboard", pk=partnership.pk)
    return render(request, "reports/withdraw.html", {
        "partnership": partnership, "run": found, "form": form},
        status=400 if form is not None and form.errors else 200)


def _cell_label(cell, measures: dict) -> str:
    from pathways.apps.reports import wording
    from pathways.metrics.charts import format_value

    info = measures.get(cell.measure, {"name": cell.measure, "unit": "rate"})
    return (f"{wording.translate(info['name'])} · {wording.dimension_title(cell.dimension)}: "
            f"{wording.group_title(cell.dimension, cell.group)} · "
            f"{format_value(cell.decimal_value, info['unit'], _('days'))} "
            f"(n = {cell.denominator})")


@requires(queries.PUBLISH)
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    """Choose figures of a run to show on the partnership's public pathway pages."""
    from pathways.apps.reports import published

    access, found = queries.run_for(request.user, pk, run)
    partnership = access.partnership
    pathways = list(queries.pathways_of(partnership))
    cells = [] if found.is_withdrawn else published.publishable_cells(found)
    measures = {m["id"]: m for m in found.measures}
    form = PublishForm(request.POST or None, pathways=pathways,
                       cells=[(c.pk, _cell_label(c, measures)) for c in cells])
    status = 200
    if request.method == "POST":
        if found.is_withdrawn:
            raise Http404("This run was withdrawn")
        if form.is_valid():
            cell = next(c for c in cells if c.pk == form.cleaned_data["cell"])
            pathway = next(p for p in pathways if p.pk == form.cleaned_data["pathway"])
            try:
                actions.publish_figure(access, found, pathway, cell.measure, cell.dimension,
                                       cell.group)
            except InputError as exc:
                form.add_error("cell", "; ".join(p.message for p in exc.problems))
            else:
                messages.success(request, _("The figure is now on the pathway's public "
                                            "page."))
                return redirect("reports:publish", pk=partnership.pk, run=found.pk)
        status = 400
    figures = found.published.select_related("pathway").order_by("pathway__name", "measure")
    return render(request, "reports/publish.html", {
        "partnership": partnership, "run": found, "form": form, "figures": figures,
        "has_cells": bool(cells), "has_pathways": bool(pathways)}, status=status)


@requires(queries.PUBLISH)
@require_http_methods(["POST"])
def unpublish(request: HttpRequest, pk: int, run: int, figure: int) -> HttpResponse:
    """Take a published figure off its pathway page."""
    access, found = queries.run_for(request.user, pk, run)
    chosen = found.published.filter(pk=figure).select_related("pathway", "run").first()
    if chosen is None:
        raise Http404("No such figure")
    actions.unpublish_figure(access, chosen)
    messages.success(request, _("The figure was taken off the pathway's public page."))
    return redirect("reports:publish", pk=access.partnership.pk, run=found.pk)
