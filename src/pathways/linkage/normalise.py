"""Standardise person records before they are compared.

Partners spell the same person differently: "María José García-López", "MARIA GARCIA
LOPEZ", "garcia lopez, maria". Comparisons only work on values cleaned the same way, so
every input passes through here first. Plain pandas; no Django.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from pathways.core.errors import InputProblem

# The columns a person record may carry. ``record_id`` and ``source`` are required; the
# others are compared when present (an absent column is treated as unknown, not a mismatch).
PERSON_COLUMNS = ("record_id", "source", "first_name", "last_name", "birth_date", "zip",
                  "phone", "email")
REQUIRED = ("record_id", "source")
_NOT_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\D+")
DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%m/%d/%Y")


def clean_name(value: object) -> str | None:
    """Lower case, accents and punctuation removed, hyphens as spaces: 'García-López' ->
    'garcia lopez'. Empty -> None."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _SPACES.sub(" ", _NOT_LETTERS.sub(" ", text.replace("-", " "))).strip()
    return text or None


def clean_digits(value: object, keep: int | None = None) -> str | None:
    """Digits only; ``keep`` the first N (ZIP+4 -> ZIP); phone numbers lose a leading 1."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    digits = _DIGITS.sub("", str(value))
    if keep is None and len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if keep is not None:
        digits = digits[:keep]
    return digits or None


def clean_email(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip().lower()
    return text if "@" in text else None


def _parse_date(value: object) -> str | None | ValueError:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return pd.to_datetime(text, format=fmt).strftime("%Y-%m-%d")
        except (ValueError, TypeError):
            continue
    return ValueError(text)


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
    get = frame.get
    out["first_name"] = [clean_name(v) for v in get("first_name", pd.Series(None, frame.index))]
    out["last_name"] = [clean_name(v) for v in get("last_name", pd.Series(None, frame.index))]
    out["zip"] = [clean_digits(v, 5) for v in get("zip", pd.Series(None, frame.index))]
    out["phone"] = [clean_digits(v) for v in get("phone", pd.Series(None, frame.index))]
    out["email"] = [clean_email(v) for v in get("email", pd.Series(None, frame.index))]
    dates = []
    for position, value in enumerate(get("birth_date", pd.Series(None, frame.index))):
        parsed = _parse_date(value)
        if isinstance(parsed, ValueError):
            problems.append(InputProblem(
                f"not a date: {parsed} (use YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)",
                source_name, first_line + position, "birth_date"))
            parsed = None
        dates.append(parsed)
    out["birth_date"] = dates
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
