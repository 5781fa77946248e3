"""The YAML field checker: each problem names the file, the line and the field's path."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from pathways.core.errors import InputError
from pathways.core.validate import Checker, is_one_of, shown
from pathways.core.yamldata import load_yaml

DOCUMENT = """\
key: demo
size: 12
criteria:
  - key: a
    indicators: [{id: a1}]
  - key: b
    indicators:
      - id: b1
      - {id: b2, txet: x}
  - key: c
    indicators:
      - id: 7
"""


def checked(text: str = DOCUMENT):
    check = Checker("demo.yaml")
    return check, check.top(load_yaml("demo.yaml", text))


def problems(check: Checker) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.field, p.message) for p in check.problems]


def test_nested_fields_have_their_path_and_line():
    check, top = checked()
    criteria = top["criteria"].items()
    indicator = criteria[2]["indicators"].items()[0]["id"]
    assert (indicator.path, indicator.line, indicator.value) == ("criteria[2].indicators[0].id",
                                                                 12, 7)
    assert [c["key"].text() for c in criteria] == ["a", "b", "c"]
    assert not check.problems


def test_unknown_fields_suggest_the_nearest_or_list_the_known_ones():
    check, top = checked()
    top.only({"key", "criteria", "title"})
    for criterion in top["criteria"].items():
        for indicator in criterion["indicators"].items():
            indicator.mapping({"id", "text"})
    assert problems(check) == [
        (2, "size", "unknown field 'size' (expected one of: criteria, key, title)"),
        (9, "criteria[1].indicators[1].txet", "unknown field 'txet' (did you mean 'text'?)")]
    assert str(check.problems[1]).startswith(
        "demo.yaml, line 9, field 'criteria[1].indicators[1].txet': unknown field")


def test_text_required_optional_pattern_and_numbers():
    check, top = checked("a: ''\nb: '  x  '\nc: 2\nd: 1.10\ne: [x]\nf: true\ng: 'no way'\n")
    assert top["a"].text() == "" and top["missing"].text(required=False) == ""
    assert top["b"].text() == "x"
    assert top["c"].text() == "2"  # a whole number is its digits
    assert top["d"].text() == "" and top["e"].text() == "" and top["f"].text() == ""
    assert top["g"].text(pattern=re.compile(r"\w+"), what="one word") == "no way"
    assert top["b"].text(longest=0) == "x"
    found = problems(check)
    assert found[0] == (1, "a", "is required")
    assert found[1][:2] == (4, "d") and "quotes" in found[1][2]
    assert found[2:] == [(5, "e", "must be text, not a list"),
                         (6, "f", "must be text, not True"),
                         (7, "g", "'no way' is not one word"),
                         (2, "b", "is longer than 0 characters")]


def test_a_missing_field_points_at_its_mapping():
    check, top = checked("first: 1\nitem:\n  name: x\n")
    top["item"]["title"].text()
    assert problems(check) == [(3, "item.title", "is required")]


@pytest.mark.parametrize(("value", "bounds", "expected"), [
    ("0.5", {"above": 0, "below": 1}, 0.5),
    ("1", {"above": 0, "below": 1}, "must be a number above 0 and below 1; it is 1"),
    ("0", {"above": 0, "at_most": 1}, "must be a number above 0 and at most 1; it is 0"),
    ("8", {"whole": True, "at_least": 1, "at_most": 7},
     "must be a whole number from 1 to 7; it is 8"),
    ("2.0", {"whole": True}, "must be a whole number, not 2.0"),
    (".nan", {}, "must be a number, not nan"),
    ("true", {}, "must be a number, not True"),
    ("'3'", {}, "must be a number, not '3'"),
    ("-4", {"at_least": -4}, -4),
])
def test_numbers_and_their_bounds(value, bounds, expected):
    check, top = checked(f"n: {value}\n")
    result = top["n"].number(**bounds)
    if isinstance(expected, str):
        assert result is None and problems(check) == [(1, "n", expected)]
    else:
        assert result == expected and not check.problems


def test_a_hint_follows_the_rule():
    check, top = checked("score: high\n")
    top["score"].number(whole=True, required=False, hint="or left out")
    assert problems(check) == [(1, "score", "must be a whole number (or left out), not 'high'")]


def test_booleans():
    check, top = checked("a: true\nb: yes please\n")
    assert top["a"].boolean() is True
    assert top["b"].boolean(default=True) is True
    assert top["c"].boolean() is False
    top["c"].boolean(required=True)
    assert problems(check) == [(2, "b", "must be true or false, not 'yes please'"),
                               (1, "c", "is required")]


def test_choices_even_of_lists_and_mappings():
    check, top = checked("a: local\nb: county\nc: [local]\nd: {x: 1}\ne: emperor\n")
    assert top["a"].choice(("local", "state")) == "local"
    assert top["b"].choice(("local", "state")) is None
    assert top["c"].choice({"local", "state"}) is None  # a list is not hashable: no error
    assert top["d"].choice({"local": 1}) is None
    assert top["e"].choice({"admin", "editor"}, what="role") is None
    assert top["f"].choice(("x",), required=False) is None
    assert problems(check) == [(2, "b", "'county' is not one of local, state"),
                               (3, "c", "must be a single value, not a list"),
                               (4, "d", "must be a single value, not a mapping"),
                               (5, "e", "unknown role 'emperor'")]


def test_lists_empty_too_long_or_not_lists():
    check, top = checked("a: []\nb: [1, 2, 3]\nc: x\nd: []\n")
    assert top["a"].items() == []
    assert [i.value for i in top["b"].items(most=2)] == [1, 2]
    assert top["c"].items() == [] and top["d"].items(least=0) == []
    assert top["e"].items(required=False) == []
    assert problems(check) == [(1, "a", "must be a non-empty list"),
                               (2, "b", "has 3 entries; at most 2 are allowed"),
                               (3, "c", "must be a non-empty list")]


def test_mappings_and_their_entries():
    check, top = checked("roles:\n  editor: [a]\n  navigator: [b, c]\nother: 5\n")
    roles = top["roles"].mapping()
    assert [(key, f.path, f.line) for key, f in roles.entries()] == [
        ("editor", "roles.editor", 2), ("navigator", "roles.navigator", 3)]
    assert top["other"].mapping() is None and top["other"].entries() == []
    assert top["absent"].mapping(required=False) is None
    assert problems(check) == [(4, "other", "must be a mapping, not 5")]


def test_a_document_that_is_not_a_mapping_stops_at_once():
    with pytest.raises(InputError) as info:
        Checker("list.yaml").top(load_yaml("list.yaml", "- a\n- b\n"))
    assert str(info.value) == "list.yaml, line 1: expected a mapping at the top level"


def test_every_problem_is_raised_together():
    check, top = checked()
    top["title"].text()
    top["size"].text(pattern=re.compile("[a-z]+"), what="a word")
    with pytest.raises(InputError) as info:
        check.raise_if_any()
    assert len(info.value.problems) == 2
    Checker("fine.yaml").raise_if_any()


def test_plain_data_without_lines_still_names_the_field():
    check = Checker("given")
    root = check.root({"a": [{"b": "x"}]})
    assert root["a"].items()[0]["c"].text() == ""
    assert problems(check) == [(None, "a[0].c", "is required")]


def test_values_are_shown_short():
    assert shown("x" * 100) == "'" + "x" * 56 + "..."
    assert shown(10 ** 100) == "a very long number"
    assert shown({"a": 1}) == "a mapping" and shown([1]) == "a list"
    assert is_one_of("a", {"a"}) and not is_one_of(["a"], {"a"}) and not is_one_of(True, {1})


def test_codes_can_refuse_a_number_that_would_lose_its_zeros():
    check, top = checked("naics: 0541\ncode: '0541'\nversion: 2\n")
    assert top["naics"].text(digits=False) == ""
    assert top["code"].text(digits=False) == "0541"
    assert top["version"].text() == "2"
    # YAML reads 0541 as an octal number
    assert problems(check) == [(1, "naics", "must be text, not the number 353: write it in "
                                            "quotes")]


@pytest.mark.parametrize(("value", "expected"), [
    ("12", Decimal("12")), ("12.5", Decimal("12.5")), ("'1200.50'", Decimal("1200.50")),
    ("' 3.0 '", Decimal("3.0")), ("'three'", "not 'three'"), ("'NaN'", "not 'NaN'"),
    (".inf", "not inf"), ("true", "not True"), ("[1]", "not a list"),
    ("'" + "9" * 41 + "'", "not '999"), (str(2 ** 70), "not a very long number"),
])
def test_decimals_written_as_numbers_or_as_text(value, expected):
    check, top = checked(f"cost: {value}\n")
    result = top["cost"].decimal()
    if isinstance(expected, Decimal):
        assert result == expected and str(result) == str(expected) and not check.problems
    else:
        assert result is None
        [(line, field, message)] = problems(check)
        assert (line, field) == (1, "cost") and message.startswith("must be a number")
        assert expected in message
    assert top["absent"].decimal(required=False) is None


def test_dates_and_dates_with_a_time():
    check, top = checked("a: 2026-04-01\nb: 2026-04-01T15:00:00Z\nc: '2026-04-01'\n")
    assert top["a"].date() == dt.date(2026, 4, 1)
    assert top["b"].date(time=True) == dt.datetime(2026, 4, 1, 15, tzinfo=dt.UTC)
    assert top["b"].date() is None and top["a"].date(time=True) is None
    assert top["c"].date() is None and top["d"].date(required=False) is None
    assert problems(check) == [
        (2, "b", "must be a date such as 2026-04-01, not 2026-04-01T15:00:00+00:00"),
        (1, "a", "must be a date and time such as 2026-04-01T15:00:00Z, not 2026-04-01"),
        (3, "c", "must be a date such as 2026-04-01, not '2026-04-01'")]


def test_a_document_can_be_a_list():
    check = Checker("list.yaml")
    top = check.top(load_yaml("list.yaml", "- a: 1\n- a: x\n"), kind=list)
    assert [item["a"].number() for item in top.items()] == [1, None]
    assert problems(check) == [(2, "[1].a", "must be a number, not 'x'")]
    with pytest.raises(InputError, match="line 1: expected a list at the top level"):
        check.top(load_yaml("list.yaml", "a: 1\n"), kind=list)
