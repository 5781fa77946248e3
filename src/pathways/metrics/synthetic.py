"""A deterministic synthetic state: periods of participation and UI wage records.

Same seed, same data, on any machine. The tables have the shapes ``read_pirl`` and
``read_wages`` return, so a benchmark or a test starts where a run starts after reading;
``write`` saves them as the files a state would hand over. Values are plausible, not
realistic: every rule the engine knows gets exercised. A person's later periods start 90
days or more after the previous exit, so the periods stay apart (and often move one level up
a pathway). Built with numpy and Arrow so that a state's size (2 million periods, 20 million
wage rows) takes seconds and little memory.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pathways.core.csvwriter import frame_to_csv
from pathways.metrics.elements import ELEMENTS, PATHWAY_COLUMNS
from pathways.metrics.pirl import TEXT

PROVIDERS = ("North College", "South Adult Learning Center", "East Works Center")
PATHWAYS = {
    "Healthcare": ("Nurse aide", "Licensed practical nurse", "Registered nurse",
                   "Health care manager"),
    "Manufacturing": ("Production worker", "Machinist", "Maintenance technician",
                      "Engineering technician"),
}


def _ymd(days: np.ndarray) -> np.ndarray:
    """YYYYMMDD integers of days since 1970-01-01."""
    dates = days.astype("datetime64[D]")
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    months = dates.astype("datetime64[M]").astype(int) % 12 + 1
    first = dates.astype("datetime64[M]").astype("datetime64[D]")
    return years * 10000 + months * 100 + (dates - first).astype(int) + 1


def _ints(values: np.ndarray, blank: np.ndarray | None = None) -> pd.Series:
    data = pd.array(values.astype("int64"), dtype="Int64")
    series = pd.Series(data)
    return series.where(~blank) if blank is not None else series


def _choice(rng: np.random.Generator, n: int, values: list[int], p: list[float],
            blank: float = 0.0) -> pd.Series:
    return _ints(rng.choice(values, n, p=p), rng.random(n) < blank)


def _text(prefix: str, numbers: np.ndarray, width: int) -> pd.Series:
    digits = pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), width, "0")
    return pd.Series(pc.binary_join_element_wise(prefix, digits, ""), dtype=TEXT)


def generate(periods: int, seed: int = 2024, start: str = "2021-07-01", days: int = 1095,
             wages: bool = True, pathways: dict[str, tuple[str, ...]] | None = None,
             providers: tuple[str, ...] = PROVIDERS
             ) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """``periods`` periods of participation and about ten wage rows for each."""
    rng = np.random.default_rng(seed)
    n = periods
    people = max(1, int(n / 1.25))
    person = np.sort(rng.integers(0, people, n))
    first = np.r_[True, person[1:] != person[:-1]]
    last = np.r_[person[1:] != person[:-1], True]
    starts = np.flatnonzero(first)
    rank = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))
    stay = rng.integers(20, 500, n)
    step = stay + rng.integers(90, 400, n)
    total = np.cumsum(step)
    before = total - step - np.repeat(total[starts] - step[starts], np.diff(np.r_[starts, n]))
    base = (np.datetime64(start) - np.datetime64("1970-01-01")).astype(int)
    entry_day = base + np.repeat(rng.integers(0, days, len(starts)),
                                 np.diff(np.r_[starts, n])) + before
    exited = ~last | (rng.random(n) < 0.85)
    exit_day = entry_day + stay
    entry, exit_ = _ymd(entry_day), _ymd(exit_day)
    cols: dict[str, pd.Series] = {"e100": _text("P", person, 8)}
    cols["e200"] = _ints(_ymd(entry_day - rng.integers(15 * 365, 70 * 365, n)))
    cols["e201"] = _choice(rng, n, [1, 2, 9], [0.47, 0.49, 0.04], 0.01)
    for e in ("202", "210", "211", "212", "213", "214", "215", "300", "801", "805", "806"):
        cols[f"e{e}"] = _choice(rng, n, [0, 1, 9], [0.72, 0.25, 0.03], 0.03)
    cols["e601"] = _choice(rng, n, [0, 1, 9], [0.6, 0.1, 0.3], 0.05)
    for e in ("402", "704", "800", "802", "803", "804", "807"):
        cols[f"e{e}"] = _choice(rng, n, [0, 1], [0.75, 0.25], 0.03)
    cols["e413"] = _choice(rng, n, [0, 1, 2], [0.97, 0.015, 0.015], 0.5)
    cols["e808"] = _choice(rng, n, [0, 1, 2, 3], [0.94, 0.02, 0.02, 0.02], 0.1)
    cols["e408"] = _choice(rng, n, list(range(9)),
                           [0.15, 0.35, 0.1, 0.02, 0.15, 0.08, 0.08, 0.05, 0.02], 0.03)
    cols["e900"] = _ints(entry)
    cols["e901"] = _ints(exit_, ~exited)
    program = rng.choice(6, n, p=[0.3, 0.15, 0.15, 0.25, 0.1, 0.05])
    for i, e in enumerate(("903", "904", "905", "918", "910", "917")):
        flag = (program == i) | (rng.random(n) < 0.05)
        cols[f"e{e}"] = _ints(np.where(flag, rng.choice([1, 2, 3], n, p=[0.8, 0.1, 0.1])
                                       if e in ("903", "904", "905") else 1, 0))
    cols["e903"] = cols["e903"].mask(pd.Series(rng.random(n) < 0.01), 4)
    cols["e909"] = _choice(rng, n, [0, 1], [0.97, 0.03], 0.5)
    reason = rng.choice(8, n, p=[0.93, 0.015, 0.015, 0.01, 0.01, 0.005, 0.005, 0.01])
    cols["e923"] = _ints(np.where(exited, reason, 0))
    trained = rng.random(n) < 0.45
    cols["e1300"] = _ints(trained.astype(int))
    for e, blank in (("1303", 0.05), ("1310", 0.6), ("1315", 0.85)):
        kind = rng.choice(13, n, p=[0.0, 0.12, 0.05, 0.02, 0.08, 0.08, 0.4, 0.02, 0.03,
                                    0.08, 0.06, 0.03, 0.03])
        cols[f"e{e}"] = _ints(np.where(trained, kind, 0), ~trained | (rng.random(n) < blank))
    for e in ("1332", "1401"):
        cols[f"e{e}"] = _choice(rng, n, [0, 1], [0.65, 0.35], 0.2)
    cols["e1406"] = _ints(_ymd(exit_day + rng.integers(0, 500, n)), rng.random(n) < 0.9)
    # PIRL outcomes are mostly left to the wage records; a tenth carry their own.
    own = rng.random(n) < 0.1
    for e in ("1600", "1602", "1604", "1606"):
        cols[f"e{e}"] = _ints(rng.choice([0, 1, 9], n, p=[0.3, 0.6, 0.1]), ~own)
    cols["e1603"] = _ints(rng.choice([0, 1, 2, 9], n, p=[0.3, 0.4, 0.2, 0.1]), ~own)
    cols["e1618"] = _ints(rng.choice([0, 1], n), ~own | (rng.random(n) < 0.3))
    wage_level = np.exp(rng.normal(8.6, 0.6, people)).astype("int64") * 100
    for e in ("1700", "1701", "1702"):
        cols[f"e{e}"] = _ints(wage_level[person] * rng.integers(0, 2, n), rng.random(n) < 0.6)
    for e in ("1703", "1704", "1705", "1706"):
        cols[f"e{e}"] = _ints(wage_level[person] * rng.integers(0, 3, n) // 2, ~own)
    for kind, day in (("1800", "1801"), ("1802", "1803"), ("1804", "1805")):
        has = rng.random(n) < 0.3
        cols[f"e{kind}"] = _ints(rng.integers(0, 8, n), ~has)
        cols[f"e{day}"] = _ints(_ymd(entry_day + rng.integers(-30, 800, n)), ~has)
    edu = rng.random(n) < 0.55
    cols["e1811"] = _ints(_ymd(entry_day + rng.integers(0, 60, n)), ~edu)
    cols["e1813"] = _ints(_ymd(entry_day + rng.integers(60, 700, n)),
                          ~edu | (rng.random(n) < 0.4))
    for e in ("1806", "1807", "1808", "1809", "1810"):
        cols[f"e{e}"] = _ints(_ymd(entry_day + rng.integers(0, 700, n)), rng.random(n) < 0.8)
    for e in ("1900", "1901"):
        cols[f"e{e}"] = _ints(rng.integers(0, 4, n), (program != 2) | (rng.random(n) < 0.3))
    table = pd.DataFrame(cols)
    for number, element in ELEMENTS.items():
        if f"e{number}" not in table:
            table[f"e{number}"] = pd.Series(pd.array([None] * n, dtype=TEXT if element.kind in
                                                     {"id", "text"} else "Int64"))
    _pathway_columns(rng, table, person, rank, entry_day, exit_day, pathways or PATHWAYS,
                     providers)
    table.insert(0, "line", np.arange(n, dtype="int64") + 2)
    wage_rows = _wages(rng, person, first, last, entry_day, exit_day, wage_level) \
        if wages else None
    return table, wage_rows


def _pathway_columns(rng: np.random.Generator, table: pd.DataFrame, person: np.ndarray,
                     rank: np.ndarray, entry_day: np.ndarray, exit_day: np.ndarray,
                     pathways: dict[str, tuple[str, ...]], providers: tuple[str, ...]) -> None:
    n = len(person)
    names = list(pathways)
    chosen = rng.integers(0, len(names), int(person.max()) + 1)[person]
    on_pathway = rng.random(n) < 0.7
    start_level = rng.integers(1, 3, int(person.max()) + 1)[person]
    moved = rng.random(n) < 0.6
    level = np.minimum(start_level + np.where(moved, rank, 0), 4)
    table["provider"] = pd.Series(np.array(providers, dtype=object)[
        rng.integers(0, len(providers), n)], dtype=TEXT)
    table["pathway"] = pd.Series(np.where(on_pathway, np.array(names, dtype=object)[chosen],
                                          None), dtype=TEXT)
    table["pathway_level"] = _ints(level, ~on_pathway)
    exits = np.array([[pathways[p][min(lv, len(pathways[p])) - 1] for lv in range(1, 5)]
                      for p in names], dtype=object)
    left = on_pathway & (rng.random(n) < 0.8)
    table["exit_point"] = pd.Series(np.where(left, exits[chosen, level - 1], None), dtype=TEXT)
    college = rng.random(n) < 0.4
    table["credits"] = _ints(rng.integers(0, 40, n), ~college)
    table["credit_bearing_date"] = _ints(_ymd(entry_day + rng.integers(0, 200, n)),
                                         ~college | (rng.random(n) < 0.3))
    for name in PATHWAY_COLUMNS:
        assert name in table


def _wages(rng: np.random.Generator, person: np.ndarray, first: np.ndarray, last: np.ndarray,
           entry_day: np.ndarray, exit_day: np.ndarray, level: np.ndarray) -> pd.DataFrame:
    """Quarterly wages of each person from 3 quarters before the first entry to 6 after the
    last exit; some quarters without work; a second employer now and then."""
    def quarter(day: np.ndarray) -> np.ndarray:
        ymd = _ymd(day)
        return (ymd // 10000) * 4 + ((ymd // 100) % 100 - 1) // 3

    who = person[first]
    span_from = quarter(entry_day[first]) - 3
    span_to = quarter(exit_day[last]) + 6
    length = span_to - span_from + 1
    rows = np.repeat(np.arange(len(who)), length)
    offset = np.arange(len(rows)) - np.repeat(np.cumsum(length) - length, length)
    q = span_from[rows] + offset
    keep = rng.random(len(q)) < 0.85
    rows, q = rows[keep], q[keep]
    job = (who[rows] * 3 + (offset[keep] // 5)) % 900_000
    cents = (level[who[rows]] * rng.uniform(0.5, 1.5, len(q))).astype("int64")
    second = rng.random(len(q)) < 0.2
    rows2, q2 = rows[second], q[second]
    people = np.r_[who[rows], who[rows2]]
    employer = np.r_[job, job[second] + 900_000]
    pay = np.r_[cents, (cents[second] // 3)]
    return pd.DataFrame({"person": _text("P", people, 8),
                         "q": np.r_[q, q2].astype("int64"),
                         "employer": _text("E", employer, 7), "cents": pay})


def write(folder: str | Path, periods: pd.DataFrame, wages: pd.DataFrame | None,
          fmt: str = "csv") -> tuple[Path, Path | None]:
    """Save the tables as a PIRL file and a wage file (CSV or Parquet) with the columns a
    state would send: element numbers, YYYYMMDD dates, dollars."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    columns = {}
    for name in periods.columns:
        if name == "line" or periods[name].isna().all():
            continue
        number = name[1:] if name.startswith("e") and name[1:] in ELEMENTS else name
        element = ELEMENTS.get(number) or PATHWAY_COLUMNS.get(number)
        values = periods[name]
        if element is not None and element.kind == "money":
            values = pd.Series(pd.array(values.to_numpy(dtype="float64", na_value=np.nan)
                                        / 100, dtype="Float64"))
        columns[number] = values
    pirl = pd.DataFrame(columns)
    suffix = ".parquet" if fmt == "parquet" else ".csv"
    pirl_path = folder / f"pirl{suffix}"
    wage_path = folder / f"wages{suffix}" if wages is not None else None
    if fmt == "parquet":
        pirl.to_parquet(pirl_path, index=False)
    else:
        frame_to_csv(pirl, pirl_path)
    if wages is not None and wage_path is not None:
        frame = pd.DataFrame({"person": wages["person"], "year": wages["q"] // 4,
                              "quarter": wages["q"] % 4 + 1, "employer": wages["employer"],
                              "wages": wages["cents"] / 100})
        if fmt == "parquet":
            frame.to_parquet(wage_path, index=False)
        else:
            frame_to_csv(frame, wage_path)
    return pirl_path, wage_path

