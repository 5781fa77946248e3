"""The analyst's PIRL export page: the partnership's records as a PIRL file to download.

Kept apart from the measures pages; who may export is decided in ``queries`` (analysts of
the partnership), and the export is audited in ``pirl.export_pirl``. The dates go in the
POST body; no personal value is ever in a URL.
"""

from __future__ import annotations

import io
import shutil

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from pathways.apps.accounts.audit import record
from pathways.apps.accounts.rules import requires
from pathways.apps.cases.crypto import fernet
from pathways.apps.jobs.models import Job
from pathways.apps.jobs.queries import get_job
from pathways.apps.reports import actions, queries
from pathways.apps.reports.tasks import exported_file
from pathways.core.csvwriter import write_rows
from pathways.metrics.export import DICTIONARY_COLUMNS, PROGRAMS, dictionary

PROGRAM_LABELS = {"adult": _("Adult (WIOA Title I)"),
                  "dislocated_worker": _("Dislocated Worker (WIOA Title I)"),
                  "youth": _("Youth (WIOA Title I)"),
                  "adult_education": _("Adult Education (WIOA Title II)")}


class ExportForm(forms.Form):
    start = forms.DateField(label=_("Periods open from"),
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Periods open to"),
                          widget=forms.DateInput(attrs={"type": "date"}),
                          help_text=_("Entered by this day and not exited before the "
                                      "first one."))
    as_of = forms.DateField(label=_("As of"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}),
                            help_text=_("The day exits are worked out on (90 days with no "
                                        "service and none scheduled); default today."))
    program = forms.ChoiceField(label=_("Program"), initial="adult",
                                choices=[(p, PROGRAM_LABELS[p]) for p in PROGRAMS])

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        data["as_of"] = data.get("as_of") or timezone.localdate()
        return data


@requires(queries.RECORD)
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_measures_access(request.user, pk)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # A partnership's whole caseload can take a while: a background job writes it
        # (ADR 0050) and its page links to the file when it is ready.
        job = actions.queue_pirl_export(access, data["start"], data["end"], data["as_of"],
                                        data["program"])
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "reports/pirl_export.html", {
        "partnership": access.partnership, "form": form,
        "dictionary": [(e["element"], e["name"], e["derived from"]) for e in dictionary()]},
        status=400 if form.errors else 200)


@requires(queries.RECORD)
@require_safe
def data_dictionary(request: HttpRequest, pk: int) -> HttpResponse:
    queries.get_measures_access(request.user, pk)
    out = io.StringIO()
    write_rows(out, DICTIONARY_COLUMNS, dictionary())
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pirl-data-dictionary.csv"'
    return response


@requires(queries.RECORD)
@require_safe
def download(request: HttpRequest, pk: int, job: int) -> HttpResponse:
    """The file of one's own finished PIRL export job, once: it is removed as it is sent
    (it holds personal data; export again for another copy)."""
    access = queries.get_measures_access(request.user, pk)
    found = get_job(request.user, job).job
    path = exported_file(found.pk)
    if found.kind != "pirl.export" or found.partnership_id != access.partnership.pk \
            or found.status != Job.Status.SUCCEEDED or not path.exists():
        raise Http404("No such file")
    body = fernet().decrypt(path.read_bytes())
    shutil.rmtree(path.parent, ignore_errors=True)
    record(request.user, "pirl.download", found,
           summary=f"Downloaded the PIRL file of job {found.pk}",
           changes={"job": found.pk, "periods": found.params.get("periods")})
    p = found.params
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"pirl-{p['start'].replace('-', '')}-{p['end'].replace('-', '')}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
