"""Figures of stored runs shown on public pathway pages, in plain words, and as CTDL QData.

A partnership chooses cells of a run (``actions.publish_figure``); this module decides
which cells may be chosen (a measure with plain wording, a slice about the pathway, a cell
that is shown) and reads them back for the public page and the pathway's CTDL file. A
figure is read through its run every time: a withdrawn run's figures are gone, and a
suppressed cell is never read.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from django.db.models import Q
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from pathways.apps.catalog.models import Pathway
from pathways.apps.reports import wording
from pathways.apps.reports.models import MeasureCell, MeasuresRun, PublishedFigure
from pathways.apps.reports.stored import as_measures, window_of
from pathways.metrics.dimensions import step_parts

# Slices that say something about one pathway: the pathway, a step of it, an exit point.
DIMENSIONS = ("pathway", "pathway_step", "exit_point")
RATES = {
    "employment_q2": gettext_lazy("had a job half a year later"),
    "exit_point_employment_q2": gettext_lazy("had a job half a year later"),
    "employment_q4": gettext_lazy("had a job a year later"),
    "credential_attainment": gettext_lazy("earned a certificate, license or degree"),
    "pathway_credential": gettext_lazy("earned a certificate, license or degree"),
    "step_credential": gettext_lazy("earned a certificate, license or degree"),
    "step_completion": gettext_lazy("finished the classes of their step"),
    "pathway_level_transition": gettext_lazy("started the next level within a year"),
}
MEDIANS = {
    "median_earnings_q2": gettext_lazy(
        "Of %(count)s people %(who)s and had a job half a year later, half earned more "
        "than %(value)s in 3 months."),
    "exit_point_earnings_q2": gettext_lazy(
        "Of %(count)s people %(who)s and had a job half a year later, half earned more "
        "than %(value)s in 3 months."),
    "days_to_completion": gettext_lazy(
        "Of %(count)s people %(who)s and finished their step, half took %(value)s days "
        "or less."),
    "days_to_credential": gettext_lazy(
        "Of %(count)s people %(who)s and earned a certificate, license or degree, half "
        "took %(value)s days or less."),
    "days_to_next_level": gettext_lazy(
        "Of %(count)s people %(who)s and went on to the next level, half started it "
        "%(value)s days or less after they began."),
}
PUBLISHABLE = (*RATES, *MEDIANS)


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def about_pathway(dimension: str, group: str, pathway: Pathway) -> bool:
    """Whether a cell is about ``pathway``: its pathway group names the pathway (slug or
    name), or its exit point is one of the pathway's exit points (by name)."""
    if dimension == "exit_point":
        return any(_same(group, name) for name in
                   pathway.exit_points.values_list("name", flat=True))
    if dimension == "pathway":
        name = group
    elif dimension == "pathway_step":
        name, level = step_parts(group)
        if not level.removeprefix("level ").isdigit():
            return False  # a step with no level given says nothing about a step
    else:
        return False
    return _same(name, pathway.slug) or _same(name, pathway.name)


def publishable_cells(run: MeasuresRun) -> list[MeasureCell]:
    """Cells of ``run`` that may be published: shown (not suppressed, with a value), of a
    measure with plain wording, in a slice about one pathway."""
    return list(run.cells.filter(suppressed=False, value__isnull=False,
                                 measure__in=PUBLISHABLE, dimension__in=DIMENSIONS)
                .exclude(denominator=0))


@dataclass(frozen=True)
class Shown:
    """A published figure as a public page shows it."""

    figure: PublishedFigure
    cell: MeasureCell
    sentence: str
    measure_name: str
    period: str
    source: str
    definition: str


def live(pathway: Pathway) -> list[tuple[PublishedFigure, MeasureCell]]:
    """The pathway's figures whose run stands and whose cell is shown, newest run first."""
    figures = list(PublishedFigure.objects.filter(pathway=pathway,
                                                  run__withdrawn_at__isnull=True)
                   .select_related("run", "run__partnership")
                   .order_by("-run__created_at", "-run_id", "measure", "dimension", "group"))
    if not figures:
        return []
    wanted = Q()
    for f in figures:
        wanted |= Q(run_id=f.run_id, measure=f.measure, dimension=f.dimension, group=f.group)
    cells = {(c.run_id, c.measure, c.dimension, c.group): c
             for c in MeasureCell.objects.filter(wanted, suppressed=False,
                                                 value__isnull=False)}
    found = []
    for f in figures:
        cell = cells.get((f.run_id, f.measure, f.dimension, f.group))
        if cell is not None and cell.denominator:
            found.append((f, cell))
    return found


def shown_for(pathway: Pathway) -> list[Shown]:
    """The pathway's published figures in plain words, in the active language."""
    return [_shown(f, c) for f, c in live(pathway)]


def _who(figure: PublishedFigure) -> str:
    # The period is said in its own sentence: short sentences read more easily.
    if figure.dimension == "pathway_step":
        level = step_parts(figure.group)[1].removeprefix("level ")
        if level.isdigit():
            return _("who left level %(level)s of this pathway") % {"level": level}
    if figure.dimension == "exit_point":
        return _("who left this pathway at “%(point)s”") % {"point": figure.group}
    return _("who left this pathway")


def share_words(rate: Decimal) -> str:
    """A rate as a reader says it: "about 7 in 10"."""
    if rate <= 0:
        return pgettext("share of people", "none")
    if rate >= 1:
        return pgettext("share of people", "all")
    tenths = int((rate * 10).quantize(Decimal(1), ROUND_HALF_UP))
    if tenths == 0:
        return _("fewer than 1 in 10")
    if tenths == 10:
        return _("almost all")
    return _("about %(n)s in 10") % {"n": tenths}


def _shown(figure: PublishedFigure, cell: MeasureCell) -> Shown:
    run = figure.run
    info = wording.measure(run.measure(figure.measure) or {"id": figure.measure,
                                                           "name": figure.measure})
    count, who, value = cell.denominator, _who(figure), Decimal(cell.value)
    if figure.measure in RATES:
        percent = f"{(value * 100).quantize(Decimal(1), ROUND_HALF_UP)}%"
        sentence = _("Of %(count)s people %(who)s, %(share)s %(outcome)s (%(percent)s).") % {
            "count": count, "who": who, "share": share_words(value),
            "outcome": RATES[figure.measure], "percent": percent}
    else:
        unit = info.get("unit", "dollars")
        whole = value.quantize(Decimal(1), ROUND_HALF_UP)
        shown = f"${whole:,}" if unit == "dollars" else f"{whole:,}"
        sentence = str(MEDIANS[figure.measure]) % {"count": count, "who": who,
                                                   "value": shown}
    period = _("They left from %(start)s to %(end)s. Counted on %(as_of)s.") % {
        "start": date_format(run.window_start, "DATE_FORMAT"),
        "end": date_format(run.window_end, "DATE_FORMAT"),
        "as_of": date_format(run.as_of, "DATE_FORMAT")}
    if run.wage_rows:
        source = _("From the records of %(partnership)s and state wage records.")
    else:
        source = _("From the records of %(partnership)s.")
    source = source % {"partnership": run.partnership.name} + " " + _(
        "Groups of fewer than %(n)s people are never shown.") % {"n": run.threshold}
    return Shown(figure, cell, sentence, info.get("name", figure.measure), period, source,
                 info.get("description", ""))


def qdata_nodes(pathway: Pathway, pathway_iri: str) -> list[dict]:
    """The pathway's published figures as CTDL QData nodes: one ``qdata:DataSetProfile``
    per run (``qdata:relevantDataSetFor`` the pathway) with its metrics, dimensions and
    observations, written by the engine's own QData writer from the published cells only.
    Blank node ids are made unique per run so that several runs share one graph. Written
    in English whatever the reader's language, like the rest of the file (ADR 0042)."""
    with translation.override("en"):
        return _qdata_nodes(pathway, pathway_iri)


def _qdata_nodes(pathway: Pathway, pathway_iri: str) -> list[dict]:
    from pathways.metrics.qdata import dataset

    by_run: dict[int, list[tuple[PublishedFigure, MeasureCell]]] = {}
    for figure, cell in live(pathway):
        by_run.setdefault(figure.run_id, []).append((figure, cell))
    nodes: list[dict] = []
    for pairs in by_run.values():
        run = pairs[0][0].run
        table = pd.DataFrame([{"measure": c.measure, "dimension": c.dimension,
                               "group": c.group, "numerator": c.numerator,
                               "denominator": c.denominator, "value": c.decimal_value,
                               "suppressed": False} for _f, c in pairs])
        used = {c.measure for _f, c in pairs}
        measures = [m for m in as_measures(run) if m.id in used]
        document = dataset(table, measures, window_of(run),
                           title=f"{run.partnership.name}: outcomes of {pathway.name}",
                           threshold=run.threshold,
                           description=f"Outcomes of the career pathway {pathway.name}, "
                                       f"published by {run.partnership.name} from its "
                                       "shared performance measures.")
        graph = _renamed(document["@graph"], f"_:run-{run.pk}-")
        graph[0]["qdata:relevantDataSetFor"] = [pathway_iri]
        nodes += graph
    return nodes


def _renamed(value, prefix: str):
    """``value`` with every blank node id ``_:x`` written ``<prefix>x``."""
    if isinstance(value, str):
        return prefix + value[2:] if value.startswith("_:") else value
    if isinstance(value, list):
        return [_renamed(v, prefix) for v in value]
    if isinstance(value, dict):
        return {k: _renamed(v, prefix) for k, v in value.items()}
    return value
