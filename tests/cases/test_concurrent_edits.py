"""Two staff editing one record: the second save, based on what the first has since
changed, is refused with who changed which fields; nothing of either is lost."""

from __future__ import annotations

import pytest

from pathways.apps.cases import actions
from pathways.apps.cases.models import Assessment, CareerPlan, Participant
from pathways.apps.cases.queries import intake_access
from pathways.apps.cases.versions import StaleRecord
from tests.cases.conftest import audit_count, make_user, on

pytestmark = pytest.mark.django_db

PERSON = {"first_name": "Paz", "last_name": "Participant", "email": "paz.participant@example.org",
          "phone": "(859) 555-0110", "date_of_birth": "1994-03-08", "preferred_language": "es",
          "government_id_kind": "", "government_id": ""}
ASSESSMENT = {"education": "0", "highest_grade": "10", "test": "casas_reading_abe",
              "test_score": "215", "english_level": "intermediate", "employment_status": "0",
              "recent_hourly_wage": "", "recent_weekly_hours": "",
              "barriers": ["low_income", "single_parent"], "interests": "SI"}


def opened(client, user, path: str) -> dict:
    """What the form at ``path`` carries when ``user`` opens it: its version."""
    client.force_login(user)
    form = client.get(path).context["form"]
    return {"version": form["version"].value()}


def test_the_second_of_two_edits_of_personal_data_is_refused_and_nothing_is_lost(
        client, users, paz):
    nia = users["navigator"]
    ben = make_user("ben", "navigator", "River Region Workforce")  # sees Paz too
    path = f"/cases/participants/{paz.pk}/edit/"
    first, second = opened(client, nia, path), opened(client, ben, path)
    assert first == second

    client.force_login(nia)
    saved = client.post(path, {**PERSON, **first, "phone": "(859) 555-0199"})
    assert saved.status_code == 302
    client.force_login(ben)
    before = audit_count()
    refused = client.post(path, {**PERSON, **second, "email": "paz@example.net"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert ("Nia Navigator saved this record after you opened it, changing: Phone."
            in page)
    assert "Nothing you entered was saved; it is still in the form." in page
    assert 'value="paz@example.net"' in page  # Ben's input is kept...
    form = refused.context["form"]
    assert form.errors["phone"] == [
        "Changed by someone else after you opened the form: check it."]
    stored = Participant.objects.get(pk=paz.pk)  # ...and Nia's change too
    assert (stored.phone, stored.email) == ("(859) 555-0199", "paz.participant@example.org")
    assert audit_count() == before

    # Ben checks, keeps Nia's phone, and saves again: the form now has the current version.
    again = {**PERSON, "version": form["version"].value(), "email": "paz@example.net",
             "phone": "(859) 555-0199"}
    assert client.post(path, again).status_code == 302
    stored.refresh_from_db()
    assert (stored.phone, stored.email, stored.version) == (
        "(859) 555-0199", "paz@example.net", first["version"] + 2)


def test_two_partners_updating_the_shared_assessment(client, users, paz):
    colleague = make_user("colleague", "partner_staff", "Riverton Adult Education")
    on_file = {"assessed_on": paz.assessment.assessed_on, "tested_on": paz.assessment.tested_on}
    path = f"/cases/participants/{paz.pk}/assessment/"
    first = opened(client, users["partner"], path)
    second = opened(client, colleague, path)
    client.force_login(users["partner"])
    assert client.post(path, {**ASSESSMENT, **on_file, **first,
                              "interests": "SIA"}).status_code == 302
    client.force_login(colleague)
    refused = client.post(path, {**ASSESSMENT, **on_file, **second,
                                 "english_level": "proficient"})
    assert refused.status_code == 400
    assert "Pablo Partner saved this record after you opened it, changing: Interests " \
        "(RIASEC)." in refused.content.decode()
    stored = Assessment.objects.get(participant=paz)
    assert (stored.interests, stored.english_level) == ("SIA", "intermediate")


def test_two_people_building_the_first_plan_or_assessment_at_once(users):
    person = actions.enrol_participant(intake_access(users["navigator"]), {
        "first_name": "Ida", "last_name": "Both", "date_of_birth": "1985-01-02"})
    nav = users["navigator"]
    ben = make_user("ben", "navigator", "River Region Workforce")
    from pathways.apps.catalog.models import ExitPoint

    goal = ExitPoint.objects.filter(pathway__slug="nursing-and-patient-care").first()
    plan = {"pathway": goal.pathway, "goal": goal, "entry_point": None, "notes": ""}
    actions.save_plan(on(nav, Participant.objects.get(pk=person.pk)), plan, version=0)
    with pytest.raises(StaleRecord, match="Nia Navigator saved this record"):
        actions.save_plan(on(ben, Participant.objects.get(pk=person.pk)),
                          {**plan, "notes": "Mine"}, version=0)
    assert CareerPlan.objects.get(participant=person).notes == ""
    answers = {"assessed_on": "2026-01-10", "education": 1, "english_level": "proficient",
               "employment_status": 0}
    actions.record_assessment(on(nav, person), answers, [], version=0)
    with pytest.raises(StaleRecord):
        actions.record_assessment(on(ben, person), answers, [], version=0)
    assert Assessment.objects.get(participant=person).version == 1
