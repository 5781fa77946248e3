"""The one shared assessment: NRS level derived from the score, every change audited."""

from __future__ import annotations

import pytest

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.cases.models import Assessment, PriorJob
from pathways.apps.catalog.models import Credential
from tests.cases.conftest import audit_count

pytestmark = pytest.mark.django_db

GOOD = {"assessed_on": "2026-01-10", "education": "0", "highest_grade": "8",
        "test": "tabe_9_10_reading", "test_score": "470", "tested_on": "2026-01-09",
        "english_level": "proficient", "employment_status": "0",
        "recent_hourly_wage": "", "recent_weekly_hours": "",
        "barriers": ["low_income", "ex_offender"], "interests": "rca"}


def post(client, user, participant, data):
    client.force_login(user)
    return client.post(f"/cases/participants/{participant.pk}/assessment/", data)


def test_partner_staff_update_the_shared_record_and_the_level_is_derived(
        client, users, paz):
    response = post(client, users["partner"], paz, GOOD)
    assert response.status_code == 302
    assessment = Assessment.objects.get(participant=paz)
    assert assessment.efl == "ABE3"  # TABE 9/10 reading 461-517
    assert assessment.interests == "RCA"
    assert assessment.recorded_by == users["partner"]
    assert assessment.recorded_by_organisation.name.startswith("Riverton Adult Education")
    entry = AuditEntry.objects.filter(action="cases.assess").latest("pk")
    assert "efl" not in entry.changes  # ABE3 before (CASAS 215) and after
    # Every answer is named, none is kept: the test's name, the barriers...
    assert entry.changes["test"] == entry.changes["barriers"] == "changed"
    assert "ex_offender" not in str(entry.changes) and "tabe" not in str(entry.changes)
    # ...while who recorded it, and when, are (ids and dates).
    assert entry.changes["recorded_by"] == [str(users["navigator"].pk),
                                            str(users["partner"].pk)]
    assert entry.actor == users["partner"]


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"test": "casas_reading_esl", "test_score": "240"}, "test_score", "above the top"),
    ({"test_score": ""}, "test_score", "Give the scale score of the test."),
    ({"test": ""}, "test", "Say which test the score is from."),
    ({"interests": "RXA"}, "interests", "Use the letters R, I, A, S, E and C"),
    ({"interests": "RR"}, "interests", "each once"),
    ({"barriers": ["low_income", "unicorn"]}, "barriers", "Select a valid choice."),
    ({"highest_grade": ""}, "highest_grade", "give the highest grade completed"),
    ({"highest_grade": "14"}, "highest_grade", "less than or equal to 12"),
    ({"assessed_on": "2099-01-01"}, "assessed_on", "This date is in the future."),
    ({"recent_hourly_wage": "-3"}, "recent_hourly_wage", "greater than or equal to 0"),
])
def test_bad_assessments_are_refused_and_change_nothing(client, users, paz, change, field,
                                                        message):
    before = Assessment.objects.get(participant=paz)
    audits = audit_count()
    response = post(client, users["navigator"], paz, {**GOOD, **change})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    after = Assessment.objects.get(participant=paz)
    assert (after.test, after.test_score, after.efl, after.interests) == (
        before.test, before.test_score, before.efl, before.interests)
    assert audit_count() == audits


def test_credentials_held_are_part_of_the_record_and_audited(client, users, paz):
    ged = Credential.objects.get(name="GED high school equivalency")
    response = post(client, users["navigator"], paz, {**GOOD, "credentials_held": [ged.pk]})
    assert response.status_code == 302
    assert list(paz.assessment.credentials_held.all()) == [ged]
    entry = AuditEntry.objects.filter(action="cases.assess").latest("pk")
    assert entry.changes["credentials_held"] == "changed"


def test_work_history_by_occupation_code(client, users, paz):
    client.force_login(users["navigator"])
    url = f"/cases/participants/{paz.pk}/work-history/"
    bad = client.post(url, {"occupation": "99-9999.00", "years": "2"})
    assert bad.status_code == 400 and "No occupation 99-9999.00 is loaded." in \
        bad.content.decode()
    bad = client.post(url, {"occupation": "nurse", "years": "2"})
    assert "is not an O*NET-SOC code" in bad.content.decode()
    jobs = PriorJob.objects.count()
    ok = client.post(url, {"occupation": "31-1131.00", "employer": "Home", "years": "1.5"})
    assert ok.status_code == 302 and PriorJob.objects.count() == jobs + 1
    assert "Nursing Assistants (31-1131.00)" in client.get(
        f"/cases/participants/{paz.pk}/").content.decode()
