"""Outcomes of every pathway step on a small hand-worked fixture: completion, credentials
and the days to each milestone, in total and by pathway and step; and suppression of the
pathway x level table, where a step adds up to its pathway and to its level.

Exits from 2022-07-01 to 2023-06-30, as of 2025-03-31. Every record is an adult entering
2022-01-01 and exiting 2022-09-15 unless it says otherwise.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from pathways.metrics import RecordSource, Window, run_measures, suppress
from pathways.metrics.charts import format_value
from pathways.metrics.derive import day_number
from pathways.metrics.dimensions import DIMENSIONS, step_parts

WINDOW = Window(dt.date(2022, 7, 1), dt.date(2023, 6, 30), dt.date(2025, 3, 31))
D = dt.date
RECORDS = [
    # S1: Care level 1; completes after 99 days, a certificate after 120; moves up (S2).
    {"100": "A", "pathway": "Care", "pathway_level": 1, "1811": D(2022, 1, 10),
     "1813": D(2022, 4, 10), "1800": 3, "1801": D(2022, 5, 1)},
    # S2: A at Care level 2, 374 days after S1's entry (more than 90 days after its exit).
    {"100": "A", "900": D(2023, 1, 10), "901": D(2023, 5, 1), "pathway": "Care",
     "pathway_level": 2, "1811": D(2023, 1, 10)},
    # S3: Care level 1; completes after 200 days; no credential.
    {"100": "B", "pathway": "Care", "pathway_level": 1, "1811": D(2022, 1, 5),
     "1813": D(2022, 7, 20)},
    # S4: Make level 1; enrolled, not completed; a diploma (not a postsecondary credential).
    {"100": "C", "pathway": "Make", "pathway_level": 1, "1811": D(2022, 2, 1),
     "1800": 1, "1801": D(2022, 6, 1)},
    # S5: Make level 1; never enrolled in the step; a licence 424 days after entry.
    {"100": "D", "pathway": "Make", "pathway_level": 1, "1800": 5, "1801": D(2023, 3, 1)},
    # S6: deceased (Table A): in no measure.
    {"100": "E", "923": 3, "pathway": "Care", "pathway_level": 1, "1811": D(2022, 1, 5),
     "1813": D(2022, 2, 5), "1800": 3, "1801": D(2022, 3, 1)},
    # S7: no pathway: in no step measure.
    {"100": "F", "1811": D(2022, 1, 5), "1813": D(2022, 2, 5)},
]


def records():
    for r in RECORDS:
        yield {"900": D(2022, 1, 1), "901": D(2022, 9, 15), "903": 1, **r}


@pytest.fixture(scope="module")
def result():
    inputs = RecordSource("step records", records()).read()
    return run_measures(inputs.periods, inputs.wages, WINDOW, threshold=1,
                        by=["pathway", "pathway_level", "pathway_step"])


def cell(result, measure, dimension="all", group="all"):
    t = result.unsuppressed
    rows = t[(t.measure == measure) & (t.dimension == dimension) & (t.group == group)]
    assert len(rows) == 1, (measure, dimension, group)
    row = rows.iloc[0]
    num = None if row.numerator is None or row.numerator != row.numerator else int(
        row.numerator)
    return int(row.denominator), num, row.value


def test_day_numbers_count_days_across_years_and_leap_days():
    import ibis

    days = [D(2020, 2, 28), D(2020, 3, 1), D(2022, 1, 1), D(2024, 12, 31)]
    t = ibis.memtable({"d": [x.year * 10000 + x.month * 100 + x.day for x in days]})
    got = ibis.duckdb.connect().execute(t.select(n=day_number(t.d))).n.tolist()
    assert [b - a for a, b in zip(got, got[1:], strict=False)] == [
        (b - a).days for a, b in zip(days, days[1:], strict=False)]


@pytest.mark.parametrize(("measure", "den", "num", "value"), [
    ("step_completion", 4, 2, Decimal("0.5000")),   # S1, S3 of S1-S4 (S5 never enrolled)
    ("step_credential", 5, 2, Decimal("0.4000")),   # S1, S5 of S1-S5 (S4's is a diploma)
    ("days_to_completion", 2, None, Decimal("149.50")),  # 99 and 200
    ("days_to_credential", 2, None, Decimal("272.00")),  # 120 and 424
    ("days_to_next_level", 1, None, Decimal("374.00")),  # S1 to S2
])
def test_step_outcomes_match_the_hand_values(result, measure, den, num, value):
    assert cell(result, measure) == (den, num, value)


def test_each_step_of_each_pathway_has_its_own_figures(result):
    assert cell(result, "step_completion", "pathway_step", "Care, level 1") == (
        2, 2, Decimal("1.0000"))
    assert cell(result, "step_completion", "pathway_step", "Care, level 2") == (
        1, 0, Decimal("0.0000"))
    assert cell(result, "step_completion", "pathway_step", "Make, level 1") == (
        1, 0, Decimal("0.0000"))
    assert cell(result, "step_credential", "pathway_step", "Make, level 1") == (
        2, 1, Decimal("0.5000"))
    assert cell(result, "days_to_completion", "pathway_step", "Care, level 1") == (
        2, None, Decimal("149.50"))
    # The level transition, an existing measure, read step by step.
    assert cell(result, "pathway_level_transition", "pathway_step", "Care, level 1") == (
        2, 1, Decimal("0.5000"))  # S1 moved up, S3 did not (S6 is left out)


def test_a_step_label_names_its_pathway_and_level():
    dimension = DIMENSIONS["pathway_step"]
    assert dimension.label("Care\x1f2") == "Care, level 2"
    assert dimension.label("\x1f") == "not given, level not given"
    assert step_parts("Health, home care, level 2") == ("Health, home care", "level 2")
    assert step_parts("Care, level not given") == ("Care", "not given")
    assert format_value(Decimal("149.50"), "days") == "149.5 days"
    assert format_value(Decimal("272.00"), "days") == "272 days"


def test_steps_are_sliced_only_when_both_columns_have_data():
    rows = [{k: v for k, v in r.items() if k != "pathway_level"} for r in records()]
    inputs = RecordSource("no levels", rows).read()
    result = run_measures(inputs.periods, inputs.wages, WINDOW, threshold=1)
    assert "pathway" in result.dimensions and "pathway_step" not in result.dimensions
    assert result.skipped["step_completion"] == "no data in pathway_level"


def _tidy(rows):
    return pd.DataFrame(rows, columns=["measure", "dimension", "group", "numerator",
                                       "denominator", "value", "suppressed"])


def test_no_hidden_step_can_be_worked_out_from_pathways_levels_and_steps():
    """Random pathway x level tables; each hidden cell is checked by linear algebra over
    the steps (the atoms), with every shown cell and every empty step known."""
    hidden_somewhere = 0
    for seed in range(300):
        r = random.Random(seed)
        pathways, levels = r.randint(1, 4), r.randint(1, 4)
        counts = {(p, lv): r.choice([0, 0, 1, 3, 5, 8, 12, 20, 40])
                  for p in range(pathways) for lv in range(1, levels + 1)}
        rows = [("m", "all", "all", None, sum(counts.values()), None, False)]
        for p in range(pathways):
            if d := sum(v for (q, _lv), v in counts.items() if q == p):
                rows.append(("m", "pathway", f"p{p}", None, d, None, False))
        for lv in range(1, levels + 1):
            if d := sum(v for (_q, m), v in counts.items() if m == lv):
                rows.append(("m", "pathway_level", f"level {lv}", None, d, None, False))
        rows += [("m", "pathway_step", f"p{p}, level {lv}", None, v, None, False)
                 for (p, lv), v in counts.items() if v]
        out = suppress(_tidy(rows), threshold=10)
        atoms = list(counts)

        def vector(dimension, group, atoms=atoms):
            return np.array([1.0 if dimension == "all"
                             or (dimension == "pathway" and group == f"p{p}")
                             or (dimension == "pathway_level" and group == f"level {lv}")
                             or (dimension == "pathway_step" and group == f"p{p}, level {lv}")
                             else 0.0 for p, lv in atoms])

        known = [vector(d, g) for d, g, s in zip(out.dimension, out.group, out.suppressed,
                                                  strict=True) if not s]
        known += [vector("pathway_step", f"p{p}, level {lv}")
                  for (p, lv), v in counts.items() if v == 0]
        base = np.array(known) if known else np.zeros((1, len(atoms)))
        rank = np.linalg.matrix_rank(base)
        for d, g, s in zip(out.dimension, out.group, out.suppressed, strict=True):
            if s:
                hidden_somewhere += 1
                assert np.linalg.matrix_rank(np.vstack([base, vector(d, g)])) > rank, (
                    seed, d, g)
    assert hidden_somewhere > 100
