"""One measures run: combine periods, load them into an engine, compute, suppress.

Inputs are plain tables (``read_pirl``'s typed columns and ``read_wages``' rows, from any
``ParticipantSource``), so a new source never changes what happens here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from pathways.core.errors import InputError, InputProblem
from pathways.metrics.compute import Tables, compute
from pathways.metrics.definitions import Measure, load_measures
from pathways.metrics.dimensions import PATHWAY_DIMENSIONS, available
from pathways.metrics.elements import PATHWAY_COLUMNS
from pathways.metrics.engines import Engine, connect, to_arrow
from pathways.metrics.facts import Window
from pathways.metrics.periods import combine_periods
from pathways.metrics.sources import Inputs
from pathways.metrics.suppression import DEFAULT_THRESHOLD, suppress


@dataclass
class RunResult:
    """The published (suppressed) tidy table, the unsuppressed one, and what was run.

    Only ``table`` may leave the engine: every output and stored run is made from it.
    """

    table: pd.DataFrame
    unsuppressed: pd.DataFrame
    measures: list[Measure]
    window: Window
    dimensions: list[str]
    engine: str
    threshold: int
    records: int
    periods: int
    wage_rows: int
    skipped: dict[str, str] = field(default_factory=dict)


def filled_columns(periods: pd.DataFrame) -> set[str]:
    """The pathway columns that have at least one value."""
    return {name for name in PATHWAY_COLUMNS
            if name in periods.columns and periods[name].notna().any()}


def choose_dimensions(filled: set[str], by: Sequence[str] | None) -> list[str]:
    """The dimensions asked for (default: every one the data allow), checked."""
    allowed = available(filled)
    if not by:
        return allowed
    problems = []
    for name in by:
        if name not in allowed:
            why = (f"the {name} column is empty or missing" if name in PATHWAY_DIMENSIONS
                   else "no such dimension")
            problems.append(InputProblem(f"cannot slice by {name!r} ({why}); available: "
                                         f"{', '.join(allowed)}", field="--by"))
    if problems:
        raise InputError(problems)
    return list(dict.fromkeys(by))


def applicable(measures: list[Measure], filled: set[str]
               ) -> tuple[list[Measure], dict[str, str]]:
    """Measures whose required pathway columns have data, and why the others were left out."""
    kept, skipped = [], {}
    for measure in measures:
        missing = [c for c in measure.requires if c not in filled]
        if missing:
            skipped[measure.id] = f"no data in {', '.join(missing)}"
        else:
            kept.append(measure)
    return kept, skipped


def steps(measures: list[Measure]) -> int:
    """How many progress messages a run of ``measures`` gives."""
    return 3 + len({m.window for m in measures})


def run_measures(periods: pd.DataFrame | Inputs, wages: pd.DataFrame | None, window: Window,
                 *, by: Sequence[str] | None = None, engine: str | Engine = "duckdb",
                 threshold: int = DEFAULT_THRESHOLD, measures: list[Measure] | None = None,
                 progress: Callable[[str], None] | None = None) -> RunResult:
    """Compute every measure for ``window``; slices ``by`` (default: all available).

    Given a source's ``Inputs`` (and ``wages`` None), the run takes its tables and lets go
    of them once they are in the engine: a state's records are not kept twice.
    """
    if isinstance(periods, Inputs):
        inputs, periods, wages = periods, periods.periods, periods.wages
        inputs.periods, inputs.wages = None, None  # type: ignore[assignment]
    if window.end < window.start:
        raise InputError(InputProblem("the reporting period ends before it starts",
                                      field="--to"))
    if threshold < 1:
        raise InputError(InputProblem("the suppression threshold must be 1 or more",
                                      field="--threshold"))
    say = progress or (lambda _message: None)
    say(f"combining {len(periods):,} records into periods of participation")
    records = len(periods)
    combined, _folded = combine_periods(periods)
    del periods
    filled = filled_columns(combined)
    dimensions = choose_dimensions(filled, by)
    measures = measures if measures is not None else load_measures()
    measures, skipped = applicable(measures, filled)
    own = isinstance(engine, str)
    eng = connect(engine) if isinstance(engine, str) else engine
    try:
        say(f"loading {len(combined):,} periods"
            + (f" and {len(wages):,} wage records" if wages is not None else "")
            + f" into {eng.name}")
        # Straight to Arrow, column by column, without another copy of the frame.
        frame = to_arrow(combined, skip=("line", "records")).append_column(
            "rid", pa.array(np.arange(len(combined), dtype="int64")))
        tables = Tables(periods=eng.load("periods", frame))
        count = len(combined)
        del frame, combined
        wage_rows = 0 if wages is None else len(wages)
        if wages is not None:
            tables.wages = eng.load("wages", wages)
        del wages
        raw = compute(measures, tables, window, dimensions, eng, say)
    finally:
        if own:
            eng.close()
    say(f"suppressing cells under {threshold} (and their complements)")
    return RunResult(table=suppress(raw, threshold), unsuppressed=raw, measures=measures,
                     window=window, dimensions=dimensions, engine=eng.name,
                     threshold=threshold, records=records, periods=count,
                     wage_rows=wage_rows, skipped=skipped)


def default_as_of() -> dt.date:
    return dt.date.today()
