"""The change summary between two published versions (pathways.standards.ctdl.diff)."""

from __future__ import annotations

import copy
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.standards.ctdl import (
    Alignment,
    Component,
    Condition,
    ExitPointInfo,
    Level,
    PathwayDocument,
    ProgressionModel,
    SupportService,
)
from pathways.standards.ctdl.diff import FIRST, NOTHING, describe_changes
from tests.examples import examples
from tests.standards.ctdl_helpers import ctid, sample_document


def said(before, after) -> list[str]:
    return [str(c) for c in describe_changes(before, after)]


def test_the_first_version_says_so():
    assert describe_changes(None, sample_document()) == [FIRST]
    assert said(None, sample_document()) == ["First published version."]


def test_the_same_document_has_no_changes():
    assert describe_changes(sample_document(), sample_document()) == [NOTHING]


def test_steps_added_removed_renamed_and_moved():
    before, after = sample_document(), sample_document()
    by = {c.name: c for c in after.components}
    by["Course step"].name = "Biology"
    by["Basic step"].level = after.progression_model.levels[1].ctid
    after.components.remove(by["Extracurricular step"])
    after.components.append(Component(ctid("new"), "ceterms:BasicComponent", "Orientation"))
    assert said(before, after) == [
        'Step "Orientation" was added.',
        'Step "Extracurricular step" was removed.',
        'Step "Basic step" moved from level "Level 1" to "Level 2".',
        'Step "Course step" was renamed "Biology".',
    ]


def test_costs_lengths_credits_conditions_and_links():
    before, after = sample_document(), sample_document()
    by = {c.name: c for c in after.components}
    work = by["WorkExperience step"]
    work.cost, work.length_weeks, work.credit_value = Decimal("1250"), 8, Decimal("3.0")
    by["Credential step"].conditions[0].operator = "And"
    by["Course step"].precedes = []
    assert said(before, after) == [
        'What "Course step" leads to changed.',
        'What "Credential step" needs first changed.',
        'The cost of "WorkExperience step" changed from $10.00 to $1,250.00.',
        'The length of "WorkExperience step" changed from — to 8 weeks.',
        'The credits of "WorkExperience step" changed from 2.5 to 3.',
    ]


def test_exits_occupations_wage_area_levels_and_services():
    before, after = sample_document(), sample_document()
    by = {c.name: c for c in after.components}
    lpn = Alignment("29-2061.00", "Licensed Practical Nurses")
    by["Credential step"].exit_points[0].occupation = lpn
    by["Job step"].exit_points = []
    by["Course step"].exit_points = [ExitPointInfo("Lab aide", lpn)]
    after.wage_area = ""
    after.progression_model.levels[0].name = "Foundations"
    after.progression_model.levels.append(Level(ctid("level3"), "Level 3"))
    after.support_services = [SupportService(ctid("bus"), "Bus pass")]
    assert said(before, after) == [
        "Exit wages now come from area U.S. (before: 21).",
        'Level "Level 3" was added.',
        'Level "Level 1" was renamed "Foundations".',
        'Exit "Lab aide" was added.',
        'Exit "Nurse (job)" was removed.',
        'Exit "Nurse" now leads to Licensed Practical Nurses (was Registered Nurses), with '
        "its wages.",
        'Support service "Bus pass" was added.',
        'Support service "Childcare" was removed.',
    ]


def test_a_steps_services_added_and_removed_by_ctid():
    before, after = sample_document(), sample_document()
    by = {c.name: c for c in after.components}
    after.step_services.append(SupportService(ctid("bus"), "Bus pass"))
    by["Course step"].support_services = [ctid("bus"), ctid("advising")]  # Childcare out
    by["Job step"].support_services = []
    by["Basic step"].support_services = [ctid("care")]
    after.step_services[0].name = "Career coaching"  # renamed service: no step change
    assert said(before, after) == [
        '"Basic step": support services changed: added Childcare.',
        '"Course step": support services changed: added Bus pass, removed Childcare.',
        '"Job step": support services changed: removed Career coaching.',
    ]
    by["Course step"].support_services.reverse()  # order is no change
    assert said(before, after)[1].startswith('"Course step"')
    assert describe_changes(sample_document(), sample_document()) == [NOTHING]


def test_a_summary_is_stored_as_template_and_values():
    before, after = sample_document(), sample_document()
    after.name = "Nursing"
    (change,) = describe_changes(before, after)
    assert change.as_pair() == ['The pathway was renamed from "%(old)s" to "%(new)s".',
                                {"old": "Sample pathway", "new": "Nursing"}]


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
money = st.none() | st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)


@st.composite
def documents(draw) -> PathwayDocument:
    levels = [Level(ctid(f"l{i}"), draw(names)) for i in range(draw(st.integers(0, 3)))]
    count = draw(st.integers(0, 6))
    comps = []
    for i in range(count):
        comps.append(Component(
            ctid(f"c{i}"), "ceterms:CourseComponent", draw(names),
            level=draw(st.sampled_from([None] + [lv.ctid for lv in levels])),
            cost=draw(money), length_weeks=draw(st.none() | st.integers(0, 200)),
            credit_value=draw(st.none() | st.decimals(0, 99, places=1)),
            precedes=draw(st.lists(st.sampled_from([ctid(f"c{j}") for j in range(count)]),
                                   max_size=2)) if count else [],
            conditions=[Condition(name=draw(names), targets=[ctid("c0")])]
            if draw(st.booleans()) and count else [],
            exit_points=[ExitPointInfo(draw(names), Alignment(draw(st.sampled_from(
                ["29-1141.00", "31-1131.00"]))))] if draw(st.booleans()) else []))
    return PathwayDocument(ctid("p"), draw(names), wage_area=draw(st.sampled_from(["", "21"])),
                           progression_model=ProgressionModel(ctid("m"), levels=levels),
                           components=comps)


@settings(max_examples=examples(150), deadline=None)
@given(documents())
def test_comparing_a_document_with_itself_says_no_changes(doc):
    assert describe_changes(doc, copy.deepcopy(doc)) == [NOTHING]


@settings(max_examples=examples(100), deadline=None)
@given(documents(), documents())
def test_any_two_documents_give_sentences_that_format(one, two):
    changes = describe_changes(one, two)
    assert changes and all(str(c) for c in changes)
    assert (changes == [NOTHING]) == (describe_changes(two, one) == [NOTHING])
