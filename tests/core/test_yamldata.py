import pytest

from pathways.core import InputError
from pathways.core.yamldata import line_of, load_yaml


def test_lines_are_remembered_for_keys_and_items():
    data = load_yaml("x.yaml", "a: 1\nb:\n  - one\n  - two\n")
    assert line_of(data, "b") == 2
    assert line_of(data["b"], 1) == 4


def test_syntax_error_names_file_and_line():
    with pytest.raises(InputError) as info:
        load_yaml("frameworks/bad.yaml", "a: 1\nb: [unclosed\n")
    problem = info.value.problems[0]
    assert problem.source == "frameworks/bad.yaml"
    assert problem.line is not None
    assert "not valid YAML" in str(problem)


def test_duplicate_keys_are_an_error():
    with pytest.raises(InputError, match="duplicate key"):
        load_yaml("dup.yaml", "a: 1\na: 2\n")


def test_missing_file():
    with pytest.raises(InputError, match="cannot read"):
        load_yaml("/nonexistent/file.yaml")


def test_unreadable_values_name_their_line():
    with pytest.raises(InputError) as info:
        load_yaml("d.yaml", "a: 1\nversion: 2026-13-45\n")
    assert str(info.value) == "d.yaml, line 2: not a readable value: month must be in 1..12"
    with pytest.raises(InputError, match="line 1: not valid YAML: a key must be a single value"):
        load_yaml("k.yaml", "? [a, b]\n: 1\n")


def test_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("title: Se\u00f1al\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin.yaml: not UTF-8 text \(byte 10\)"):
        load_yaml(path)


def test_aliases_within_the_limits_are_read():
    data = load_yaml("a.yaml", "base: &b [1, 2]\nagain: *b\n")
    assert data["again"] == [1, 2]
