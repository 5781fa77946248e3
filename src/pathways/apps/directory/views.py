"""The services directory in the workspace: upload an HSDS file, preview what it would
add and change, apply it; download the directory as HSDS JSON or CSV (ADR 0051).

The preview writes nothing. The upload waits in the upload folder (``directory.uploads``)
between the preview and the apply, which reads and checks it again, and is removed
whatever the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pathways.apps.accounts.rules import requires
from pathways.apps.catalog.queries import new_pathway_access
from pathways.apps.directory import queries, uploads
from pathways.apps.directory.actions import import_directory, queue_import
from pathways.apps.directory.catalog_map import Plan, directory_from_catalog, plan
from pathways.apps.directory.forms import HsdsUploadForm
from pathways.apps.exchange.problems import translated
from pathways.core.errors import InputError, InputProblem
from pathways.standards.hsds import Directory, read_upload, to_json, to_zip

IMPORT = "catalog.edit"
EXPORT = "exchange.export"
SESSION_KEY = "hsds_imports"
MAX_PROBLEMS_SHOWN = 200


@dataclass
class Preview:
    errors: list[InputProblem] = field(default_factory=list)
    directory: Directory | None = None
    plan: Plan | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and self.plan is not None

    @property
    def warnings(self) -> list[str]:
        if self.plan is None:
            return []
        return self.plan.warnings + [f"{s.name}: {s.warning}" for s in self.plan.services
                                     if s.warning]


def preview_of(name: str, data: bytes) -> Preview:
    try:
        directory = read_upload(name, data)
    except InputError as exc:
        return Preview(errors=list(exc.problems))
    return Preview(directory=directory, plan=plan(directory))


def _kept(request: HttpRequest) -> dict[str, Any]:
    return request.session.get(SESSION_KEY, {})


def _entry(request: HttpRequest, token: str) -> dict[str, Any]:
    entry = _kept(request).get(token)
    if entry is None:
        raise Http404("No such upload")
    return entry


def _forget(request: HttpRequest, token: str) -> None:
    uploads.remove(token)
    kept = _kept(request)
    if kept.pop(token, None) is not None:
        request.session[SESSION_KEY] = kept


def _page(request: HttpRequest, found: Preview, name: str, token: str | None = None
          ) -> HttpResponse:
    problems = [{"source": p.source, "line": p.line, "node": p.node, "field": p.field,
                 "message": translated(p)} for p in found.errors[:MAX_PROBLEMS_SHOWN]]
    return render(request, "directory/preview.html", {
        "preview": found, "name": name, "token": token, "errors": problems,
        "more_errors": max(0, len(found.errors) - MAX_PROBLEMS_SHOWN)},
        status=200 if found.ok else 400)


@requires(IMPORT)
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    form = HsdsUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method != "POST" or not form.is_valid():
        return render(request, "directory/upload.html", {"form": form},
                      status=400 if form.is_bound else 200)
    document = form.cleaned_data["document"]
    token, data = uploads.keep(document)
    try:
        found = preview_of(document.name, data)
    except BaseException:
        uploads.remove(token)
        raise
    if not found.ok:
        uploads.remove(token)
        return _page(request, found, document.name)
    request.session[SESSION_KEY] = {**_kept(request), token: {
        "name": document.name, "partnership": form.cleaned_data["partnership"].pk}}
    return redirect("directory:preview", token=token)


@requires(IMPORT)
@require_GET
def preview(request: HttpRequest, token: str) -> HttpResponse:
    entry = _entry(request, token)
    data = uploads.read(token)
    if data is None:
        _forget(request, token)
        raise Http404("The upload is gone")
    found = preview_of(entry["name"], data)
    if not found.ok:
        _forget(request, token)
        return _page(request, found, entry["name"])
    return _page(request, found, entry["name"], token)


@requires(IMPORT)
@require_POST
def apply(request: HttpRequest, token: str) -> HttpResponse:
    entry = _entry(request, token)
    try:
        data = uploads.read(token)
        if data is None:
            raise Http404("The upload is gone")
        access = new_pathway_access(request.user, entry["partnership"])
        if len(data) > settings.PATHWAYS_BACKGROUND_IMPORT_BYTES:
            return redirect("jobs:detail", pk=queue_import(access, entry["name"], data).pk)
        try:
            directory = read_upload(entry["name"], data)
        except InputError as exc:
            return _page(request, Preview(errors=list(exc.problems)), entry["name"])
        done = import_directory(access, directory)
    finally:
        _forget(request, token)
    return redirect("directory:result", pk=done.pk)


@requires(IMPORT)
@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    _entry(request, token)
    _forget(request, token)
    return redirect("directory:upload")


@requires(IMPORT)
@require_GET
def result(request: HttpRequest, pk: int) -> HttpResponse:
    done = queries.import_for(request.user, pk)
    return render(request, "directory/result.html", {"done": done, "report": done.report})


@requires(EXPORT)
@require_GET
def export_json(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(to_json(directory_from_catalog()),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="directory-hsds.json"'
    return response


@requires(EXPORT)
@require_GET
def export_zip(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(to_zip(directory_from_catalog()), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="directory-hsds-csv.zip"'
    return response
