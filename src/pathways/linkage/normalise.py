"""Standardise person records before they are compared.

Partners spell the same person differently: "María José García-López", "MARIA GARCIA
LOPEZ", "garcia lopez, maria". Comparisons only work on values cleaned the same way, so
every input passes through here first. Plain pandas; no Django.
"""

from __future__ import annotations

import re

import pandas as pd

from pathways.core.errors import InputProblem

# The columns a person record may carry. ``record_id`` and ``source`` are required; the
# others are compared when present (an absent column is treated as unknown, not a mismatch).
PERSON_COLUMNS = ("record_id", "source", "first_name", "last_name", "birth_date", "zip",
                  "phone", "email")
REQUIRED = ("record_id", "source")
_NOT_LETTERS = re.compile(r"[^a-z]+")  # hyphens, apostrophes and runs of spaces: one space
_DIGITS = re.compile(r"\D+")
DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%m/%d/%Y")


def _blank(series: pd.Series) -> pd.Series:
    return series.isna() | (series.astype(str).str.strip() == "")


def _or_none(values: pd.Series, keep: pd.Series) -> pd.Series:
    """Plain Python values where ``keep`` holds, None elsewhere (what splink expects)."""
    return values.astype(object).where(keep.fillna(False).astype(bool), None)


def clean_names(series: pd.Series) -> pd.Series:
    """Lower case, accents and punctuation removed, hyphens as spaces: 'García-López' ->
    'garcia lopez'. Empty -> None. Vectorised: partner files have millions of rows."""
    text = series.astype("string")
    # Unicode decomposition is the slow step; most names are plain ASCII and skip it.
    accented = ~text.str.isascii().fillna(True)
    if accented.any():
        text = text.copy()
        text[accented] = (text[accented].str.normalize("NFKD").str.encode("ascii", "ignore")
                          .str.decode("ascii"))
    text = text.str.lower().str.replace(_NOT_LETTERS, " ", regex=True).str.strip()
    return _or_none(text, text.notna() & (text != ""))


def clean_name(value: object) -> str | None:
    """One name, cleaned as ``clean_names`` does."""
    return clean_names(pd.Series([value], dtype=object)).iloc[0]


def clean_digits(series: pd.Series, keep: int | None = None) -> pd.Series:
    """Digits only; ``keep`` the first N (ZIP+4 -> ZIP); otherwise a leading 1 of an
    eleven-digit phone number is dropped."""
    digits = series.astype("string").str.replace(_DIGITS, "", regex=True)
    if keep is not None:
        digits = digits.str.slice(0, keep)
    else:
        long = (digits.str.len() == 11) & digits.str.startswith("1")
        digits = digits.where(~long.fillna(False), digits.str.slice(1))
    return _or_none(digits, digits.notna() & (digits != ""))


def clean_emails(series: pd.Series) -> pd.Series:
    text = series.astype("string").str.strip().str.lower()
    return _or_none(text, text.str.contains("@", regex=False))


def parse_dates(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """ISO dates, and a mask of the values that were given but are not dates."""
    text = series.astype("string").str.strip()
    parsed = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
    for fmt in DATE_FORMATS:
        todo = parsed.isna() & text.notna()
        if not todo.any():
            break
        parsed[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce")
    bad = parsed.isna() & ~_blank(series)
    iso = parsed.dt.strftime("%Y-%m-%d")
    return _or_none(iso, parsed.notna()), bad


def standardise(frame: pd.DataFrame, source_name: str,
                problems: list[InputProblem], first_line: int = 2) -> pd.DataFrame:
    """The person records of ``frame`` cleaned for comparison.

    Problems (missing columns, bad dates, repeated record ids) are appended to
    ``problems`` with the file line they come from; the caller decides to stop.
    """
    missing = [c for c in REQUIRED if c not in frame.columns]
    for column in missing:
        problems.append(InputProblem(f"required column {column!r} is missing", source_name,
                                     1, column))
    unknown = [c for c in frame.columns if c not in PERSON_COLUMNS]
    for column in unknown:
        problems.append(InputProblem(
            f"unknown column {column!r} (expected some of: {', '.join(PERSON_COLUMNS)})",
            source_name, 1, str(column)))
    if missing:
        return pd.DataFrame(columns=list(PERSON_COLUMNS))
    out = pd.DataFrame(index=frame.index)
    out["record_id"] = frame["record_id"].astype(str).str.strip()
    out["source"] = frame["source"].astype(str).str.strip()
    empty = pd.Series(None, index=frame.index, dtype=object)
    out["first_name"] = clean_names(frame.get("first_name", empty))
    out["last_name"] = clean_names(frame.get("last_name", empty))
    out["zip"] = clean_digits(frame.get("zip", empty), 5)
    out["phone"] = clean_digits(frame.get("phone", empty))
    out["email"] = clean_emails(frame.get("email", empty))
    given = frame.get("birth_date", empty)
    out["birth_date"], bad = parse_dates(given)
    for position in bad.to_numpy().nonzero()[0]:
        problems.append(InputProblem(
            f"not a date: {given.iloc[position]} (use YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)",
            source_name, first_line + int(position), "birth_date"))
    blank = frame["record_id"].isna() | (out["record_id"] == "")
    for position in blank.to_numpy().nonzero()[0]:
        problems.append(InputProblem("record_id is empty", source_name,
                                     first_line + int(position), "record_id"))
    repeated = out.duplicated(["source", "record_id"], keep="first") & ~blank
    for position in repeated.to_numpy().nonzero()[0]:
        problems.append(InputProblem(
            f"record_id {out['record_id'].iloc[position]!r} appears twice for source "
            f"{out['source'].iloc[position]!r}", source_name, first_line + int(position),
            "record_id"))
    # Splink wants one unique id; source and record id together are unique.
    out.insert(0, "unique_id", out["source"] + ":" + out["record_id"])
    return out.reset_index(drop=True)
