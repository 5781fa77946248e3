"""The embedded engine: windows run at once on cursors of their own, each query prepared once,
and a database file keeps the one-connection behaviour."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pathways.metrics import Window, load_measures, run_measures, synthetic
from pathways.metrics.compute import Tables, compute
from pathways.metrics.engines import PREPARED_KEPT, DuckDBEngine, Engine

WINDOW = Window(dt.date(2022, 7, 1), dt.date(2024, 6, 30), dt.date(2025, 6, 30))
SIX = [m for m in load_measures() if m.group == "wioa"]  # an exit and a program-year window


@pytest.fixture(scope="module")
def data():
    return synthetic.generate(300, seed=11)


def loaded(engine: DuckDBEngine, data) -> Tables:
    periods, wages = data
    frame = periods.drop(columns=["line"]).assign(rid=range(len(periods)))
    return Tables(periods=engine.load("periods", frame), wages=engine.load("wages", wages))


def test_windows_at_once_give_what_one_after_the_other_gives(data):
    engine = DuckDBEngine()
    try:
        tables = loaded(engine, data)
        together = compute(SIX, tables, WINDOW, ["sex", "program"], engine)
        assert len(engine._prepared) == 2  # the exit and the program-year query
        engine.fetch_all = lambda queries: Engine.fetch_all(engine, queries)
        in_turn = compute(SIX, tables, WINDOW, ["sex", "program"], engine)
    finally:
        engine.close()
    pd.testing.assert_frame_equal(together, in_turn)
    assert set(together.measure) == {m.id for m in SIX}


def test_prepared_statements_are_bounded_and_released(data):
    engine = DuckDBEngine()
    try:
        loaded(engine, data)
        table = engine.prefix + "periods"
        for n in range(PREPARED_KEPT + 3):
            got = engine._fetch(f'SELECT count(*) + {n} AS n FROM "{table}"')  # noqa: S608
            assert int(got.n[0]) == len(data[0]) + n
        assert len(engine._prepared) == PREPARED_KEPT
        # A query used again is planned once: the same statement answers.
        sql = f'SELECT count(*) + {PREPARED_KEPT + 2} AS n FROM "{table}"'  # noqa: S608
        before = engine._prepared[sql]
        engine._fetch(sql)
        assert engine._prepared[sql] is before
    finally:
        engine.close()
    assert engine._prepared == {}


def test_a_database_file_keeps_temporary_tables_on_one_connection(data, tmp_path):
    periods, wages = data
    engine = DuckDBEngine(str(tmp_path / "measures.duckdb"))
    try:
        on_file = run_measures(periods, wages, WINDOW, engine=engine, measures=SIX,
                               by=["sex"]).unsuppressed
        assert not engine.private and all(con is engine.con.con
                                          for con, _name in engine._prepared.values())
    finally:
        engine.close()
    in_memory = run_measures(periods, wages, WINDOW, engine="duckdb", measures=SIX,
                             by=["sex"]).unsuppressed
    pd.testing.assert_frame_equal(on_file, in_memory)


def test_a_failing_query_among_windows_raises_and_the_engine_stays_usable(data):
    import duckdb

    engine = DuckDBEngine()
    try:
        loaded(engine, data)
        table = engine.prefix + "periods"
        good = f'SELECT count(*) AS n FROM "{table}"'  # noqa: S608
        with pytest.raises(duckdb.Error, match="no_such_column"):
            engine.fetch_all([good, f'SELECT no_such_column FROM "{table}"'])  # noqa: S608
        assert int(engine.fetch_all([good])[0].n[0]) == len(data[0])
    finally:
        engine.close()


def test_wage_sums_are_64_bit_integers_as_ibis_types_them(data):
    # DuckDB sums BIGINT into a 128-bit HUGEINT; every test and median on earnings would
    # then run on the wider type. The summary says int64, and now DuckDB returns int64.
    import pyarrow as pa

    from pathways.metrics.derive import quarter
    from pathways.metrics.facts import needs_of, wage_summary

    engine = DuckDBEngine()
    try:
        tables = loaded(engine, data)
        p = tables.periods
        p = p.select("rid", "e100", entry_q=quarter(p.e900), exit_q=quarter(p.e901))
        summary = wage_summary(p, tables.wages, needs_of({"emp_q2", "pre_wage_q"}),
                               WINDOW.params["as_of_q"])
        got = engine.con.con.sql(engine.sql(summary)).to_arrow_table()
    finally:
        engine.close()
    sums = [name for name in got.column_names if name.startswith(("w", "pre"))]
    assert sums == ["w2", "pre1", "pre2", "pre3"]
    assert all(got.schema.field(name).type == pa.int64() for name in sums)
    assert pa.compute.sum(got["w2"]).as_py() > 0


def test_only_a_private_database_stops_keeping_insertion_order(tmp_path):
    setting = "SELECT current_setting('preserve_insertion_order') AS kept"
    private, on_file = DuckDBEngine(), DuckDBEngine(str(tmp_path / "shared.duckdb"))
    try:
        assert private.con.con.sql(setting).fetchall() == [(False,)]
        assert private.con.con.cursor().sql(setting).fetchall() == [(False,)]
        assert on_file.con.con.sql(setting).fetchall() == [(True,)]
    finally:
        private.close()
        on_file.close()


def test_progress_names_every_window_while_they_run_together(data):
    said: list[str] = []
    engine = DuckDBEngine()
    try:
        compute(SIX, loaded(engine, data), WINDOW, ["sex"], engine, said.append)
    finally:
        engine.close()
    # One message per window (the command's progress bar counts them); the last one
    # stands while both windows run, so it names both.
    assert len(said) == 2
    assert said[0].startswith("exit window 2022-07-01 to 2024-06-30: employment_q2")
    assert said[1].startswith("computing exit window") and "; program year PY2022" in said[1]
    assert "measurable_skill_gains" in said[1]


def test_grouping_sets_tell_a_blank_code_from_the_total():
    # One aggregate gives the total and every dimension's groups: which set a row is from
    # comes from GROUPING, not from a null, so a group whose code is blank is still a group.
    from pathways.metrics.compute import _grouping_sets

    engine = DuckDBEngine()
    try:
        per = engine.load("per", pd.DataFrame({"d_sex": pd.array([1, None, None], "Int64"),
                                               "d_veteran": [2, 2, 1], "den_0": [1, 1, 1]}))
        query = _grouping_sets(engine.compile(per.aggregate(den_0=per.den_0.sum())),
                               [("sex", "d_sex"), ("veteran", "d_veteran")])
        rows = engine.execute(query)
    finally:
        engine.close()
    got = {(r.dimension, None if pd.isna(r.grp) else r.grp, int(r.den_0))
           for r in rows.itertuples(index=False)}
    assert got == {("all", "all", 3), ("sex", "1", 1), ("sex", None, 2), ("veteran", "2", 2),
                   ("veteran", "1", 1)}


def test_grouping_sets_refuse_what_is_not_one_aggregate():
    from pathways.metrics.compute import _grouping_sets

    engine = DuckDBEngine()
    try:
        per = engine.load("per", pd.DataFrame({"d_sex": [1], "den_0": [1]}))
        grouped = per.group_by("d_sex").aggregate(den_0=per.den_0.sum())
        with pytest.raises(TypeError, match="one ungrouped aggregate"):
            _grouping_sets(engine.compile(grouped), [("sex", "d_sex")])
    finally:
        engine.close()
