"""Entry-point eligibility against a person's assessment, with reasons."""

from __future__ import annotations

import pytest

from pathways.navigation import (
    ELIGIBLE,
    NEEDS_INFORMATION,
    NOT_ELIGIBLE,
    EntryPoint,
    Learner,
    check_entry,
    education_level,
)

ADULT_ED = EntryPoint(id="1", name="Bridge", kind="adult_education", component="bridge",
                      max_education="some_hs", min_efl="ABE3", max_efl="ABE6")
ENGLISH = EntryPoint(id="2", name="ESL", kind="english_learner", component="esl",
                     english_levels=("limited", "intermediate"), min_efl="ESL3", max_efl="ESL6")
DIRECT = EntryPoint(id="3", name="Direct", kind="direct", component="cna", min_education="hs")


@pytest.mark.parametrize(("pirl", "grade", "level"), [
    (0, None, "some_hs"), (0, 0, "none"), (0, 8, "below_9"), (0, 10, "some_hs"),
    (1, None, "hs"), (2, None, "hs"), (3, None, "some_hs"), (5, None, "some_college"),
    (6, None, "associate"), (8, None, "bachelor"),
])
def test_pirl_408_codes_map_to_the_eligibility_scale(pirl, grade, level):
    assert education_level(pirl, grade) == level


def test_unknown_pirl_code_is_refused():
    with pytest.raises(ValueError, match="unknown PIRL 408 code 9"):
        education_level(9)


def test_adult_education_entry():
    fits = check_entry(ADULT_ED, Learner(education="some_hs", efl=("ABE4",)))
    assert fits.status == ELIGIBLE
    assert [str(r) for r in fits.reasons] == [
        "Education fits: Some high school, no diploma.", "Test level ABE4 fits."]
    too_low = check_entry(ADULT_ED, Learner(education="some_hs", efl=("ABE2",)))
    assert too_low.status == NOT_ELIGIBLE
    assert str(too_low.reasons[0]) == "Test level ABE2 is below the ABE3 this entry needs."
    diploma = check_entry(ADULT_ED, Learner(education="hs", efl=("ABE5",)))
    assert diploma.status == NOT_ELIGIBLE
    assert "at most: Some high school" in str(diploma.reasons[0])


def test_missing_assessment_facts_ask_for_information_instead_of_refusing():
    result = check_entry(ADULT_ED, Learner(education="some_hs"))
    assert result.status == NEEDS_INFORMATION
    assert str(result.reasons[0]) == "No ABE test score is recorded."
    assert check_entry(DIRECT, Learner()).status == NEEDS_INFORMATION


def test_english_learner_entry_uses_the_esl_level_and_english_level():
    person = Learner(education="bachelor", efl=("ESL4",), english="limited")
    assert check_entry(ENGLISH, person).eligible
    fluent = Learner(education="bachelor", efl=("ESL4",), english="proficient")
    assert "For English levels: limited, intermediate." in [
        str(r) for r in check_entry(ENGLISH, fluent).reasons]
    # An ABE score says nothing about the ESL scale.
    assert check_entry(ENGLISH, Learner(efl=("ABE4",), english="limited")).status \
        == NEEDS_INFORMATION


def test_a_first_step_already_done_admits_anyone():
    assert check_entry(DIRECT, Learner(education="below_9",
                                       completed=frozenset({"cna"}))).eligible
