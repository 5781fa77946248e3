"""Whole numbers from text: ASCII digits within bounds, or None (never an exception)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pathways.core.numbers import MAX_ID, is_digits, record_id, whole_number


def test_unicode_digits_are_not_numbers():
    assert "²".isdigit() and not is_digits("²")
    assert record_id("²") is None and record_id("١٢") is None and whole_number("３") is None


def test_ids_are_ascii_digits_within_what_a_database_holds():
    assert record_id("12") == 12 and record_id(" 7 ") == 7
    assert record_id("0") is None and record_id("-3") is None and record_id("") is None
    assert record_id(str(MAX_ID)) == MAX_ID and record_id(str(MAX_ID + 1)) is None
    assert record_id("9" * 5000) is None and record_id(None) is None and record_id(["1"]) is None
    assert whole_number("31", maximum=30) is None and whole_number("30", maximum=30) == 30


@given(st.text(max_size=30))
def test_any_text_gives_a_number_in_bounds_or_none(text):
    found = whole_number(text, minimum=1, maximum=1000)
    assert found is None or 1 <= found <= 1000
