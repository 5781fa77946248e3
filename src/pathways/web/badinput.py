"""Refuse addresses that hold a NUL character, before any view reads them.

No page has a use for one, and PostgreSQL cannot hold one in text: a NUL in a path
parameter (``/occupations/%00/``) or a query parameter (``?q=%00``) reached a database
query and failed there with a 500. Forms refuse it already (Django's ``CharField``), so
only the path and the query string are looked at here; the answer is the site's 400 page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse


class RefuseNulCharacters:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any("\x00" in key or "\x00" in value
                                         for key, values in request.GET.lists()
                                         for value in values):
            raise BadRequest("the address holds a NUL character")
        return self.get_response(request)
