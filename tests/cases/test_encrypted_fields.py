"""Personal fields are encrypted at rest and come back typed; nothing can filter on them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import FieldError
from django.db import connection

from pathways.apps.cases import actions
from pathways.apps.cases.crypto import encrypted_fields, unseal
from pathways.apps.cases.models import Assessment, CareerPlan, Participant, Referral
from tests.cases.conftest import about, on

pytestmark = pytest.mark.django_db

PERSONAL = {("participant", "government_id"), ("participant", "email"), ("participant", "phone"),
            ("participant", "date_of_birth"), ("assessment", "barriers"),
            ("careerplan", "notes"), ("milestone", "note"), ("workactivity", "outcome_note"),
            ("referral", "note"), ("referral", "status_reason_note"), ("referral", "outcome_note"),
            # A request to talk to a navigator: no record needs to sort or search it yet.
            ("contactrequest", "name"), ("contactrequest", "phone"),
            ("contactrequest", "email"),
            # Not personal, but the key of the WIOA employer measure: kept like one (ADR 0047).
            ("employerprofile", "fein"), ("employerprofile", "ui_account"),
            ("fundingfacts", "answers")}  # public assistance, disability ... (funding app)


def raw(model, pk: int, column: str) -> str:
    """The column as the database holds it, bypassing the field."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_every_personal_field_is_encrypted():
    found = {(model._meta.model_name, name) for model, name in encrypted_fields()}
    assert found == PERSONAL


def test_values_are_tokens_in_the_database_and_typed_in_python(users, paz):
    nav = users["navigator"]
    actions.save_plan(on(nav, paz), {"notes": "Prefers evening classes"})
    referral = paz.referrals.get()
    actions.follow_up_referral(about(nav, referral), dt.date.today(), "Childcare found")
    paz = Participant.objects.get(pk=paz.pk)
    assert paz.date_of_birth == dt.date(1994, 3, 8)
    assert Assessment.objects.get(participant=paz).barriers == ["low_income", "single_parent"]
    for model, pk, column, plain in [
            (Participant, paz.pk, "date_of_birth", "1994-03-08"),
            (Participant, paz.pk, "email", "paz.participant@example.org"),
            (Participant, paz.pk, "phone", "(859) 555-0110"),
            (Assessment, paz.assessment.pk, "barriers", '["low_income", "single_parent"]'),
            (CareerPlan, paz.plan.pk, "notes", "Prefers evening classes"),
            (Referral, referral.pk, "note", "Two children, 3 and 6; evening classes."),
            (Referral, referral.pk, "outcome_note", "Childcare found")]:
        stored = raw(model, pk, column)
        assert stored.startswith("gAAAA") and plain not in stored, column
        assert unseal(stored) == plain, column


@pytest.mark.parametrize("lookup", [{"date_of_birth": dt.date(1994, 3, 8)},
                                    {"date_of_birth__year": 1994},
                                    {"email__icontains": "paz"}, {"phone": "(859) 555-0110"}])
def test_an_encrypted_field_cannot_be_searched(lookup):
    with pytest.raises(FieldError):
        list(Participant.objects.filter(**lookup))


def test_empty_values_stay_empty_and_missing_ones_can_be_found(users):
    from pathways.apps.cases.queries import intake_access

    person = actions.enrol_participant(intake_access(users["navigator"]), {
        "first_name": "Noa", "last_name": "Quiet", "date_of_birth": dt.date(1980, 5, 6)})
    assert raw(Participant, person.pk, "email") == "" and person.email == ""
    assert Participant.objects.filter(pk=person.pk, government_id__isnull=False).exists()


def test_the_forms_keep_their_inputs(client, users, paz):
    """Encrypted or not, the edit form shows an email box, a date picker and one-line
    notes where they were."""
    client.force_login(users["navigator"])
    page = client.get(f"/cases/participants/{paz.pk}/edit/").content.decode()
    assert 'type="email" name="email" value="paz.participant@example.org"' in page
    assert 'type="date" name="date_of_birth" value="1994-03-08"' in page
    milestone = client.get(f"/cases/participants/{paz.pk}/milestones/new/").content.decode()
    assert '<input type="text" name="note" maxlength="300"' in milestone
    bad = client.post(f"/cases/participants/{paz.pk}/edit/", {
        "first_name": "Paz", "last_name": "Participant", "email": "not-an-email",
        "date_of_birth": "1994-03-08", "preferred_language": "es"})
    assert bad.status_code == 400 and "Enter a valid email address." in bad.content.decode()
