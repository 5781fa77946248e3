"""Funding stream files: the shipped ones load, bad ones are refused naming file, line, field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pathways.core.errors import InputError
from pathways.funding.conditions import ELIGIBLE, NOT_ELIGIBLE, UNKNOWN, evaluate
from pathways.funding.facts import PERSON_FACTS
from pathways.funding.loader import load_stream, shipped_files, shipped_streams

LISTINGS = {"wioa-adult": "17.258", "wioa-dislocated-worker": "17.278",
            "wioa-youth": "17.259", "wagner-peyser": "17.207", "adult-education": "84.002",
            "vocational-rehabilitation": "84.126", "perkins": "84.048", "pell": "84.063",
            "tanf": "93.558", "snap-et-100": "10.561", "snap-et-50-50": "10.561",
            "registered-apprenticeship": "17.285"}


def test_every_main_federal_stream_is_shipped_with_its_listing():
    streams = shipped_streams()
    assert {key: s.assistance_listing for key, s in streams.items()} == LISTINGS


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.stem)
def test_every_rule_of_a_shipped_stream_cites_its_source(path):
    stream = load_stream(path)
    assert stream.source and stream.eligibility.source and stream.order.source
    assert all(p.source for p in stream.pays)
    assert all(c.source and c.year and c.check for c in stream.caps)
    assert stream.match is None or stream.match.source


def test_pell_cap_states_year_amount_and_what_to_check():
    (cap,) = shipped_streams()["pell"].caps
    assert (cap.per, cap.amount, cap.year) == ("award_year", Decimal(7395), "2025-26")
    assert "Verify" in cap.check


def test_pell_comes_before_wioa_training_funds():
    streams = shipped_streams()
    assert streams["pell"].order.rank < streams["wioa-adult"].order.rank
    assert "680.230" in streams["wioa-adult"].order.source


def test_snap_50_50_is_half_federal_and_100_percent_funds_never_reimburse():
    streams = shipped_streams()
    match = streams["snap-et-50-50"].match
    assert match.federal_share == Decimal("0.5")
    assert set(match.kinds) == {"transport", "childcare", "books_tools"}
    assert not {"transport", "childcare"} & set(streams["snap-et-100"].kinds)


GOOD = """\
format: 1
key: local-fund
title: Local fund
kind: philanthropic
source: Board minutes
eligibility:
  source: Minutes 3
  condition:
    all:
      - {fact: age, at_least: 18}
pays:
  - {kind: transport, source: Minutes 4}
order: {rank: 45, source: Minutes 5}
"""


def problems(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(InputError) as caught:
        load_stream("mine.yaml", text)
    assert all(p.source == "mine.yaml" for p in caught.value.problems)
    return [(p.line, p.field, p.message) for p in caught.value.problems]


def test_a_good_partnership_file_loads():
    stream = load_stream("mine.yaml", GOOD)
    assert (stream.key, stream.kind, stream.kinds) == ("local-fund", "philanthropic",
                                                       ("transport",))


@pytest.mark.parametrize(("old", "new", "line", "field", "message"), [
    ("{fact: age,", "{fact: agee,", 10, "eligibility.condition.all[0].fact", "unknown fact"),
    ("at_least: 18", "at_least: old", 10, "eligibility.condition.all[0].at_least",
     "must be a number"),
    ("kind: transport", "kind: bus", 12, "pays[0].kind", "'bus' is not one of"),
    ("kind: philanthropic", "kind: angel", 4, "kind", "is not one of"),
    ("rank: 45", "rank: -1", 13, "order.rank", "from 0 to 1000"),
    ("source: Minutes 4", "note: x", 12, "pays[0].source", "is required"),
])
def test_a_bad_file_is_refused_naming_line_and_field(old, new, line, field, message):
    found = problems(GOOD.replace(old, new))
    assert any(ln == line and fd == field and message in msg for ln, fd, msg in found), found


def test_a_cap_or_match_on_a_kind_the_stream_does_not_pay_is_refused():
    text = GOOD + ("caps:\n  - {per: year, amount: 5, kinds: [childcare], source: s}\n"
                   "match: {federal_share: 2, kinds: [transport], source: s}\n")
    found = problems(text)
    fields = {fd for _ln, fd, _msg in found}
    assert {"caps[0].per", "caps[0].kinds[0]", "match.federal_share"} <= fields


def test_a_condition_must_say_what_it_tests():
    found = problems(GOOD.replace("{fact: age, at_least: 18}", "{fact: disability}"))
    assert any("needs a test" in msg for _ln, _fd, msg in found)
    found = problems(GOOD.replace("{fact: age, at_least: 18}", "{fact: disability, in: [a]}"))
    assert any("'in' needs a fact with choices" in msg for _ln, _fd, msg in found)


@pytest.mark.parametrize(("facts", "status"), [
    ({"age": 20}, ELIGIBLE),
    ({"age": 17}, NOT_ELIGIBLE),
    ({}, UNKNOWN),
])
def test_three_answers(facts, status):
    stream = load_stream("mine.yaml", GOOD)
    assert evaluate(stream.eligibility.condition, facts, PERSON_FACTS).status == status


def test_any_is_true_when_one_part_holds_even_with_others_unknown():
    text = GOOD.replace("all:", "any:").replace(
        "- {fact: age, at_least: 18}",
        "- {fact: age, at_least: 18}\n      - {fact: disability, is: true}")
    stream = load_stream("mine.yaml", text)
    verdict = evaluate(stream.eligibility.condition, {"disability": True}, PERSON_FACTS)
    assert verdict.status == ELIGIBLE
    verdict = evaluate(stream.eligibility.condition, {"disability": False}, PERSON_FACTS)
    assert verdict.status == UNKNOWN
    assert [str(r) for r in verdict.unknown] == ["Age is not recorded."]
