"""The demo region's shared measures: one deterministic synthetic run (sample data).

The periods of participation are invented by ``pathways.metrics.synthetic`` with the demo
region's own pathways, exit points and providers, computed on DuckDB for a fixed reporting
period and as-of date, and stored like any run, so ``make run`` shows the dashboard.
"""

from __future__ import annotations

import datetime as dt

from pathways.apps.accounts.models import Partnership

PERIODS = 4000
_engine = None  # kept for rebuilds in one process: its compiled SQL is reused
SEED = 2024
START, END, AS_OF = dt.date(2022, 7, 1), dt.date(2024, 6, 30), dt.date(2025, 6, 30)


def build_demo_measures(partnership: Partnership) -> None:
    """Compute and store the demo run for ``partnership`` (called by the demo builder)."""
    from pathways.apps.catalog.models import Pathway, Provider
    from pathways.apps.reports.actions import record_run
    from pathways.metrics import Window, run_measures, synthetic

    pathways = {}
    for pathway in Pathway.objects.filter(partnership=partnership,
                                          draft_of__isnull=True).order_by("name"):
        exits = list(pathway.exit_points.order_by("position", "name").values_list("name",
                                                                                  flat=True))
        if exits:
            pathways[pathway.name] = tuple((exits * 4)[:4])
    providers = tuple(Provider.objects.filter(is_sample=True).order_by("name").values_list(
        "name", flat=True)) or synthetic.PROVIDERS
    periods, wages = synthetic.generate(PERIODS, seed=SEED, pathways=pathways or None,
                                        providers=providers)
    global _engine
    from pathways.metrics.engines import DuckDBEngine

    if _engine is None:
        _engine = DuckDBEngine()
    result = run_measures(periods, wages, Window(START, END, AS_OF), engine=_engine)
    from pathways.apps.accounts.access import ConsoleUser
    from pathways.apps.reports.queries import measures_access

    access = measures_access(ConsoleUser("pathways demo load"), partnership)
    run = record_run(access, result, source="sample data (pathways.demo.measures)",
                     is_sample=True)
    publish_demo_figures(access, run)


# What the demo shows on each of its pathway pages ("How people did").
DEMO_FIGURES = ("employment_q2", "median_earnings_q2")


def publish_demo_figures(access, run) -> None:
    """Publish the demo run's employment and earnings of each pathway on its page, when
    the cell is shown."""
    from pathways.apps.reports.actions import publish_figure
    from pathways.apps.reports.published import about_pathway, publishable_cells
    from pathways.apps.reports.queries import pathways_of

    cells = [c for c in publishable_cells(run) if c.measure in DEMO_FIGURES
             and c.dimension == "pathway"]
    for pathway in pathways_of(access.partnership):
        for cell in cells:
            if about_pathway(cell.dimension, cell.group, pathway):
                publish_figure(access, run, pathway, cell.measure, cell.dimension, cell.group)


def remove_demo_measures() -> None:
    from pathways.apps.reports.models import MeasuresRun

    MeasuresRun.objects.filter(is_sample=True).delete()
