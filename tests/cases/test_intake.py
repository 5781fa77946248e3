"""Intake: only the data the work needs; government identifiers encrypted and never shown,
logged, put in a URL or in the audit log; bad input changes nothing."""

from __future__ import annotations

import logging

import pytest
from django.core import checks
from django.db import connection
from django.test import override_settings

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.cases.checks import check_field_key
from pathways.apps.cases.models import Participant
from tests.cases.conftest import audit_count
from tests.web.test_settings import PRODUCTION, run_django

pytestmark = pytest.mark.django_db

SSN = "123-45-6789"
GOOD = {"first_name": "Rosa", "last_name": "Mendez", "email": "rosa@example.org",
        "phone": "(859) 555-0199", "date_of_birth": "1990-04-12", "preferred_language": "es",
        "government_id_kind": "ssn", "government_id": SSN}


def test_intake_enrols_on_the_navigators_caseload_with_the_identifier_encrypted(
        client, users, caplog):
    client.force_login(users["navigator"])
    with caplog.at_level(logging.DEBUG):
        response = client.post("/cases/participants/new/", GOOD)
    rosa = Participant.objects.get(first_name="Rosa")
    assert response.status_code == 302
    assert response["Location"] == f"/cases/participants/{rosa.pk}/assessment/"
    assert rosa.navigator == users["navigator"]
    assert rosa.enrolled_by == users["navigator"].pathways_profile.organisation
    assert rosa.government_id == "123456789"  # decrypted in memory only
    with connection.cursor() as cursor:
        cursor.execute("SELECT government_id FROM cases_participant WHERE id = %s", [rosa.pk])
        stored = cursor.fetchone()[0]
    assert "123456789" not in stored and "6789" not in stored and stored.startswith("gAAAA")
    entry = AuditEntry.objects.get(action="cases.enrol", object_id=str(rosa.pk))
    assert entry.changes["government_id"] == "changed"
    assert "6789" not in str(entry.changes) + entry.summary + repr(rosa)
    assert "6789" not in caplog.text
    page = client.get(f"/cases/participants/{rosa.pk}/").content.decode()
    assert "6789" not in page and "••••" in page
    edit = client.get(f"/cases/participants/{rosa.pk}/edit/").content.decode()
    assert "6789" not in edit  # the password widget never renders the value


def test_an_empty_identifier_on_edit_keeps_the_one_on_file(client, users):
    client.force_login(users["navigator"])
    client.post("/cases/participants/new/", GOOD)
    rosa = Participant.objects.get(first_name="Rosa")
    response = client.post(f"/cases/participants/{rosa.pk}/edit/",
                           {**GOOD, "government_id": "", "phone": "859 555 0100"})
    assert response.status_code == 302
    rosa.refresh_from_db()
    assert rosa.government_id == "123456789" and rosa.phone == "859 555 0100"
    change = AuditEntry.objects.filter(action="cases.update_participant").latest("pk")
    assert change.changes == {"phone": "changed", "version": [1, 2]}


@pytest.mark.parametrize(("field", "value", "message"), [
    ("date_of_birth", "2099-01-01", "Check the date of birth"),
    ("date_of_birth", "12/31/1990x", "Enter a valid date."),
    ("first_name", "", "This field is required."),
    ("government_id", "12-34", "A Social Security number has 9 digits."),
    ("phone", "call me maybe", "Use digits, spaces"),
    ("email", "rosa@", "Enter a valid email address."),
    ("preferred_language", "fr", "Select a valid choice."),
])
def test_bad_intake_says_what_to_fix_and_writes_nothing(client, users, field, value, message):
    client.force_login(users["navigator"])
    people, audits = Participant.objects.count(), audit_count()
    response = client.post("/cases/participants/new/", {**GOOD, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Nothing was saved" in response.content.decode()
    assert (Participant.objects.count(), audit_count()) == (people, audits)


def test_an_identifier_needs_its_kind(client, users):
    client.force_login(users["navigator"])
    response = client.post("/cases/participants/new/", {**GOOD, "government_id_kind": ""})
    assert response.status_code == 400
    assert "Say what kind of identifier this is." in response.content.decode()


def test_a_bad_key_stops_start_up():
    with override_settings(PATHWAYS_FIELD_KEY="too-short"):
        (error,) = check_field_key()
    assert isinstance(error, checks.Error) and error.id == "pathways.E030"
    assert check_field_key() == []


def test_production_refuses_to_start_without_a_field_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "PATHWAYS_FIELD_KEY"}
    result = run_django(env, "check")
    assert result.returncode != 0
    assert "PATHWAYS_FIELD_KEY must be set" in result.stderr


def test_production_refuses_the_published_development_key():
    from pathways.apps.cases.crypto import DEVELOPMENT_KEY

    result = run_django({**PRODUCTION, "PATHWAYS_FIELD_KEY": DEVELOPMENT_KEY}, "check",
                        "--deploy")
    assert result.returncode != 0
    assert "pathways.E032" in result.stderr + result.stdout


def test_a_navigator_gives_the_participant_a_login(client, users, marco):
    client.force_login(users["navigator"])
    url = f"/cases/participants/{marco.pk}/account/"
    weak = client.post(url, {"username": "marco", "password": "1234"})
    assert weak.status_code == 400 and "too short" in weak.content.decode()
    taken = client.post(url, {"username": "Navigator", "password": "a-long-passphrase"})
    assert "That username is taken." in taken.content.decode()
    ok = client.post(url, {"username": "marco", "password": "a-long-passphrase"})
    assert ok.status_code == 302
    marco.refresh_from_db()
    assert marco.user.pathways_profile.role == "participant"
    assert AuditEntry.objects.filter(action="cases.create_account").exists()
    again = client.post(url, {"username": "marco2", "password": "a-long-passphrase"})
    assert "already has an account" in again.content.decode()


def test_intake_asks_before_enrolling_someone_already_known(client, users):
    client.force_login(users["navigator"])
    client.post("/cases/participants/new/", GOOD)
    before = Participant.objects.count()
    again = {**GOOD, "first_name": "Rosa", "last_name": "Méndez", "email": "",
             "government_id": ""}
    page = client.post("/cases/participants/new/", again)
    assert page.status_code == 200
    assert Participant.objects.count() == before  # nothing saved yet
    html = page.content.decode()
    rosa = Participant.objects.get(first_name="Rosa")
    assert f'href="/cases/participants/{rosa.pk}/"' in html
    assert "almost surely the same person" in html
    assert 'name="not_a_duplicate"' in html
    confirmed = client.post("/cases/participants/new/", {**again, "not_a_duplicate": "1"})
    assert confirmed.status_code == 302
    assert Participant.objects.count() == before + 1


def test_intake_compares_only_with_participants_the_navigator_may_see(client, users):
    from pathways.apps.cases import queries
    from pathways.apps.cases.duplicates import possible_duplicates

    client.force_login(users["navigator"])
    client.post("/cases/participants/new/", GOOD)
    rosa = Participant.objects.get(first_name="Rosa")
    data = {"first_name": "Rosa", "last_name": "Mendez", "date_of_birth": rosa.date_of_birth,
            "phone": "", "email": ""}
    assert [d.participant for d in possible_duplicates(users["navigator"], data)] == [rosa]
    partner = users["partner"]
    assert not queries.participants_for(partner).filter(pk=rosa.pk).exists()
    assert possible_duplicates(partner, data) == []  # never compared, so never revealed


def test_a_different_person_is_enrolled_without_a_question(client, users):
    client.force_login(users["navigator"])
    client.post("/cases/participants/new/", GOOD)
    other = {**GOOD, "first_name": "Tomas", "last_name": "Ruiz", "email": "t@example.org",
             "phone": "", "date_of_birth": "1975-09-30", "government_id": ""}
    assert client.post("/cases/participants/new/", other).status_code == 302
