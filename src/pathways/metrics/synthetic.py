"""A deterministic synthetic state: periods of participation and UI wage records.

Same seed, same data, on any machine. The tables have the shapes ``read_pirl`` and
``read_wages`` return, so a benchmark or a test starts where a run starts after reading.
Values are plausible, not realistic: every rule the engine knows gets exercised.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pathways.metrics.elements import ELEMENTS, PATHWAY_COLUMNS


def _ymd(days: np.ndarray) -> np.ndarray:
    dates = np.datetime64("1970-01-01") + days.astype("timedelta64[D]")
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    months = dates.astype("datetime64[M]").astype(int) % 12 + 1
    first = dates.astype("datetime64[M]").astype("datetime64[D]")
    return years * 10000 + months * 100 + (dates - first).astype(int) + 1


def _maybe(rng: np.random.Generator, values: np.ndarray, blank: float) -> pd.Series:
    out = pd.Series(values, dtype="Int64")
    out[rng.random(len(values)) < blank] = pd.NA
    return out


def generate(periods: int, seed: int = 2024, wage_quarters: int = 10,
             start: str = "2021-07-01", days: int = 1095) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``periods`` periods of participation and about ``wage_quarters`` wage rows for each."""
    rng = np.random.default_rng(seed)
    n = periods
    people = max(1, int(n * 0.85))
    person_no = rng.integers(0, people, n)
    base = (np.datetime64(start) - np.datetime64("1970-01-01")).astype(int)
    entry_day = base + rng.integers(0, days, n)
    stay = rng.integers(20, 500, n)
    exited = rng.random(n) < 0.8
    exit_day = entry_day + stay
    cols: dict[str, object] = {}
    cols["e100"] = pd.Series([f"P{i:08d}" for i in person_no], dtype=object)
    cols["e200"] = pd.Series(_ymd(entry_day - rng.integers(16 * 365, 70 * 365, n)),
                             dtype="Int64")
    cols["e201"] = pd.Series(rng.choice([1, 2, 9], n, p=[0.48, 0.48, 0.04]), dtype="Int64")
    for e in ("202", "210", "211", "212", "213", "214", "215", "300", "601", "801", "805",
              "806"):
        cols[f"e{e}"] = _maybe(rng, rng.choice([0, 1, 9], n, p=[0.7, 0.25, 0.05]), 0.05)
    for e in ("402", "704", "800", "802", "803", "804", "807"):
        cols[f"e{e}"] = _maybe(rng, rng.choice([0, 1], n, p=[0.75, 0.25]), 0.05)
    cols["e808"] = _maybe(rng, rng.choice([0, 1, 2, 3], n, p=[0.94, 0.02, 0.02, 0.02]), 0.1)
    cols["e408"] = _maybe(rng, rng.integers(0, 9, n), 0.05)
    cols["e900"] = pd.Series(_ymd(entry_day), dtype="Int64")
    cols["e901"] = pd.Series(np.where(exited, _ymd(exit_day), 0), dtype="Int64").where(
        exited, pd.NA)
    program = rng.choice(6, n, p=[0.3, 0.15, 0.15, 0.25, 0.1, 0.05])
    for i, e in enumerate(("903", "904", "905", "918", "910", "917")):
        flag = (program == i) | (rng.random(n) < 0.05)
        cols[f"e{e}"] = pd.Series(np.where(flag, 1, 0), dtype="Int64")
    cols["e909"] = _maybe(rng, rng.choice([0, 1], n, p=[0.97, 0.03]), 0.5)
    reason = rng.choice(8, n, p=[0.9, 0.02, 0.02, 0.01, 0.01, 0.01, 0.01, 0.02])
    cols["e923"] = pd.Series(np.where(exited, reason, 0), dtype="Int64")
    trained = rng.random(n) < 0.4
    cols["e1300"] = pd.Series(trained.astype(int), dtype="Int64")
    for e in ("1303", "1310", "1315"):
        cols[f"e{e}"] = _maybe(rng, np.where(trained, rng.integers(1, 13, n), 0), 0.5)
    for e in ("1332", "1401"):
        cols[f"e{e}"] = _maybe(rng, rng.choice([0, 1], n, p=[0.7, 0.3]), 0.2)
    cols["e1406"] = _maybe(rng, _ymd(exit_day + rng.integers(0, 500, n)), 0.9)
    for e in ("1600", "1602", "1604", "1606"):
        cols[f"e{e}"] = _maybe(rng, rng.choice([0, 1, 9], n, p=[0.3, 0.6, 0.1]), 0.4)
    cols["e1603"] = _maybe(rng, rng.choice([0, 1, 2, 9], n), 0.5)
    cols["e1618"] = _maybe(rng, rng.choice([0, 1], n), 0.5)
    for e in ("1700", "1701", "1702"):
        cols[f"e{e}"] = _maybe(rng, rng.integers(0, 15000, n) * 100, 0.3)
    for e in ("1703", "1704", "1705", "1706"):
        cols[f"e{e}"] = _maybe(rng, rng.integers(0, 20000, n) * 100, 0.5)
    for kind, day in (("1800", "1801"), ("1802", "1803"), ("1804", "1805")):
        has = rng.random(n) < 0.3
        cols[f"e{kind}"] = pd.Series(np.where(has, rng.integers(1, 8, n), 0),
                                     dtype="Int64").where(has, pd.NA)
        cols[f"e{day}"] = pd.Series(_ymd(entry_day + rng.integers(-30, 800, n)),
                                    dtype="Int64").where(has, pd.NA)
    edu = rng.random(n) < 0.5
    cols["e1811"] = pd.Series(_ymd(entry_day + rng.integers(0, 60, n)), dtype="Int64").where(
        edu, pd.NA)
    cols["e1813"] = _maybe(rng, _ymd(entry_day + rng.integers(60, 700, n)), 0.4).where(
        edu, pd.NA)
    for e in ("1806", "1807", "1808", "1809", "1810"):
        cols[f"e{e}"] = _maybe(rng, _ymd(entry_day + rng.integers(0, 700, n)), 0.8)
    for e in ("1900", "1901"):
        cols[f"e{e}"] = _maybe(rng, rng.integers(0, 4, n), 0.5)
    table = pd.DataFrame(cols)
    for number in ELEMENTS:
        if f"e{number}" not in table:
            table[f"e{number}"] = pd.Series(pd.NA, index=table.index,
                                            dtype="object" if number == "100" else "Int64")
    for name in PATHWAY_COLUMNS:
        table[name] = None
    table["provider"] = pd.Series(rng.choice(["North College", "South Center", "East Works"],
                                             n), dtype=object)
    table.insert(0, "rid", np.arange(n, dtype="int64"))
    table.insert(1, "line", np.arange(n, dtype="int64") + 2)
    return table, _wages(rng, person_no, entry_day, wage_quarters)


def _wages(rng: np.random.Generator, person_no: np.ndarray, entry_day: np.ndarray,
           per_period: int) -> pd.DataFrame:
    """Wage rows around each period: quarters from the entry quarter on, some gaps."""
    n = len(person_no)
    rows = np.repeat(np.arange(n), per_period)
    offset = np.tile(np.arange(per_period), n)
    dates = np.datetime64("1970-01-01") + entry_day[rows].astype("timedelta64[D]")
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    quarter = (dates.astype("datetime64[M]").astype(int) % 12) // 3
    q = years * 4 + quarter + offset
    keep = rng.random(len(q)) < 0.75
    employer = rng.integers(0, 3, len(q))
    frame = pd.DataFrame({
        "person": person_no[rows][keep], "q": q[keep].astype("int64"),
        "employer": employer[keep], "cents": rng.integers(0, 1500000, len(q))[keep]})
    frame = frame.drop_duplicates(["person", "q", "employer"])
    return pd.DataFrame({
        "person": pd.Series([f"P{i:08d}" for i in frame["person"]], dtype=object),
        "q": frame["q"].to_numpy(), "employer": pd.Series(
            [f"E{e}" for e in frame["employer"]], dtype=object),
        "cents": frame["cents"].to_numpy().astype("int64")})
