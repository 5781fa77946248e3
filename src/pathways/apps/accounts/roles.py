"""Who may do what: a person's role, looked up in the permission matrix."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from pathways.apps.accounts.permissions import matrix


def role_of(user: Any) -> str | None:
    """The user's Pathways role, or None for anonymous users and people without a profile."""
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return "administrator"
    profile = getattr(user, "pathways_profile", None)
    return profile.role if profile else None


def may_use_admin(user: Any) -> bool:
    """True when the user's role is one of ``admin_roles`` (permissions.yaml): the Django
    admin is for administrators; editors work in the workspace (issue 17)."""
    role = role_of(user)
    return role is not None and role in matrix().admin_roles


def user_can(user: Any, permission: str) -> bool:
    """True when the user's role grants ``permission`` (a name from permissions.yaml)."""
    role = role_of(user)
    return role is not None and matrix().allows(role, permission)


def require(user: Any, permission: str) -> None:
    """Raise Django's PermissionDenied (a 403 in views) unless the user has ``permission``."""
    if not user_can(user, permission):
        raise PermissionDenied(f"missing permission {permission}")
