"""Matching the employer names typed on participants' records to employer organisations.

A name matches only when it is the same after normalising (case, punctuation, "&", and a
company suffix such as Inc or LLC) and exactly one employer organisation has that form:
anything less sure is left for a person to resolve (ADR 0047)."""

from __future__ import annotations

import re
from collections.abc import Iterable

SUFFIXES = {"inc", "incorporated", "llc", "corp", "corporation", "co", "ltd", "lp", "llp",
            "pllc"}


def normalise(name: str) -> str:
    """The comparable form of a name: ``Riverton Castings, L.L.C.`` -> ``riverton castings``."""
    text = name.casefold().replace("&", " and ").replace(".", "")
    words = re.sub(r"[\W_]+", " ", text).split()
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    return " ".join(words)


def index(organisations: Iterable) -> dict[str, object]:
    """Normalised name -> organisation, leaving out names two organisations share."""
    found: dict[str, object] = {}
    shared: set[str] = set()
    for organisation in organisations:
        key = normalise(organisation.name)
        if key in found:
            shared.add(key)
        found[key] = organisation
    return {key: value for key, value in found.items() if key not in shared}
