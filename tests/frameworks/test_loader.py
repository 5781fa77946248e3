"""Framework YAML: every problem names the file, line and field; the shipped files are valid."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pathways import frameworks
from pathways.core import InputError
from pathways.frameworks import load_framework, shipped_files, shipped_frameworks
from tests.frameworks.helpers import TINY, tiny

SEED_CRITERIA = [
    "Commit to a Shared Vision and Strategy",
    "Engage Employers and Integrate Sector Strategy Principles",
    "Collaborate to Make Resources Available",
    "Implement Supportive Policies",
    "Use Data and Shared Measures",
    "Implement and Integrate Evidence-Based Practices and Processes",
]


def problems_of(text: str, source: str = "bad.yaml") -> list:
    with pytest.raises(InputError) as info:
        load_framework(source, text)
    return info.value.problems


def test_a_small_framework_gets_the_default_scale_and_the_five_elements():
    framework = tiny()
    assert framework.scale.values == ("1", "2", "3", "4", "dont_know")
    assert framework.scale.level("dont_know").is_dont_know
    assert [e.label for e in framework.elements] == ["Strategy", "Employers", "Resources",
                                                     "Policy", "Data"]
    assert framework.indicator_keys() == ["i1", "i2", "i3", "i4", "i5"]
    assert framework.criterion_of("i4").key == "k2"
    assert framework.scale.nearest(2.5).value == "2"  # ties go to the lower level


def test_syntax_error_names_file_and_line():
    (problem,) = problems_of(TINY.replace("title: Tiny framework", "title: [unclosed"))
    assert problem.source == "bad.yaml" and problem.line is not None
    assert "not valid YAML" in problem.message


def test_unknown_field_names_its_line_and_path():
    text = TINY.replace("      - {key: i2, text: Two}", "      - {key: i2, text: Two, txet: x}")
    (problem,) = problems_of(text)
    assert problem.field == "criteria[0].indicators[1].txet"
    assert problem.line == 11
    assert str(problem).startswith("bad.yaml, line 11, field 'criteria[0].indicators[1].txet'")


def test_every_problem_is_reported_at_once():
    text = (TINY.replace("title: Tiny framework\n", "")
            .replace("{key: i5, text: Five}", "{key: i1, text: Five}")
            .replace("level: any", "level: county"))
    found = {(p.field, p.message) for p in problems_of(text)}
    assert ("title", "is required") in found
    assert ("level", "'county' is not one of local, state, any") in found
    assert ("criteria[1].indicators[1].key", "key 'i1' is used twice") in found


def test_a_version_written_as_a_number_must_be_quoted():
    (problem,) = problems_of(TINY.replace('version: "1"', "version: 1.10"))
    assert problem.field == "version" and "quotes" in problem.message and problem.line == 3


def test_scale_rules():
    scale = ("scale:\n  - {value: low, label: Low, score: 1}\n"
             "  - {value: high, label: High, score: one}\n"
             "  - {value: dk, label: Don't know}\n  - {value: dk2, label: Unsure}\n")
    found = [(p.field, p.message) for p in problems_of(TINY + scale)]
    assert found[0][0] == "scale[1].score" and found[0][1].startswith("must be a whole number")
    assert ("scale", "needs at least two levels with a score") in found
    assert ("scale", 'at most one level may be left without a score ("don\'t know")') in found


def test_empty_criteria_and_wrong_types():
    found = {p.field: p for p in problems_of(
        "format: 2\nkey: 'bad key'\nversion: '1'\ntitle: T\nlevel: any\ncriteria: []\n")}
    assert found["format"].message.startswith("unsupported format 2")
    assert "is not a valid key" in found["key"].message and found["key"].line == 2
    assert found["criteria"].message == "must be a non-empty list"


def test_top_level_must_be_a_mapping():
    (problem,) = problems_of("- just\n- a list\n")
    assert problem.message == "expected a mapping at the top level" and problem.line == 1


def test_shipped_frameworks_are_valid_and_their_keys_unique():
    found = shipped_frameworks()
    assert set(found) == {"aqcp-local", "aqcp-state", "dol-six-key-elements",
                          "wioa-career-pathway"}
    assert len(shipped_files()) == 4
    for framework in found.values():
        assert framework.version and framework.source and framework.adaptation


@pytest.mark.parametrize("key", ["aqcp-local", "aqcp-state"])
def test_alliance_frameworks_have_the_six_criteria_and_4_to_8_own_indicators(key):
    framework = shipped_frameworks()[key]
    assert [c.title for c in framework.criteria] == SEED_CRITERIA
    for criterion in framework.criteria:
        assert 4 <= len(criterion.indicators) <= 8, criterion.key
    assert "own adaptation" in framework.adaptation
    assert "not the Alliance's" in framework.adaptation
    assert framework.level == key.split("-")[1]


def test_dol_six_key_elements_on_the_four_phase_scale():
    framework = shipped_frameworks()["dol-six-key-elements"]
    assert len(framework.criteria) == 6
    assert [lv.score for lv in framework.scale.scored] == [1, 2, 3, 4]
    assert framework.scale.level("4").label == "Phase 4: fully in place"


def test_wioa_checklist_has_elements_a_to_g():
    framework = shipped_frameworks()["wioa-career-pathway"]
    assert [c.key for c in framework.criteria] == list("abcdefg")
    assert framework.scale.values == ("no", "partly", "yes", "dont_know")


def test_public_names_and_no_django():
    assert "score_round" in frameworks.__all__ and "load_framework" in frameworks.__all__
    for name in frameworks.__all__:
        assert getattr(frameworks, name) is not None
    code = ("import sys; from pathways.frameworks import shipped_frameworks, score_round; "
            "shipped_frameworks(); "
            "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django'")
    subprocess.run([sys.executable, "-c", code], check=True)
