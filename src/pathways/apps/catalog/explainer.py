"""The example on "What is a career pathway?": one of the region's own published pathways,
chosen from the data: the one with the most kinds of help while you learn, then the most
ways in and jobs (so the page can show each part), cut down to a few of each."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from pathways.apps.catalog.models import Pathway, SupportService
from pathways.apps.catalog.pages import ExitSummary, PathwayPage, StepText, pathway_page

SHOWN = 3  # ways in, jobs and kinds of help: enough to see the idea on a phone


@dataclass
class Example:
    page: PathwayPage
    entries: list
    steps: list[StepText]
    exits: list[ExitSummary]
    services: list[SupportService]

    @property
    def pathway(self) -> Pathway:
        return self.page.pathway


def example_pathway() -> Pathway | None:
    return (Pathway.objects.filter(status=Pathway.Status.PUBLISHED, draft_of__isnull=True)
            .annotate(n_entries=Count("entry_points", distinct=True),
                      n_exits=Count("exit_points", distinct=True),
                      n_services=Count("support_services", distinct=True))
            .order_by("-n_services", "-n_entries", "-n_exits", "name")
            .select_related("sector", "owner", "partnership").first())


def example() -> Example | None:
    found = example_pathway()
    if found is None:
        return None
    page = pathway_page(found)
    # One step from each level, the first: the climb from the bottom to the top.
    steps = [level.steps[0] for level in page.levels if level.steps][:4]
    return Example(page, page.parts.entries[:SHOWN], steps, page.exits[:SHOWN],
                   page.services[:SHOWN])


__all__ = ["Example", "example", "example_pathway"]
