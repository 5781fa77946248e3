"""The compiled engine against the row-by-row reference, on random records (hypothesis).

Every shipped measure is compared, in total and by program, sex, exit quarter and pathway
level; records of one person often fall less than 90 days apart, so combining periods is
exercised too.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.metrics import Window, read_pirl, read_wages, run_measures
from pathways.metrics.engines import DuckDBEngine
from tests.metrics import reference_impl

START, END = dt.date(2022, 7, 1), dt.date(2023, 6, 30)
DAYS = [dt.date(2021, 11, 1) + dt.timedelta(days=d) for d in range(0, 1100, 37)]
DIMENSIONS = ["program", "sex", "exit_quarter", "pathway_level"]


def a_day() -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), st.sampled_from(DAYS).map(lambda d: d.strftime("%Y%m%d")))


def codes(*values: int) -> st.SearchStrategy[str]:
    return st.sampled_from(["", *(str(v) for v in values)])


@st.composite
def record(draw, person: str) -> dict:
    entry = draw(st.sampled_from(DAYS[:20]))
    exit_ = draw(st.one_of(st.none(), st.integers(0, 500)))
    row = {
        "100": person, "900": entry.strftime("%Y%m%d"),
        "901": "" if exit_ is None else (entry + dt.timedelta(days=exit_)).strftime("%Y%m%d"),
        "201": codes(1, 2, 9), "903": codes(0, 1, 4), "904": codes(0, 2), "905": codes(0, 1, 4),
        "909": codes(0, 1), "910": codes(0, 1), "917": codes(0, 1, 2), "918": codes(0, 1, 2),
        "923": codes(0, 1, 3, 5, 6, 7), "408": codes(0, 1, 2, 3, 4), "804": codes(0, 1),
        "1300": codes(0, 1), "1303": codes(0, 1, 4, 5, 6), "1310": codes(0, 1, 5, 9),
        "1332": codes(0, 1), "1401": codes(0, 1), "1406": a_day(),
        "1600": codes(0, 1, 9), "1602": codes(0, 1, 9), "1603": codes(0, 1, 2, 9),
        "1604": codes(0, 1, 9), "1606": codes(0, 1, 9), "1618": codes(0, 1),
        "1700": st.sampled_from(["", "0", "900", "3000"]),
        "1701": st.sampled_from(["", "1200", "999999"]), "1702": st.sampled_from(["", "2400"]),
        "1704": st.sampled_from(["", "0", "1500", "2500", "4000", "999999", "7333"]),
        "1800": codes(0, 1, 2, 5, 7), "1801": a_day(), "1802": codes(1, 4), "1803": a_day(),
        "1806": a_day(), "1807": a_day(), "1809": a_day(), "1811": a_day(), "1813": a_day(),
        "1900": codes(0, 1, 2, 3), "1901": codes(0, 2),
        "pathway": st.sampled_from(["", "Care", "Make"]), "pathway_level": codes(1, 2, 3),
        "exit_point": st.sampled_from(["", "Aide", "Nurse"]), "credits": codes(0, 11, 12, 30),
        "credit_bearing_date": a_day(),
    }
    return {k: (v if isinstance(v, str) else draw(v)) for k, v in row.items()}


@st.composite
def dataset(draw):
    n = draw(st.integers(1, 25))
    people = [f"P{draw(st.integers(0, 8))}" for _ in range(n)]
    rows = [draw(record(p)) for p in people]
    seen, unique = set(), []
    for r in rows:  # one record per person and entry date, as the reader requires
        if (r["100"], r["900"]) not in seen:
            seen.add((r["100"], r["900"]))
            unique.append(r)
    wages = draw(st.lists(st.tuples(
        st.sampled_from(sorted(set(people))), st.integers(2021, 2024), st.integers(1, 4),
        st.sampled_from(["E1", "E2"]), st.sampled_from(["0", "10.50", "3000", "4200.75"])),
        max_size=30, unique_by=lambda w: w[:4]))
    as_of = draw(st.sampled_from([dt.date(2023, 9, 30), dt.date(2024, 2, 1),
                                  dt.date(2024, 12, 31)]))
    return unique, wages, as_of


@pytest.fixture(scope="module")
def engine():
    eng = DuckDBEngine()
    yield eng
    eng.close()


def _engine_result(rows, wages, as_of, engine) -> dict:
    periods = read_pirl("random.csv", frame=pd.DataFrame(rows).astype(str))
    wage_frame = pd.DataFrame(wages, columns=["person", "year", "quarter", "employer",
                                              "wages"]).astype(str)
    wage_rows = read_wages("wages.csv", frame=wage_frame) if wages else None
    filled = set(periods.columns[periods.notna().any()])
    by = [d for d in DIMENSIONS if d != "pathway_level" or "pathway_level" in filled]
    result = run_measures(periods, wage_rows, Window(START, END, as_of), by=by,
                          engine=engine, threshold=1).unsuppressed
    got: dict = {}
    for r in result.itertuples(index=False):
        if r.denominator == 0:
            continue
        group = "all" if r.dimension == "all" else f"{r.dimension}:{r.group}"
        median = r.numerator is None or r.numerator != r.numerator
        got.setdefault(r.measure, {})[group] = (r.denominator, r.value) if median else (
            r.denominator, r.numerator)
    return got, by


@pytest.mark.slow
@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=dataset())
def test_engine_matches_the_reference(engine, data):
    rows, wages, as_of = data
    got, by = _engine_result(rows, wages, as_of, engine)
    expected = reference_impl.compute(rows, wages, START, END, as_of)
    # The engine slices by a pathway column only when it has data.
    wanted = {"all", *by}
    want = {m: {g: v for g, v in groups.items() if v[0] and g.split(":")[0] in wanted}
            for m, groups in expected.items()}
    want = {m: g for m, g in want.items() if g}
    assert got == want
