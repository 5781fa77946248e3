"""Suppression: small cells hidden, and no hidden cell can be recovered from the others.

Recovery is checked with linear algebra: every published cell (and every group with no row,
known to be zero) is a sum over the atoms of the cross-classification of the dimensions
(exit quarter fixes the exit program year, age band fixes "older"); a hidden cell can be
recovered exactly when its own sum lies in the span of the published ones.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from pathways.metrics import Window, run_measures, suppress, synthetic
from pathways.metrics.dimensions import _older_of_band, _quarter_year

BASE = ["sex", "hispanic", "exit_quarter", "age_band"]
DERIVED = {"exit_program_year": ("exit_quarter", _quarter_year),
           "barrier_older": ("age_band", _older_of_band)}


def tidy(rows):
    return pd.DataFrame(rows, columns=["measure", "dimension", "group", "numerator",
                                       "denominator", "value", "suppressed"])


def test_a_small_cell_and_its_complement_are_hidden():
    table = tidy([
        ("m", "all", "all", 30, 60, Decimal("0.5"), False),
        ("m", "sex", "female", 20, 40, Decimal("0.5"), False),
        ("m", "sex", "male", 8, 15, Decimal("0.53"), False),
        ("m", "sex", "did not self-identify", 2, 5, Decimal("0.4"), False),
        ("m", "hispanic", "yes", 10, 30, Decimal("0.3"), False),
        ("m", "hispanic", "no", 20, 30, Decimal("0.6"), False),
    ])
    out = suppress(table, threshold=10)
    hidden = dict(zip(out["group"], out["suppressed"], strict=True))
    # 5 < 10 is hidden; male (the next smallest) too, or 60 - 40 - 15 would give it away.
    assert hidden == {"all": False, "female": False, "male": True,
                      "did not self-identify": True, "yes": False, "no": False}
    assert out.loc[out.suppressed, ["numerator", "denominator", "value"]].isna().all().all()


def test_a_hidden_total_hides_one_cell_of_every_full_dimension():
    out = suppress(tidy([("m", "all", "all", 5, 9, None, False),
                         ("m", "sex", "female", 2, 4, None, False),
                         ("m", "sex", "male", 3, 5, None, False)]), threshold=5)
    # The total (9) is shown, both groups are small: both hidden, nothing to subtract.
    assert list(out.suppressed) == [False, True, True]
    out = suppress(tidy([("m", "all", "all", 5, 8, None, False),
                         ("m", "sex", "female", 2, 10, None, False),
                         ("m", "sex", "male", 3, 20, None, False)]), threshold=9)
    # A hidden total that its groups would add back up to: the smaller group hides too.
    assert list(out.suppressed) == [True, True, False]


def test_a_hidden_quarter_is_not_given_away_by_its_program_year():
    table = tidy([
        ("m", "all", "all", 40, 80, None, False),
        ("m", "exit_quarter", "2022Q3", 2, 4, None, False),
        ("m", "exit_quarter", "2022Q4", 10, 30, None, False),
        ("m", "exit_quarter", "2023Q3", 6, 12, None, False),
        ("m", "exit_quarter", "2023Q4", 22, 34, None, False),
        ("m", "exit_program_year", "PY2022", 12, 34, None, False),
        ("m", "exit_program_year", "PY2023", 28, 46, None, False),
    ])
    # A flat rule hides 2022Q3 and the smallest other quarter, 2023Q3, and stops; then
    # PY2022 - 2022Q4 gives 2022Q3 away (and PY2023 - 2023Q4 gives 2023Q3).
    flat = table.assign(suppressed=table["group"].isin(["2022Q3", "2023Q3"]))
    assert sorted(recoverable(flat)) == [("exit_quarter", "2022Q3"),
                                         ("exit_quarter", "2023Q3")]
    out = suppress(table, threshold=10)
    assert {"2022Q3", "2023Q3", "2022Q4"} <= set(out.loc[out.suppressed, "group"])
    assert recoverable(out) == []


def recoverable(out: pd.DataFrame) -> list:
    """Hidden cells of one measure whose sums follow from the published cells."""
    universe = {d: sorted(set(out.loc[out.dimension == d, "group"])) for d in BASE}
    for d in BASE:
        universe.setdefault(d, [])
    present = [d for d in BASE if universe[d]] or ["sex"]
    atoms = list(itertools.product(*(universe[d] or ["-"] for d in present)))

    def vector(dimension: str, group: str) -> np.ndarray:
        if dimension == "all":
            return np.ones(len(atoms))
        if dimension in DERIVED:
            base, parent = DERIVED[dimension]
            i = present.index(base)
            return np.array([1.0 if parent(a[i]) == group else 0.0 for a in atoms])
        i = present.index(dimension)
        return np.array([1.0 if a[i] == group else 0.0 for a in atoms])

    known = [vector(r.dimension, r.group) for r in out.itertuples() if not r.suppressed]
    hidden = [(r.dimension, r.group) for r in out.itertuples() if r.suppressed]
    if not known:
        return []
    base_rank = np.linalg.matrix_rank(np.array(known))
    return [cell for cell in hidden
            if np.linalg.matrix_rank(np.array([*known, vector(*cell)])) == base_rank]


@pytest.fixture(scope="module")
def run():
    periods, wages = synthetic.generate(500, seed=11)
    window = Window(dt.date(2022, 7, 1), dt.date(2024, 6, 30), dt.date(2025, 6, 30))
    return run_measures(periods, wages, window, threshold=25,
                        by=[*BASE, "exit_program_year", "barrier_older"])


@pytest.mark.slow
def test_no_hidden_cell_can_be_recovered_from_the_published_ones(run):
    table = run.table
    assert table.suppressed.sum() > 50  # a high threshold on small data: much to hide
    for measure, cells in table.groupby("measure"):
        assert recoverable(cells) == [], measure


def test_every_small_cell_is_hidden_and_shows_nothing(run):
    raw, published = run.unsuppressed, run.table
    small = (raw.denominator > 0) & (raw.denominator < 25)
    assert published.loc[small.to_numpy(), "suppressed"].all()
    hidden = published[published.suppressed]
    assert hidden[["numerator", "denominator"]].isna().all().all()
    assert hidden["value"].isna().all()
