"""Every change to a participant's record: one transaction and one audit entry each.

Views, commands and the demo call these. Each checks the actor's permission, validates
the whole change (``full_clean``) before it writes, and records what changed. Sensitive
values (government identifiers) never reach the audit log: only the fact they changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pathways.apps.accounts.audit import record
from pathways.apps.accounts.roles import require
from pathways.apps.cases.models import (
    Assessment,
    CareerPlan,
    Consent,
    Milestone,
    Participant,
    PriorJob,
    Referral,
    WorkActivity,
)
from pathways.apps.cases.queries import organisation_of, require_answer
from pathways.navigation import ScoreOutOfRange, functioning_level

SENSITIVE = {"government_id"}
FOLLOW_UP_DAYS = 14


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def _diff(obj: models.Model, data: dict[str, Any]) -> dict[str, Any]:
    """Set ``data`` on ``obj``; return {field: [before, after]} of what really changed."""
    changes = {}
    for name, value in data.items():
        before = getattr(obj, name, None)  # an unset relation reads as None
        if before != value:
            if name in SENSITIVE:
                changes[name] = "changed"  # never the value, before or after
            else:
                changes[name] = [_plain(before), _plain(value)]
        setattr(obj, name, value)
    return changes


def _save(obj: models.Model) -> None:
    obj.full_clean()
    obj.save()


# -- participants and consent ------------------------------------------------------------
@transaction.atomic
def enrol_participant(actor: Any, data: dict[str, Any]) -> Participant:
    """Intake: a new participant enrolled by the actor's organisation, on their caseload."""
    require(actor, "cases.enrol")
    organisation = organisation_of(actor)
    if organisation is None:
        raise ValidationError(_("Your account belongs to no organisation, so it cannot enrol "
                                "participants."))
    participant = Participant(enrolled_by=organisation, navigator=actor)
    changes = _diff(participant, data)
    _save(participant)
    record(actor, "cases.enrol", participant, summary=f"Enrolled participant {participant.pk}",
           changes=changes)
    return participant


@transaction.atomic
def update_participant(actor: Any, participant: Participant, data: dict[str, Any]) -> dict:
    require(actor, "cases.enrol")
    changes = _diff(participant, data)
    if changes:
        _save(participant)
        record(actor, "cases.update_participant", participant,
               summary=f"Changed participant {participant.pk}", changes=changes)
    return changes


@transaction.atomic
def link_account(actor: Any, participant: Participant, user: Any) -> None:
    """Give a participant their own login (a user with the participant role)."""
    require(actor, "cases.enrol")
    profile = getattr(user, "pathways_profile", None)
    if profile is None or profile.role != "participant":
        raise ValidationError(_("Only an account with the participant role can be linked."))
    changes = _diff(participant, {"user": user})
    _save(participant)
    record(actor, "cases.link_account", participant, changes=changes,
           summary=f"Linked an account to participant {participant.pk}")


@transaction.atomic
def create_account(actor: Any, participant: Participant, username: str,
                   password: str) -> Any:
    """A login for the participant (participant role), linked to their record."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password

    from pathways.apps.accounts.models import Profile, Role

    require(actor, "cases.enrol")
    if participant.user_id:
        raise ValidationError(_("This participant already has an account."))
    users = get_user_model()
    if users.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("That username is taken.")})
    user = users(username=username, first_name=participant.first_name,
                 last_name=participant.last_name, email=participant.email)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    Profile.objects.create(user=user, role=Role.PARTICIPANT,
                           preferred_language=participant.preferred_language)
    participant.user = user
    _save(participant)
    record(actor, "cases.create_account", participant, changes={"user": [None, str(user.pk)]},
           summary=f"Created a login for participant {participant.pk}")
    return user


@transaction.atomic
def record_consent(actor: Any, participant: Participant, data: dict[str, Any]) -> Consent:
    require(actor, "cases.refer")
    consent = Consent(participant=participant, recorded_by=actor)
    changes = _diff(consent, data)
    _save(consent)
    record(actor, "cases.consent", consent, changes=changes,
           summary=f"Consent of participant {participant.pk}: {consent}")
    return consent


@transaction.atomic
def withdraw_consent(actor: Any, consent: Consent, on: dt.date) -> None:
    require(actor, "cases.refer")
    if consent.withdrawn_on:
        raise ValidationError(_("This consent is already withdrawn."))
    changes = _diff(consent, {"withdrawn_on": on})
    _save(consent)
    record(actor, "cases.withdraw_consent", consent, changes=changes,
           summary=f"Consent withdrawn by participant {consent.participant_id}")


# -- the shared assessment ---------------------------------------------------------------
def derived_level(test: str, score: int | None) -> str:
    """The NRS level for a test score; ValidationError naming the field when out of range."""
    if not test or score is None:
        return ""
    try:
        return functioning_level(test, score)
    except ScoreOutOfRange as exc:
        from pathways.apps.cases.planview import say

        raise ValidationError({"test_score": say(exc.reason)}) from None


@transaction.atomic
def record_assessment(actor: Any, participant: Participant, data: dict[str, Any],
                      credentials_held: list | None = None) -> Assessment:
    """Create or update the one shared assessment; the EFL is derived from the score."""
    require(actor, "cases.assess")
    assessment = getattr(participant, "assessment", None)
    created = assessment is None
    if created:
        assessment = Assessment(participant=participant)
    data = {**data, "efl": derived_level(data.get("test", ""), data.get("test_score")),
            "recorded_by": actor, "recorded_by_organisation": organisation_of(actor)}
    changes = _diff(assessment, data)
    _save(assessment)
    if credentials_held is not None:
        before = sorted(assessment.credentials_held.values_list("pk", flat=True))
        after = sorted(c.pk for c in credentials_held)
        if before != after:
            assessment.credentials_held.set(credentials_held)
            changes["credentials_held"] = [before, after]
    record(actor, "cases.assess", assessment, changes=changes,
           summary=f"{'Recorded' if created else 'Updated'} the assessment of participant "
                   f"{participant.pk}")
    return assessment


@transaction.atomic
def add_prior_job(actor: Any, assessment: Assessment, data: dict[str, Any]) -> PriorJob:
    require(actor, "cases.assess")
    job = PriorJob(assessment=assessment)
    changes = _diff(job, data)
    _save(job)
    record(actor, "cases.prior_job", job, changes=changes,
           summary=f"Work history of participant {assessment.participant_id}: {job}")
    return job


# -- the plan and progress ---------------------------------------------------------------
@transaction.atomic
def save_plan(actor: Any, participant: Participant, data: dict[str, Any]) -> CareerPlan:
    require(actor, "cases.plan")
    plan = getattr(participant, "plan", None)
    created = plan is None
    if created:
        plan = CareerPlan(participant=participant, created_by=actor)
    changes = _diff(plan, data)
    _save(plan)
    record(actor, "cases.plan", plan, changes=changes,
           summary=f"{'Built' if created else 'Changed'} the plan of participant "
                   f"{participant.pk}: {plan.goal}")
    return plan


@transaction.atomic
def record_milestone(actor: Any, participant: Participant, data: dict[str, Any]) -> Milestone:
    require(actor, "cases.record_progress")
    milestone = Milestone(participant=participant, recorded_by=actor)
    changes = _diff(milestone, data)
    if milestone.kind == Milestone.Kind.CREDENTIAL and milestone.credential_id \
            and not milestone.credential_kind:
        from pathways.apps.cases.vocabulary import credential_kind_for

        milestone.credential_kind = credential_kind_for(milestone.credential.credential_type)
        changes["credential_kind"] = [None, milestone.credential_kind]
    _save(milestone)
    record(actor, "cases.milestone", milestone, changes=changes,
           summary=f"Participant {participant.pk}: {milestone}")
    return milestone


@transaction.atomic
def record_activity(actor: Any, participant: Participant, data: dict[str, Any],
                    activity: WorkActivity | None = None) -> WorkActivity:
    """Add a work experience or employment service, or change one (e.g. its outcome)."""
    require(actor, "cases.record_progress")
    created = activity is None
    if created:
        activity = WorkActivity(participant=participant, recorded_by=actor)
    changes = _diff(activity, data)
    _save(activity)
    record(actor, "cases.activity", activity, changes=changes,
           summary=f"Participant {participant.pk}: {activity} ({activity.get_outcome_display()})")
    return activity


# -- referrals: a closed loop ------------------------------------------------------------
@transaction.atomic
def send_referral(actor: Any, participant: Participant, data: dict[str, Any]) -> Referral:
    """Refer to a support service at a partner, under the participant's recorded consent."""
    require(actor, "cases.refer")
    consent = data.get("consent")
    organisation = data.get("organisation")
    if consent is None or consent.participant_id != participant.pk or not consent.is_active:
        raise ValidationError({"consent": _("Record the participant's consent first.")})
    if organisation is not None and consent.organisation_id != organisation.pk:
        raise ValidationError({"consent": _("The consent was given for another organisation.")})
    data = {"follow_up_due": timezone.localdate() + dt.timedelta(days=FOLLOW_UP_DAYS), **data}
    referral = Referral(participant=participant, sent_by=actor)
    changes = _diff(referral, data)
    _save(referral)
    record(actor, "cases.refer", referral, changes=changes,
           summary=f"Referred participant {participant.pk} to {referral.service} "
                   f"({referral.organisation})")
    return referral


def _move(referral: Referral, allowed: set[str], to: str) -> None:
    if referral.status not in allowed:
        raise ValidationError(_("A referral that is “%(status)s” cannot become “%(to)s”.") % {
            "status": referral.get_status_display(), "to": Referral.Status(to).label})


@transaction.atomic
def answer_referral(actor: Any, referral: Referral, accept: bool, reason: str = "") -> None:
    require_answer(actor, referral)
    to = Referral.Status.ACCEPTED if accept else Referral.Status.DECLINED
    _move(referral, {Referral.Status.SENT}, to)
    if not accept and not reason.strip():
        raise ValidationError({"decline_reason": _("Say why the referral is declined.")})
    changes = _diff(referral, {"status": to, "decline_reason": reason.strip(),
                               "answered_at": timezone.now(), "answered_by": actor})
    _save(referral)
    record(actor, "cases.referral_answer", referral, changes=changes,
           summary=f"Referral {referral.pk} {to}")


@transaction.atomic
def deliver_referral(actor: Any, referral: Referral, on: dt.date, follow_up_due: dt.date
                     | None = None) -> None:
    require_answer(actor, referral)
    _move(referral, {Referral.Status.ACCEPTED}, Referral.Status.DELIVERED)
    changes = _diff(referral, {"status": Referral.Status.DELIVERED, "delivered_on": on,
                               "follow_up_due": follow_up_due
                               or on + dt.timedelta(days=FOLLOW_UP_DAYS)})
    _save(referral)
    record(actor, "cases.referral_delivered", referral, changes=changes,
           summary=f"Referral {referral.pk} delivered")


@transaction.atomic
def follow_up_referral(actor: Any, referral: Referral, on: dt.date, note: str) -> None:
    """The navigator checks back with the person and closes the loop."""
    require(actor, "cases.refer")
    _move(referral, {Referral.Status.DELIVERED, Referral.Status.DECLINED,
                     Referral.Status.ACCEPTED}, Referral.Status.CLOSED)
    if not note.strip():
        raise ValidationError({"outcome_note": _("Say what the follow-up found.")})
    changes = _diff(referral, {"status": Referral.Status.CLOSED, "followed_up_on": on,
                               "outcome_note": note.strip()})
    _save(referral)
    record(actor, "cases.referral_closed", referral, changes=changes,
           summary=f"Referral {referral.pk} followed up and closed")


# -- the key of the encrypted fields -------------------------------------------------------
@transaction.atomic
def rotate_field_key(actor: Any = None) -> dict[str, int]:
    """Re-encrypt every encrypted value with the first key of PATHWAYS_FIELD_KEY. A console
    task for whoever holds the keys: no web role can start it."""
    from pathways.apps.cases import crypto

    counts = crypto.rotate()
    record(actor or "pathways keys rotate", "cases.rotate_field_key",
           summary=f"Re-encrypted {sum(counts.values())} stored values with the current key",
           changes=counts)
    return counts
