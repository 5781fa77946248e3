"""What the public search reads: one document per published pathway and language, and per
occupation. The database's own text search indexes them (ADR 0048): an FTS5 table on
SQLite, a tsvector and a trigram index on PostgreSQL, both made by this app's migration."""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        PATHWAY = "pathway"
        OCCUPATION = "occupation"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=120)  # a pathway's slug, an O*NET-SOC code
    language = models.CharField(max_length=8)  # "en" or "es": the text's language
    title = models.CharField(max_length=300)
    text = models.TextField()  # every word the document is found by
    plain = models.TextField()  # the same, lower case and without accents

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key", "language"],
                                               name="search_document_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.language})"


class IndexState(models.Model):
    """The catalog generation the documents were built from (one row)."""

    generation = models.CharField(max_length=64, blank=True)
    built_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"search index of generation {self.generation}"
