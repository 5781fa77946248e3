"""The duplicate-key test of the readers: a cheap hash pre-check, then the exact test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.metrics.pirl import TEXT, duplicates, may_repeat


def exact(columns: list[pd.Series]) -> list[bool]:
    """Row by row: does an earlier row have the same key (blanks equal to blanks)?"""
    seen, out = set(), []
    for key in zip(*[[None if pd.isna(v) else v for v in c] for c in columns], strict=True):
        out.append(key in seen)
        seen.add(key)
    return out


def test_a_file_without_duplicates_is_cleared_by_the_pre_check():
    people = pd.Series([f"P{i:08d}" for i in range(5000)], dtype=TEXT)
    quarters = pd.Series(np.arange(5000) % 4 + 1)
    assert not may_repeat([people, quarters])
    dup, first = duplicates([people, quarters])
    assert not dup.any() and (first == np.arange(5000)).all()


def test_blanks_count_as_equal_and_positions_name_the_first_row():
    person = pd.Series(["A", None, "B", None, "A"], dtype=TEXT)
    entry = pd.Series([20230105, 20230105, pd.NA, 20230105, 20230105], dtype="Int64")
    assert may_repeat([person, entry])
    dup, first = duplicates([person, entry])
    assert dup.tolist() == [False, False, False, True, True]
    assert first[3] == 1 and first[4] == 0


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["P1", "P2", "P3", None]),
                          st.one_of(st.none(), st.integers(2020, 2022)),
                          st.one_of(st.none(), st.floats(1, 4).map(round).map(float))),
                min_size=0, max_size=40))
def test_the_readers_test_agrees_with_a_row_by_row_one(rows):
    columns = [pd.Series([r[0] for r in rows], dtype=TEXT),
               pd.Series([r[1] for r in rows], dtype="Int64"),
               pd.Series([np.nan if r[2] is None else r[2] for r in rows], dtype="float64")]
    expected = exact(columns)
    # The pre-check never clears a file that has a duplicate.
    assert may_repeat(columns) or not any(expected)
    assert duplicates(columns)[0].tolist() == expected


@pytest.mark.parametrize("cores", [1, 2, 8])
def test_hashes_split_across_cores_find_the_same_repeats(monkeypatch, cores):
    # Large enough to be split; values at both ends of each part's range, where a wrong
    # shift or comparison would put equal values in different parts.
    from pathways.metrics import pirl

    monkeypatch.setattr(pirl.os, "cpu_count", lambda: cores)
    rng = np.random.default_rng(3)
    values = rng.integers(0, 2**64 - 1, 1_200_000, dtype=np.uint64)
    edges = np.array([0, 2**61 - 1, 2**61, 2**63 - 1, 2**63, 2**64 - 1], dtype=np.uint64)
    values[:len(edges)] = edges
    assert not pirl._repeats(values.copy())
    for i, edge in enumerate(edges):
        planted = values.copy()
        planted[-1 - i] = edge
        assert pirl._repeats(planted), f"a repeat of {int(edge)} was missed"
