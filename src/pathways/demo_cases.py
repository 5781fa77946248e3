"""Demo participants on the demo navigator's caseload (sample data, deterministic).

Built through the cases actions, so the demo's audit log reads like real work. Dates are
counted back from the day the demo is loaded, so the caseload's flags (next step due,
stalled, referral waiting) show the same way whenever it is built.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from pathways.apps.cases import actions, queries
from pathways.apps.cases.models import Participant
from pathways.apps.cases.vocabulary import EmploymentStatus, Source
from pathways.apps.catalog.models import ExitPoint, Occupation, PathwayComponent

# first, last, born, language, pathway slug, goal exit name, assessment, extras
PEOPLE = [
    {"first": "Paz", "last": "Participant", "born": (1994, 3, 8), "language": "es",
     "account": "participant", "pathway": "nursing-and-patient-care",
     "goal": "Licensed practical nurse", "due_in": 5,
     "assessment": {"education": 0, "highest_grade": 10, "test": "casas_reading_abe",
                    "test_score": 215, "english_level": "intermediate",
                    "employment_status": EmploymentStatus.UNEMPLOYED,
                    "barriers": ["low_income", "single_parent"], "interests": "SI"},
     "jobs": [("51-2092.00", "Riverton Plastics (sample)", "3.0")],
     "milestones": [("enrolled", 30, "bridge")],
     "share_with": "adulted",
     "referral": ("childcare", "accepted", "Two children, 3 and 6; evening classes.")},
    {"first": "Marco", "last": "Reyes", "born": (1999, 11, 21), "language": "en",
     "pathway": "it-support-and-networking", "goal": "Network support specialist",
     "due_in": 30, "held": ["aplus"],
     "assessment": {"education": 1, "english_level": "proficient",
                    "employment_status": EmploymentStatus.EMPLOYED,
                    "recent_hourly_wage": Decimal("15.50"), "recent_weekly_hours": 32,
                    "barriers": ["low_income"], "interests": "IRC"},
     "jobs": [("15-1232.00", "River Mall Electronics (sample)", "2.0")],
     "referral": ("laptops", "sent", "Needs a laptop for the online Network+ class.")},
    {"first": "Lan", "last": "Tran", "born": (1988, 6, 2), "language": "en", "days_ago": 90,
     "pathway": "nursing-and-patient-care", "goal": "Nursing assistant",
     "assessment": {"education": 7, "test": "casas_reading_esl", "test_score": 205,
                    "english_level": "limited",
                    "employment_status": EmploymentStatus.NOT_IN_LABOR_FORCE,
                    "barriers": ["english_learner", "cultural_barriers"], "interests": "SC"}},
    {"first": "Dee", "last": "Walker", "born": (1979, 1, 15), "language": "en",
     "pathway": "advanced-manufacturing-technician", "goal": "Industrial machinery mechanic",
     "due_in": 60,
     "assessment": {"education": 1, "english_level": "proficient",
                    "employment_status": EmploymentStatus.EMPLOYED,
                    "recent_hourly_wage": Decimal("17.25"), "recent_weekly_hours": 40,
                    "barriers": ["long_term_unemployed"], "interests": "RC"},
     "milestones": [("enrolled", 150, "cpt"), ("credential", 80, "cpt"),
                    ("employed", 60, None)],
     "apprenticeship": 45},
]


def build(builder) -> None:
    """Create the demo participants (called once from ``demo._Builder.build``)."""
    users = get_user_model().objects
    navigator = users.get(username="navigator")
    today = timezone.localdate()
    for spec in PEOPLE:
        _person(builder, navigator, users, today, spec)


def _person(builder, navigator, users, today: dt.date, spec: dict) -> Participant:
    slug = spec["pathway"]
    person = actions.enrol_participant(queries.intake_access(navigator), {
        "first_name": spec["first"], "last_name": spec["last"],
        "email": f"{spec['first'].lower()}.{spec['last'].lower()}@example.org",
        "phone": "(859) 555-01" + str(10 + PEOPLE.index(spec)),
        "date_of_birth": dt.date(*spec["born"]), "preferred_language": spec["language"],
        "is_sample": True})
    access = queries.participant_access(navigator, person)
    if spec.get("account"):
        actions.link_account(access, users.get(username=spec["account"]))
    held = [builder.credentials[key] for key in spec.get("held", [])]
    actions.record_assessment(access, {
        "assessed_on": today - dt.timedelta(days=spec.get("days_ago", 40) - 2),
        "tested_on": today - dt.timedelta(days=spec.get("days_ago", 40) - 2)
        if spec["assessment"].get("test") else None, **spec["assessment"]}, held)
    for code, employer, years in spec.get("jobs", []):
        actions.add_prior_job(access, {
            "occupation": Occupation.objects.get(code=code), "employer": employer,
            "years": Decimal(years)})
    goal = ExitPoint.objects.get(pathway__slug=slug, name=spec["goal"])
    actions.save_plan(access, {
        "pathway": goal.pathway, "goal": goal, "entry_point": None,
        "next_step_due": today + dt.timedelta(days=spec["due_in"]) if "due_in" in spec
        else None, "notes": ""})
    components = {c.ctid: c for c in PathwayComponent.objects.filter(pathway__slug=slug)}
    from pathways.demo import ctid

    for kind, days, key in spec.get("milestones", []):
        data = {"kind": kind, "on": today - dt.timedelta(days=days),
                "source": Source.TRANSCRIPT}
        if key:
            step = components[ctid("component", slug, key)]
            data["component"] = step
            if kind == "credential":
                data["credential"] = step.effective_credential
                data["source"] = Source.CREDENTIAL_COPY
        if kind == "employed":
            data.update(employer="River Region Manufacturers Association (sample) member",
                        hourly_wage=Decimal("19.40"), source=Source.EMPLOYER,
                        occupation=Occupation.objects.get(code="51-2092.00"))
        actions.record_milestone(access, data)
    if spec.get("apprenticeship"):
        actions.record_activity(access, {
            "kind": "apprenticeship", "organisation": "Riverton Castings (sample)",
            "component": components[ctid("component", slug, "apprentice")],
            "started_on": today - dt.timedelta(days=spec["apprenticeship"]),
            "hours": 320, "outcome": "ongoing"})
    if spec.get("share_with"):
        actions.record_consent(access, {
            "organisation": builder.orgs[spec["share_with"]], "purpose": "share_record",
            "method": "signed", "given_on": today - dt.timedelta(days=38)})
    if spec.get("referral"):
        _referral(builder, access, today, *spec["referral"])
    # Intake happened before the assessment (the "stalled" flag reads this date too).
    Participant.objects.filter(pk=person.pk).update(
        created_at=timezone.now() - dt.timedelta(days=spec.get("days_ago", 42)))
    return person


def _referral(builder, access, today, service_key, status, note) -> None:
    service = builder.services[service_key]
    organisation = service.provider.organisation
    consent = actions.record_consent(access, {
        "organisation": organisation, "purpose": "referral", "method": "signed",
        "given_on": today - dt.timedelta(days=20)})
    referral = actions.send_referral(access, {
        "service": service, "organisation": organisation, "consent": consent, "note": note})
    if status == "accepted":
        staff = _staff_of(builder, organisation)
        actions.answer_referral(queries.referral_access(staff, referral), accept=True)


def _staff_of(builder, organisation):
    """A partner-staff account at the receiving organisation (made for the demo once)."""
    from pathways.apps.accounts.models import Profile, Role
    from pathways.demo import DEMO_PASSWORD

    users = get_user_model().objects
    user, created = users.get_or_create(username="services", defaults={
        "first_name": "Sam", "last_name": "Services", "email": "services@example.org"})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        Profile.objects.create(user=user, role=Role.PARTNER_STAFF, organisation=organisation)
    return user


def remove() -> None:
    """Delete the demo participants (before the organisations, services and pathways they
    refer to) and the demo's extra partner account."""
    Participant.objects.filter(is_sample=True).delete()
    get_user_model().objects.filter(username="services").delete()


__all__ = ["PEOPLE", "build", "remove"]

