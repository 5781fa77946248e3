"""Periods of participation: records of one person less than 90 days apart are one period.

An exit is the last day of service, known only once 90 days pass with no further service.
So when a person's records overlap, or one starts fewer than 90 days after another ended,
the earlier "exit" never happened: DOL combines such records into one period of participation
(the rule it applies when it builds the PIRL public use file), and so does the engine. This
also gives co-enrolled partners a common exit. A later record 90 or more days after the
exit starts a new period, which counts separately.

Combining takes, per period: the earliest entry; no exit if any record is still open, else
the latest exit; every program the records name; the most recent date of each skill gain;
the first enrolment and the last completion; up to three training types and three
credentials from all records; and every other element from the record that ends last,
with its blanks filled from the others. Records that stand alone pass through unchanged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

GAP_DAYS = 90
OPEN = np.iinfo("int64").max // 2  # the end of a period that has not exited

# Program flags: (participant codes, reportable-individual codes).
PROGRAM_FLAGS = {"e903": ({1, 2, 3}, {4}), "e904": ({1, 2, 3}, {4}),
                 "e905": ({1, 2, 3}, {4}), "e918": ({1}, {2}), "e910": ({1}, set()),
                 "e917": ({1, 3}, {2}), "e909": ({1}, set())}
MOST_RECENT = ("e1806", "e1807", "e1808", "e1809", "e1810")
ANY_YES = ("e1300", "e1332", "e1401")
CREDENTIAL_SLOTS = (("e1800", "e1801"), ("e1802", "e1803"), ("e1804", "e1805"))
TRAINING_SLOTS = ("e1303", "e1310", "e1315")
POSTSECONDARY = (2, 3, 4, 5, 6, 7)


def day_number(ymd: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of YYYYMMDD integers (proleptic Gregorian calendar)."""
    y, m, d = ymd // 10000, (ymd // 100) % 100, ymd % 100
    y = y - (m <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + np.where(m > 2, -3, 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def combine_periods(table: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The periods of participation of ``read_pirl``'s records, and how many records were
    folded into another. Rows keep file order (by the line of their first record). When
    records were combined, a ``records`` column says how many each period holds; when none
    were, the table itself comes back (no copy)."""
    if table.empty:
        return table.assign(records=pd.Series(dtype="int64")), 0
    # People with one record have one period: only the others are sorted and walked.
    person = _person_codes(table["e100"])
    several = np.bincount(person)[person] > 1
    if not several.any():
        return table, 0  # no copy: a state's records are large
    rows = np.flatnonzero(several)
    entry = table["e900"].to_numpy(dtype="int64", na_value=0)[rows]
    exit_ = table["e901"].to_numpy(dtype="int64", na_value=0)[rows]
    start = day_number(entry)
    end_of = np.where(table["e901"].isna().to_numpy()[rows], OPEN, day_number(exit_))
    line = table["line"].to_numpy()[rows]
    who = person[rows]
    order = np.lexsort((line, start, who))
    who, start, end = who[order], start[order], end_of[order]
    first = np.r_[True, who[1:] != who[:-1]]
    # The latest end of the person's earlier records: a record starting 90 days or more
    # after it begins a new period.
    running = pd.Series(end).groupby(who, sort=False).cummax().to_numpy()
    previous = np.r_[np.int64(0), running[:-1]]
    new = first | (start - previous >= GAP_DAYS)
    # Periods numbered after the records that stand alone (each its own period).
    period = np.arange(len(table), dtype="int64")
    period[rows[order]] = len(table) + np.cumsum(new) - 1
    end = np.zeros(len(table), dtype="int64")
    end[rows] = end_of
    sizes = np.bincount(period)
    multi = sizes[period] > 1
    if not multi.any():
        return table, 0
    alone = table[~multi].assign(records=np.int64(1))
    merged = _merge(table[multi], period[multi], end[multi])
    out = pd.concat([alone, merged], ignore_index=True)
    out = out.sort_values("line", kind="stable", ignore_index=True)
    return out[[*table.columns, "records"]], int(multi.sum() - len(merged))


def _person_codes(ids: pd.Series) -> np.ndarray:
    """A whole number per person identifier; a blank one is nobody else's."""
    codes, _uniques = pd.factorize(ids, use_na_sentinel=True)
    codes = codes.astype("int64", copy=False)
    blank = codes < 0
    if blank.any():
        codes[blank] = codes.max() + 1 + np.arange(int(blank.sum()))
    return codes


def _merge(rows: pd.DataFrame, period: np.ndarray, end: np.ndarray) -> pd.DataFrame:
    """One row per period from its records (every period here has two or more)."""
    rows = rows.assign(_pid=period, _end=end)
    # The record that ends last first; ``first()`` then fills each blank from the next.
    ranked = rows.sort_values(["_pid", "_end", "e900", "line"],
                              ascending=[True, False, False, False], kind="stable")
    group = ranked.groupby("_pid", sort=True)
    out = group.first()
    out["line"] = group["line"].min()
    out["records"] = group.size().astype("int64")
    out["e900"] = group["e900"].min()
    still_open = group["_end"].max() >= OPEN
    out["e901"] = group["e901"].max().where(~still_open)
    for column, (participant, reportable) in PROGRAM_FLAGS.items():
        values = ranked[column]
        rank = np.select([_bool(values.isin(list(participant))),
                          _bool(values.isin(list(reportable))), values.notna().to_numpy()],
                         [3, 2, 1], 0)
        key = pd.Series(rank * 100 + values.fillna(0).astype("int64").to_numpy(),
                        index=ranked.index)
        best = key.groupby(ranked["_pid"]).max()
        out[column] = pd.array((best % 100).where(best >= 100), dtype="Int64")
    for column in MOST_RECENT:
        out[column] = group[column].max()
    for column in ANY_YES:
        out[column] = group[column].max()
    out["e1811"] = group["e1811"].min()
    enrolled_open = (ranked["e1811"].notna() & ranked["e1813"].isna()).groupby(
        ranked["_pid"]).any()
    out["e1813"] = group["e1813"].max().where(~enrolled_open)
    _training(ranked, out)
    _credentials(ranked, out)
    return out.reset_index(drop=True)


def _training(ranked: pd.DataFrame, out: pd.DataFrame) -> None:
    long = pd.concat([pd.DataFrame({"_pid": ranked["_pid"], "type": ranked[c]})
                      for c in TRAINING_SLOTS], ignore_index=True)
    long = long[long["type"].notna() & (long["type"] != 0)].drop_duplicates()
    # IET (04) first, then types other than OJT and customized, so that what the rules
    # read (IET; "OJT or customized only") survives when more than three are given.
    long["order"] = np.select([_bool(long["type"] == 4), _bool(~long["type"].isin([1, 5]))],
                              [0, 1], 2)
    _slots(long.sort_values(["_pid", "order", "type"]), out, [(c, None) for c in
                                                              TRAINING_SLOTS], "type")


def _credentials(ranked: pd.DataFrame, out: pd.DataFrame) -> None:
    long = pd.concat([pd.DataFrame({"_pid": ranked["_pid"], "type": ranked[k],
                                    "date": ranked[d]}) for k, d in CREDENTIAL_SLOTS],
                     ignore_index=True)
    long = long[long["type"].notna() | long["date"].notna()].drop_duplicates()
    first_day = long["_pid"].map(out["e900"])
    last_day = long["_pid"].map(out["e901"]) + 10000  # a year after exit, near enough here
    inside = (long["date"] >= first_day) & ((long["date"] <= last_day) | last_day.isna())
    inside = _bool(inside)
    long["order"] = np.select([inside & _bool(long["type"].isin(POSTSECONDARY)),
                               inside & _bool(long["type"] == 1)], [0, 1], 2)
    _slots(long.sort_values(["_pid", "order", "date"]), out, list(CREDENTIAL_SLOTS),
           "type", "date")


def _bool(series: pd.Series) -> np.ndarray:
    return series.fillna(False).to_numpy(dtype=bool)


def _slots(long: pd.DataFrame, out: pd.DataFrame, slots: list, *fields: str) -> None:
    long = long.assign(slot=long.groupby("_pid").cumcount())
    for i, columns in enumerate(slots):
        chosen = long[long["slot"] == i].set_index("_pid")
        for column, name in zip(columns, fields, strict=False):
            if column is not None:
                out[column] = pd.array(chosen[name].reindex(out.index), dtype="Int64")
