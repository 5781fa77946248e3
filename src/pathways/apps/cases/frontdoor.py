"""What keeps the public "talk to a navigator" form from being flooded, with no outside
service: a hidden field people never fill (a honeypot), a time signed into the form when it
was shown (a form sent back within seconds was not typed by a person), and a limit on
requests per client address over a sliding window, counted in the cache.

The client address is the one the login throttle trusts (``accounts.logins.client_address``,
``PATHWAYS_PROXY_COUNT``). Only a hash of it is kept, and only in the cache.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.http import HttpRequest

from pathways.apps.accounts.logins import client_address

SALT = "pathways.cases.contact-form"
MAX_AGE = 2 * 60 * 60  # a form left open longer is shown again


def fastest_seconds() -> int:
    return settings.PATHWAYS_CONTACT_FASTEST_SECONDS


def limit() -> tuple[int, int]:
    """(requests, seconds): at most so many requests from one address in the window."""
    return settings.PATHWAYS_CONTACT_LIMIT, settings.PATHWAYS_CONTACT_WINDOW_SECONDS


def started_token() -> str:
    """The signed time the form was shown (goes in a hidden field)."""
    return signing.TimestampSigner(salt=SALT).sign(str(int(time.time())))


def too_fast(token: str) -> bool:
    """Whether the form came back faster than a person fills it, or with a time that is
    not ours or too old."""
    try:
        shown = int(signing.TimestampSigner(salt=SALT).unsign(token or "", max_age=MAX_AGE))
    except (signing.BadSignature, ValueError):
        return True
    return time.time() - shown < fastest_seconds()


def _key(request: HttpRequest) -> str:
    address = hashlib.sha256(client_address(request).encode()).hexdigest()
    return f"pathways:contact-form:{address}"


def over_limit(request: HttpRequest) -> bool:
    """Whether this address sent its allowance within the window; counts this one if not."""
    allowed, window = limit()
    cache = caches["default"]
    now = time.time()
    recent = [t for t in cache.get(_key(request), []) if now - t < window]
    if len(recent) >= allowed:
        return True
    cache.set(_key(request), [*recent, now], window)
    return False


__all__ = ["fastest_seconds", "limit", "over_limit", "started_token", "too_fast"]
