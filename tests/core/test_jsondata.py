"""JSON is read within limits (size, nesting), and every failure names the file."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathways.core.errors import InputError
from pathways.core.jsondata import MAX_DEPTH, depth, load_json, read_json_file


def test_deep_nesting_is_refused_however_deep():
    for levels in (MAX_DEPTH + 1, 5_000, 200_000):
        with pytest.raises(InputError, match=f"deep.json: is nested more than {MAX_DEPTH} "
                                             "levels deep"):
            load_json("deep.json", "[" * levels + "]" * levels)


def test_nesting_up_to_the_limit_is_read():
    assert depth(load_json("ok.json", "[" * MAX_DEPTH + "]" * MAX_DEPTH)) == MAX_DEPTH
    assert depth({"a": [1, {"b": []}]}) == 4 and depth(5) == 0


def test_a_file_past_the_size_limit_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.json"
    path.write_text("[" + "1," * 600 + "1]")
    with pytest.raises(InputError, match=r"big.json: is larger than 1,000 bytes"):
        read_json_file(path, max_bytes=1000)


def test_empty_malformed_and_non_utf8_files_are_named(tmp_path):
    with pytest.raises(InputError, match="e.json: the file is empty"):
        load_json("e.json", b"  \n")
    with pytest.raises(InputError, match=r"m.json, line 2: malformed JSON"):
        load_json("m.json", '{\n"a": }')
    with pytest.raises(InputError, match=r"l.json: not UTF-8 text \(byte 2\)"):
        load_json("l.json", b'"\xe9"')
    with pytest.raises(InputError, match="cannot read the file"):
        read_json_file(tmp_path / "missing.json")


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_any_input_is_read_or_refused_with_input_error(data):
    try:
        load_json("any.json", data)
    except InputError as exc:
        assert all(p.source == "any.json" for p in exc.problems)
