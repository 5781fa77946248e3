"""Building the search documents and the engine's text index, and keeping them current.

The index follows the catalog's generation (``catalog.generation``): the first search after
a change to the public catalog (a publication, a reference load) builds it again, in one
transaction, so a search sees either the old documents or the new ones. Building takes a
fraction of a second for the bundled reference subset and about a second for all of O*NET.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from pathways.apps.catalog.generation import generation
from pathways.apps.search.documents import Document, documents, plain
from pathways.apps.search.models import IndexState, SearchDocument

CONFIG = {"en": "english", "es": "spanish"}  # PostgreSQL text search configurations


def _write_sqlite(rows: list[SearchDocument]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_fts")
        cursor.execute("DELETE FROM search_words")
        cursor.executemany("INSERT INTO search_fts (title, text, document) VALUES (%s, %s, %s)",
                           [(r.title, r.text, r.pk) for r in rows])
        cursor.executemany("INSERT INTO search_words (text) VALUES (%s)",
                           [(r.plain,) for r in rows])


def _write_postgres(rows: list[SearchDocument]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE search_searchdocument SET vector = "
            "setweight(to_tsvector(%s::regconfig, %s), 'A') || "
            "to_tsvector(%s::regconfig, plain) WHERE id = %s",
            [(CONFIG[r.language], plain(r.title), CONFIG[r.language], r.pk) for r in rows])


def rebuild(found: list[Document] | None = None) -> int:
    """Replace every document (and the engine's index of them); the number written."""
    found = list(documents()) if found is None else found
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        rows = SearchDocument.objects.bulk_create([
            SearchDocument(kind=d.kind, key=d.key, language=d.language, title=d.title[:300],
                           text=d.text, plain=plain(d.text)) for d in found])
        if connection.vendor == "sqlite":
            if rows and rows[0].pk is None:  # bulk_create sets keys on SQLite 3.35+
                rows = list(SearchDocument.objects.order_by("pk"))
            _write_sqlite(rows)
        elif connection.vendor == "postgresql":
            _write_postgres(rows)
    return len(rows)


def ensure_current() -> None:
    """Build the index again when the public catalog has changed since it was built."""
    current = generation()
    state = IndexState.objects.first()
    if state is not None and (state.generation == current
                              or current.startswith("uncommitted-")):
        return  # current; or this transaction changed the catalog: build after it commits
    with transaction.atomic():
        state = IndexState.objects.select_for_update().first() or IndexState()
        if state.generation == current:
            return  # another request built it meanwhile
        rebuild()
        state.generation, state.built_at = current, timezone.now()
        state.save()
