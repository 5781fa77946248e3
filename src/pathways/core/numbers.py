"""Whole numbers read from text people or files wrote (a URL parameter, a form field, a code).

``str.isdigit`` is true for Unicode digits that ``int`` cannot read (``'²'``), and ``int``
reads any length of digits, which a database column cannot hold; these helpers accept only
ASCII digits within bounds, so a check and the conversion after it always agree.
"""

from __future__ import annotations

MAX_ID = 2**63 - 1  # the largest primary key any supported database stores


def is_digits(text: str) -> bool:
    """True for a non-empty run of ASCII digits 0-9, and nothing else."""
    return text.isascii() and text.isdigit()


def whole_number(text: object, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """The whole number ``text`` writes in ASCII digits (surrounding spaces allowed), if it
    lies within ``minimum`` and ``maximum``; None for anything else."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not is_digits(text) or len(text) > len(str(maximum)):
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def record_id(text: object) -> int | None:
    """A primary key written in text (1 or more), or None."""
    return whole_number(text, minimum=1)
