"""The migration of ADR 0042 on data written before it: the existing (English) texts are
copied into the ``_en`` columns, and going back keeps the English values edited since.

It moves the schema, so it runs on a live transaction (the database is emptied
afterwards; conftest runs it last)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Migrating back and forth on a live database takes minutes: `make test` runs it, the quick
# suite leaves it out.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def graph_nodes() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return sorted(key for key in executor.loader.graph.nodes if key[0] == "catalog")


def column(table: str, name: str, pk: int):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {name} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_existing_texts_become_english_and_going_back_keeps_them():
    # Found by name: the number may change when migrations are merged.
    translations = next(key for key in graph_nodes() if key[1].endswith("_translations"))
    before = graph_nodes()[graph_nodes().index(translations) - 1]
    # Every app's last migration: going back also unapplied the apps that depend on catalog.
    latest = list(MigrationExecutor(connection).loader.graph.leaf_nodes())
    old = migrate([before])
    sector = old.get_model("catalog", "Sector").objects.create(
        name="Migration sector", slug="migration-sector", naics_code="62")
    pathway = old.get_model("catalog", "Pathway").objects.create(
        name="Migration pathway", slug="migration-pathway", sector=sector,
        description="Written before translations.")
    service = old.get_model("catalog", "SupportService").objects.create(
        name="Migration service", category="support:Childcare", cost="Free")

    migrate([translations])
    assert column("catalog_pathway", "name_en", pathway.pk) == "Migration pathway"
    assert column("catalog_pathway", "description_en", pathway.pk) == \
        "Written before translations."
    assert column("catalog_pathway", "name_es", pathway.pk) is None
    assert column("catalog_supportservice", "cost_en", service.pk) == "Free"
    assert column("catalog_sector", "name_en", sector.pk) == "Migration sector"
    with connection.cursor() as cursor:
        cursor.execute("UPDATE catalog_pathway SET name_en = %s WHERE id = %s",
                       ["Edited in English", pathway.pk])

    migrate([before])
    assert column("catalog_pathway", "name", pathway.pk) == "Edited in English"
    assert column("catalog_pathway", "description", pathway.pk) == \
        "Written before translations."
    migrate(latest)
