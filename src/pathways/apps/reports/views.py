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
from pathways.apps.accounts.rules import requires
from pathways.apps.reports import actions, pages, queries
from pathways.apps.reports.forms import UploadForm, WithdrawForm
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
               "can_record": access.may_record, "version": __version__}
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
