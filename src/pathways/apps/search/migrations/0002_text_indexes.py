"""The database's own text search over the documents (ADR 0048).

SQLite: an FTS5 table with the Porter stemmer (plurals and endings: "welders" finds
"welding"), a second one without it whose vocabulary corrects misspelt words ("nurce"), and
the fts5vocab table that lists that vocabulary. PostgreSQL: a tsvector column (English or
Spanish stemming by the document's language) with a GIN index, and pg_trgm's trigram index
for misspellings and partial words.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, text, document UNINDEXED, "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE search_words USING fts5(text, "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE search_vocabulary USING fts5vocab(search_words, 'row')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_vocabulary", "DROP TABLE IF EXISTS search_words",
               "DROP TABLE IF EXISTS search_fts"]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
    "CREATE INDEX search_document_trigram ON search_searchdocument "
    "USING gin (plain gin_trgm_ops)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS search_document_trigram",
                 "DROP INDEX IF EXISTS search_document_vector",
                 "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector"]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_documents")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE, "postgresql": POSTGRES}),
                             _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})),
    ]
