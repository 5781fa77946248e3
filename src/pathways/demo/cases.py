"""Demo participants on the demo navigator's caseload (participants.yaml, deterministic).

Built through the cases actions, so the demo's audit log reads like real work: each kind
of record has one function below, and that function is the only place calling its action.
Dates are counted back from the day the demo is loaded, so the caseload's flags (next step
due, stalled, referral waiting) show the same way whenever it is built.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from pathways.apps.cases import actions, queries
from pathways.apps.cases.models import Assessment, Participant
from pathways.apps.cases.queries import ParticipantAccess
from pathways.apps.catalog.models import ExitPoint, Occupation, PathwayComponent
from pathways.demo.loader import content
from pathways.demo.region import DEMO_PASSWORD, ctid, decimal

MONEY = {"recent_hourly_wage"}  # written as text in the file, kept to the cent


def build(builder) -> None:
    """Create the demo participants (called once from ``region._Builder.build``)."""
    users = get_user_model().objects
    navigator = users.get(username="navigator")
    today = timezone.localdate()
    for spec in builder.data.participants:
        _person(builder, navigator, today, spec)


def _person(builder, navigator, today: dt.date, spec: dict) -> Participant:
    person = _enrol(navigator, spec)
    access = queries.participant_access(navigator, person)
    if spec.get("account"):
        _link_account(access, spec["account"])
    _assessment(builder, access, today, spec["assessment"])
    for job in spec["assessment"].get("prior_jobs", []):
        _prior_job(access, job)
    _plan(access, today, spec["plan"])
    slug = spec["plan"]["pathway"]
    steps = {c.ctid: c for c in PathwayComponent.objects.filter(pathway__slug=slug)}

    def step(key: str) -> PathwayComponent:
        return steps[ctid("component", slug, key)]

    for milestone in spec.get("milestones", []):
        _milestone(access, today, milestone, step)
    for activity in spec.get("activities", []):
        _activity(builder, access, today, activity, step)
    for consent in spec.get("consents", []):
        _consent(access, builder.orgs[consent["organisation"]], today, consent)
    if spec.get("referral"):
        _referral(builder, access, today, spec["referral"])
    for award in spec.get("awards", []):
        _award(access, today, award, step)
    # Intake happened before the assessment (the "stalled" flag reads this date too).
    Participant.objects.filter(pk=person.pk).update(
        created_at=timezone.now() - dt.timedelta(days=spec["enrolled_days_ago"]))
    return person


def _days_ago(today: dt.date, days: int) -> dt.date:
    return today - dt.timedelta(days=days)


def _enrol(navigator, spec: dict) -> Participant:
    return actions.enrol_participant(queries.intake_access(navigator), {
        "first_name": spec["first_name"], "last_name": spec["last_name"],
        "email": spec["email"], "phone": spec["phone"],
        "date_of_birth": spec["date_of_birth"],
        "preferred_language": spec["preferred_language"], "is_sample": True})


def _link_account(access: ParticipantAccess, username: str) -> None:
    account = get_user_model().objects.get(username=username)
    actions.link_account(access, account)


def _assessment(builder, access: ParticipantAccess, today: dt.date,
                spec: dict) -> Assessment:
    on = _days_ago(today, spec["days_ago"])
    answers = {name: decimal(value) if name in MONEY else value for name, value in spec.items()
               if name not in {"days_ago", "credentials_held", "prior_jobs"}}
    held = [builder.credentials[key] for key in spec.get("credentials_held", [])]
    return actions.record_assessment(access, {
        "assessed_on": on, "tested_on": on if spec.get("test") else None, **answers}, held)


def _prior_job(access: ParticipantAccess, spec: dict) -> None:
    actions.add_prior_job(access, {
        "occupation": Occupation.objects.get(code=spec["occupation"]),
        "employer": spec["employer"], "years": decimal(spec["years"])})


def _plan(access: ParticipantAccess, today: dt.date, spec: dict) -> None:
    goal = ExitPoint.objects.get(pathway__slug=spec["pathway"], name_en=spec["goal"])
    due = spec.get("next_step_due_in_days")
    actions.save_plan(access, {
        "pathway": goal.pathway, "goal": goal, "entry_point": None,
        "next_step_due": today + dt.timedelta(days=due) if due is not None else None,
        "notes": ""})


def _milestone(access: ParticipantAccess, today: dt.date, spec: dict, step) -> None:
    data: dict[str, Any] = {"kind": spec["kind"], "on": _days_ago(today, spec["days_ago"]),
                            "source": spec["source"]}
    if spec.get("step"):
        data["component"] = step(spec["step"])
        if spec["kind"] == "credential":
            data["credential"] = data["component"].effective_credential
    if spec.get("employer"):
        data.update(employer=spec["employer"], hourly_wage=decimal(spec["hourly_wage"]))
    if spec.get("occupation"):
        data["occupation"] = Occupation.objects.get(code=spec["occupation"])
    actions.record_milestone(access, data)


def _activity(builder, access: ParticipantAccess, today: dt.date, spec: dict, step) -> None:
    actions.record_activity(access, {
        "kind": spec["kind"], "organisation": spec["organisation"],
        "employer_organisation": builder.orgs[spec["employer"]] if spec.get("employer")
        else None,
        "component": step(spec["step"]), "started_on": _days_ago(today, spec["days_ago"]),
        "hours": spec["hours"], "outcome": spec["outcome"]})


def _award(access: ParticipantAccess, today: dt.date, spec: dict, step) -> None:
    from pathways.apps.funding.actions import record_award

    on = _days_ago(today, spec["days_ago"])
    days = spec.get("period_days")
    record_award(access, {
        "stream": spec["stream"], "amount": decimal(spec["amount"]),
        "component": step(spec["step"]) if spec.get("step") else None, "awarded_on": on,
        "period_from": on if days else None,
        "period_to": on + dt.timedelta(days=days) if days else None})


def _consent(access: ParticipantAccess, organisation, today: dt.date, spec: dict):
    return actions.record_consent(access, {
        "organisation": organisation, "purpose": spec["purpose"], "method": spec["method"],
        "given_on": _days_ago(today, spec["days_ago"])})


def _referral(builder, access: ParticipantAccess, today: dt.date, spec: dict) -> None:
    service = builder.services[spec["service"]]
    organisation = service.provider.organisation
    consent = _consent(access, organisation, today, {
        "purpose": "referral", "method": "signed", "days_ago": spec["consent_days_ago"]})
    data = {"kind": "service", "service": service, "consent": consent, "note": spec["note"]}
    if "due_days_ago" in spec:  # sent a while ago and still unanswered: shows as overdue
        data["follow_up_due"] = _days_ago(today, spec["due_days_ago"])
    referral = actions.send_referral(access, data)
    if spec.get("accepted"):
        staff = _staff_of(organisation)
        actions.update_referral(queries.referral_access(staff, referral), "accepted")


def _staff_of(organisation):
    """A partner-staff account at the receiving organisation (made for the demo once)."""
    from pathways.apps.accounts.models import Profile, Role

    spec = content().people["referral_staff"]
    users = get_user_model().objects
    user, created = users.get_or_create(username=spec["username"], defaults={
        "first_name": spec["first_name"], "last_name": spec["last_name"],
        "email": f"{spec['username']}@example.org"})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        Profile.objects.create(user=user, role=Role.PARTNER_STAFF, organisation=organisation)
    return user


def remove() -> None:
    """Delete the demo participants (before the organisations, services and pathways they
    refer to) and the demo's extra partner account."""
    Participant.objects.filter(is_sample=True).delete()
    get_user_model().objects.filter(username=content().people["referral_staff"]["username"]
                                    ).delete()


__all__ = ["build", "remove"]
