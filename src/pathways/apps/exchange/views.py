"""CTDL import in the workspace: upload, preview, apply as draft, result (issue 17).

The preview writes nothing. The upload waits in the upload folder (``exchange.uploads``)
between the preview and the apply, which reads and checks it again, and is removed
whatever the outcome.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pathways.apps.accounts.rules import requires
from pathways.apps.accounts.versioning import StaleEdit
from pathways.apps.exchange import actions, queries, uploads
from pathways.apps.exchange.ctdl_preview import Preview, preview_upload
from pathways.apps.exchange.forms import CtdlUploadForm
from pathways.apps.exchange.problems import shown, told
from pathways.core.errors import InputError, InputProblem

IMPORT = "exchange.import"
SESSION_KEY = "ctdl_imports"
MAX_PROBLEMS_SHOWN = 200


def _kept(request: HttpRequest) -> dict[str, Any]:
    return request.session.get(SESSION_KEY, {})


def _entry(request: HttpRequest, token: str) -> dict[str, Any]:
    """The session's note of an upload it kept; 404 for anyone else's token."""
    entry = _kept(request).get(token)
    if entry is None:
        raise Http404("No such upload")
    return entry


def _forget(request: HttpRequest, token: str) -> None:
    uploads.remove(token)
    kept = _kept(request)
    if kept.pop(token, None) is not None:
        request.session[SESSION_KEY] = kept


def _preview_page(request: HttpRequest, preview: Preview, name: str,
                  token: str | None = None) -> HttpResponse:
    return render(request, "exchange/preview.html", {
        "preview": preview, "name": name, "token": token,
        "errors": shown(preview.errors[:MAX_PROBLEMS_SHOWN]),
        "more_errors": max(0, len(preview.errors) - MAX_PROBLEMS_SHOWN)},
        status=200 if preview.ok else 400)


@requires(IMPORT)
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    form = CtdlUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method != "POST" or not form.is_valid():
        return render(request, "exchange/upload.html", {"form": form},
                      status=400 if form.is_bound else 200)
    document = form.cleaned_data["document"]
    token, data = uploads.keep(document)
    try:
        preview = preview_upload(request.user, [(document.name, data)])
    except BaseException:
        uploads.remove(token)
        raise
    if not preview.ok:  # kept only for an apply, which a refused preview cannot have
        uploads.remove(token)
        return _preview_page(request, preview, document.name)
    request.session[SESSION_KEY] = {**_kept(request), token: {
        "name": document.name, "partnership": form.cleaned_data["partnership"].pk,
        "seen": preview.seen_versions()}}
    return redirect("exchange:preview", token=token)


@requires(IMPORT)
@require_GET
def preview(request: HttpRequest, token: str) -> HttpResponse:
    entry = _entry(request, token)
    data = uploads.read(token)
    if data is None:
        _forget(request, token)
        raise Http404("The upload is gone")
    try:
        found = preview_upload(request.user, [(entry["name"], data)])
    except BaseException:
        _forget(request, token)
        raise
    if not found.ok:
        _forget(request, token)
        return _preview_page(request, found, entry["name"])
    # The apply checks the versions of this page, the one the person approves.
    request.session[SESSION_KEY] = {**_kept(request),
                                    token: {**entry, "seen": found.seen_versions()}}
    return _preview_page(request, found, entry["name"], token)


@requires(IMPORT)
@require_POST
def apply(request: HttpRequest, token: str) -> HttpResponse:
    entry = _entry(request, token)
    try:
        data = uploads.read(token)
        if data is None:
            raise Http404("The upload is gone")
        access = queries.import_access(request.user, entry["partnership"])
        if len(data) > settings.PATHWAYS_BACKGROUND_IMPORT_BYTES:
            queued = actions.queue_import_draft(access, entry["name"], data, entry["seen"])
            return redirect("jobs:detail", pk=queued.pk)
        try:
            job = actions.import_draft(access, entry["name"], data, entry["seen"])
        except StaleEdit as exc:
            message = _("Someone saved the pathway after your preview (changed: %(fields)s). "
                        "Nothing was written; upload the file again for a fresh preview.")
            problem = InputProblem(message % {"fields": ", ".join(exc.changed) or "?"},
                                   field="version")
            return _preview_page(request, Preview(errors=[problem]), entry["name"])
        except InputError as exc:
            return _preview_page(request, Preview(errors=list(exc.problems)), entry["name"])
    finally:
        _forget(request, token)
    return redirect(reverse("exchange:result", kwargs={"pk": job.pk}))


@requires(IMPORT)
@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    _entry(request, token)
    _forget(request, token)
    return redirect("exchange:upload")


@requires(IMPORT)
@require_GET
def result(request: HttpRequest, pk: int) -> HttpResponse:
    job = queries.import_job_for(request.user, pk)
    return render(request, "exchange/result.html", {
        "job": job, "drafts": queries.drafts_of(job), "report": job.report,
        "problems": told(job.report)})


@requires("reference.load")
@require_http_methods(["GET", "POST"])
def reference(request: HttpRequest) -> HttpResponse:
    """What reference data is loaded, and a load queued for a worker (it takes minutes)."""
    from pathways.apps.catalog.models import ReferenceRelease
    from pathways.apps.catalog.queries import catalog_access
    from pathways.apps.exchange.forms import ReferenceLoadForm
    from pathways.apps.exchange.reference import queue_reference_load

    folder = settings.PATHWAYS_REFERENCE_DIR
    form = ReferenceLoadForm(request.POST or None, folder=folder)
    if request.method == "POST" and form.is_valid():
        path = folder if form.cleaned_data["source"] == form.FOLDER else None
        job = queue_reference_load(catalog_access(request.user), path,
                                   force=form.cleaned_data["force"])
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "exchange/reference.html", {
        "form": form, "releases": ReferenceRelease.objects.order_by("dataset")},
        status=400 if form.is_bound else 200)
