"""Where periods of participation and wage records come from: one interface, several sources.

A source hands the engine two checked tables: the periods (``read_pirl``'s typed columns,
one row per record) and, optionally, the UI wage rows (``read_wages``'s columns). The PIRL
files are one source; records kept anywhere else (the platform's own participant records,
another system's export) become a source by producing the same element-numbered values and
going through the same checks, so every rule and every problem report stays the same.
See docs/adr/0020-measures-input-sources.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pandas as pd

from pathways.core.errors import InputError, InputProblem
from pathways.metrics.pirl import read_pirl
from pathways.metrics.wages import WAGE_COLUMNS, read_wages


@dataclass
class Inputs:
    """Checked inputs of one run."""

    periods: pd.DataFrame
    wages: pd.DataFrame | None
    source: str
    notes: list[str] = field(default_factory=list)


class ParticipantSource(Protocol):
    """Anything that can give the engine its checked inputs."""

    name: str

    def read(self) -> Inputs:
        """The inputs, or InputError with every problem (file or record, line, element)."""
        ...


@dataclass
class PirlFiles:
    """A PIRL file (CSV or Parquet) and, optionally, a UI wage record file."""

    pirl: str | Path
    wages: str | Path | None = None

    @property
    def name(self) -> str:
        names = [Path(self.pirl).name] + ([Path(self.wages).name] if self.wages else [])
        return ", ".join(names)

    def read(self) -> Inputs:
        """Both files read and checked; every problem of both is reported together.

        The wage file is read on a second thread while the PIRL file is read here: each
        reader keeps about one core busy (decoding, then checks that wait on one another),
        and most of their work runs outside the GIL, so together they take the time of
        the longer one plus a little (docs/benchmarks.md).
        """
        problems: list[InputProblem] = []
        periods = wage_rows = None
        with ThreadPoolExecutor(1, thread_name_prefix="pathways-wages") as pool:
            wages = pool.submit(read_wages, self.wages) if self.wages is not None else None
            try:
                periods = read_pirl(self.pirl)
            except InputError as exc:
                problems += exc.problems
            try:
                wage_rows = wages.result() if wages is not None else None
            except InputError as exc:
                problems += exc.problems
        if problems:
            raise InputError(problems)
        assert periods is not None  # read_pirl returned or raised
        return Inputs(periods, wage_rows, self.name)


@dataclass
class RecordSource:
    """Records given as mappings from PIRL element number (or pathway column) to a value.

    Values may be text, numbers or dates (``datetime.date`` becomes YYYYMMDD); None is
    blank. An adapter over another store (the platform's participant records, for one)
    only has to yield such mappings; ``line`` in a problem is the record's position
    (1 = first), and ``name`` says where the records came from.
    """

    name: str
    records: Iterable[Mapping[str, object]]
    wage_records: Iterable[Mapping[str, object]] | None = None

    def read(self) -> Inputs:
        problems: list[InputProblem] = []
        periods = wage_rows = None
        try:
            periods = read_pirl(self.name, frame=_frame(self.records), first_line=1)
        except InputError as exc:
            problems += exc.problems
        if self.wage_records is not None:
            frame = _frame(self.wage_records, WAGE_COLUMNS)
            try:
                wage_rows = read_wages(f"{self.name} (wage records)", frame=frame,
                                       first_line=1)
            except InputError as exc:
                problems += exc.problems
        if problems:
            raise InputError(problems)
        assert periods is not None
        return Inputs(periods, wage_rows, self.name)


def _text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y%m%d")  # type: ignore[attr-defined]
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _frame(records: Iterable[Mapping[str, object]],
           columns: Iterable[str] | None = None) -> pd.DataFrame:
    rows = [{str(k): _text(v) for k, v in record.items()} for record in records]
    names = list(columns or dict.fromkeys(k for row in rows for k in row))
    return pd.DataFrame([{n: row.get(n, "") for n in names} for row in rows], columns=names,
                        dtype=str)
