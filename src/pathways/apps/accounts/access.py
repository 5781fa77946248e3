"""Access to one record, decided once, and the registry of actions that change records.

Every action takes, as its first argument, the acting person's access to the record it
changes: an object built by the app's ``queries`` from (user, record), which says whether the
record is visible to them and which record-level rules hold (ADR 0034). The ``action``
decorator checks that object before the action runs, whatever front door called it (a view,
a command, the demo), so a view that forgot a check still cannot write:

- a record the person cannot see answers ``Http404`` (its existence is not revealed);
- a missing role permission or record-level rule answers ``PermissionDenied`` (403).

The person at the console (``pathways`` commands) holds the database credentials anyway;
``CONSOLE`` stands for them: it may do everything and is audited by its label.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from pathways.apps.accounts.roles import user_can


class ConsoleUser:
    """Who runs a ``pathways`` command: every permission, no database row, audited by label.

    Django's own checks read ``is_authenticated`` and ``is_superuser``; the audit log keeps
    ``str(console)`` as the actor's label because it has no primary key."""

    is_authenticated = True
    is_superuser = True
    is_active = True
    pk = None

    def __init__(self, label: str = "command line") -> None:
        self.label = label

    def get_username(self) -> str:
        return self.label

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"ConsoleUser({self.label!r})"


CONSOLE = ConsoleUser()


def is_console(user: Any) -> bool:
    return isinstance(user, ConsoleUser)


class RecordAccess:
    """What one person may do with one record. Subclasses are frozen dataclasses with at
    least ``user`` and ``visible``, built only by their app's ``queries``."""

    user: Any
    visible: bool

    @property
    def actor(self) -> Any:
        return self.user

    def may(self, permission: str) -> bool:
        return self.visible and user_can(self.user, permission)

    def check(self, permission: str | None, rule: str | None = None) -> None:
        """Raise unless the record is visible, the role grants ``permission`` and the
        record-level ``rule`` (a boolean property of the access) holds."""
        if not self.visible:
            raise Http404("No such record")
        if permission is not None and not user_can(self.user, permission):
            raise PermissionDenied(f"missing permission {permission}")
        if rule is not None and not getattr(self, rule):
            raise PermissionDenied(f"not allowed on this record ({rule})")


@dataclass(frozen=True)
class ActionSpec:
    """One registered action: its name (also its audit action), the checked function, the
    access it takes, the role permission it needs and the record-level rule that must
    hold."""

    name: str
    function: Callable[..., Any]
    access: type[RecordAccess]
    permission: str | None
    rule: str | None

    @property
    def qualname(self) -> str:
        return f"{self.function.__module__}.{self.function.__qualname__}"


REGISTRY: dict[str, ActionSpec] = {}

P = ParamSpec("P")
R = TypeVar("R")


def action(name: str, access: type[RecordAccess], permission: str | None = None,
           rule: str | None = None, atomic: bool = True
           ) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Register an action and check its access before it runs, in one transaction (or,
    with ``atomic=False``, for long work that calls an atomic action to write, none)."""

    def register(function: Callable[P, R]) -> Callable[P, R]:
        if name in REGISTRY:
            raise ValueError(f"action {name!r} is registered twice")

        @functools.wraps(function)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            given = args[0] if args else None
            if not isinstance(given, access):
                raise TypeError(f"{name} takes a {access.__name__} first, "
                                f"not {type(given).__name__}")
            given.check(permission, rule)
            if not atomic:
                return function(*args, **kwargs)
            with transaction.atomic():
                return function(*args, **kwargs)

        spec = ActionSpec(name, run, access, permission, rule)
        run.spec = spec  # type: ignore[attr-defined]
        REGISTRY[name] = spec
        return run

    return register


def registered() -> list[ActionSpec]:
    """Every registered action (importing the apps' action modules registers them)."""
    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith("pathways.apps."):
            try:
                __import__(f"{config.name}.actions")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.actions":
                    raise
    return sorted(REGISTRY.values(), key=lambda s: s.name)


__all__ = ["CONSOLE", "REGISTRY", "ActionSpec", "ConsoleUser", "RecordAccess", "action",
           "is_console", "registered"]
