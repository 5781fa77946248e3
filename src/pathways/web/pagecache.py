"""Whole public pages kept for anonymous visitors, dropped whenever the catalog changes.

Public pages (home, pathways, sectors, jobs) are the same for every anonymous visitor in a
language, and they are what most traffic asks for. This middleware keeps the rendered bytes
of such a page in Django's cache, keyed by path, language and the catalog's *generation*;
any change to the catalog (a publish, an edit in the admin or the workspace, a CTDL import,
a reference data load) starts a new generation, so no visitor sees an old page after a
change, in any worker process. ``PATHWAYS_PAGE_CACHE_SECONDS`` bounds how long a page is
kept in any case (0 turns the cache off).

Only what is safe to share is kept: GET or HEAD, no session cookie (a signed-in person sees
menus of their own and drafts), a 200 answer of a view marked public, and no cookie set by
the answer (a page that hands out a CSRF token is never shared), and no answer its view
marked private (``never_cache``: a form whose CSRF token came with an earlier cookie).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from pathways.apps.catalog.generation import generation

CACHE_HEADER = "X-Pathways-Page-Cache"


def _cache():
    return caches["default"]


def _seconds() -> int:
    return int(getattr(settings, "PATHWAYS_PAGE_CACHE_SECONDS", 300))


def _key(request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode("utf-8")).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"pathways:page:{generation()}:{language}:{request.method}:{path}"


def _shareable_request(request: HttpRequest) -> bool:
    return (_seconds() > 0 and request.method in {"GET", "HEAD"}
            and settings.SESSION_COOKIE_NAME not in request.COOKIES)


def _session_used(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and (session.accessed and not session.is_empty()))


class PublicPageCache:
    """Serve and keep anonymous public pages (place it after LocaleMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _shareable_request(request):
            return self.get_response(request)
        key = _key(request)
        kept = _cache().get(key)
        if kept is not None:
            status, headers, content = kept
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[CACHE_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if self._keep(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() != "set-cookie"]
            _cache().set(key, (response.status_code, headers, response.content), _seconds())
            response[CACHE_HEADER] = "miss"
        return response

    @staticmethod
    def _keep(request: HttpRequest, response: HttpResponse) -> bool:
        match = getattr(request, "resolver_match", None)
        public = match is not None and getattr(match.func, "login_required", True) is False
        if not public or response.status_code != 200 or response.streaming:
            return False
        if response.cookies or _session_used(request):
            return False
        control = response.get("Cache-Control", "")
        if "private" in control or "no-store" in control:
            return False
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return True


__all__ = ["CACHE_HEADER", "PublicPageCache"]
