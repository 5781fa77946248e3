"""DuckDB, PostgreSQL and Spark run the same definitions and agree to the cent."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
import warnings

import pandas as pd
import pytest

from pathways.metrics import Window, load_measures, run_measures, synthetic
from pathways.metrics.engines import DEFAULT_POSTGRES

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
WINDOW = Window(dt.date(2022, 7, 1), dt.date(2024, 6, 30), dt.date(2025, 6, 30))


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


def test_duckdb_computes_every_measure_and_slice(on_duckdb):
    measures = {m.id for m in load_measures()}
    assert set(on_duckdb["measure"]) == measures
    assert {"program", "sex", "exit_quarter", "age_band", "barrier_low_income",
            "provider", "pathway_level", "exit_point"} <= set(on_duckdb["dimension"])


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
    assert len(on_duckdb) > 1000
    assert comparable(on_postgres) == comparable(on_duckdb)


def _spark_session():
    from pyspark.sql import SparkSession

    # Tiny data: one partition, no code generation, no adaptive planning; these only
    # shorten start-up and planning, the SQL is the same.
    return (SparkSession.builder.master("local[1]").appName("pathways-measures-test")
            .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1")
            .config("spark.default.parallelism", "1")
            .config("spark.sql.adaptive.enabled", "false")
            .config("spark.sql.codegen.wholeStage", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1")
            .getOrCreate())


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")
def test_spark_agrees_with_duckdb_to_the_cent(data, on_duckdb):
    if importlib.util.find_spec("pyspark") is None:
        unavailable("pyspark is not installed")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        unavailable("Java is not installed (Spark needs Java 17)")
    from pathways.metrics.engines import SparkEngine

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # pyspark on pandas 3
        session = _spark_session()
        session.sparkContext.setLogLevel("ERROR")
        engine = SparkEngine(session)
        six = load_measures()[:6]
        # The six indicators by program and sex (the program parts and the grouping sets):
        # Spark is slow to plan.
        subset = ["program", "sex"]
        on_spark = run_measures(*data, WINDOW, engine=engine, by=subset,
                                measures=six).unsuppressed
        engine.close()
    expected = on_duckdb[on_duckdb.dimension.isin(["all", *subset])
                         & on_duckdb.measure.isin([m.id for m in six])]
    assert comparable(on_spark) == comparable(expected)


def test_compiled_sql_is_kept_between_engines(data, monkeypatch, tmp_path):
    from pathways.metrics.engines import DuckDBEngine

    monkeypatch.setenv("PATHWAYS_MEASURES_SQL_CACHE", str(tmp_path))
    six = load_measures()[:6]
    first = run_measures(*data, WINDOW, engine=DuckDBEngine(), by=["sex"], measures=six)
    stored = sorted(tmp_path.glob("*.sql"))
    assert len(stored) == 2  # the exit window and the program years
    assert "{pathways-tables}_" in stored[0].read_text()  # no engine's own table names
    second = run_measures(*data, WINDOW, engine=DuckDBEngine(), by=["sex"], measures=six)
    assert sorted(tmp_path.glob("*.sql")) == stored
    assert comparable(first.unsuppressed) == comparable(second.unsuppressed)
