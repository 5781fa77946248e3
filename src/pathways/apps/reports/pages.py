"""What the dashboard shows of one stored run: headline cards, a chart and a table per
measure for the chosen dimension, and the equity gaps. Built from the published cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from pathways.apps.reports import wording
from pathways.apps.reports.models import MeasuresRun
from pathways.metrics.charts import Bar, bar_chart, format_value
from pathways.metrics.equity import Gap, gap_keys, gaps

DEFAULT_DIMENSION = "program"


@dataclass
class Row:
    group: str
    value: str
    numerator: int | None
    denominator: int | None
    suppressed: bool
    gap: str  # "", "below" or "above"


@dataclass
class Section:
    measure: dict
    headline: str
    denominator: int | None
    suppressed: bool
    chart: SafeString
    rows: list[Row]
    caption: str


@dataclass
class GapView:
    measure: str
    dimension: str
    group: str
    value: str
    total: str
    below: bool


@dataclass
class Dashboard:
    run: MeasuresRun
    dimension: str
    dimensions: list[tuple[str, str]]
    sections: list[Section] = field(default_factory=list)
    gaps: list[GapView] = field(default_factory=list)



def _value(value, unit: str) -> str:
    """A cell's value as the page shows it, "days" in the reader's language."""
    return format_value(value, unit, _("days"))

def cells_frame(run: MeasuresRun) -> pd.DataFrame:
    rows = list(run.cells.values_list("measure", "dimension", "group", "numerator",
                                      "denominator", "value", "suppressed"))
    return pd.DataFrame(rows, columns=["measure", "dimension", "group", "numerator",
                                       "denominator", "value", "suppressed"])


def _gap_view(g: Gap, measures: dict[str, dict]) -> GapView:
    m = measures[g.measure]
    return GapView(m["short_name"], wording.dimension_title(g.dimension),
                   wording.group_title(g.dimension, g.group), _value(g.value, m["unit"]),
                   _value(g.total, m["unit"]), g.below)


def dimensions_of(run: MeasuresRun) -> list[str]:
    """The run's dimensions that have published cells, in the run's order."""
    present = set(run.cells.order_by().values_list("dimension", flat=True).distinct())
    return [d for d in run.dimensions if d in present]


def chosen_dimension(present: list[str], asked: str | None) -> str:
    """The asked-for dimension if the run has it, else the default (or the first)."""
    if asked in present:
        return asked
    return DEFAULT_DIMENSION if DEFAULT_DIMENSION in present else (present[0] if present
                                                                   else "")


def dimension_choices(present: list[str]) -> list[tuple[str, str]]:
    return [(d, wording.dimension_title(d)) for d in present]


def build(run: MeasuresRun, dimension: str | None) -> Dashboard:
    """The dashboard of ``run`` sliced by ``dimension`` (unknown or missing: the default).

    A run's cells never change once stored, so the page keeps what this builds (the
    template caches it by run, dimension and language)."""
    table = cells_frame(run)
    table["value"] = [None if v is None else Decimal(v) for v in table["value"]]
    present = [d for d in run.dimensions if d in set(table["dimension"])]
    chosen = chosen_dimension(present, dimension)
    # In the reader's language: the run stored its definitions' English words.
    shown = [wording.measure(m) for m in run.measures]
    measures = {m["id"]: m for m in shown}
    found = gaps(table, {k: m["unit"] for k, m in measures.items()})
    keys = gap_keys(found)
    page = Dashboard(run, chosen, dimension_choices(present))
    ordered = sorted((g for g in found if g.below), key=lambda g: -g.size)
    page.gaps = [_gap_view(g, measures) for g in ordered[:12]]
    words = {"suppressed": _("suppressed"), "gap_below": _("gap: below total"),
             "gap_above": _("gap: above total"), "all": _("all"), "days": _("days")}
    for m in shown:
        rows = table[table["measure"] == m["id"]]
        total = rows[rows["dimension"] == "all"]
        t = total.iloc[0] if len(total) else None
        suppressed = bool(t is not None and t.suppressed)
        total_value = None if t is None or suppressed or t.value is None else t.value
        part = rows[rows["dimension"] == chosen]
        views, bars = [], []
        for r in part.itertuples(index=False):
            gap = keys.get((r.measure, r.dimension, r.group))
            direction = "" if gap is None else ("below" if gap.below else "above")
            label = wording.group_title(r.dimension, r.group)
            views.append(Row(label, "—" if r.suppressed else _value(r.value, m["unit"]),
                             None if pd.isna(r.numerator) else int(r.numerator),
                             None if pd.isna(r.denominator) else int(r.denominator),
                             bool(r.suppressed), direction))
            bars.append(Bar(label, None if r.suppressed else r.value, bool(r.suppressed),
                            direction))
        title = _("%(measure)s by %(dimension)s") % {
            "measure": m["name"], "dimension": wording.dimension_title(chosen).lower()}
        chart = mark_safe(bar_chart(bars, title=title, unit=m["unit"], total=total_value,  # noqa: S308 - built with escape()
                                    chart_id=f"chart-{m['id']}", texts=words)) if bars else ""
        page.sections.append(Section(
            measure=m, headline=_("suppressed") if suppressed else _value(total_value, m["unit"]),
            denominator=None if t is None or suppressed else int(t.denominator),
            suppressed=suppressed, chart=chart, rows=views, caption=title))
    return page
