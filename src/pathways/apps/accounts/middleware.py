"""What a signed-in session must do before it may open a page, in this order:

1. a session older than ``SESSION_COOKIE_AGE`` (12 hours) ends, however active; staff who
   can see participants and have been idle longer than ``PATHWAYS_STAFF_IDLE_MINUTES`` are
   logged out too; either way with a message;
2. a person who has confirmed a second-factor device gives a code from it;
3. a person whose password was set by a navigator chooses their own;
4. with ``PATHWAYS_REQUIRE_OTP_FOR_CASE_STAFF`` on, case staff set up a second factor.

Every answer to a signed-in person is marked ``no-store, private``.

The pages that let a person do these things (and log out) stay open to them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pathways.apps.accounts import twofactor
from pathways.apps.accounts.logins import LAST_ACTIVE, LOGGED_IN_AT

# Pages a session on its way through the steps above may open.
ALWAYS_OPEN = {"logout", "login", "set_language", "two_factor_verify"}
STEP_PAGES = {"password_change": ALWAYS_OPEN | {"password_change"},
              "two_factor": ALWAYS_OPEN | {"two_factor", "password_change"}}
# Writing down the time of a request at most this often spares a session write per page.
TOUCH_SECONDS = 60


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def _is_poll(request: HttpRequest) -> bool:
    """A page's script asking for fresh data (the workshop clock) is not the person."""
    return request.method == "GET" and "application/json" in request.headers.get("Accept", "")


def _end(request: HttpRequest, why: str) -> HttpResponse:
    """Log out, say why, and offer the login page that leads back here."""
    logout(request)
    messages.info(request, why)
    return redirect_to_login(request.get_full_path())


def _to(name: str, request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


class SessionRules:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        response = self.too_old(request) or self.idle(request, user) \
            or self.steps(request, user) or self.get_response(request)
        # What a signed-in person sees (records, plans, drafts) is kept by no browser or
        # proxy cache: a shared computer's back button must not show it to the next person.
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response

    def too_old(self, request: HttpRequest) -> HttpResponse | None:
        """Django renews a session's expiry whenever it changes; the login time does not."""
        now = int(time.time())
        started = request.session.setdefault(LOGGED_IN_AT, now)
        if now - int(started) <= settings.SESSION_COOKIE_AGE:
            return None
        hours = round(settings.SESSION_COOKIE_AGE / 3600)
        return _end(request, ngettext(
            "Your session ended %(hours)s hour after you logged in. Log in again to go on.",
            "Your session ended %(hours)s hours after you logged in. Log in again to go on.",
            hours) % {"hours": hours})

    def idle(self, request: HttpRequest, user: Any) -> HttpResponse | None:
        if not twofactor.sees_participants(user):
            return None
        now = int(time.time())
        last = request.session.get(LAST_ACTIVE)
        limit = settings.PATHWAYS_STAFF_IDLE_MINUTES
        if last is not None and now - int(last) > limit * 60:
            return _end(request, _(
                "You were logged out after %(minutes)s minutes without activity, to keep "
                "participants' records safe. Log in again to go on.") % {"minutes": limit})
        if not _is_poll(request) and (last is None or now - int(last) >= TOUCH_SECONDS):
            request.session[LAST_ACTIVE] = now
        return None

    def steps(self, request: HttpRequest, user: Any) -> HttpResponse | None:
        here = _url_name(request)
        if here in ALWAYS_OPEN:
            return None
        if not twofactor.is_verified(user) and twofactor.has_device(user):
            return _to("two_factor_verify", request)
        profile = getattr(user, "pathways_profile", None)
        if profile is not None and profile.must_change_password \
                and here not in STEP_PAGES["password_change"]:
            return _to("password_change", request)
        if here not in STEP_PAGES["two_factor"] and twofactor.must_set_up(user):
            return _to("two_factor", request)
        return None


__all__ = ["SessionRules"]
