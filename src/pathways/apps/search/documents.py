"""The documents the public search finds: published pathways (in English and in Spanish)
and occupations (O*NET titles, alternate and short titles, and the Spanish names the
partnership gives its exits). Drafts never enter: the index is public."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from pathways.apps.catalog.models import ExitPoint, Occupation, OccupationAltTitle, Pathway

LANGUAGES = ("en", "es")


@dataclass(frozen=True)
class Document:
    kind: str
    key: str
    language: str
    title: str
    text: str


def plain(text: str) -> str:
    """Lower case without accents: "Enfermería" and "enfermeria" are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _in(obj: object, name: str, language: str) -> str:
    return getattr(obj, f"{name}_{language}", "") or ""


def pathway_documents() -> Iterator[Document]:
    pathways = (Pathway.objects.filter(status=Pathway.Status.PUBLISHED, draft_of=None)
                .select_related("sector")
                .prefetch_related("levels", "components", "entry_points",
                                  "exit_points__occupation"))
    for pathway in pathways:
        for language in LANGUAGES:
            title = _in(pathway, "name", language)
            if not title:
                continue
            words = [title, _in(pathway, "description", language),
                     _in(pathway.sector, "name", language)]
            for group in (pathway.levels.all(), pathway.components.all(),
                          pathway.entry_points.all(), pathway.exit_points.all()):
                words += [_in(item, "name", language) for item in group]
            if language == "en":  # O*NET titles are English (the reference data has no other)
                words += [e.occupation.title for e in pathway.exit_points.all()
                          if e.occupation_id]
            yield Document("pathway", pathway.slug, language, title,
                           " ".join(w for w in words if w))


def occupation_documents() -> Iterator[Document]:
    alternates: dict[str, list[str]] = defaultdict(list)
    for code, title, short in OccupationAltTitle.objects.values_list(
            "occupation_id", "title", "short_title"):
        alternates[code] += [title, short]
    spanish: dict[str, list[str]] = defaultdict(list)
    for code, name in (ExitPoint.objects.filter(pathway__status=Pathway.Status.PUBLISHED,
                                                pathway__draft_of=None)
                       .exclude(name_es="").values_list("occupation_id", "name_es")):
        if code:
            spanish[code].append(name)
    for code, title in Occupation.objects.values_list("code", "title"):
        words = [title, code, *alternates.get(code, [])]
        yield Document("occupation", code, "en", title, " ".join(w for w in words if w))
        if spanish.get(code):
            names = sorted(set(spanish[code]))
            yield Document("occupation", code, "es", names[0], " ".join(names))


def documents() -> Iterator[Document]:
    yield from pathway_documents()
    yield from occupation_documents()
