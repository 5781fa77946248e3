"""Benchmark the measures engine on a state-sized synthetic dataset, against baselines from
the same run on the same data and machine.

    nice .venv/bin/python benchmarks/measures.py [--periods 2000000] [--skip-postgres]

Data: ``pathways.metrics.synthetic`` (deterministic; 2 million periods of participation and
about 20 million UI wage rows at full size). Every timed step starts from the same tables
loaded in one DuckDB database (and, for (b), the same rows in PostgreSQL).

1. Employment Q2 and Q4 and median earnings Q2, by exit quarter, program and sex, from the
   raw wage records:
   - the engine on DuckDB (definitions compiled to ibis; the first run includes compiling),
   - (a) a hand-written DuckDB SQL query computing the same numbers (the floor),
   - (b) the same SQL in PostgreSQL (PATHWAYS_MEASURES_POSTGRES_URL; indexed, analyzed),
   - (c) a vectorised pandas implementation.
   The numbers of all four must agree exactly, or the benchmark fails.
2. Every shipped measure with every slice and suppression, on the same data loaded into
   DuckDB in a fresh process (so its peak memory is its own, not the baselines'); then a
   whole run from Parquet files (read, check, combine, compute, suppress), also fresh.

The engine and (a) are timed in turn (engine, floor, engine, ...; best of 3 each), and each
fresh process times (a) again in turn with its own runs: on a shared machine whose speed
drifts, a ratio of two times taken minutes apart says more about the drift than the code.

    nice .venv/bin/python benchmarks/measures.py --whole [--periods N] [--rounds 2]
        [--folder DIR]

``--whole`` measures only the whole run from files (issue 19's comparison), each side in a
fresh process of its own, in turn (floor, engine, floor, engine, ...; best of ``--rounds``):
  - the floor: DuckDB reading the same two Parquet files into tables (every column, dates
    and codes as they are, quarters and cents derived) and running (a) on them;
  - the engine: ``PirlFiles.read`` (read and check both files) and ``run_measures`` (combine,
    every measure and slice, suppression), as ``pathways measures run`` does.
``--folder`` keeps the Parquet files there and reuses them when present (for development);
``--before-src DIR`` times the engine of another source tree too, in the same turns (a
before-and-after comparison on a machine whose speed drifts). CPU times are reported too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from pathways.metrics import Window, load_measures, suppress, synthetic
from pathways.metrics.compute import Tables, compute
from pathways.metrics.dimensions import DIMENSIONS
from pathways.metrics.engines import DEFAULT_POSTGRES, DuckDBEngine
from pathways.metrics.facts import ymd
from pathways.metrics.run import available, filled_columns

WINDOW = Window(dt.date(2022, 7, 1), dt.date(2024, 6, 30), dt.date(2025, 6, 30))
THREE = ["employment_q2", "employment_q4", "median_earnings_q2"]
SLICES = ["exit_quarter", "program", "sex"]
PROGRAMS = [("adult", "e903 IN (1, 2, 3)"),
            ("dislocated_worker", "(e904 IN (1, 2, 3) OR e909 = 1)"),
            ("youth", "e905 IN (1, 2, 3)"), ("wagner_peyser", "e918 = 1"),
            ("adult_education", "e910 = 1"), ("vocational_rehabilitation", "e917 IN (1, 3)")]
PERIOD_COLUMNS = ["rid", "e100", "e201", "e901", "e903", "e904", "e905", "e909", "e910",
                  "e917", "e918", "e923", "e1602", "e1603", "e1606", "e1704", "e1900",
                  "e1901"]


def hand_sql() -> str:
    """The three measures as one query a state data shop might write (DuckDB and
    PostgreSQL both run it): the same rules, no engine."""
    par = WINDOW.params
    member = {name: f"COALESCE({cond}, FALSE)" for name, cond in PROGRAMS}
    any_member = " OR ".join(member.values())
    reportable = "COALESCE(e903 = 4 OR e904 = 4 OR e905 = 4 OR e918 = 2, FALSE)"
    member["other"] = f"NOT ({any_member}) AND NOT {reportable}"
    programs = ", ".join(f"('{name}')" for name in member)
    which = " ".join(f"WHEN '{name}' THEN {cond}" for name, cond in member.items())
    return f"""
WITH p AS (
  SELECT *, CAST(FLOOR(e901 / 10000.0) AS BIGINT) * 4
            + CAST(FLOOR((CAST(FLOOR(e901 / 100.0) AS BIGINT) % 100 - 1) / 3.0) AS BIGINT)
            AS exit_q
  FROM periods
  WHERE e901 BETWEEN {par['window_start']} AND {par['window_end']}
    AND e901 <= {par['exit_known_by']}
), w AS (
  SELECT p.rid, SUM(w.cents) FILTER (WHERE w.q = p.exit_q + 2) AS w2,
         SUM(w.cents) FILTER (WHERE w.q = p.exit_q + 4) AS w4
  FROM p JOIN wages w ON w.person = p.e100 AND w.q IN (p.exit_q + 2, p.exit_q + 4)
   AND w.q < {par['as_of_q']}
  GROUP BY p.rid
), f AS (
  SELECT p.*,
    CASE WHEN e1602 IN (0, 1) THEN e1602 WHEN w.w2 > 0 THEN 1
         WHEN {par['as_of_q']} > p.exit_q + 4 THEN 0 END AS emp2,
    CASE WHEN e1606 IN (0, 1) THEN e1606 WHEN w.w4 > 0 THEN 1
         WHEN {par['as_of_q']} > p.exit_q + 6 THEN 0 END AS emp4,
    COALESCE(CASE WHEN e1603 = 9 THEN NULL ELSE e1704 END,
             CASE WHEN w.w2 > 0 THEN w.w2 END) AS earn2,
    COALESCE(e923, 0) AS reason,
    COALESCE(CASE WHEN e201 IN (1, 2, 9) THEN e201 END, -1) AS sex
  FROM p LEFT JOIN w ON w.rid = p.rid
), u AS (
  SELECT f.*, g.prog,
    CASE g.prog WHEN 'youth' THEN reason IN (1, 2, 3, 4, 5)
                WHEN 'adult_education' THEN reason IN (1, 2, 3, 4, 7)
                WHEN 'vocational_rehabilitation' THEN reason IN (1, 2, 3, 4, 6)
                ELSE reason IN (1, 2, 3, 4) END AS excluded,
    g.prog = 'youth' AND COALESCE(e1900, 0) IN (1, 2, 3) AS placed2,
    g.prog = 'youth' AND COALESCE(e1901, 0) IN (1, 2, 3) AS placed4
  FROM f CROSS JOIN (VALUES {programs}) AS g(prog)
  WHERE CASE g.prog {which} END
), flags AS (
  SELECT rid, exit_q, sex, prog,
    NOT excluded AND (emp2 IS NOT NULL OR placed2) AS d2,
    NOT excluded AND (emp2 = 1 OR placed2) AS n2,
    NOT excluded AND (emp4 IS NOT NULL OR placed4) AS d4,
    NOT excluded AND (emp4 = 1 OR placed4) AS n4,
    CASE WHEN NOT excluded AND emp2 = 1 AND earn2 IS NOT NULL THEN earn2 END AS m
  FROM u
), per AS (
  SELECT rid, exit_q, sex, BOOL_OR(d2) AS d2, BOOL_OR(n2) AS n2, BOOL_OR(d4) AS d4,
         BOOL_OR(n4) AS n4, MAX(m) AS m
  FROM flags GROUP BY rid, exit_q, sex
)
SELECT 'all' AS dimension, 'all' AS grp, {_sums()} FROM per
UNION ALL SELECT 'exit_quarter', CAST(exit_q AS VARCHAR), {_sums()} FROM per GROUP BY exit_q
UNION ALL SELECT 'sex', CAST(sex AS VARCHAR), {_sums()} FROM per GROUP BY sex
UNION ALL SELECT 'program', prog, {_sums()} FROM flags GROUP BY prog
"""


def _sums() -> str:
    return ("SUM(CASE WHEN d2 THEN 1 ELSE 0 END) AS d2, SUM(CASE WHEN n2 THEN 1 ELSE 0 END) "
            "AS n2, SUM(CASE WHEN d4 THEN 1 ELSE 0 END) AS d4, SUM(CASE WHEN n4 THEN 1 ELSE "
            "0 END) AS n4, COUNT(m) AS dm, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY m) AS m")


def rate(num: int, den: int) -> Decimal:
    return (Decimal(int(num)) / Decimal(int(den))).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def cents(median: float) -> Decimal:
    return (Decimal(repr(float(median))) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def as_cells(frame: pd.DataFrame) -> set[tuple]:
    """(measure, dimension, group label, numerator, denominator, value) of a baseline."""
    out = set()
    for r in frame.itertuples(index=False):
        label = "all" if r.dimension == "all" else DIMENSIONS[r.dimension].label(str(r.grp))
        for measure, den, num in (("employment_q2", r.d2, r.n2), ("employment_q4", r.d4, r.n4)):
            if int(den):
                out.add((measure, r.dimension, label, int(num), int(den), rate(num, den)))
        if int(r.dm):
            out.add(("median_earnings_q2", r.dimension, label, None, int(r.dm), cents(r.m)))
    return out


def engine_cells(table: pd.DataFrame) -> set[tuple]:
    return {(r.measure, r.dimension, r.group,
             None if r.numerator is None or r.numerator != r.numerator else int(r.numerator),
             int(r.denominator), r.value)
            for r in table.itertuples(index=False) if r.denominator}


def pandas_baseline(periods: pd.DataFrame, wages: pd.DataFrame) -> pd.DataFrame:
    """The three measures as an analyst would write them in pandas (vectorised)."""
    par = WINDOW.params
    p = periods[PERIOD_COLUMNS]
    p = p[p.e901.between(par["window_start"], par["window_end"])
          & (p.e901 <= par["exit_known_by"])].copy()
    p["exit_q"] = (p.e901 // 10000) * 4 + ((p.e901 // 100) % 100 - 1) // 3
    w = wages[wages.q < par["as_of_q"]]
    m = w.merge(p[["rid", "e100", "exit_q"]], left_on="person", right_on="e100")
    offset = m.q - m.exit_q
    m = m[offset.isin([2, 4])]
    sums = m.assign(k=offset[offset.isin([2, 4])]).pivot_table(
        index="rid", columns="k", values="cents", aggfunc="sum")
    p = p.join(sums.rename(columns={2: "w2", 4: "w4"}), on="rid")
    for col in ("w2", "w4"):
        if col not in p:
            p[col] = np.nan
    q = par["as_of_q"]

    def employed(pirl: pd.Series, wage: pd.Series, lag: pd.Series) -> pd.Series:
        out = pd.Series(np.nan, index=pirl.index)
        out[lag] = 0
        out[wage.fillna(0) > 0] = 1
        known = pirl.isin([0, 1]).fillna(False).astype(bool)
        out[known] = pirl[known].astype(float)
        return out

    p["emp2"] = employed(p.e1602, p.w2, q > p.exit_q + 4)
    p["emp4"] = employed(p.e1606, p.w4, q > p.exit_q + 6)
    pirl_earn = p.e1704.where(~(p.e1603 == 9).fillna(False).astype(bool))
    p["earn2"] = pirl_earn.astype("Float64").fillna(p.w2.where(p.w2 > 0)).astype(float)
    p["reason"] = p.e923.fillna(0)
    p["sex"] = p.e201.where(p.e201.isin([1, 2, 9]).fillna(False).astype(bool), -1).fillna(-1)
    flags = {name: p.eval(cond.replace("COALESCE(", "(").replace(", FALSE)", ")")
                          .replace(" IN ", " in ").replace(" OR ", " or ")
                          .replace(" = ", " == ")).fillna(False).astype(bool)
             for name, cond in PROGRAMS}
    reportable = ((p.e903 == 4) | (p.e904 == 4) | (p.e905 == 4) | (p.e918 == 2)).fillna(False)
    flags["other"] = ~pd.concat(flags.values(), axis=1).any(axis=1) & ~reportable.astype(bool)
    units = []
    for name, member in flags.items():
        u = p[member].copy()
        u["prog"] = name
        excluded = u.reason.isin({"youth": [1, 2, 3, 4, 5],
                                  "adult_education": [1, 2, 3, 4, 7],
                                  "vocational_rehabilitation": [1, 2, 3, 4, 6]}.get(
            name, [1, 2, 3, 4]))
        placed2 = (name == "youth") & u.e1900.fillna(0).isin([1, 2, 3])
        placed4 = (name == "youth") & u.e1901.fillna(0).isin([1, 2, 3])
        u["d2"] = ~excluded & (u.emp2.notna() | placed2)
        u["n2"] = ~excluded & ((u.emp2 == 1) | placed2)
        u["d4"] = ~excluded & (u.emp4.notna() | placed4)
        u["n4"] = ~excluded & ((u.emp4 == 1) | placed4)
        u["m"] = u.earn2.where(~excluded & (u.emp2 == 1) & u.earn2.notna())
        units.append(u[["rid", "exit_q", "sex", "prog", "d2", "n2", "d4", "n4", "m"]])
    flat = pd.concat(units, ignore_index=True)
    per = flat.groupby("rid").agg(exit_q=("exit_q", "first"), sex=("sex", "first"),
                                  d2=("d2", "max"), n2=("n2", "max"), d4=("d4", "max"),
                                  n4=("n4", "max"), m=("m", "max"))

    def summary(frame: pd.DataFrame, key: str | None, dimension: str) -> pd.DataFrame:
        agg = dict(d2=("d2", "sum"), n2=("n2", "sum"), d4=("d4", "sum"), n4=("n4", "sum"),
                   dm=("m", "count"), m=("m", "median"))
        if key is None:
            out = frame.assign(grp="all").groupby("grp").agg(**agg).reset_index()
        else:
            out = frame.groupby(key).agg(**agg).reset_index().rename(columns={key: "grp"})
            out["grp"] = out["grp"].astype("int64").astype(str) if key != "prog" else out["grp"]
        return out.assign(dimension=dimension)

    return pd.concat([summary(per, None, "all"), summary(per, "exit_q", "exit_quarter"),
                      summary(per, "sex", "sex"), summary(flat, "prog", "program")],
                     ignore_index=True)


def load_postgres(url: str, periods: pd.DataFrame, wages: pd.DataFrame):
    import psycopg

    con = psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)
    cur = con.cursor()
    cur.execute("DROP TABLE IF EXISTS bench_periods, bench_wages")
    cur.execute("CREATE UNLOGGED TABLE bench_periods (rid bigint, e100 text, "
                + ", ".join(f"{c} bigint" for c in PERIOD_COLUMNS[2:]) + ")")
    cur.execute("CREATE UNLOGGED TABLE bench_wages (person text, q bigint, employer text, "
                "cents bigint)")
    for name, frame, columns in (("bench_periods", periods, PERIOD_COLUMNS),
                                 ("bench_wages", wages, ["person", "q", "employer", "cents"])):
        with cur.copy(f"COPY {name} FROM STDIN WITH (FORMAT csv)") as copy:
            for start in range(0, len(frame), 500_000):
                buffer = io.StringIO()
                frame[columns].iloc[start:start + 500_000].to_csv(buffer, index=False,
                                                                   header=False)
                copy.write(buffer.getvalue())
    cur.execute("CREATE INDEX ON bench_wages (person, q)")
    cur.execute("ANALYZE bench_periods")
    cur.execute("ANALYZE bench_wages")
    return con


def peak_gb() -> float:
    """This process's peak resident memory. /proc's VmHWM is the process's own; ru_maxrss
    would carry over the parent's peak into a child started from it (Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def timed(label: str, fn, results: dict, repeat: int = 1):
    """Run ``fn`` ``repeat`` times; keep the best time (the machine is shared)."""
    best, value = None, None
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn()
        took = time.perf_counter() - started
        best = took if best is None else min(best, took)
    results[label] = best
    shown = f"  (best of {repeat})" if repeat > 1 else ""
    print(f"  {label:<58} {best:8.2f} s{shown}", flush=True)
    return value


def alternate(first, second, rounds: int = 3) -> tuple[float, float, object, object]:
    """Best times of ``first`` and ``second`` run in turn (first, second, first, ...), so a
    shared machine's drift in speed falls on both alike; and their last results."""
    best = [None, None]
    values = [None, None]
    for _ in range(rounds):
        for i, fn in enumerate((first, second)):
            started = time.perf_counter()
            values[i] = fn()
            took = time.perf_counter() - started
            best[i] = took if best[i] is None else min(best[i], took)
    return best[0], best[1], values[0], values[1]


def floor_on(engine: DuckDBEngine, tables: Tables):
    """(a) on ``engine``'s tables: a function running the hand-written query."""
    duck = engine.con.con
    duck.execute(f"CREATE OR REPLACE TEMP VIEW periods AS SELECT * FROM "
                 f"{tables.periods.get_name()}")
    duck.execute(f"CREATE OR REPLACE TEMP VIEW wages AS SELECT * FROM "
                 f"{tables.wages.get_name()}")
    sql = hand_sql()
    return lambda: duck.sql(sql).to_df()


def full_run_child(folder: str) -> None:
    """In a fresh process: a whole run from Parquet files; print time and peak memory."""
    from pathways.metrics import PirlFiles, run_measures

    started = time.perf_counter()
    inputs = PirlFiles(Path(folder) / "pirl.parquet", Path(folder) / "wages.parquet").read()
    read = time.perf_counter() - started
    result = run_measures(inputs, None, WINDOW)
    total = time.perf_counter() - started
    peak = peak_gb()
    print(f"CHILD {read:.2f} {total:.2f} {peak:.2f} {len(result.table)} "
          f"{int(result.table.suppressed.sum())}")


def whole_engine_child(folder: str) -> None:
    """In a fresh process: the whole run from the files; times of its parts, peak memory."""
    from pathways.metrics import PirlFiles, run_measures

    started, cpu = time.perf_counter(), cpu_s()
    inputs = PirlFiles(Path(folder) / "pirl.parquet", Path(folder) / "wages.parquet").read()
    read_s = time.perf_counter() - started
    result = run_measures(inputs, None, WINDOW)
    del inputs
    total = time.perf_counter() - started
    print(f"ENGINE {total:.3f} {read_s:.3f} {peak_gb():.3f} {len(result.table)} "
          f"{int(result.table.suppressed.sum())} {cpu_s() - cpu:.3f}")


def whole_floor_child(folder: str) -> None:
    """In a fresh process: DuckDB reads the same files into tables, then (a) on them."""
    import duckdb
    import pyarrow.parquet as pq

    pirl, wage_file = Path(folder) / "pirl.parquet", Path(folder) / "wages.parquet"
    names = pq.read_schema(pirl).names
    started, cpu = time.perf_counter(), cpu_s()
    con = duckdb.connect()
    columns = ", ".join(f'"{n}" AS e{n}' if n[:1].isdigit() else f'"{n}"' for n in names)
    con.execute(f"CREATE TABLE periods AS SELECT CAST(row_number() OVER () AS BIGINT) AS rid, "
                f"{columns} FROM read_parquet('{pirl}')")
    con.execute("CREATE TABLE wages AS SELECT person, CAST(year * 4 + quarter - 1 AS BIGINT)"
                " AS q, employer, CAST(round(wages * 100) AS BIGINT) AS cents FROM "
                f"read_parquet('{wage_file}')")
    loaded = time.perf_counter() - started
    floor = con.sql(hand_sql()).to_df()
    total = time.perf_counter() - started
    print(f"FLOOR {total:.3f} {loaded:.3f} {peak_gb():.3f} {len(floor)} {cpu_s() - cpu:.3f}")


def cpu_s() -> float:
    """This process's CPU time (user and system, all threads): on a shared machine it
    moves less with other people's work than the time on the clock does."""
    times = os.times()
    return times.user + times.system


def whole(args: argparse.Namespace) -> None:
    """Issue 19's comparison: the whole run from files against DuckDB reading the same files
    plus (a), each in fresh processes, in turn."""
    import gc
    import shutil

    print(f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python "
          f"{platform.python_version()}; load average {os.getloadavg()[0]:.1f} at the start")
    folder = Path(args.folder or tempfile.mkdtemp(prefix="pathways-whole-"))
    try:
        if not ((folder / "pirl.parquet").exists() and (folder / "wages.parquet").exists()):
            periods, wages = synthetic.generate(args.periods)
            synthetic.write(folder, periods, wages, "parquet")
            del periods, wages
            gc.collect()
        rows = [int(subprocess.run(
            [sys.executable, "-c", "import pyarrow.parquet as pq, sys; "
             "print(pq.read_metadata(sys.argv[1]).num_rows)", str(folder / f)],
            check=True, capture_output=True, text=True).stdout) for f in
            ("pirl.parquet", "wages.parquet")]
        print(f"  {rows[0]:,} PIRL rows, {rows[1]:,} wage rows (Parquet, in {folder})")
        floors, engines, before = [], [], []
        sides = [("--whole-floor", floors, None), ("--whole-engine", engines, None)]
        if args.before_src:  # the engine of another source tree too, in the same turns
            sides.append(("--whole-engine", before, args.before_src))
        for _ in range(args.rounds):
            for flag, into, src in sides:
                env = dict(os.environ, PYTHONPATH=src) if src else None
                out = subprocess.run([sys.executable, __file__, flag, str(folder)], check=True,
                                     capture_output=True, text=True, env=env).stdout
                into.append(next(x for x in out.splitlines()
                                 if x.startswith(("FLOOR", "ENGINE"))).split()[1:])
                label = flag[2:] + (" (before)" if src else "")
                print(f"  {label:<22} {' '.join(into[-1])}  (load "
                      f"{os.getloadavg()[0]:.1f})", flush=True)
    finally:
        if not args.folder:
            shutil.rmtree(folder, ignore_errors=True)
    floor = min(floors, key=lambda r: float(r[0]))
    engine = min(engines, key=lambda r: float(r[0]))
    f_total, e_total = float(floor[0]), float(engine[0])
    e_read = float(engine[1])
    print(f"floor (DuckDB reads the files into tables + (a)): {f_total:.2f} s (reading "
          f"{float(floor[1]):.2f} s), peak {float(floor[2]):.2f} GB")
    print(f"engine (read and check, combine, every measure and slice, suppress): "
          f"{e_total:.2f} s (reading and checking both files {e_read:.2f} s, the rest "
          f"{e_total - e_read:.2f} s), peak {float(engine[2]):.2f} GB; {int(engine[3]):,} "
          f"cells, {int(engine[4]):,} suppressed")
    f_cpu = min(float(r[4]) for r in floors)
    e_cpu = min(float(r[5]) for r in engines)
    print(f"ratio engine / floor: {e_total / f_total:.2f}   target within 3x "
          f"(best of {args.rounds} each, in turn); CPU time {e_cpu:.2f} s / {f_cpu:.2f} s = "
          f"{e_cpu / f_cpu:.2f}")
    if before:
        b = min(before, key=lambda r: float(r[0]))
        b_cpu = min(float(r[5]) for r in before)
        print(f"before ({args.before_src}): {float(b[0]):.2f} s (reading {float(b[1]):.2f} s,"
              f" the rest {float(b[0]) - float(b[1]):.2f} s), peak {float(b[2]):.2f} GB, CPU "
              f"{b_cpu:.2f} s; ratio to the floor {float(b[0]) / f_total:.2f}")


def full_set_child(n: int, six_only: bool = False) -> None:
    """In a fresh process: the same data into DuckDB, then every measure and slice (or
    the six WIOA primary indicators only, the issue's "full indicator set")."""
    import gc

    periods, wages = synthetic.generate(n)
    engine = DuckDBEngine()
    frame = periods.drop(columns=["line"]).assign(rid=np.arange(len(periods), dtype="int64"))
    tables = Tables(periods=engine.load("periods", frame), wages=engine.load("wages", wages))
    dims = available(filled_columns(periods))
    del periods, wages, frame
    gc.collect()
    everything = load_measures()
    if six_only:
        everything = [m for m in everything if m.group == "wioa"]
    floor = floor_on(engine, tables)
    floor()  # the floor's first run reads the tables into memory, as the engine's does
    started = time.perf_counter()
    suppress(compute(everything, tables, WINDOW, dims, engine))
    first = time.perf_counter() - started
    again, floor_best, published, _f = alternate(
        lambda: suppress(compute(everything, tables, WINDOW, dims, engine)), floor)
    peak = peak_gb()
    print(f"FULL {first:.2f} {again:.2f} {peak:.2f} {len(published)} "
          f"{int(published.suppressed.sum())} {len(everything)} {len(dims)} {floor_best:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--periods", type=int, default=2_000_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--full", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--six", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--whole", action="store_true",
                        help="only the whole run from files against its floor")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--folder", help="keep (and reuse) the Parquet files here")
    parser.add_argument("--before-src", help="with --whole: also time the engine of this "
                        "source tree (PYTHONPATH), in the same turns")
    parser.add_argument("--whole-floor", help=argparse.SUPPRESS)
    parser.add_argument("--whole-engine", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.whole_floor:
        whole_floor_child(args.whole_floor)
        return
    if args.whole_engine:
        whole_engine_child(args.whole_engine)
        return
    if args.whole:
        whole(args)
        return
    if args.child:
        full_run_child(args.child)
        return
    if args.full:
        full_set_child(args.full, args.six)
        return
    results: dict[str, float] = {}
    print(f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python "
          f"{platform.python_version()}, {platform.platform()}")
    periods, wages = timed("generate the synthetic state", lambda: synthetic.generate(
        args.periods), results)
    print(f"  {len(periods):,} periods of participation, {len(wages):,} wage rows")
    exiters = periods.e901.between(ymd(WINDOW.start), ymd(WINDOW.end)).sum()
    print(f"  {exiters:,} exits in the reporting period")

    engine = DuckDBEngine()
    frame = periods.drop(columns=["line"]).assign(rid=np.arange(len(periods), dtype="int64"))
    tables = timed("load both tables into DuckDB (not in the comparisons)", lambda: Tables(
        periods=engine.load("periods", frame), wages=engine.load("wages", wages)), results)
    three = [m for m in load_measures() if m.id in THREE]

    print("1. Employment Q2/Q4 and median earnings Q2 by exit quarter, program and sex")
    run_floor = floor_on(engine, tables)
    run_floor()  # each side's first read of the tables is not timed: both start warm
    cold = timed("engine on DuckDB, first run (compiling included)", lambda: compute(
        three, tables, WINDOW, SLICES, engine), results)
    warm_s, floor_s, warm, floor = alternate(
        lambda: compute(three, tables, WINDOW, SLICES, engine), run_floor)
    for label, took in (("engine on DuckDB, again (compiled SQL kept)", warm_s),
                        ("(a) hand-written SQL on DuckDB (the floor)", floor_s)):
        results[label] = took
        print(f"  {label:<58} {took:8.2f} s  (best of 3, the two in turn)", flush=True)
    sql = hand_sql()
    expected = engine_cells(cold)
    assert engine_cells(warm) == expected, "the engine's two runs differ"
    assert as_cells(floor) == expected, "the hand-written DuckDB SQL disagrees"
    if not args.skip_postgres:
        url = os.environ.get("PATHWAYS_MEASURES_POSTGRES_URL", DEFAULT_POSTGRES)
        con = timed("load the same rows into PostgreSQL (not compared)", lambda: load_postgres(
            url, frame, wages), results)
        pg_sql = sql.replace("FROM periods", "FROM bench_periods").replace(
            "JOIN wages", "JOIN bench_wages").replace("VARCHAR", "TEXT")

        def on_postgres():
            cur = con.cursor()
            cur.execute(pg_sql)
            names = [d[0] for d in cur.description]
            return pd.DataFrame(cur.fetchall(), columns=names)

        pg = timed("(b) the same SQL on PostgreSQL", on_postgres, results, repeat=2)
        assert as_cells(pg) == expected, "PostgreSQL disagrees"
        con.cursor().execute("DROP TABLE IF EXISTS bench_periods, bench_wages")
        con.close()
    if not args.skip_pandas:
        pdf = timed("(c) vectorised pandas", lambda: pandas_baseline(frame, wages), results)
        assert as_cells(pdf) == expected, "pandas disagrees"
    print("   all implementations agree on every cell "
          f"({len(expected)} cells)")

    print("2. Every measure, every slice, suppression (a fresh process, the same data)")
    engine.close()
    out = subprocess.run([sys.executable, __file__, "--full", str(args.periods)], check=True,
                         capture_output=True, text=True).stdout
    full = next(x for x in out.splitlines() if x.startswith("FULL")).split()
    cold, warm, full_peak = float(full[1]), float(full[2]), float(full[3])
    results["full set, first run"], results["full set, again"] = cold, warm
    results["full set, its own floor"] = float(full[8])
    print(f"  full set, first run (compiling included): {full[6]} measures x {full[7]} slices"
          f" + suppression {cold:8.2f} s")
    print(f"  full set, again (compiled SQL kept) {warm:8.2f} s; {int(full[4]):,} cells, "
          f"{int(full[5]):,} suppressed; peak memory of that process {full_peak:.2f} GB")
    out = subprocess.run([sys.executable, __file__, "--full", str(args.periods), "--six"],
                         check=True, capture_output=True, text=True).stdout
    six = next(x for x in out.splitlines() if x.startswith("FULL")).split()
    results["six indicators, first run"], results["six indicators, again"] = (
        float(six[1]), float(six[2]))
    results["six indicators, their own floor"] = float(six[8])
    print(f"  the {six[6]} WIOA indicators alone, every slice + suppression (another fresh "
          f"process): first run {float(six[1]):.2f} s, again {float(six[2]):.2f} s; peak "
          f"memory {float(six[3]):.2f} GB")
    peak_here = peak_gb()
    with tempfile.TemporaryDirectory(prefix="pathways-bench-") as folder:
        timed("write the data as Parquet files (not compared)", lambda: synthetic.write(
            folder, periods, wages, "parquet"), results)
        out = subprocess.run([sys.executable, __file__, "--child", folder], check=True,
                             capture_output=True, text=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("CHILD"))
    _c, read, total, peak, _cells, _hidden = line.split()
    print(f"  whole run from Parquet in a fresh process: {float(total):.2f} s "
          f"(reading and checking {float(read):.2f} s), peak memory {float(peak):.2f} GB")

    a = results["(a) hand-written SQL on DuckDB (the floor)"]
    print("\nRatios (same data, same machine, same run)")
    warm_key = "engine on DuckDB, again (compiled SQL kept)"
    cold_key = "engine on DuckDB, first run (compiling included)"
    print(f"  engine (warm) / (a): {results[warm_key] / a:.2f}   engine (first run) / (a): "
          f"{results[cold_key] / a:.2f}   target <= 1.3")
    if "(b) the same SQL on PostgreSQL" in results:
        print(f"  (b) / engine (first run): "
              f"{results['(b) the same SQL on PostgreSQL'] / results[cold_key]:.1f}x"
              "   target >= 5")
    if "(c) vectorised pandas" in results:
        print(f"  (c) / engine (first run): "
              f"{results['(c) vectorised pandas'] / results[cold_key]:.1f}x   target > 1")
    # Each set's ratio is to (a) timed in its own process, in turn with it.
    for name, floor_key in (("full set", "full set, its own floor"),
                            ("six indicators", "six indicators, their own floor")):
        own = results[floor_key]
        print(f"  {name} (warm) / (a): {results[name + ', again'] / own:.2f}   {name} "
              f"(first run) / (a): {results[name + ', first run'] / own:.2f}   target < 3"
              f"   ((a) in that process: {own:.2f} s)")
    print(f"  peak memory: full set {full_peak:.2f} GB; whole run from files "
          f"{float(peak):.2f} GB (this process, with the baselines: {peak_here:.2f} GB)"
          "   target < 8")


if __name__ == "__main__":
    main()
