"""Every change to a participant's record: one transaction and one audit entry each.

Views, commands and the demo call these with the actor's access to the record (built by
``queries``: ``get_participant_access``, ``referral_access`` ...). The ``action`` decorator
refuses a record the actor cannot see (404) or may not change (403) before anything runs;
each action then validates the whole change (``full_clean``) before it writes, and records
what changed: the audit log keeps the values of coded fields only, and for personal ones
that they changed (``auditing.KEPT``, ADR 0036). The records several people edit (personal
data, the assessment, the plan) are saved as a new version and refuse a stale form
(``versions``); referral and consent changes lock their row and re-check its state.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.cases import referral_flow
from pathways.apps.cases.auditing import audited
from pathways.apps.cases.contact import send_contact_request  # noqa: F401 - registered too
from pathways.apps.cases.erasure import erase_participant  # noqa: F401 - registered, like these
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
from pathways.apps.cases.queries import (
    IntakeAccess,
    KeyAccess,
    ParticipantAccess,
    ReferralAccess,
    organisation_of,
)
from pathways.apps.cases.versions import save_version
from pathways.navigation import ScoreOutOfRange, functioning_level

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
    """Set ``data`` on ``obj``; return what really changed as the audit log keeps it:
    {field: [before, after]} for coded fields, {field: "changed"} for personal ones."""
    changes = {}
    for name, value in data.items():
        before = getattr(obj, name, None)  # an unset relation reads as None
        if before != value:
            changes[name] = [_plain(before), _plain(value)]
        setattr(obj, name, value)
    return audited(obj._meta.label_lower, changes)


def _save(obj: models.Model) -> None:
    obj.full_clean()
    obj.save()


def _locked(row: models.Model) -> Any:
    """``row`` re-read as stored now, locked until the action's transaction ends: two
    changes at once (two answers to a referral, two withdrawals) are taken one after the
    other, and the second sees the first."""
    row.refresh_from_db(from_queryset=type(row).objects.select_for_update())
    return row


# -- participants and consent ------------------------------------------------------------
@action("cases.enrol", IntakeAccess, "cases.enrol", rule="has_organisation")
def enrol_participant(access: IntakeAccess, data: dict[str, Any]) -> Participant:
    """Intake: a new participant enrolled by the actor's organisation, on their caseload."""
    participant = Participant(enrolled_by=access.organisation, navigator=access.user)
    changes = _diff(participant, data)
    save_version(participant, 0, changes)
    record(access.actor, "cases.enrol", participant,
           summary=f"Enrolled participant {participant.pk}", changes=changes)
    return participant


@action("cases.update_participant", ParticipantAccess, "cases.enrol")
def update_participant(access: ParticipantAccess, data: dict[str, Any],
                       version: int | None = None) -> dict:
    """Change the personal data; ``version``: the one the person's form was opened at."""
    participant = access.participant
    changes = _diff(participant, data)
    if changes:
        save_version(participant, version, changes)
        record(access.actor, "cases.update_participant", participant,
               summary=f"Changed participant {participant.pk}", changes=changes)
    return changes


@action("cases.link_account", ParticipantAccess, "cases.enrol")
def link_account(access: ParticipantAccess, user: Any) -> None:
    """Give a participant their own login (a user with the participant role)."""
    participant = access.participant
    profile = getattr(user, "pathways_profile", None)
    if profile is None or profile.role != "participant":
        raise ValidationError(_("Only an account with the participant role can be linked."))
    changes = _diff(participant, {"user": user})
    save_version(participant, None, changes)
    record(access.actor, "cases.link_account", participant, changes=changes,
           summary=f"Linked an account to participant {participant.pk}")


@action("cases.create_account", ParticipantAccess, "cases.enrol")
def create_account(access: ParticipantAccess, username: str, password: str) -> Any:
    """A login for the participant (participant role), linked to their record."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password

    from pathways.apps.accounts.models import Profile, Role

    participant = access.participant
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
    # The navigator knows this first password: the participant replaces it at first login.
    Profile.objects.create(user=user, role=Role.PARTICIPANT, must_change_password=True,
                           preferred_language=participant.preferred_language)
    participant.user = user
    changes = {"user": [None, str(user.pk)]}
    save_version(participant, None, changes)
    record(access.actor, "cases.create_account", participant, changes=changes,
           summary=f"Created a login for participant {participant.pk}")
    return user


@action("cases.reset_participant_password", ParticipantAccess, "cases.enrol")
def reset_participant_password(access: ParticipantAccess) -> str:
    """A new temporary password for the participant's login, for a person without email:
    returned once, to be told to them; at their next login they must choose their own."""
    from pathways.apps.accounts.passwords import temporary_password

    participant = access.participant
    user = participant.user
    profile = getattr(user, "pathways_profile", None) if user is not None else None
    if profile is None or profile.role != "participant":
        raise ValidationError(_("This participant has no login of their own yet."))
    password = temporary_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    profile.must_change_password = True
    profile.save(update_fields=["must_change_password"])
    record(access.actor, "cases.reset_participant_password", participant,
           changes={"password": "changed", "must_change_password": [False, True]},
           summary=f"Set a temporary password for participant {participant.pk}")
    return password


@action("cases.consent", ParticipantAccess, "cases.refer")
def record_consent(access: ParticipantAccess, data: dict[str, Any]) -> Consent:
    consent = Consent(participant=access.participant, recorded_by=access.user)
    changes = _diff(consent, data)
    _save(consent)
    record(access.actor, "cases.consent", consent, changes=changes,
           summary=f"Consent of participant {access.participant.pk}: {consent}")
    return consent


def _part_of(access: ParticipantAccess, part: Any) -> None:
    """A consent, activity ... of another participant is not found through this one."""
    if not access.owns(part):
        raise Http404("No such record")


@action("cases.withdraw_consent", ParticipantAccess, "cases.refer")
def withdraw_consent(access: ParticipantAccess, consent: Consent, on: dt.date) -> None:
    """The participant takes back a consent from ``on``: a record shared under it is no
    longer visible to that organisation (ADR 0031 rule 3) and no referral can rest on it."""
    _part_of(access, consent)
    _locked(consent)
    if consent.withdrawn_on:
        raise ValidationError(_("This consent is already withdrawn."))
    if on < consent.given_on:
        raise ValidationError({"withdrawn_on": _(
            "A consent cannot be withdrawn before it was given (%(given)s).") % {
            "given": consent.given_on.isoformat()}})
    changes = _diff(consent, {"withdrawn_on": on})
    _save(consent)
    record(access.actor, "cases.withdraw_consent", consent, changes=changes,
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


@action("cases.assess", ParticipantAccess, "cases.assess")
def record_assessment(access: ParticipantAccess, data: dict[str, Any],
                      credentials_held: list | None = None,
                      version: int | None = None) -> Assessment:
    """Create or update the one shared assessment; the EFL is derived from the score.
    ``version``: the one the person's form was opened at (0 for a new assessment)."""
    participant = access.participant
    assessment = Assessment.objects.filter(participant=participant).first()
    created = assessment is None
    if created:
        assessment = Assessment(participant=participant)
    data = {**data, "efl": derived_level(data.get("test", ""), data.get("test_score")),
            "recorded_by": access.user, "recorded_by_organisation": organisation_of(access.user)}
    changes = _diff(assessment, data)
    held = sorted(c.pk for c in credentials_held) if credentials_held is not None else None
    before = sorted(assessment.credentials_held.values_list("pk", flat=True)) \
        if assessment.pk else []
    if held is not None and held != before:
        changes.update(audited("cases.assessment", {"credentials_held": [before, held]}))
    save_version(assessment, version, changes)
    if "credentials_held" in changes:
        assessment.credentials_held.set(credentials_held)
    record(access.actor, "cases.assess", assessment, changes=changes,
           summary=f"{'Recorded' if created else 'Updated'} the assessment of participant "
                   f"{participant.pk}")
    return assessment


@action("cases.prior_job", ParticipantAccess, "cases.assess")
def add_prior_job(access: ParticipantAccess, data: dict[str, Any]) -> PriorJob:
    """A job from the person's work history, on their shared assessment."""
    assessment = getattr(access.participant, "assessment", None)
    if assessment is None:
        raise ValidationError(_("Record the assessment first."))
    job = PriorJob(assessment=assessment)
    changes = _diff(job, data)
    _save(job)
    record(access.actor, "cases.prior_job", job, changes=changes,
           summary=f"Work history of participant {assessment.participant_id}: a job added")
    return job


# -- the plan and progress ---------------------------------------------------------------
@action("cases.plan", ParticipantAccess, "cases.plan")
def save_plan(access: ParticipantAccess, data: dict[str, Any],
              version: int | None = None) -> CareerPlan:
    """Build or change the plan; ``version``: the one the person's form was opened at (0
    for a new plan)."""
    participant = access.participant
    plan = CareerPlan.objects.filter(participant=participant).first()
    created = plan is None
    if created:
        plan = CareerPlan(participant=participant, created_by=access.user)
    changes = _diff(plan, data)
    save_version(plan, version, changes)
    record(access.actor, "cases.plan", plan, changes=changes,
           summary=f"{'Built' if created else 'Changed'} the plan of participant "
                   f"{participant.pk}: {plan.goal}")
    return plan


@action("cases.milestone", ParticipantAccess, "cases.record_progress")
def record_milestone(access: ParticipantAccess, data: dict[str, Any]) -> Milestone:
    milestone = Milestone(participant=access.participant, recorded_by=access.user)
    changes = _diff(milestone, data)
    if milestone.kind == Milestone.Kind.CREDENTIAL and milestone.credential_id \
            and not milestone.credential_kind:
        from pathways.apps.cases.vocabulary import credential_kind_for

        milestone.credential_kind = credential_kind_for(milestone.credential.credential_type)
        changes["credential_kind"] = [None, milestone.credential_kind]
    _save(milestone)
    record(access.actor, "cases.milestone", milestone, changes=changes,
           summary=f"Participant {access.participant.pk}: {milestone}")
    return milestone


@action("cases.activity", ParticipantAccess, "cases.record_progress")
def record_activity(access: ParticipantAccess, data: dict[str, Any],
                    activity: WorkActivity | None = None) -> WorkActivity:
    """Add a work experience or employment service, or change one (e.g. its outcome)."""
    created = activity is None
    if created:
        activity = WorkActivity(participant=access.participant, recorded_by=access.user)
    else:
        _part_of(access, activity)
    changes = _diff(activity, data)
    _save(activity)
    record(access.actor, "cases.activity", activity, changes=changes,
           summary=f"Participant {access.participant.pk}: {activity.kind} "
                   f"({activity.outcome})")
    return activity


# -- referrals: a closed loop ------------------------------------------------------------
def _target_organisation(data: dict[str, Any]) -> Any:
    """The organisation that receives a referral: the one offering the service or program,
    or the employer itself (a target without an organisation cannot be referred to)."""
    kind = data.get("kind", Referral.Kind.SERVICE)
    target = data.get({"service": "service", "program": "program",
                       "employer": "employer"}.get(kind, "service"))
    if target is None:
        raise ValidationError({kind if kind in Referral.Kind.values else "kind": _(
            "Choose where to refer the person.")})
    organisation = (target.organisation if kind == Referral.Kind.EMPLOYER
                    else target.provider.organisation)
    if organisation is None:
        raise ValidationError({kind: _("%(target)s is not offered by a partner organisation, "
                                       "so nobody would receive the referral.")
                               % {"target": target}})
    return organisation


@action("cases.refer", ParticipantAccess, "cases.refer")
def send_referral(access: ParticipantAccess, data: dict[str, Any],
                  draft: bool = False) -> Referral:
    """Refer to a support service, a program or an employer at a partner, under the
    participant's recorded consent; with ``draft``, kept unsent (the partner does not see
    it) until the navigator sends it."""
    participant = access.participant
    consent = data.get("consent")
    if consent is not None:  # as stored now, and not withdrawn while the referral is sent
        _locked(consent)
    organisation = _target_organisation(data)
    if data.get("organisation") not in (None, organisation):
        raise ValidationError({"organisation": _(
            "The referral goes to the organisation that offers what it is for.")})
    if consent is None or consent.participant_id != participant.pk or not consent.is_active:
        raise ValidationError({"consent": _("Record the participant's consent first.")})
    if consent.organisation_id != organisation.pk:
        raise ValidationError({"consent": _("The consent was given for another organisation.")})
    status = Referral.Status.DRAFT if draft else Referral.Status.REQUESTED
    data = {"follow_up_due": timezone.localdate() + dt.timedelta(days=FOLLOW_UP_DAYS),
            **data, "organisation": organisation, "status": status,
            "status_changed_at": timezone.now()}
    referral = Referral(participant=participant, sent_by=access.user)
    changes = _diff(referral, data)
    _save(referral)
    record(access.actor, "cases.refer", referral, changes=changes,
           summary=f"{'Drafted' if draft else 'Sent'} referral of participant "
                   f"{participant.pk} to {referral.kind} {referral.target.pk} "
                   f"({referral.organisation})")
    return referral


class RefusedMove(ValidationError):
    """A status change the table does not allow, or made on a referral that changed since
    the person's page was opened."""


def _move(referral: Referral, to: str, side: str, expected: str | None) -> None:
    """Refuse the move unless the referral (locked, as stored now) is still at ``expected``
    (when the page said) and the table lets ``side`` take it to ``to``."""
    if to not in Referral.Status.values:
        raise RefusedMove({"status": _("Unknown status.")})
    now = referral.status
    stale = bool(expected) and now != expected
    if not stale and referral_flow.may_move(now, to, side):
        return
    if not stale and to in referral_flow.TRANSITIONS[now]:  # allowed, to the other side
        raise RefusedMove({"status": _(
            "The other side of the referral makes this change, not you.")})
    raise RefusedMove(_(
        "This referral is now “%(status)s”, so it cannot become “%(to)s”: someone may "
        "have answered it after you opened the page. Reload the page to see it.") % {
        "status": referral.get_status_display(), "to": Referral.Status(to).label})


def _change(access: ReferralAccess, side: str, to: str, reason: str, note: str,
            expected: str | None, extra: dict[str, Any]) -> dict[str, Any]:
    referral = _locked(access.referral)
    _move(referral, to, side, expected)
    reason, note = (reason or "").strip(), (note or "").strip()
    if to in referral_flow.NEEDS_REASON:
        if reason not in Referral.Reason.values:
            raise ValidationError({"status_reason": _(
                "Choose a reason for “%(to)s”.") % {"to": Referral.Status(to).label}})
        if reason == Referral.Reason.OTHER and not note:
            raise ValidationError({"status_reason_note": _("Say why, in a few words.")})
    elif reason and reason not in Referral.Reason.values:
        raise ValidationError({"status_reason": _("Unknown reason.")})
    changes = _diff(referral, {"status": to, "status_reason": reason,
                               "status_reason_note": note,
                               "status_changed_at": timezone.now(), **extra})
    _save(referral)
    return changes


@action("cases.referral_update", ReferralAccess, "cases.answer_referrals", rule="receives")
def update_referral(access: ReferralAccess, to: str, reason: str = "", note: str = "",
                    expected: str | None = None, on: dt.date | None = None) -> None:
    """The receiving organisation answers the referral (accepted, rejected) and says how it
    goes (in-progress, on-hold, failed, completed) or cancels it; ``reason`` is a coded
    ``Referral.Reason``, required where the table says, ``note`` free text; ``expected``:
    the status the person's page showed (a change made since is refused); ``on``: the day
    it was done, for ``completed`` (default today)."""
    extra: dict[str, Any] = {}
    referral = _locked(access.referral)  # whether it was answered before, as stored now
    if referral.answered_at is None:
        extra.update(answered_at=timezone.now(), answered_by=access.user)
    if to == Referral.Status.COMPLETED:
        done = on or timezone.localdate()
        if done > timezone.localdate():
            raise ValidationError({"delivered_on": _("This date is in the future.")})
        extra["delivered_on"] = done
    changes = _change(access, referral_flow.RECEIVER, to, reason, note, expected, extra)
    record(access.actor, "cases.referral_update", referral, changes=changes,
           summary=f"Referral {referral.pk} {to}")


@action("cases.referral_revise", ReferralAccess, "cases.refer", rule="sees_participant")
def revise_referral(access: ReferralAccess, to: str, reason: str = "", note: str = "",
                    expected: str | None = None) -> None:
    """The referrer's moves: send a draft (requested), withdraw it (cancelled), or mark it
    a mistake (entered-in-error); only someone who sees the person's record."""
    referral = access.referral
    extra: dict[str, Any] = {}
    if to == Referral.Status.REQUESTED:  # sent now: the partner's clock starts today
        consent = _locked(referral.consent)
        if not consent.is_active:
            raise ValidationError({"consent": _("Record the participant's consent first.")})
        extra["sent_at"] = timezone.now()
    changes = _change(access, referral_flow.REFERRER, to, reason, note, expected, extra)
    record(access.actor, "cases.referral_revise", referral, changes=changes,
           summary=f"Referral {referral.pk} {to}")


@action("cases.referral_follow_up", ReferralAccess, "cases.refer", rule="sees_participant")
def follow_up_referral(access: ReferralAccess, on: dt.date, note: str) -> None:
    """The navigator checks back with the person and notes what they found: only someone
    who sees the person's record (a declined referral's receiver does not). The status is
    the receiving side's to say; the follow-up does not change it."""
    referral = _locked(access.referral)
    if referral.status in referral_flow.NOT_A_SERVICE:
        raise ValidationError(_("A draft or a referral entered in error has no follow-up."))
    if not note.strip():
        raise ValidationError({"outcome_note": _("Say what the follow-up found.")})
    changes = _diff(referral, {"followed_up_on": on, "outcome_note": note.strip()})
    _save(referral)
    record(access.actor, "cases.referral_follow_up", referral, changes=changes,
           summary=f"Referral {referral.pk} followed up")


# -- the key of the encrypted fields -------------------------------------------------------
@action("cases.rotate_field_key", KeyAccess, rule="at_console")
def rotate_field_key(access: KeyAccess) -> dict[str, int]:
    """Re-encrypt every encrypted value with the first key of PATHWAYS_FIELD_KEY. A console
    task for whoever holds the keys: no web role can start it."""
    from pathways.apps.cases import crypto

    counts = crypto.rotate()
    record(access.actor, "cases.rotate_field_key",
           summary=f"Re-encrypted {sum(counts.values())} stored values with the current key",
           changes=counts)
    return counts

