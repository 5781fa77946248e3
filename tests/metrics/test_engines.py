"""DuckDB, PostgreSQL and Spark run the same definitions and agree to the cent."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil

import pandas as pd
import pytest

from pathways.metrics import Window, run_measures, synthetic
from pathways.metrics.engines import DEFAULT_POSTGRES

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
WINDOW = Window(dt.date(2022, 7, 1), dt.date(2024, 6, 30), dt.date(2025, 1, 15))


def unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason}, and CI=true requires this engine test to run")
    pytest.skip(f"{reason}; SKIPPED")


@pytest.fixture(scope="module")
def data():
    return synthetic.generate(400, seed=7)


@pytest.fixture(scope="module")
def on_duckdb(data):
    return run_measures(*data, WINDOW, engine="duckdb").unsuppressed


def comparable(table: pd.DataFrame) -> list[tuple]:
    return [tuple(None if pd.isna(v) else v for v in row)
            for row in table.sort_values(["measure", "dimension", "group"]).itertuples(
                index=False)]


def test_postgres_agrees_with_duckdb_to_the_cent(data, on_duckdb):
    url = os.environ.get("PATHWAYS_MEASURES_POSTGRES_URL", DEFAULT_POSTGRES)
    try:
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://", 1),
                             connect_timeout=5):
            pass
    except Exception as exc:  # noqa: BLE001 - any reason to be unreachable
        unavailable(f"PostgreSQL is not reachable at {url} ({exc})")
    on_postgres = run_measures(*data, WINDOW, engine="postgres").unsuppressed
    assert len(on_duckdb) > 300
    assert comparable(on_postgres) == comparable(on_duckdb)


@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
def test_spark_agrees_with_duckdb_to_the_cent(data, on_duckdb):
    if importlib.util.find_spec("pyspark") is None:
        unavailable("pyspark is not installed")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        unavailable("Java is not installed (Spark needs Java 17)")
    subset = ["program", "sex"]  # every measure and its program split; Spark is slow to start
    on_spark = run_measures(*data, WINDOW, engine="spark", by=subset).unsuppressed
    expected = on_duckdb[on_duckdb.dimension.isin(["all", *subset])]
    assert comparable(on_spark) == comparable(expected)
