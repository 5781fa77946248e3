"""Small helpers the quality views share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from pathways.core.csvwriter import write_rows
from pathways.core.errors import InputError


def wants_json(request: HttpRequest) -> bool:
    """The page's script asks for JSON; a plain form submit does not."""
    return "application/json" in request.headers.get("Accept", "")


def problems_response(error: InputError) -> JsonResponse:
    return JsonResponse({"errors": [{"field": p.field, "message": p.message}
                                    for p in error.problems]}, status=400)


def flash_problems(request: HttpRequest, error: InputError) -> None:
    for problem in error.problems:
        messages.error(request, problem.message)


def act_then_redirect(request: HttpRequest, act: Callable[[], object], done: str,
                      to: str, *args: object) -> HttpResponse:
    """Run one action for a POST-only view: its problems become messages, success says
    ``done``; either way, back to the page ``to``."""
    try:
        act()
    except InputError as exc:
        flash_problems(request, exc)
    else:
        if done:
            messages.success(request, done)
    return redirect(to, *args)


def csv_response(filename: str, columns: Sequence[str], rows: Iterable[dict]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_rows(response, columns, rows)
    return response
