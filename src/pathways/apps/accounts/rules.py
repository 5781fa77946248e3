"""The role rule each page declares, enforced where it is declared.

Every view that needs a login says which permission(s) of the role-permission matrix open
it: ``@requires("cases.enrol")``, or ``@requires_any(...)`` when either of two roles' work
leads there, or ``@signed_in`` when any signed-in person may open it. The declaration *is*
the check (403 without it), so the URL meta-test (tests/test_url_auth.py) can read the rule
of every URL and try it with every role. Which *record* a person may see is decided
afterwards by the app's ``queries`` (404), and what they may change by its actions.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied

from pathways.apps.accounts.roles import user_can

SIGNED_IN: tuple[str, ...] = ()


class RoleRefused(PermissionDenied):
    """The page's role rule refused the person (before any record was looked at)."""


def _declare(view: Callable, permissions: tuple[str, ...]) -> Callable:
    @functools.wraps(view)
    def checked(request: Any, *args: Any, **kwargs: Any) -> Any:
        if permissions and not any(user_can(request.user, p) for p in permissions):
            raise RoleRefused(f"missing permission {' or '.join(permissions)}")
        return view(request, *args, **kwargs)

    checked.permissions = permissions  # type: ignore[attr-defined]
    return checked


def requires(permission: str) -> Callable[[Callable], Callable]:
    """The page opens for roles with ``permission``."""
    return lambda view: _declare(view, (permission,))


def requires_any(*permissions: str) -> Callable[[Callable], Callable]:
    """The page opens for roles with any of ``permissions``."""
    if not permissions:
        raise ValueError("name at least one permission")
    return lambda view: _declare(view, tuple(permissions))


def signed_in(view: Callable) -> Callable:
    """Any signed-in person may open the page (it shows only their own things)."""
    return _declare(view, SIGNED_IN)


def declared(view: Callable) -> tuple[str, ...] | None:
    """The permissions a view declares (``()`` for any signed-in person), None if none."""
    return getattr(view, "permissions", None)


__all__ = ["RoleRefused", "declared", "requires", "requires_any", "signed_in"]
