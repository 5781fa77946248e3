"""The migrations of ADR 0036 on data written before it: personal values are encrypted in
place (and decrypted again going back), and old audit entries lose their personal values.

They move the schema, so they run on a live transaction (the database is emptied
afterwards; conftest runs them last)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from pathways.apps.cases.crypto import unseal

# Migrating back and forth on a live database takes minutes: `make test` runs it, the quick
# suite leaves it out.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
BEFORE = [("cases", "0001_initial")]


def migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest() -> list[tuple[str, str]]:
    """Every app's last migration: going back to cases 0001 also unapplied the apps that
    depend on cases (funding, employers ...), and the tests after this one need them."""
    executor = MigrationExecutor(connection)
    return list(executor.loader.graph.leaf_nodes())


def column(table: str, name: str, pk: int):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {name} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_personal_values_are_encrypted_then_decrypted_going_back():
    old = migrate(BEFORE)
    organisation = old.get_model("accounts", "Organisation").objects.create(
        name="Migration test (sample)", kind="community")
    person = old.get_model("cases", "Participant").objects.create(
        first_name="Old", last_name="Record", email="old@example.org", phone="555-0101",
        date_of_birth=dt.date(1970, 7, 1), enrolled_by=organisation)
    assessment = old.get_model("cases", "Assessment").objects.create(
        participant=person, assessed_on=dt.date(2025, 1, 1), education=1,
        english_level="proficient", employment_status=0, barriers=["low_income"])
    entries = old.get_model("accounts", "AuditEntry").objects
    entry = entries.create(action="cases.update_participant", object_type="cases.participant",
                           object_id=str(person.pk), summary="Changed participant 1",
                           changes={"phone": ["555-0100", "555-0101"], "user": [None, "4"]})
    job = entries.create(action="cases.prior_job", object_type="cases.priorjob", object_id="9",
                         summary="Work history of participant 1: Cashiers (2.0) at Shop",
                         changes={"employer": [None, "Shop"], "years": [None, "2.0"]})

    new = migrate(latest())
    stored = column("cases_participant", "date_of_birth", person.pk)
    assert str(stored).startswith("gAAAA") and unseal(stored) == "1970-07-01"
    assert unseal(column("cases_participant", "email", person.pk)) == "old@example.org"
    assert unseal(column("cases_assessment", "barriers", assessment.pk)) == '["low_income"]'
    read = new.get_model("cases", "Participant").objects.get(pk=person.pk)
    assert (read.date_of_birth, read.phone) == (dt.date(1970, 7, 1), "555-0101")
    scrubbed = new.get_model("accounts", "AuditEntry").objects
    assert scrubbed.get(pk=entry.pk).changes == {"phone": "changed", "user": [None, "4"]}
    assert scrubbed.get(pk=job.pk).changes == {"employer": "changed", "years": "changed"}
    assert scrubbed.get(pk=job.pk).summary == "Work history of participant 1: a job added"

    migrate(BEFORE)  # back: the plain values return
    assert column("cases_participant", "email", person.pk) == "old@example.org"
    assert str(column("cases_participant", "date_of_birth", person.pk)) == "1970-07-01"
    migrate(latest())
