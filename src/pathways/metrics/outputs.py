"""Write a run's published outputs: the tidy table (CSV and Parquet), the HTML report and
the CTDL QData JSON-LD. Only the suppressed table is written.

Files are written to a temporary folder beside the destination first and moved into place
at the end, so a failure never leaves half the outputs of a run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pathways.core.csvwriter import frame_to_csv
from pathways.metrics.compute import TIDY_COLUMNS
from pathways.metrics.qdata import dataset, dumps
from pathways.metrics.report import render
from pathways.metrics.run import RunResult

FILES = ("measures.csv", "measures.parquet", "report.html", "measures.jsonld")


def facts_of(result: RunResult) -> list[str]:
    """One line each on what the run read and how it was computed."""
    return [f"{result.records:,} PIRL records, {result.periods:,} periods of participation",
            f"{result.wage_rows:,} UI wage records" if result.wage_rows else
            "no UI wage records (PIRL outcome elements only)",
            f"engine: {result.engine}; suppression threshold: {result.threshold}",
            "dimensions: " + ", ".join(result.dimensions)]


def tidy_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The published table with plain types: whole numbers, decimals as text, flags."""
    out = table[TIDY_COLUMNS].copy()
    for column in ("numerator", "denominator"):
        out[column] = pd.array([None if pd.isna(v) else int(v) for v in out[column]],
                               dtype="Int64")
    out["value"] = pd.Series([None if v is None or (isinstance(v, float) and v != v)
                              else str(v) for v in out["value"]], index=out.index,
                             dtype=object)
    out["suppressed"] = out["suppressed"].astype(bool)
    return out


def _parquet(frame: pd.DataFrame, path: Path) -> None:
    values = [None if v is None else Decimal(v) for v in frame["value"]]
    table = pa.table({
        "measure": pa.array(frame["measure"], pa.string()),
        "dimension": pa.array(frame["dimension"], pa.string()),
        "group": pa.array(frame["group"], pa.string()),
        "numerator": pa.array(frame["numerator"], pa.int64(), from_pandas=True),
        "denominator": pa.array(frame["denominator"], pa.int64(), from_pandas=True),
        "value": pa.array(values, pa.decimal128(18, 4)),
        "suppressed": pa.array(frame["suppressed"], pa.bool_()),
    })
    pq.write_table(table, path)


def write_outputs(result: RunResult, out_dir: str | Path, title: str) -> list[Path]:
    """Write the four files into ``out_dir`` (created if needed); returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    frame = tidy_frame(result.table)
    staging = Path(tempfile.mkdtemp(prefix=".measures-", dir=out))
    try:
        frame_to_csv(frame, staging / "measures.csv")
        _parquet(frame, staging / "measures.parquet")
        html = render(result.table, result.measures, result.window, title=title,
                      threshold=result.threshold, facts=facts_of(result),
                      skipped=result.skipped)
        (staging / "report.html").write_text(html, encoding="utf-8")
        document = dataset(result.table, result.measures, result.window, title=title,
                           threshold=result.threshold)
        (staging / "measures.jsonld").write_text(dumps(document), encoding="utf-8")
        for name in FILES:
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in FILES]
