"""One referral as an HL7 FHIR R4 Task, shaped after the Gravity SDOH Clinical Care guide's
Task for referral management: status, statusReason (the coded reason only), intent
``order``, what it is for, who asked and who owns it, and when it is due.

It carries no personal value in clear: the person is an opaque record number (``for``), and
the free-text notes (what the person needs, the reason in the partner's words) stay out;
they are encrypted at rest and belong to the record, not to an exchange of statuses.
"""

from __future__ import annotations

from typing import Any

from pathways.apps.cases.models import Referral

PROFILE = ("http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/"
           "SDOHCC-TaskForReferralManagement")
TASK_CODE = "http://hl7.org/fhir/CodeSystem/task-code"
SYSTEM = "urn:pathways"  # this installation's local identifiers and codes


def _org(organisation: Any) -> dict[str, Any] | None:
    if organisation is None:
        return None
    return {"identifier": {"system": f"{SYSTEM}:organisation", "value": str(organisation.pk)},
            "display": organisation.name}


def task(referral: Referral) -> dict[str, Any]:
    """The referral as a FHIR Task (a dict, ready for ``json.dumps``)."""
    sender = getattr(getattr(referral.sent_by, "pathways_profile", None), "organisation", None)
    found: dict[str, Any] = {
        "resourceType": "Task",
        "id": str(referral.pk),
        "meta": {"profile": [PROFILE]},
        "status": referral.status,
        "intent": "order",
        "priority": "routine",
        "code": {"coding": [{"system": TASK_CODE, "code": "fulfill"}]},
        "focus": {"identifier": {"system": f"{SYSTEM}:{referral.kind}",
                                 "value": str(referral.target.pk)},
                  "display": f"{referral.purpose}: {referral.target}"},
        "for": {"identifier": {"system": f"{SYSTEM}:participant",
                               "value": str(referral.participant_id)}},
        "authoredOn": referral.sent_at.isoformat(),
        "owner": _org(referral.organisation),
        "restriction": {"period": {"end": referral.follow_up_due.isoformat()}},
    }
    if referral.status_changed_at:
        found["lastModified"] = referral.status_changed_at.isoformat()
    if sender is not None:
        found["requester"] = _org(sender)
    if referral.status_reason:
        found["statusReason"] = {"coding": [{
            "system": f"{SYSTEM}:referral-status-reason", "code": referral.status_reason,
            "display": str(Referral.Reason(referral.status_reason).label)}]}
    if referral.delivered_on:
        found["executionPeriod"] = {"end": referral.delivered_on.isoformat()}
    return found


__all__ = ["PROFILE", "task"]
