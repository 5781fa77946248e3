"""Compiled SQL is simplified only where the result cannot change (three-valued logic)."""

from __future__ import annotations

import itertools

import duckdb
import pytest
import sqlglot

from pathways.metrics.conditions import simplify


def simplified(sql: str) -> str:
    return simplify(sqlglot.parse_one(sql, read="duckdb")).sql(dialect="duckdb")


REWRITES = [
    # Read as a condition (a CASE branch, WHERE, a join's ON): the COALESCE goes.
    ("SELECT CASE WHEN COALESCE(x = 1, FALSE) THEN 1 ELSE 0 END FROM t",
     "SELECT CASE WHEN x = 1 THEN 1 ELSE 0 END FROM t"),
    ("SELECT * FROM t WHERE COALESCE(x = 1, FALSE) AND y = 2",
     "SELECT * FROM t WHERE x = 1 AND y = 2"),
    ("SELECT * FROM t JOIN u ON COALESCE(t.a = u.a, FALSE)",
     "SELECT * FROM t JOIN u ON t.a = u.a"),
    # A value kept stays false when unknown; NOT of unknown is unknown, not true.
    ("SELECT COALESCE(x = 1, FALSE) AS f FROM t", "SELECT COALESCE(x = 1, FALSE) AS f FROM t"),
    ("SELECT * FROM t WHERE NOT COALESCE(x = 1, FALSE)",
     "SELECT * FROM t WHERE NOT COALESCE(x = 1, FALSE)"),
    # CASE x WHEN v: v is a value compared with x, not a condition.
    ("SELECT CASE x WHEN COALESCE(y, FALSE) THEN 1 END FROM t",
     "SELECT CASE x WHEN COALESCE(y, FALSE) THEN 1 END FROM t"),
]


@pytest.mark.parametrize(("sql", "expected"), REWRITES)
def test_dropped_only_where_read_as_a_condition(sql, expected):
    assert simplified(sql) == expected


def test_an_or_taken_out_keeps_its_parentheses():
    assert simplified("SELECT * FROM t WHERE COALESCE(a = 1 OR b = 1, FALSE) AND c = 1") \
        == "SELECT * FROM t WHERE (a = 1 OR b = 1) AND c = 1"


def test_two_tests_of_unknown_become_one_and_single_in_becomes_equals():
    assert simplified("SELECT COALESCE(a = 1, FALSE) OR COALESCE(b IN (2), FALSE) AS f "
                      "FROM t") == "SELECT COALESCE(a = 1 OR b = 2, FALSE) AS f FROM t"


SHAPES = [
    "SELECT CASE WHEN COALESCE(a = 1, FALSE) AND NOT COALESCE(b = 1, FALSE) THEN 1 ELSE 0 END",
    "SELECT CASE WHEN COALESCE(a = 1 OR b = 1, FALSE) AND COALESCE(c = 1, FALSE) THEN 1 END",
    "SELECT COALESCE(a = 1, FALSE) OR COALESCE(b = 1, FALSE)",
    "SELECT COALESCE(a = 1, FALSE) AND COALESCE(b = 1 OR c IN (1), FALSE)",
    "SELECT NOT (COALESCE(a = 1, FALSE) OR COALESCE(b = 1, FALSE))",
    "SELECT CASE WHEN (COALESCE(a = 1, FALSE) OR COALESCE(b = 0, FALSE)) "
    "AND NOT COALESCE(c = 1 AND a = 0, FALSE) THEN a ELSE c END",
]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_combination_of_true_false_and_unknown_gives_the_same_result(shape):
    values = [1, 0, None]
    rows = ", ".join(
        "(" + ", ".join("NULL" if v is None else str(v) for v in combo) + ")"
        for combo in itertools.product(values, repeat=3))
    table = f"(VALUES {rows}) AS t(a, b, c)"
    before = f"{shape} AS r, a, b, c FROM {table} ORDER BY ALL"
    after = simplified(before)
    assert after != before or "COALESCE" not in shape
    con = duckdb.connect()
    assert con.sql(after).fetchall() == con.sql(before).fetchall()


def test_every_engine_compiles_through_the_simplification():
    import ibis

    from pathways.metrics.engines import DuckDBEngine

    engine = DuckDBEngine()
    try:
        t = engine.load("t", __import__("pandas").DataFrame({"x": [1, None, 2]}))
        flag = ibis.ifelse(t.x.isin([1]).fill_null(False), 1, 0)
        sql = engine.sql(t.select(f=flag))
        assert "COALESCE" not in sql and "IN (" not in sql
        assert sorted(engine._fetch(sql).f) == [0, 0, 1]
    finally:
        engine.close()
