"""Read funding stream YAML into a ``Stream``; every problem names the file, line and field.

The format (``format: 1``), one stream a file::

    format: 1
    key: pell                         # letters, digits, '-', '_', '.'
    assistance_listing: "84.063"      # optional (federal streams); in quotes
    title: Federal Pell Grant
    kind: federal                     # federal | state | local | philanthropic | employer
    agency: ...  summary: ...  check: ...   # optional; check = what to verify each year
    source: ...                       # the law or guidance for the stream
    eligibility: {condition: {...}, source: ..., note: ...}   # over facts.PERSON_FACTS
    steps: {condition: {...}, source: ...}      # optional, over facts.STEP_FACTS
    pays: [{kind: tuition_fees, source: ...}]   # may be empty: pays programs, not people
    caps: [{per: award_year, amount: 7395, year: "2025-26", kinds: [...], source, check}]
    match: {federal_share: "0.5", kinds: [transport], source: ...}   # optional
    order: {rank: 10, source: ..., note: ...}   # lower ranks are used first
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from pathways.core.errors import InputError, InputProblem
from pathways.core.validate import Checker, Field, shown
from pathways.core.yamldata import load_yaml
from pathways.funding.conditions import OPEN, parse_condition
from pathways.funding.definition import CAP_PERIODS, Cap, Match, Order, Pays, Rule, Stream
from pathways.funding.facts import COST_KINDS, PERSON_FACTS, STEP_FACTS, STREAM_KINDS

DEFINITIONS_DIR = Path(__file__).with_name("definitions")
FORMAT = 1
KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
LISTING = re.compile(r"^\d{2}\.\d{3}$")
TOP_FIELDS = {"format", "key", "assistance_listing", "title", "kind", "agency", "summary",
              "check", "source", "eligibility", "steps", "pays", "caps", "match", "order"}


def parse_stream(data: Any, source: str) -> Stream:
    """Validate parsed YAML; raise InputError with every problem found."""
    check = Checker(source)
    top = check.top(data, TOP_FIELDS)
    fmt = top["format"]
    if fmt.get(FORMAT) != FORMAT:
        fmt.problem(f"unsupported format {shown(fmt.value)} (this version reads {FORMAT})")
    key = top["key"].text(pattern=KEY, what="a valid key (letters, digits, '-', '_', '.')")
    listing = top["assistance_listing"].text(
        required=False, pattern=LISTING, what="an Assistance Listing number such as \"17.258\"")
    eligibility = _rule(top["eligibility"], PERSON_FACTS, required=True)
    steps = _rule(top["steps"], STEP_FACTS, required=False)
    pays = _pays(top["pays"])
    caps = _caps(top["caps"], {p.kind for p in pays})
    match = _match(top["match"], {p.kind for p in pays})
    order = _order(top["order"])
    stream = Stream(
        key=key, title=top["title"].text(), kind=top["kind"].choice(STREAM_KINDS) or "",
        source=top["source"].text(), eligibility=eligibility, order=order,
        assistance_listing=listing, agency=top["agency"].text(required=False),
        summary=top["summary"].text(required=False), check=top["check"].text(required=False),
        steps=steps, pays=pays, caps=caps, match=match, path=source)
    check.raise_if_any()
    return stream


def _rule(field: Field, facts, *, required: bool) -> Rule:
    item = field.mapping({"condition", "source", "note"}, required=required)
    if item is None:
        return Rule(OPEN, "")
    condition = parse_condition(item["condition"], facts) or OPEN
    return Rule(condition, item["source"].text(), item["note"].text(required=False))


def _pays(field: Field) -> tuple[Pays, ...]:
    found: list[Pays] = []
    for entry in field.items(least=0, most=len(COST_KINDS)):
        item = entry.mapping({"kind", "source", "note"})
        if item is None:
            continue
        kind = item["kind"].choice(COST_KINDS)
        if kind and any(p.kind == kind for p in found):
            item["kind"].problem(f"kind {kind!r} appears twice")
        found.append(Pays(kind or "", item["source"].text(), item["note"].text(required=False)))
    return tuple(found)


def _kinds(field: Field, paid: set[str], *, required: bool) -> tuple[str, ...]:
    kinds = []
    for entry in field.items(required=required):
        kind = entry.choice(COST_KINDS)
        if kind and kind not in paid:
            entry.problem(f"kind {kind!r} is not one the stream pays (see 'pays')")
        kinds.append(kind or "")
    return tuple(kinds)


def _money(field: Field) -> Decimal:
    amount = field.decimal()
    if amount is not None and amount < 0:
        field.problem("must be 0 or more")
    return amount if amount is not None and amount >= 0 else Decimal(0)


def _caps(field: Field, paid: set[str]) -> tuple[Cap, ...]:
    caps = []
    for entry in field.items(required=False, least=0, most=12):
        item = entry.mapping({"per", "amount", "kinds", "year", "source", "check"})
        if item is None:
            continue
        caps.append(Cap(
            per=item["per"].choice(CAP_PERIODS) or "person", amount=_money(item["amount"]),
            source=item["source"].text(), kinds=_kinds(item["kinds"], paid, required=False),
            year=item["year"].text(required=False), check=item["check"].text(required=False)))
    return tuple(caps)


def _match(field: Field, paid: set[str]) -> Match | None:
    item = field.mapping({"federal_share", "kinds", "source", "note"}, required=False)
    if item is None:
        return None
    share = item["federal_share"].decimal()
    if share is not None and not Decimal(0) < share <= Decimal(1):
        item["federal_share"].problem("must be above 0 and at most 1 (0.5 is half)")
        share = None
    return Match(share if share is not None else Decimal(1),
                 _kinds(item["kinds"], paid, required=True), item["source"].text(),
                 item["note"].text(required=False))


def _order(field: Field) -> Order:
    item = field.mapping({"rank", "source", "note"})
    if item is None:
        return Order(0, "")
    rank = item["rank"].number(whole=True, at_least=0, at_most=1000)
    return Order(int(rank or 0), item["source"].text(), item["note"].text(required=False))


def load_stream(path: str | Path, text: str | None = None) -> Stream:
    """Load and validate one stream file (or ``text`` standing for it)."""
    return parse_stream(load_yaml(path, text), str(path))


def shipped_files() -> list[Path]:
    return sorted(DEFINITIONS_DIR.glob("*.yaml"))


@cache
def shipped_streams() -> dict[str, Stream]:
    """The streams that come with Pathways, by key. Raises InputError if one is broken."""
    problems: list[InputProblem] = []
    found: dict[str, Stream] = {}
    for path in shipped_files():
        try:
            stream = load_stream(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if stream.key in found:
            problems.append(InputProblem(f"key {stream.key!r} is also used by "
                                         f"{found[stream.key].path}", str(path), None, "key"))
        found[stream.key] = stream
    if problems:
        raise InputError(problems)
    return found


__all__ = ["load_stream", "parse_stream", "shipped_files", "shipped_streams"]
