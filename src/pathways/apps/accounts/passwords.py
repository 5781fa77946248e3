"""Temporary passwords that a navigator reads out or writes down for a participant."""

from __future__ import annotations

import secrets

# No 0/o, 1/l/i: read aloud or copied by hand without a mistake.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password(groups: int = 3, size: int = 4) -> str:
    """E.g. ``kq7m-x2ab-9tne``: 12 random characters of 31 (about 59 bits), in groups."""
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(size))
                    for _ in range(groups))


__all__ = ["temporary_password"]
