"""What the public search page shows: the pathways and jobs a query finds. Only published
pathways are indexed, so nobody's drafts appear, whoever asks."""

from __future__ import annotations

from dataclasses import dataclass, field

from pathways.apps.catalog.models import Occupation, Pathway
from pathways.apps.search.engine import search
from pathways.apps.search.index import ensure_current


@dataclass
class Results:
    query: str
    pathways: list[Pathway] = field(default_factory=list)
    occupations: list[Occupation] = field(default_factory=list)


def find(query: str, limit: int = 20) -> Results:
    ensure_current()
    hits = search(query, limit)
    slugs = [h.key for h in hits if h.kind == "pathway"]
    codes = [h.key for h in hits if h.kind == "occupation"]
    pathways = {p.slug: p for p in Pathway.objects.filter(
        slug__in=slugs, status=Pathway.Status.PUBLISHED, draft_of=None).select_related("sector")}
    occupations = Occupation.objects.in_bulk(codes)
    return Results(query, [pathways[s] for s in slugs if s in pathways],
                   [occupations[c] for c in codes if c in occupations])
