"""Pages of the jobs app: the signed-in person's jobs and one job's status."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from pathways.apps.accounts.rules import signed_in
from pathways.apps.jobs import actions, queries

REFRESH_SECONDS = 3


@signed_in
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "jobs/index.html", {"jobs": queries.jobs_of(request.user)[:50]})


@signed_in
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = queries.get_job(request.user, pk).job
    return render(request, "jobs/detail.html", {
        "job": job, "refresh": None if job.is_finished else REFRESH_SECONDS})


@signed_in
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    actions.cancel(queries.get_job(request.user, pk))
    return redirect("jobs:detail", pk=pk)
