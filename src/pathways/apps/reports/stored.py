"""A stored run back as the engine's objects (measures, window) for its published outputs."""

from __future__ import annotations

from pathways.apps.reports.models import MeasuresRun
from pathways.metrics import Measure, Window


def window_of(run: MeasuresRun) -> Window:
    return Window(run.window_start, run.window_end, run.as_of)


def as_measures(run: MeasuresRun) -> list[Measure]:
    """Enough of each measure to describe it (its rules are not needed to publish it)."""
    return [Measure(id=m["id"], name=m["name"], kind=m["kind"], window=m["window"],
                    population="True", unit=m["unit"], group=m.get("group", "wioa"),
                    short_name=m.get("short_name", m["name"]), source=m.get("source", ""),
                    description=m.get("description", "")) for m in run.measures]
