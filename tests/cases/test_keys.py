"""Changing the key of the encrypted fields: old and new keys side by side, then a rotation."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from cryptography.fernet import Fernet
from django.conf import settings
from django.db.models import TextField
from django.db.models.functions import Cast
from django.test import override_settings

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.accounts.models import AuditEntry
from pathways.apps.cases.actions import rotate_field_key
from pathways.apps.cases.checks import check_development_key_in_production, check_field_key
from pathways.apps.cases.crypto import DEVELOPMENT_KEY, key_problem, rotate
from pathways.apps.cases.models import Participant
from pathways.apps.cases.queries import key_access
from pathways.cli import main

pytestmark = pytest.mark.django_db
OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def stored(participant: Participant) -> str:
    """The government identifier as the database holds it (the token, not the number)."""
    # A cast to plain text skips the field's decryption.
    return Participant.objects.filter(pk=participant.pk).annotate(
        raw=Cast("government_id", TextField())).values_list("raw", flat=True).get()


@pytest.fixture(autouse=True)
def everything_under_old():
    """Every encrypted value of the demo moved onto OLD (from the test settings' key)."""
    with override_settings(PATHWAYS_FIELD_KEY=f"{OLD},{settings.PATHWAYS_FIELD_KEY}"):
        rotate()


def with_identifier(key: str, first_name: str, number: str) -> Participant:
    with override_settings(PATHWAYS_FIELD_KEY=f"{key},{OLD}"):
        person = Participant.objects.get(first_name=first_name)
        person.government_id = number
        person.save()
    return person


def readable_with(key: str, person: Participant) -> str:
    with override_settings(PATHWAYS_FIELD_KEY=key):
        return Participant.objects.get(pk=person.pk).government_id


def test_new_key_first_reads_old_values_and_a_rotation_moves_them_onto_it():
    paz = with_identifier(OLD, "Paz", "123456789")
    token = stored(paz)
    with override_settings(PATHWAYS_FIELD_KEY=f"{NEW}, {OLD}"):
        assert Participant.objects.get(pk=paz.pk).government_id == "123456789"
        counts = rotate_field_key(key_access(CONSOLE))
    assert counts["cases.participant.government_id"] >= 1
    # Every personal field is encrypted, so every one is rotated (ADR 0036).
    assert set(counts) == {f"cases.{field}" for field in [
        "participant.government_id", "participant.email", "participant.phone",
        "participant.date_of_birth", "assessment.barriers", "careerplan.notes",
        "milestone.note", "workactivity.outcome_note", "referral.note",
        "referral.status_reason_note", "referral.outcome_note", "contactrequest.name",
        "contactrequest.phone", "contactrequest.email"]} | {
        "employers.employerprofile.fein", "employers.employerprofile.ui_account",
        "funding.fundingfacts.answers"}
    assert counts["cases.participant.date_of_birth"] == Participant.objects.count()
    assert stored(paz) != token
    assert readable_with(NEW, paz) == "123456789"  # the old key is no longer needed
    with override_settings(PATHWAYS_FIELD_KEY=NEW):
        assert Participant.objects.get(pk=paz.pk).date_of_birth == dt.date(1994, 3, 8)
    with pytest.raises(ValueError, match="could not be read"):
        readable_with(OLD, paz)
    entry = AuditEntry.objects.get(action="cases.rotate_field_key")
    assert entry.changes == counts and "123456789" not in str(entry.changes) + entry.summary


def test_a_value_no_key_opens_stops_the_rotation_with_nothing_changed():
    paz = with_identifier(OLD, "Paz", "123456789")
    marco = with_identifier(NEW, "Marco", "987654321")
    before = (stored(paz), stored(marco))
    with override_settings(PATHWAYS_FIELD_KEY=NEW), pytest.raises(ValueError):
        rotate_field_key(key_access(CONSOLE))
    assert (stored(paz), stored(marco)) == before
    assert not AuditEntry.objects.filter(action="cases.rotate_field_key").exists()


def test_the_command_says_what_it_did_and_what_to_do_next():
    with_identifier(OLD, "Paz", "123456789")
    runner = CliRunner()
    with override_settings(PATHWAYS_FIELD_KEY=f"{NEW},{OLD}"):
        result = runner.invoke(main, ["keys", "rotate"])
    assert result.exit_code == 0, result.output
    assert "cases.participant.government_id:" in result.output
    assert "the other 1 can be removed" in result.output
    with override_settings(PATHWAYS_FIELD_KEY=NEW):
        again = runner.invoke(main, ["keys", "rotate"])
    assert again.exit_code == 0 and "can be removed" not in again.output
    with override_settings(PATHWAYS_FIELD_KEY=OLD):
        refused = runner.invoke(main, ["keys", "rotate"])
    assert refused.exit_code != 0 and "nothing was changed" in refused.output
    with override_settings(PATHWAYS_FIELD_KEY=f"{NEW},not-a-key"):
        malformed = runner.invoke(main, ["keys", "rotate"])
    assert malformed.exit_code != 0 and "key 2 of 2" in malformed.output
    assert NEW not in malformed.output
    made = runner.invoke(main, ["keys", "new"]).output.strip()
    assert key_problem(made) is None and made not in (OLD, NEW)


def test_every_key_in_the_list_is_checked_and_named_by_position():
    assert key_problem(f"{NEW},{OLD}") is None
    problem = key_problem(f"{NEW},not-a-key")
    assert problem.startswith("key 2 of 2 in PATHWAYS_FIELD_KEY is not a Fernet key")
    assert NEW not in problem
    with override_settings(PATHWAYS_FIELD_KEY=f"{NEW},,"):
        assert check_field_key() == []
    with override_settings(PATHWAYS_FIELD_KEY=","):
        (error,) = check_field_key()
        assert error.id == "pathways.E030"


def test_the_development_key_may_only_follow_a_real_one_in_production():
    with override_settings(DEBUG=False, PATHWAYS_FIELD_KEY=f"{DEVELOPMENT_KEY},{NEW}"):
        (error,) = check_development_key_in_production()
        assert error.id == "pathways.E032"
    with override_settings(DEBUG=False, PATHWAYS_FIELD_KEY=f"{NEW},{DEVELOPMENT_KEY}"):
        assert check_development_key_in_production() == []
