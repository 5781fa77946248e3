"""Small pieces every quality action shares."""

from __future__ import annotations

from typing import Any

from pathways.apps.quality.models import Round
from pathways.core.errors import InputProblem

MAX_NOTE = 4000


def user_of(actor: Any) -> Any:
    """The user to store for ``actor`` (None for the command line or the system)."""
    return actor if getattr(actor, "pk", None) else None


def closed_round_problem(found: Round) -> InputProblem:
    return InputProblem(f"“{found.title}” is closed; ratings can no longer be changed",
                        field="round")
