"""Setting a form's fields on a record, and naming the ones that changed (for the audit
entry and the stale-save message), in one place for every workspace edit."""

from __future__ import annotations

from typing import Any


def changed_fields(obj: Any, fields: dict[str, Any]) -> list[str]:
    """The names in ``fields`` whose value differs from ``obj``'s."""
    return [name for name, value in fields.items() if getattr(obj, name) != value]


def assign(obj: Any, fields: dict[str, Any]) -> list[str]:
    """Set ``fields`` on ``obj`` (not saved) and return the names that changed."""
    changed = changed_fields(obj, fields)
    for name, value in fields.items():
        setattr(obj, name, value)
    return changed
