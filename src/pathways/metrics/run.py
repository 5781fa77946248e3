"""One measures run: read and check the inputs, load them into an engine, compute, suppress.

Inputs are plain tables (``read_pirl``'s typed columns and ``read_wages``' rows), so another
source, such as the platform's own participant records, only has to produce those tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pathways.core.errors import InputError, InputProblem
from pathways.metrics.compute import Tables, compute, long_labels
from pathways.metrics.definitions import Measure, load_measures
from pathways.metrics.derive import Prepared, prepare
from pathways.metrics.engines import Engine, connect
from pathways.metrics.facts import Window
from pathways.metrics.pirl import read_pirl
from pathways.metrics.suppression import DEFAULT_THRESHOLD, suppress
from pathways.metrics.wages import read_wages


@dataclass
class RunResult:
    """The published (suppressed) tidy table, the unsuppressed one, and what was run."""

    table: pd.DataFrame
    unsuppressed: pd.DataFrame
    measures: list[Measure]
    window: Window
    dimensions: list[str]
    engine: str
    threshold: int
    periods: int


def read_inputs(pirl: str | Path, wages: str | Path | None = None
                ) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Both files read and checked; every problem of both is reported together."""
    problems: list[InputProblem] = []
    periods = wage_rows = None
    try:
        periods = read_pirl(pirl)
    except InputError as exc:
        problems += exc.problems
    if wages is not None:
        try:
            wage_rows = read_wages(wages)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    assert periods is not None  # noqa: S101 - read_pirl returned or raised
    return periods, wage_rows


def choose_dimensions(prepared: Prepared, by: Sequence[str] | None) -> list[str]:
    available = prepared.dimensions()
    if not by:
        return available
    unknown = [d for d in by if d not in available]
    if unknown:
        raise InputError([InputProblem(f"cannot slice by {d!r}; available: "
                                       f"{', '.join(available)}", field="--by")
                          for d in unknown])
    return list(by)


def run_measures(periods: pd.DataFrame, wages: pd.DataFrame | None, window: Window, *,
                 by: Sequence[str] | None = None, engine: str | Engine = "duckdb",
                 threshold: int = DEFAULT_THRESHOLD, measures: list[Measure] | None = None,
                 progress: Callable[[Measure], None] | None = None) -> RunResult:
    """Compute every measure for ``window``; slices ``by`` (default: all available)."""
    if window.end < window.start:
        raise InputError(InputProblem("the reporting period ends before it starts",
                                      field="--to"))
    measures = measures if measures is not None else load_measures()
    prepared = prepare(periods)
    dimensions = choose_dimensions(prepared, by)
    own = isinstance(engine, str)
    eng = connect(engine) if isinstance(engine, str) else engine
    try:
        tables = Tables(
            periods=eng.load("periods", prepared.periods.drop(columns=["line"])),
            programs=eng.load("programs", prepared.programs),
            labels=eng.load("labels", long_labels(prepared.labels, dimensions)),
            wages=eng.load("wages", wages) if wages is not None else None)
        raw = compute(measures, tables, window, "program" in dimensions, eng, progress)
    finally:
        if own:
            eng.close()
    return RunResult(table=suppress(raw, threshold), unsuppressed=raw, measures=measures,
                     window=window, dimensions=dimensions, engine=eng.name,
                     threshold=threshold, periods=len(periods))


def default_as_of() -> dt.date:
    return dt.date.today()
