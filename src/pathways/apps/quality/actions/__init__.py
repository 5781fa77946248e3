"""Every change to the self-assessment: one transaction with its audit entry.

Callers pass an ``Access`` from ``queries`` (which proves membership); actions check the
rest (facilitator, open round, values on the framework's scale) and raise ``InputError``,
naming the field at fault, before anything is written. Audit entries of ratings name the
indicators changed, never the values: the audit log must not reveal a person's rating.
"""

from pathways.apps.quality.actions.frameworks import (
    LoadOutcome,
    load_frameworks,
    sync_shipped_frameworks,
)
from pathways.apps.quality.actions.plans import ActionInput, create_action, update_action
from pathways.apps.quality.actions.rounds import (
    RatingInput,
    close_round,
    open_round,
    save_ratings,
)
from pathways.apps.quality.actions.workshop import (
    TIMER_COMMANDS,
    record_consensus,
    run_timer,
    seat_members,
    setup_workshop,
)

__all__ = [
    "TIMER_COMMANDS",
    "ActionInput",
    "LoadOutcome",
    "RatingInput",
    "close_round",
    "create_action",
    "load_frameworks",
    "open_round",
    "record_consensus",
    "run_timer",
    "save_ratings",
    "seat_members",
    "setup_workshop",
    "sync_shipped_frameworks",
    "update_action",
]
