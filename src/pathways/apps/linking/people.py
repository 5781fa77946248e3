"""Person keys after clerical review, and a pair's fields side by side (plain Python).

The engine clusters at the link threshold; a reviewer's decisions change which pairs join
people, so the keys are worked out again here from the pairs themselves: two records are
one person when a chain of pairs joins them, each pair either decided "match" or, left
undecided, suggested "link" by the model (a "not a match" cuts it). The key of a person is
the smallest record id among their records, the engine's own rule (ADR 0006), so an
unreviewed run gives the engine's people exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MATCH, NOT_MATCH = "match", "not_match"


def joins(suggested: str, decision: str) -> bool:
    """Whether a pair joins its two records into one person."""
    return decision == MATCH or (not decision and suggested == "link")


class _Sets:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        root = item
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while item != root:  # flatten the path
            self.parent[item], item = root, self.parent.get(item, item)
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller id stays the root: it is the person key.
            self.parent[max(ra, rb)] = min(ra, rb)


def person_keys(records: Iterable[str], pairs: Iterable[tuple[str, str, str, str]],
                same_partner_id: Iterable[Iterable[str]] = ()) -> dict[str, str]:
    """Each record's person key. ``pairs``: (left, right, suggested, decision);
    ``same_partner_id``: groups of records one partner gave the same person id."""
    sets = _Sets()
    for left, right, suggested, decision in pairs:
        if joins(suggested, decision):
            sets.join(left, right)
    for group in same_partner_id:
        group = list(group)
        for other in group[1:]:
            sets.join(group[0], other)
    return {record: sets.find(record) for record in records}


def conflicts(keys: dict[str, str], pairs: Iterable[tuple[str, str, str, str]]
              ) -> list[tuple[str, str]]:
    """Pairs decided "not a match" whose records other pairs still join into one person."""
    return [(left, right) for left, right, _suggested, decision in pairs
            if decision == NOT_MATCH and keys.get(left, left) == keys.get(right, right)]


# -- one pair, field by field -----------------------------------------------------------

SAME, CLOSE, SIMILAR, DIFFERENT, UNKNOWN = "same", "close", "similar", "different", "unknown"
NAME_FIELDS = ("first_name", "last_name")
FIELDS = ("first_name", "last_name", "birth_date", "zip", "phone", "email")


@dataclass(frozen=True)
class FieldComparison:
    field: str
    agreement: str  # same, close, similar, different or unknown
    left: str
    right: str


def _similarity(a: str, b: str, function: str) -> float:
    import duckdb

    con = duckdb.connect()
    try:
        return float(con.execute(f"SELECT {function}(?, ?)", [a, b]).fetchone()[0])
    finally:
        con.close()


def agreement(field: str, left: str | None, right: str | None,
              name_thresholds: tuple[float, float] = (0.92, 0.80)) -> str:
    """How two cleaned values agree, in words close to the model's levels (person.yaml):
    names by Jaro-Winkler 0.92 and 0.80; dates the same, day and month swapped or one
    character off (close), two characters off (similar). Nicknames and how rare a name is
    are the model's business, shown in the pair's probability."""
    if not left or not right:
        return UNKNOWN
    if left == right:
        return SAME
    if field in NAME_FIELDS:
        score = _similarity(left, right, "jaro_winkler_similarity")
        return CLOSE if score >= name_thresholds[0] else SIMILAR \
            if score >= name_thresholds[1] else DIFFERENT
    if field == "birth_date":
        if len(left) == len(right) == 10 and left[:4] == right[:4] \
                and left[5:7] == right[8:10] and left[8:10] == right[5:7]:
            return CLOSE  # day and month swapped
        apart = _similarity(left, right, "damerau_levenshtein")
        return CLOSE if apart <= 1 else SIMILAR if apart <= 2 else DIFFERENT
    return DIFFERENT


def masked(field: str, value: str | None) -> str:
    """A value shown to someone who may not see participants' identifying data: enough to
    tell a typo from another person next to the agreement, not enough to know who it is."""
    if not value:
        return ""
    if field in NAME_FIELDS:
        return " ".join(part[0] + "•" * (len(part) - 1) for part in value.split())
    if field == "birth_date":
        return value[:4] + "-••-••"
    if field == "zip":
        return value[:3] + "••"
    if field == "phone":
        return "•" * max(0, len(value) - 4) + value[-4:]
    if field == "email":
        local, _, domain = value.partition("@")
        return f"{local[:1]}•••@{domain}"
    return "•••"


def compare(left: dict, right: dict, show: bool) -> list[FieldComparison]:
    """Each identifying field of two cleaned records: agreement, and the values (masked
    unless ``show``)."""
    out = []
    for field in FIELDS:
        a, b = left.get(field) or None, right.get(field) or None
        shown = (lambda f, v: v or "") if show else masked
        out.append(FieldComparison(field, agreement(field, a, b), shown(field, a),
                                   shown(field, b)))
    return out
