"""Backups that restore: a populated database (the demo region and a participant with an
encrypted identifier) backed up with `pathways backup`, restored with `pathways restore`
into a new database, compared table by table and value by value (docs/deploy.md)."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from cryptography.fernet import Fernet

from tests.deploy.helpers import connect, fresh_database, operator_env, pathways, table_counts

GOVERNMENT_ID = "A12345678"
ENROL = f"""
import datetime
from django.contrib.auth import get_user_model
from pathways.apps.cases import actions, queries
navigator = get_user_model().objects.get(username="navigator")
actions.enrol_participant(queries.intake_access(navigator), {{
    "first_name": "Imelda", "last_name": "Backup", "date_of_birth": datetime.date(1988, 3, 9),
    "government_id_kind": "a_number", "government_id": "{GOVERNMENT_ID}"}})
"""


def encrypted_columns() -> list[tuple[str, str]]:
    """(table, column) of every field stored encrypted."""
    from pathways.apps.cases.crypto import encrypted_fields

    return [(model._meta.db_table, model._meta.get_field(name).column)
            for model, name in encrypted_fields()]


def opened(database: str, key: str) -> dict[tuple[str, str, int], str]:
    """Every encrypted value in the database, decrypted with ``key``."""
    fernet, values = Fernet(key.encode()), {}
    with connect(database) as db:
        for table, column in encrypted_columns():
            rows = db.execute(f'SELECT id, "{column}" FROM "{table}" '  # noqa: S608
                              f"WHERE \"{column}\" <> ''")
            for pk, value in rows:
                values[table, column, pk] = fernet.decrypt(value.encode()).decode()
    return values


@pytest.mark.postgres
@pytest.mark.deploy
@pytest.mark.slow
def test_a_postgres_backup_restores_every_row_and_every_encrypted_value(tmp_path):
    with fresh_database("backup") as source, fresh_database("restored") as target:
        env = operator_env(tmp_path, source)
        pathways(env, "manage", "migrate", "--noinput")
        pathways(env, "reference", "load")
        pathways(env, "demo", "load")
        pathways(env, "manage", "shell", "-c", ENROL)
        dump = tmp_path / "pathways.dump"
        pathways(env, "backup", "--out", str(dump))
        assert dump.stat().st_mode & 0o077 == 0  # personal data: for its owner only

        restore_env = {**env, "PATHWAYS_DATABASE_URL": env["PATHWAYS_DATABASE_URL"]
                       .rsplit("/", 1)[0] + f"/{target}"}
        pathways(restore_env, "restore", str(dump))
        before, after = table_counts(source), table_counts(target)
        assert after == before
        assert before["cases_participant"] >= 2 and before["catalog_pathway"] >= 3
        assert before["django_migrations"] > 0
        key = env["PATHWAYS_FIELD_KEY"]
        assert opened(target, key) == opened(source, key)
        assert GOVERNMENT_ID in opened(target, key).values()
        with connect(source) as one, connect(target) as other:
            sequences = "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"
            assert other.execute(sequences).fetchall() == one.execute(sequences).fetchall()

        # A second restore into a database that holds data is refused, nothing changed.
        refused = pathways(restore_env, "restore", str(dump), ok=False)
        assert refused.returncode != 0 and "not empty" in refused.stderr
        assert table_counts(target) == before


@pytest.mark.sqlite_file
@pytest.mark.deploy
@pytest.mark.slow
def test_a_sqlite_backup_restores_into_a_new_file(tmp_path):
    env = operator_env(tmp_path, "unused")
    env["PATHWAYS_DATABASE_URL"] = f"sqlite:///{tmp_path / 'pathways.sqlite3'}"
    refused = pathways(env, "backup", "--out", str(tmp_path), ok=False)
    assert refused.returncode != 0 and "has no tables: nothing to back up" in refused.stderr
    pathways(env, "manage", "migrate", "--noinput")
    pathways(env, "reference", "load")
    copy = tmp_path / "copy.sqlite3"
    pathways(env, "backup", "--out", str(copy))
    restored = tmp_path / "restored.sqlite3"
    pathways({**env, "PATHWAYS_DATABASE_URL": f"sqlite:///{restored}"}, "restore", str(copy))

    def counts(path):
        with closing(sqlite3.connect(path)) as db:
            tables = [row[0] for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # noqa: S608
                    for t in tables}

    original = counts(tmp_path / "pathways.sqlite3")
    assert counts(restored) == original and original["catalog_occupation"] > 0
