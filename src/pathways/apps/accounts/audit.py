"""Write audit entries. Called from actions, inside the action's transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from pathways.apps.accounts.models import AuditEntry


def record(actor: Any, action: str, obj: models.Model | None = None, summary: str = "",
           changes: dict | None = None) -> AuditEntry:
    """Record one change. ``actor`` is a user, or None for the system (a command, a loader)."""
    user = actor if getattr(actor, "pk", None) else None
    label = getattr(actor, "get_username", lambda: "")() if user else (actor or "system")
    return AuditEntry.objects.create(
        actor=user,
        actor_label=str(label)[:150],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=(summary or (str(obj) if obj is not None else ""))[:300],
        changes=changes or {},
    )
