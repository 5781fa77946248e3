"""NRS functioning levels from scale scores: the shipped table and its validation."""

from __future__ import annotations

import pytest

from pathways.core.errors import InputError
from pathways.navigation import ScoreOutOfRange, functioning_level, nrs_table, parse_table


@pytest.mark.parametrize(("test", "score", "level"), [
    ("casas_reading_abe", 150, "ABE1"), ("casas_reading_abe", 200, "ABE1"),
    ("casas_reading_abe", 201, "ABE2"), ("casas_reading_abe", 211, "ABE3"),
    ("casas_reading_abe", 235, "ABE4"), ("casas_reading_abe", 246, "ABE6"),
    ("casas_math_abe", 240, "ABE5"), ("casas_reading_esl", 195, "ESL3"),
    ("casas_reading_esl", 221, "ESL6"), ("tabe_9_10_reading", 500, "ABE3"),
    ("tabe_9_10_math", 595, "ABE6"), ("tabe_9_10_language", 389, "ABE1"),
])
def test_published_ranges(test, score, level):
    assert functioning_level(test, score) == level


def test_the_table_names_its_source():
    assert "NRS Implementation Guidelines" in nrs_table().source


def test_a_score_past_the_esl_scale_is_refused_with_a_reason():
    with pytest.raises(ScoreOutOfRange, match="above the top"):
        functioning_level("casas_reading_esl", 240)
    with pytest.raises(ScoreOutOfRange, match="Unknown test"):
        functioning_level("gain_english", 300)


BAD = """source: somewhere
tests:
  t:
    label: T
    levels:
      - {level: ABE1, max: 200}
      - {level: ABE2, min: 205, max: 210}
      - {level: ABE4, min: 208, max: 220}
      - {level: ABX9, min: 221}
"""


def test_gaps_overlaps_order_and_unknown_levels_name_line_and_field():
    with pytest.raises(InputError) as caught:
        parse_table("nrs.yaml", BAD)
    text = str(caught.value)
    assert "nrs.yaml, line 7, field 'tests.t.levels[1].min': min 205 leaves a gap" in text
    assert "line 8, field 'tests.t.levels[2].level': ABE4 cannot follow ABE2" in text
    assert "line 8, field 'tests.t.levels[2].min': min 208 overlaps" in text
    assert "line 9, field 'tests.t.levels[3].level': 'ABX9' is not one of ABE1, ABE2" in text


@pytest.mark.parametrize(("text", "line", "field", "words"), [
    ("source: s\ntests:\n  t:\n    levels:\n      - {level: ABE1, max: high}\n", 5,
     "tests.t.levels[0].max", "must be a whole number, not 'high'"),
    ("source: s\ntests:\n  t:\n    levels: [{level: ABE1}]\n    lvls: []\n", 5,
     "tests.t.lvls", "unknown field 'lvls' (did you mean 'levels'?)"),
    ("source: s\ntests:\n  t:\n    label: T\n", 4, "tests.t.levels", "is required"),
    ("source: s\ntests: {}\n", 2, "tests", "must list tests"),
    ("source: [a]\ntests:\n  t:\n    levels: [{level: ABE1}]\n", 1, "source",
     "must be text, not a list"),
    ("source: s\ntests:\n  t:\n    levels:\n      - {level: ABE1, max: 200}\n"
     "      - {level: ABE2, max: 300}\n", 6, "tests.t.levels[1].min",
     "only the first level may leave out min"),
])
def test_a_bad_value_names_file_line_and_field(text, line, field, words):
    with pytest.raises(InputError) as caught:
        parse_table("nrs.yaml", text)
    [problem] = caught.value.problems
    assert (problem.source, problem.line, problem.field) == ("nrs.yaml", line, field)
    assert words in problem.message


@pytest.mark.parametrize(("text", "words"), [
    ("source: s\ntests: " + "[" * 200 + "]" * 200 + "\n", "nested more than"),
    ("source: s\n# " + "x" * 1_000_001 + "\n", "is larger than"),
])
def test_deep_or_huge_input_is_refused_cleanly(text, words):
    with pytest.raises(InputError, match=words):
        parse_table("nrs.yaml", text)


def test_a_table_without_its_source_is_refused():
    with pytest.raises(InputError, match="must name the published source"):
        parse_table("nrs.yaml", "tests:\n  t:\n    levels:\n      - {level: ABE1}\n")
