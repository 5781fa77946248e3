"""Every change to a participant's record writes exactly one audit entry, and a refused
change writes none."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.cases import actions
from pathways.apps.cases.queries import intake_access
from pathways.apps.catalog.models import Occupation, SupportService
from tests.cases.conftest import about, on

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def test_each_action_is_audited_once(users, college_staff):
    nav = users["navigator"]
    steps = []
    person = actions.enrol_participant(intake_access(nav), {
        "first_name": "Ana", "last_name": "Ruiz", "date_of_birth": dt.date(1991, 2, 3)})
    steps.append(("cases.enrol", person))
    steps.append(("cases.update_participant",
                  actions.update_participant(on(nav, person), {"phone": "555-0100"}) and person))
    assessment = actions.record_assessment(on(nav, person), {
        "assessed_on": TODAY, "education": 1, "english_level": "proficient",
        "employment_status": 0}, [])
    steps.append(("cases.assess", assessment))
    steps.append(("cases.prior_job", actions.add_prior_job(on(nav, person), {
        "occupation": Occupation.objects.get(code="41-2011.00"), "years": Decimal(1)})))
    service = SupportService.objects.get(name="Tutoring center")
    consent = actions.record_consent(on(nav, person), {
        "organisation": service.provider.organisation, "purpose": "referral",
        "method": "signed", "given_on": TODAY})
    steps.append(("cases.consent", consent))
    referral = actions.send_referral(on(nav, person), {
        "service": service, "organisation": service.provider.organisation,
        "consent": consent})
    steps.append(("cases.refer", referral))
    actions.update_referral(about(college_staff, referral), "accepted")
    steps.append(("cases.referral_update", referral))
    steps.append(("cases.milestone", actions.record_milestone(on(nav, person), {
        "kind": "skill_gain", "on": TODAY, "skill_gain": 3, "source": "transcript"})))
    steps.append(("cases.activity", actions.record_activity(on(nav, person), {
        "kind": "job_search", "organisation": "Job Center", "started_on": TODAY})))
    entries = list(AuditEntry.objects.filter(action__startswith="cases.")
                   .order_by("-pk")[:len(steps)])[::-1]
    assert [(e.action, e.object_id) for e in entries] == [
        (action, str(obj.pk)) for action, obj in steps]
    assert all(e.actor_id for e in entries)


def test_a_refused_change_writes_nothing(users):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        actions.enrol_participant(intake_access(users["navigator"]), {
            "first_name": "", "last_name": "X", "date_of_birth": None})
    assert AuditEntry.objects.count() == before


def test_entries_name_personal_fields_but_never_hold_their_values(users, college_staff):
    """ADR 0036: codes and dates of the work keep their values; what describes the person
    is only said to have changed, in the changes and in the summary."""
    nav = users["navigator"]
    personal = ["Ines", "Quintero", "ines@example.org", "555-0177", "1987-09-14",
                "Riverton Plastics", "23.50", "ex_offender", "Night shifts only",
                "Lives far from the bus", "Fired for lateness", "No places left",
                "Got the pass", "Tried hard"]
    person = actions.enrol_participant(intake_access(nav), {
        "first_name": "Ines", "last_name": "Quintero", "email": "ines@example.org",
        "phone": "555-0177", "date_of_birth": dt.date(1987, 9, 14)})
    actions.record_assessment(on(nav, person), {
        "assessed_on": TODAY, "education": 1, "english_level": "proficient",
        "employment_status": 0, "barriers": ["ex_offender"]}, [])
    actions.add_prior_job(on(nav, person), {
        "occupation": Occupation.objects.get(code="41-2011.00"), "years": Decimal(1),
        "employer": "Riverton Plastics"})
    actions.record_milestone(on(nav, person), {
        "kind": "employed", "on": TODAY, "source": "employer", "employer": "Riverton Plastics",
        "hourly_wage": Decimal("23.50"), "note": "Night shifts only"})
    actions.record_activity(on(nav, person), {
        "kind": "job_search", "organisation": "Riverton Plastics", "started_on": TODAY,
        "outcome": "left", "ended_on": TODAY, "outcome_note": "Fired for lateness"})
    service = SupportService.objects.get(name="Tutoring center")
    consent = actions.record_consent(on(nav, person), {
        "organisation": service.provider.organisation, "purpose": "referral",
        "method": "signed", "given_on": TODAY})
    referral = actions.send_referral(on(nav, person), {
        "service": service, "organisation": service.provider.organisation,
        "consent": consent, "note": "Lives far from the bus"})
    actions.update_referral(about(college_staff, referral), "rejected", "other",
                            "No places left")
    actions.follow_up_referral(about(nav, referral), TODAY, "Got the pass")
    actions.update_participant(on(nav, person), {"first_name": "Tried hard"})
    entries = AuditEntry.objects.filter(action__startswith="cases.",
                                        at__gte=person.created_at)
    written = json.dumps([[e.summary, e.changes] for e in entries])
    for value in personal:
        assert value not in written, value
    by_action = {e.action: e.changes for e in entries}
    assert by_action["cases.enrol"]["date_of_birth"] == "changed"
    assert by_action["cases.enrol"]["version"] == [0, 1]
    assert by_action["cases.milestone"]["kind"] == ["", "employed"]
    assert by_action["cases.milestone"]["hourly_wage"] == "changed"
    assert by_action["cases.referral_update"]["status"] == ["requested", "rejected"]
    assert by_action["cases.referral_update"]["status_reason"] == ["", "other"]
    assert by_action["cases.referral_update"]["status_reason_note"] == "changed"
    assert by_action["cases.update_participant"] == {"first_name": "changed",
                                                     "version": [1, 2]}
