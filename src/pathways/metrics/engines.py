"""Where the measures run: DuckDB (embedded, default), PostgreSQL, or Spark, all through ibis.

One small interface per engine (connect, load a table, execute an expression), so the same
compiled definitions run everywhere and nothing else in the engine knows which one it is.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import uuid
import warnings
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import ibis
import pandas as pd
import pyarrow as pa
import sqlglot
import sqlglot.expressions as sge
from ibis.expr.types import Table

from pathways.metrics.conditions import simplify

ENGINES = ("duckdb", "postgres", "spark")
# What ``Engine.sql`` compiles: an ibis expression, or SQL ibis cannot say as a sqlglot tree.
Query = Table | sge.Query
PLACEHOLDER = "{pathways-tables}_"
PREPARED_KEPT = 8  # prepared statements a DuckDB engine keeps (each on a cursor)


@functools.cache
def code_version() -> str:
    """A digest of the measures engine's own code and of ibis: what compiled SQL depends
    on besides its key."""
    digest = hashlib.sha256(ibis.__version__.encode())
    for path in sorted(Path(__file__).parent.rglob("*")):
        if path.suffix in {".py", ".yaml"}:
            digest.update(path.read_bytes())
    return digest.hexdigest()
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/test"


def to_arrow(frame: pd.DataFrame | pa.Table, skip: tuple[str, ...] = ()) -> pa.Table:
    """Plain Arrow types every engine reads: int64 for numbers, string for text."""
    if isinstance(frame, pa.Table):
        return frame
    arrays, names = [], []
    for name in frame.columns:
        if name in skip:
            continue
        column = frame[name]
        if isinstance(column.dtype, pd.ArrowDtype) and pa.types.is_string(
                column.dtype.pyarrow_dtype):
            arrays.append(pa.array(column, type=pa.string()))
        elif pd.api.types.is_bool_dtype(column) or pd.api.types.is_integer_dtype(column):
            arrays.append(pa.array(column.astype("Int64"), type=pa.int64(), from_pandas=True))
        else:
            values = column.astype(object).where(column.notna(), None)
            arrays.append(pa.array([None if v is None else str(v) for v in values],
                                   type=pa.string()))
        names.append(str(name))
    return pa.Table.from_arrays(arrays, names=names)


@contextlib.contextmanager
def _unfused() -> Iterator[None]:
    # ibis merges each select into the one above it unless told not to, and weighing
    # every merge costs more than half the compile time of a run's large expressions;
    # the databases flatten nested selects themselves.
    before = ibis.options.sql.fuse_selects
    ibis.options.sql.fuse_selects = False
    try:
        yield
    finally:
        ibis.options.sql.fuse_selects = before


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    # ibis 12 calls a DuckDB method that DuckDB 2 marks deprecated; not ours to fix.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


class Engine:
    """An ibis backend plus the few things a run needs from it."""

    name = "engine"
    # Stage a window's rows per period in a temporary table (True), or run each window as
    # one query and let the database keep them (DuckDB materializes a CTE read twice).
    stages = True
    # Input tables are temporary: they go with the session, and no one else sees them.
    temporary = True

    def __init__(self, con: Any):
        self.con = con
        self.prefix = f"m{uuid.uuid4().hex[:8]}_"
        self.created: list[str] = []
        self._compiled: dict[Any, str] = {}

    def sql(self, build: Query | Callable[[], Query], key: Hashable | None = None) -> str:
        """An expression (ibis, or a sqlglot tree from ``compile``) as this backend's SQL;
        with a ``key``, compiled once per key.

        Building and compiling a run's expressions costs more than running them on small
        data, and the same ones come back when the same engine runs again (tests, the
        demo); ``key`` names everything the expression depends on, so the SQL text is kept
        and run as it is.
        """
        if key is not None and key in self._compiled:
            return self._compiled[key]
        stored = self._stored(key) if key is not None else None
        if stored is not None and stored.exists():
            text = stored.read_text(encoding="utf-8").replace(PLACEHOLDER, self.prefix)
        else:
            expr = build() if callable(build) else build
            query = expr if isinstance(expr, sge.Expression) else self.compile(expr)
            with _quiet():
                text = simplify(query).sql(dialect=self.con.dialect, copy=False,
                                           unsupported_level=sqlglot.ErrorLevel.RAISE)
            if stored is not None:
                stored.parent.mkdir(parents=True, exist_ok=True)
                partial = stored.with_suffix(f".{os.getpid()}.tmp")
                partial.write_text(text.replace(self.prefix, PLACEHOLDER), encoding="utf-8")
                os.replace(partial, stored)
        if key is not None:
            self._compiled[key] = text
        return text

    def compile(self, expr: Table) -> sge.Query:
        """An ibis expression as this backend's sqlglot tree, for a query ibis cannot say
        whole (``compute.slices`` adds grouping sets to it)."""
        with _quiet(), _unfused():
            return self.con.compiler.to_sqlglot(expr)

    def _stored(self, key: Hashable) -> Path | None:
        """Where compiled SQL is kept between processes (PATHWAYS_MEASURES_SQL_CACHE), named
        by the key, the engine and the engine's own code, so a code change never reuses it."""
        folder = os.environ.get("PATHWAYS_MEASURES_SQL_CACHE")
        if not folder:
            return None
        name = repr(key).replace(self.prefix, PLACEHOLDER)
        digest = hashlib.sha256(f"{self.name}|{code_version()}|{name}".encode()).hexdigest()
        return Path(folder) / f"{digest[:40]}.sql"

    def _run_into(self, table: str, sql: str) -> None:
        with _quiet():
            self.con.raw_sql(f'DROP TABLE IF EXISTS "{table}"')
            self.con.raw_sql(f'CREATE TEMP TABLE "{table}" AS {sql}')

    def _fetch(self, sql: str) -> pd.DataFrame:
        with _quiet():
            cursor = self.con.raw_sql(sql)
            names = [d[0] for d in cursor.description]
            return pd.DataFrame(cursor.fetchall(), columns=names)

    def load(self, name: str, frame: pd.DataFrame | pa.Table) -> Table:
        table = self.prefix + name
        if table not in self.created:
            self.created.append(table)
        with _quiet():
            self.con.create_table(table, to_arrow(frame), temp=self.temporary, overwrite=True)
            return self.con.table(table)

    def materialize(self, name: str, build: Table | Callable[[], Table],
                    key: Hashable | None = None) -> Table:
        """Compute an expression once into a temporary table."""
        table = self.prefix + name
        if table not in self.created:
            self.created.append(table)
        self._run_into(table, self.sql(build, key))
        with _quiet():
            return self.con.table(table)

    def execute(self, build: Query | Callable[[], Query], key: Hashable | None = None
                ) -> pd.DataFrame:
        return self._fetch(self.sql(build, key))

    def fetch_all(self, queries: list[str]) -> list[pd.DataFrame]:
        """The results of ``queries`` (compiled SQL), in order; one after another here."""
        return [self._fetch(sql) for sql in queries]

    def close(self) -> None:
        for table in self.created:
            # Temporary tables go with the session anyway; dropping is a courtesy.
            with contextlib.suppress(Exception):
                self.con.drop_table(table, force=True)
        self.created.clear()
        disconnect = getattr(self.con, "disconnect", None)
        if disconnect:
            disconnect()


class DuckDBEngine(Engine):
    """DuckDB in this process. In its own in-memory database (the default) the input
    tables are ordinary tables, so that other connections to it (cursors) see them: the
    windows of a run then execute at once, each on a cursor of its own, and each query is
    planned once per engine (a prepared statement), not on every run."""

    name = "duckdb"
    stages = False

    def __init__(self, path: str = ":memory:", threads: int | None = None):
        config = {"threads": threads} if threads else {}
        super().__init__(ibis.duckdb.connect(path, **config))
        # Only this engine reaches an in-memory database; a file may be shared, so there
        # the tables stay temporary and everything runs on the one connection.
        self.private = path == ":memory:"
        self.temporary = not self.private
        if self.private:
            # Nothing here reads rows in the order they were stored (every result is
            # grouped, then sorted in Python), so DuckDB need not keep that order through
            # its pipelines (about 1% of a run, docs/benchmarks.md). A global setting: only
            # where no one else shares the database.
            self.con.con.execute("SET preserve_insertion_order = false")
        self._prepared: dict[str, tuple[Any, str]] = {}
        self._statements = 0

    def _run_into(self, table: str, sql: str) -> None:
        self.con.con.execute(f'CREATE OR REPLACE TEMP TABLE "{table}" AS {sql}')

    def _statement(self, sql: str) -> tuple[Any, str]:
        """A connection and the name of ``sql`` prepared on it: planning a run's long
        queries costs about a tenth of running them (measured, docs/benchmarks.md)."""
        if sql in self._prepared:
            self._prepared[sql] = self._prepared.pop(sql)  # most recently used last
            return self._prepared[sql]
        while len(self._prepared) >= PREPARED_KEPT:
            self._release(*self._prepared.pop(next(iter(self._prepared))))
        con = self.con.con.cursor() if self.private else self.con.con
        self._statements += 1
        name = f"{self.prefix}q{self._statements}"
        con.execute(f'PREPARE "{name}" AS {sql}')
        self._prepared[sql] = (con, name)
        return con, name

    def _release(self, con: Any, name: str) -> None:
        with contextlib.suppress(Exception):
            con.execute(f'DEALLOCATE "{name}"')
        if con is not self.con.con:
            with contextlib.suppress(Exception):
                con.close()

    def _fetch(self, sql: str) -> pd.DataFrame:
        return _run_prepared(self._statement(sql))

    def fetch_all(self, queries: list[str]) -> list[pd.DataFrame]:
        # Each query uses every core, but not all of the time (a pipeline waits for its
        # slowest part): two windows at once finish sooner than one after the other.
        if not self.private or len(set(queries)) < len(queries) \
                or not 2 <= len(queries) <= PREPARED_KEPT:
            return super().fetch_all(queries)
        # Prepared here, in this thread; each thread then only runs its own cursor.
        statements = [self._statement(sql) for sql in queries]
        with ThreadPoolExecutor(len(queries)) as pool:
            return list(pool.map(_run_prepared, statements))

    def close(self) -> None:
        for con, name in self._prepared.values():
            self._release(con, name)
        self._prepared.clear()
        super().close()


def _run_prepared(statement: tuple[Any, str]) -> pd.DataFrame:
    con, name = statement
    return con.sql(f'EXECUTE "{name}"').to_arrow_table().to_pandas()


class PostgresEngine(Engine):
    name = "postgres"

    def __init__(self, url: str | None = None):
        url = url or os.environ.get("PATHWAYS_MEASURES_POSTGRES_URL", DEFAULT_POSTGRES)
        super().__init__(ibis.connect(url))


class SparkEngine(Engine):
    name = "spark"

    def __init__(self, session: Any = None):
        if session is None:
            from pyspark.sql import SparkSession

            session = (SparkSession.builder.master("local[2]").appName("pathways-measures")
                       .config("spark.sql.shuffle.partitions", "2")
                       .config("spark.default.parallelism", "2")
                       .config("spark.ui.enabled", "false")
                       .config("spark.sql.session.timeZone", "UTC").getOrCreate())
            session.sparkContext.setLogLevel("ERROR")
        self.session = session
        super().__init__(ibis.pyspark.connect(session))

    def load(self, name: str, frame: pd.DataFrame | pa.Table) -> Table:
        table = self.prefix + name
        self.con.create_view(table, ibis.memtable(to_arrow(frame)), overwrite=True)
        self.created.append(table)
        return self.con.table(table)

    def materialize(self, name: str, build: Table | Callable[[], Table],
                    key: Hashable | None = None) -> Table:
        # A cached view: Spark keeps it in memory after the first query computes it.
        table = self.prefix + name
        if table not in self.created:
            self.created.append(table)
        self.session.sql(self.sql(build, key)).createOrReplaceTempView(table)
        self.session.catalog.cacheTable(table)
        return self.con.table(table)

    def _fetch(self, sql: str) -> pd.DataFrame:
        return self.session.sql(sql).toPandas()

    def close(self) -> None:
        for table in self.created:
            with contextlib.suppress(Exception):
                self.session.catalog.uncacheTable(table)
            with contextlib.suppress(Exception):
                self.con.drop_view(table, force=True)
        self.created.clear()


def connect(name: str, url: str | None = None) -> Engine:
    """An engine by name: duckdb, postgres (``url`` or the local test server) or spark."""
    if name == "duckdb":
        return DuckDBEngine(url or ":memory:")
    if name == "postgres":
        return PostgresEngine(url)
    if name == "spark":
        return SparkEngine()
    raise ValueError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
