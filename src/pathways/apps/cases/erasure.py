"""Erasing a participant's records: an administrator's decision, with a reason.

Everything that hangs from the person goes (assessment and work history, plan,
milestones, work activities, consents, referrals, the request to talk to a navigator they
were enrolled from, and their own login when it is a participant account). The audit log
keeps that its entries about them existed (when, who, which action) but loses their
details: each changed field's value becomes ``"erased"`` and the summary says only that the
participant was erased. One entry records the erasure, its
reason and what was deleted. The retention rule is in docs/navigators.md.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.accounts.models import AuditEntry, Role
from pathways.apps.cases.models import (
    Assessment,
    CareerPlan,
    Consent,
    ContactRequest,
    Milestone,
    Participant,
    PriorJob,
    Referral,
    WorkActivity,
)
from pathways.apps.cases.queries import ParticipantAccess

ERASED = "erased"
PARTS = (Assessment, PriorJob, CareerPlan, Milestone, WorkActivity, Consent, Referral,
         ContactRequest)


def _ids(model: type, participant: Participant) -> list[int]:
    rule = Q(assessment__participant=participant) if model is PriorJob \
        else Q(participant=participant)
    return list(model.objects.filter(rule).values_list("pk", flat=True))


def records_of(participant: Participant) -> dict[str, list[int]]:
    """The ids of every record erasing ``participant`` deletes, by model label."""
    found = {"cases.participant": [participant.pk]}
    for model in PARTS:
        found[model._meta.label_lower] = _ids(model, participant)
    return found


def own_account(participant: Participant) -> Any:
    """The person's own login, if they have one with the participant role (a staff
    account linked by mistake is never deleted with a participant)."""
    user = participant.user
    profile = getattr(user, "pathways_profile", None) if user else None
    return user if profile is not None and profile.role == Role.PARTICIPANT else None


def _scrub(participant_id: int, records: dict[str, list[int]], account: Any) -> int:
    """Keep that the audit entries about these records existed, not what they said."""
    about = Q(pk__in=[])
    for label, ids in records.items():
        about |= Q(object_type=label, object_id__in=[str(pk) for pk in ids])
    if account is not None:
        about |= Q(object_type=get_user_model()._meta.label_lower, object_id=str(account.pk))
        # What the person did themselves (their views of My plan): the username goes.
        AuditEntry.objects.filter(actor=account).update(
            actor_label=f"participant {participant_id} (erased)")
    entries = list(AuditEntry.objects.filter(about).only("pk", "action", "changes"))
    for entry in entries:
        changed = entry.changes if isinstance(entry.changes, dict) else {}
        entry.changes = dict.fromkeys(changed, ERASED)
        entry.summary = f"{entry.action} about participant {participant_id} (erased)"
    AuditEntry.objects.bulk_update(entries, ["changes", "summary"], batch_size=500)
    return len(entries)


@action("cases.erase", ParticipantAccess, "cases.erase")
def erase_participant(access: ParticipantAccess, reason: str) -> dict[str, int]:
    """Delete the participant and everything hanging from them; returns what was deleted,
    by model label (also in the audit entry of the erasure, with the reason)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the records are erased.")})
    participant = Participant.objects.select_for_update().get(pk=access.participant.pk)
    pk = participant.pk
    records = records_of(participant)
    account = own_account(participant)
    counts = {label: len(ids) for label, ids in records.items()}
    if account is not None:
        counts["accounts.user"] = 1
    scrubbed = _scrub(pk, records, account)
    record(access.actor, "cases.erase", participant, summary=f"Participant {pk} erased",
           changes={"reason": reason, "deleted": counts, "audit_entries_scrubbed": scrubbed})
    # A request keeps its row when a participant goes (SET_NULL), so it is deleted here.
    ContactRequest.objects.filter(participant=participant).delete()
    participant.delete()  # the rest cascades (a consent's referrals with it)
    if account is not None:
        account.delete()
    return counts


__all__ = ["ERASED", "erase_participant", "own_account", "records_of"]
