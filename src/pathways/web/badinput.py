"""Refuse addresses no page can answer, before any view reads them.

- A NUL character in the path (``/occupations/%00/``) or the query string (``?q=%00``):
  no page has a use for one, and PostgreSQL cannot hold one in text, so it reached a query
  and failed there with a 500. The answer is the site's 400 page. (Forms refuse it already,
  through Django's ``CharField``.)
- A path segment that is a number past what a database holds
  (``/quality/p/99999999999999999999/``): ``<int:...>`` routes take any length of digits,
  and SQLite cannot even compare such a number. No record has that id: 404.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse

from pathways.core.numbers import MAX_ID, is_digits


class RefuseBadAddresses:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any("\x00" in key or "\x00" in value
                                         for key, values in request.GET.lists()
                                         for value in values):
            raise BadRequest("the address holds a NUL character")
        if any(is_digits(part) and int(part) > MAX_ID
               for part in request.path.split("/") if len(part) >= len(str(MAX_ID))):
            raise Http404("No such record")
        return self.get_response(request)
