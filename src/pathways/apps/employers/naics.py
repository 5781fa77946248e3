"""NAICS 2022 codes: a code of 2 to 6 digits whose sector (and subsector, from 3 digits on)
is in the 2022 structure (data/reference/naics, U.S. Census Bureau, public domain)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

FILE = Path(__file__).resolve().parents[2] / "data" / "reference" / "naics" / \
    "naics-2022-sectors.csv"


@cache
def titles() -> dict[str, str]:
    """Code -> title for every sector (ranges opened: 31, 32 and 33 are Manufacturing) and
    three-digit subsector."""
    found: dict[str, str] = {}
    with FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code, title = row["code"], row["title"]
            if "-" in code:
                first, last = (int(part) for part in code.split("-"))
                for number in range(first, last + 1):
                    found[str(number)] = title
            else:
                found[code] = title
    return found


def problem(code: str) -> str | None:
    """Why ``code`` is not a NAICS 2022 code, or None when it is one."""
    if not code.isascii() or not code.isdigit() or not 2 <= len(code) <= 6:
        return "a NAICS code has 2 to 6 digits"
    known = titles()
    if code[:2] not in known:
        return f"{code[:2]} is not a NAICS 2022 sector"
    if len(code) >= 3 and code[:3] not in known:
        return f"{code[:3]} is not a NAICS 2022 subsector"
    return None


def title_of(code: str) -> str:
    """The title of the code's subsector, or of its sector (empty when unknown)."""
    known = titles()
    return known.get(code[:3]) or known.get(code[:2], "")
