"""What a participant's record needs to know of a pathway's steps, kept per generation.

A record page matches the person's milestones and credentials to the pathway's steps, and
its budget reads what funding rules ask of each step. Those are catalog facts: kept in the
cache for the catalog's generation, like the graph (``graph.pathway_graph``), they cost
the page no query (two, and a sixth of its time, before).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from pathways import __version__
from pathways.apps.catalog.generation import generation
from pathways.apps.catalog.models import PathwayComponent

KEPT_SECONDS = 3600


@dataclass(frozen=True)
class StepFacts:
    pk: int
    ctid: str
    credential_id: int | None  # the step's own credential, else its program's
    is_apprenticeship: bool
    provider_kind: str | None  # the kind of organisation behind the program's provider


def read_steps(pathway_id: int) -> dict[str, StepFacts]:
    """The pathway's steps by CTID, read from the rows (one query)."""
    rows = PathwayComponent.objects.filter(pathway_id=pathway_id).values(
        "pk", "ctid", "credential_id", "program__credential_id", "is_apprenticeship",
        "program__provider__organisation__kind")
    return {row["ctid"]: StepFacts(row["pk"], row["ctid"],
                                   row["credential_id"] or row["program__credential_id"],
                                   bool(row["is_apprenticeship"]),
                                   row["program__provider__organisation__kind"])
            for row in rows}


def pathway_steps(pathway_id: int) -> dict[str, StepFacts]:
    """``read_steps``, kept for the catalog's generation."""
    key = f"pathways:steps:{__version__}:{generation()}:{pathway_id}"
    found = cache.get(key)
    if found is None:
        found = read_steps(pathway_id)
        cache.set(key, found, KEPT_SECONDS)
    return found


__all__ = ["StepFacts", "pathway_steps", "read_steps"]
