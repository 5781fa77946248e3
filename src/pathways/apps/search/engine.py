"""Asking the database's text search (ADR 0048). Forgiving by design: endings and plurals
through stemming, accents ignored, and a misspelt word replaced by the closest words of the
index's own vocabulary (SQLite) or matched by trigram similarity (PostgreSQL)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.db import connection

from pathways.apps.search.documents import plain

MAX_WORDS = 8
MAX_QUERY = 100
SIMILAR = 0.75  # difflib ratio for a vocabulary word to stand in for a misspelt one
TRIGRAM = 0.45  # pg_trgm word_similarity for a misspelt or partial word


@dataclass(frozen=True)
class Hit:
    kind: str
    key: str
    score: float


def words_of(query: str) -> list[str]:
    """The query's words, lower case without accents; words of one or two letters ("de",
    "of", "la") only when there is nothing longer (FTS5 has no stop-word list)."""
    found = re.findall(r"\w+", plain(query[:MAX_QUERY]))
    longer = [w for w in found if len(w) > 2]
    return (longer or found)[:MAX_WORDS]


def _choices(cursor, word: str) -> list[str]:
    """The words of the index that may be meant by ``word``: itself when the index has it,
    else the closest ones of the same first letter (a typo), else those it begins."""
    cursor.execute("SELECT 1 FROM search_vocabulary WHERE term = %s", [word])
    if cursor.fetchone():
        return [f'"{word}"']
    cursor.execute("SELECT term FROM search_vocabulary WHERE term >= %s AND term < %s "
                   "AND length(term) BETWEEN %s AND %s",
                   [word[0], word[0] + "\uffff", len(word) - 2, len(word) + 2])
    near = difflib.get_close_matches(word, [t for (t,) in cursor.fetchall()], n=3,
                                     cutoff=SIMILAR)
    if near:
        return [f'"{term}"' for term in near]
    return [f'"{word}"*'] if len(word) >= 3 else []


def _matches(cursor, match: str, limit: int) -> list[Hit]:
    cursor.execute(
        "SELECT d.kind, d.key, -bm25(search_fts, 10.0, 1.0) FROM search_fts "
        "JOIN search_searchdocument d ON d.id = search_fts.document "
        "WHERE search_fts MATCH %s ORDER BY bm25(search_fts, 10.0, 1.0) LIMIT %s",
        [match, limit])
    return [Hit(kind, key, float(score)) for kind, key, score in cursor.fetchall()]


def _sqlite(words: list[str], limit: int) -> list[Hit]:
    """Documents with every word that finds something on its own (a word that finds nothing
    anywhere, "zzzz", is left out rather than emptying the answer); when no document has
    them all, those with any of them, the ones with more of them first (bm25)."""
    with connection.cursor() as cursor:
        groups = ["(" + " OR ".join(choices) + ")" for word in words
                  if (choices := _choices(cursor, word))]
        kept = [g for g in groups if _matches(cursor, g, 1)]
        if not kept:
            return []
        return (_matches(cursor, " AND ".join(kept), limit * 2)
                or _matches(cursor, " OR ".join(kept), limit * 2))


def _postgres(words: list[str], limit: int) -> list[Hit]:
    text = " ".join(words)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT kind, key, ts_rank(vector, q) * 2 + word_similarity(%s, plain) AS score "
            "FROM search_searchdocument, LATERAL (SELECT plainto_tsquery(CASE language "
            "WHEN 'es' THEN 'spanish'::regconfig ELSE 'english'::regconfig END, %s) AS q) AS t "
            "WHERE vector @@ q OR word_similarity(%s, plain) >= %s "
            "ORDER BY score DESC LIMIT %s", [text, text, text, TRIGRAM, limit * 2])
        return [Hit(kind, key, float(score)) for kind, key, score in cursor.fetchall()]


def search(query: str, limit: int = 20) -> list[Hit]:
    """The pathways and occupations ``query`` finds, best first, each once (the better of
    its English and Spanish documents)."""
    words = words_of(query)
    if not words:
        return []
    ask = _postgres if connection.vendor == "postgresql" else _sqlite
    found = ask(words, limit)
    best: dict[tuple[str, str], Hit] = {}
    for hit in found:
        if (hit.kind, hit.key) not in best:
            best[(hit.kind, hit.key)] = hit
    return list(best.values())[:limit]
