"""Logins, logouts, failed logins and lockouts: audited, and the lockout page.

django-axes counts failed logins per account and per address (settings ``AXES_*``); once
either reaches the limit, every login for that account or from that address is refused,
even with the right password, until the cool-off has passed since the last try. The
refusal is the login page with a message that says how long to wait (429).

The audit entries name the account tried, never the password; a failure and a lockout also
keep the address it came from, which is what an investigation of an attack needs. A
successful login or logout records nothing but who and when.
"""

from __future__ import annotations

import time
from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Sum
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from pathways.apps.accounts.audit import record

# Session keys of the time of login and of the person's last request (accounts.middleware).
LOGGED_IN_AT = "pathways_logged_in_at"
LAST_ACTIVE = "pathways_last_active"


def client_address(request: HttpRequest) -> str:
    """The client's address: the peer's, or, behind ``PATHWAYS_PROXY_COUNT`` trusted proxies
    that each append to X-Forwarded-For, the one the first of them saw."""
    proxies = getattr(settings, "PATHWAYS_PROXY_COUNT", 0)
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                 if a.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def cool_off_minutes() -> int:
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_message() -> str:
    minutes = cool_off_minutes()
    return ngettext(
        "Too many failed logins for this account or from this address. Logging in is paused "
        "for your safety: wait %(minutes)s minute, then try again.",
        "Too many failed logins for this account or from this address. Logging in is paused "
        "for your safety: wait %(minutes)s minutes, then try again.",
        minutes) % {"minutes": minutes}


def locked_out_page(request: HttpRequest, original_response: HttpResponse | None = None,
                    credentials: dict | None = None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the login page again, saying how long to wait."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    return render(request, "registration/login.html",
                  {"form": form, "locked_out": lockout_message(),
                   "next": request.POST.get("next", "")},
                  status=settings.AXES_HTTP_RESPONSE_CODE)


def _account(username: str) -> Any:
    return get_user_model().objects.filter(username=username).first() if username else None


def _tried(credentials: dict | None) -> str:
    return str((credentials or {}).get("username") or "")[:150]


@receiver(user_login_failed)
def audit_failed_login(sender: Any, credentials: dict, request: HttpRequest | None = None,
                       **kwargs: Any) -> None:
    username = _tried(credentials)  # Django has already masked the password; we drop it
    record("anonymous", "accounts.login_failed", _account(username),
           summary=f"Failed login for account {username!r}",
           changes={"account": username,
                    "address": client_address(request) if request is not None else ""})


def _newly_locked(request: HttpRequest, username: str, address: str) -> list[str]:
    """Which of the account and the address this failure has just locked: the one whose
    count of recent failures is now exactly the limit (each try while locked out signals a
    lockout again; those tries are audited one by one as failures)."""
    from axes.attempts import get_cool_off_threshold
    from axes.models import AccessAttempt

    recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
    locked = []
    for what, rows in (("account", recent.filter(username=username)),
                       ("address", recent.filter(ip_address=address))):
        if rows.aggregate(n=Sum("failures_since_start"))["n"] == settings.AXES_FAILURE_LIMIT:
            locked.append(what)
    return locked


@receiver(user_locked_out)
def audit_lockout(sender: Any, request: HttpRequest, username: str | None = None,
                  ip_address: str | None = None, **kwargs: Any) -> None:
    username, address = (username or "")[:150], ip_address or ""
    locked = _newly_locked(request, username, address)
    if not locked:
        return
    record("anonymous", "accounts.lockout", _account(username),
           summary=f"Logins locked ({' and '.join(locked)}) for account {username!r} from "
                   f"address {address} for {cool_off_minutes()} minutes",
           changes={"locked": locked, "account": username, "address": address,
                    "minutes": cool_off_minutes()})


def _over_http(request: HttpRequest | None) -> bool:
    """A login through a page. The test client's ``force_login`` and ``logout`` build a
    bare request with no method: no one logged in or out, so nothing is audited."""
    return request is not None and request.method is not None


@receiver(user_logged_in)
def audit_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if getattr(request, "session", None) is not None:
        request.session[LOGGED_IN_AT] = request.session[LAST_ACTIVE] = int(time.time())
    if _over_http(request):
        record(user, "accounts.login", user, summary="Logged in")


@receiver(user_logged_out)
def audit_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None and _over_http(request):
        record(user, "accounts.logout", user, summary="Logged out")


__all__ = ["LAST_ACTIVE", "LOGGED_IN_AT", "client_address", "locked_out_page", "lockout_message"]
