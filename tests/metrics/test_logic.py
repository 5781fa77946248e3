""""Any of these conditions": an unknown condition counts as not met, on DuckDB through ibis."""

from __future__ import annotations

import itertools

import pandas as pd
import pyarrow as pa
import pytest

from pathways.metrics.engines import DuckDBEngine
from pathways.metrics.logic import any_of

T, F, U = True, False, None  # U: unknown (NULL)
CASES = [
    # conditions -> any of them
    ((), F),
    ((T,), T), ((F,), F), ((U,), F),
    ((T, U), T), ((U, T), T), ((F, U), F), ((U, F), F), ((U, U), F),
    ((F, F, T), T), ((U, U, T), T), ((F, U, F), F), ((U, U, U), F),
]


@pytest.fixture(scope="module")
def engine():
    engine = DuckDBEngine()
    yield engine
    engine.close()


def table(engine, rows: list[tuple]) -> object:
    columns = {f"c{i}": pa.array([row[i] for row in rows], type=pa.bool_()) for i in range(3)}
    return engine.load("cases", pa.table({**columns, "n": list(range(len(rows)))}))


def padded(conditions: tuple) -> tuple:
    return conditions + (F,) * (3 - len(conditions))  # false never changes "any of"


def test_the_table_of_cases(engine):
    t = table(engine, [padded(c) for c, _ in CASES])
    columns = {f"k{len(c)}": any_of([t[f"c{i}"] for i in range(len(c))]) for c, _ in CASES}
    query = t.select("n", **columns).order_by("n")
    got = engine._fetch(engine.sql(query))
    for n, (conditions, expected) in enumerate(CASES):
        value = got.loc[n, f"k{len(conditions)}"]
        assert value is not None and not pd.isna(value), conditions  # never unknown
        assert bool(value) == expected, conditions


def test_every_combination_as_a_value_a_filter_and_negated(engine):
    combos = list(itertools.product([T, F, U], repeat=3))
    t = table(engine, combos)
    anyone = any_of([t.c0, t.c1, t.c2])
    kept = engine._fetch(engine.sql(t.select("n", k=anyone, none=~anyone).order_by("n")))
    met = set(engine._fetch(engine.sql(t.filter(anyone).select("n"))).n)
    for n, combo in enumerate(combos):
        expected = T in combo
        assert bool(kept.k[n]) is expected and bool(kept.none[n]) is not expected, combo
        assert (n in met) is expected, combo


def test_never_unknown_leaves_the_test_out_and_gives_the_same(engine):
    combos = [c for c in itertools.product([T, F], repeat=3)]
    t = table(engine, combos)
    parts = [t.c0, t.c1, t.c2]
    sql = engine.sql(t.select("n", k=any_of(parts, never_unknown=True)).order_by("n"))
    assert "COALESCE" not in sql
    tested = engine._fetch(engine.sql(t.select("n", k=any_of(parts)).order_by("n")))
    assert list(engine._fetch(sql).k) == list(tested.k) == [T in c for c in combos]
