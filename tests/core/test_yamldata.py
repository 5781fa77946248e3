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
