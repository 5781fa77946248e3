"""Every change to a participant's record writes exactly one audit entry, and a refused
change writes none."""

from __future__ import annotations

import datetime as dt
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
    actions.answer_referral(about(college_staff, referral), accept=True)
    steps.append(("cases.referral_answer", referral))
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
