"""The state view: each local partnership of a state partnership, side by side, with only
what the local partnership has published or shared: published pathways and their WIOA
check, employer commitments with their counted fulfilment (totals), how much of each
published pathway's costs some funding stream covers (the funding map), the results of its
latest closed self-assessment round (with the minimum-cell privacy members see) and its
latest published measures run (stored runs hold suppressed cells only). No drafts, no open
rounds, no withdrawn runs, no participant-level records. Who may see which state partnership
is decided once, by ``queries.get_state_access``; this module reads its ``locals`` only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pathways.apps.accounts.models import Partnership
from pathways.apps.funding.fundingmap import published_coverage
from pathways.apps.partnership.queries import StateAccess


@dataclass(frozen=True)
class PathwayLine:
    pathway: Any
    met: int
    elements: int


@dataclass(frozen=True)
class Commitments:
    count: int  # every commitment
    counted: int  # those counted from records (slots and hires)
    used: int  # slots used and people hired, in the counted ones with a number
    promised: int  # what the counted ones with a number promise


@dataclass(frozen=True)
class CriterionLine:
    title: str
    shown: bool  # False: withheld (too few people) or nobody rated it
    median_label: str
    people: int


@dataclass(frozen=True)
class MeasureLine:
    name: str
    headline: str  # a value, or "suppressed"


@dataclass
class LocalSummary:
    partnership: Partnership
    pathways: list[PathwayLine] = field(default_factory=list)
    commitments: Commitments | None = None
    funding: list[Any] = field(default_factory=list)  # funding.fundingmap.Coverage
    round: Any = None
    criteria: list[CriterionLine] = field(default_factory=list)
    min_cell: int = 0
    run: Any = None
    measures: list[MeasureLine] = field(default_factory=list)


def published_pathways(partnership: Partnership) -> list[PathwayLine]:
    from pathways.apps.catalog.models import Pathway
    from pathways.apps.catalog.wioa import wioa_check

    found = []
    for pathway in (Pathway.objects.filter(partnership=partnership, draft_of__isnull=True,
                                           status=Pathway.Status.PUBLISHED).order_by("name")):
        results = wioa_check(pathway)
        found.append(PathwayLine(pathway, sum(r.status == "met" for r in results),
                                 len(results)))
    return found


def commitment_totals(partnership: Partnership) -> Commitments:
    from pathways.apps.employers import counting
    from pathways.apps.employers.queries import commitments_of

    pairs = counting.fulfilments(list(commitments_of(partnership)), partnership)
    numbered = [f for _, f in pairs if f is not None and f.quantity]
    return Commitments(len(pairs), sum(1 for _, f in pairs if f is not None),
                       sum(f.used for f in numbered), sum(f.quantity for f in numbered))


def latest_results(summary: LocalSummary) -> None:
    """The latest closed round's criteria, scored with the members' minimum cell: an open
    round's ratings are not yet shared, and a criterion too few people rated is withheld."""
    from pathways.apps.quality import results
    from pathways.apps.quality.models import Round
    from pathways.frameworks import MIN_CELL

    found = (summary.partnership.quality_rounds.filter(status=Round.Status.CLOSED)
             .select_related("framework").order_by("-closed_at", "-id").first())
    if found is None:
        return
    framework = found.definition()
    scored = results.score(found, MIN_CELL)
    summary.round, summary.min_cell = found, MIN_CELL
    for criterion in framework.criteria:
        s = scored.criteria.get(criterion.key)
        shown = s is not None and s.shown and s.has_scores
        summary.criteria.append(CriterionLine(
            criterion.title, shown, results.median_label(framework, s) if shown else "",
            s.people if s is not None and shown else 0))


def latest_measures(summary: LocalSummary) -> None:
    from pathways.apps.reports import pages
    from pathways.apps.reports.evidence import latest_published

    run = latest_published(summary.partnership)
    if run is None:
        return
    summary.run = run
    summary.measures = [MeasureLine(s.measure["name"], s.headline)
                        for s in pages.build(run, None).sections]


def summaries(access: StateAccess) -> list[LocalSummary]:
    found = []
    for local in access.locals:
        summary = LocalSummary(local, published_pathways(local), commitment_totals(local),
                               published_coverage(local.pk))
        latest_results(summary)
        latest_measures(summary)
        found.append(summary)
    return found
