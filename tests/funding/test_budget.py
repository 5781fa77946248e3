"""The braided budget, worked by hand for one person at a time, with the shipped streams.

Each expected figure is written out with its arithmetic. Streams are used in order of use:
registered apprenticeship (5), Pell (10), adult education (15), Wagner-Peyser (20), TANF (30),
SNAP E&T 100% (35) and 50/50 (36), VR (40), WIOA (50), Perkins (90, pays no person's costs).
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from pathways.funding.budget import Award, Step, braid
from pathways.funding.conditions import ELIGIBLE, NOT_ELIGIBLE, UNKNOWN
from pathways.funding.loader import load_stream, shipped_streams

STREAMS = list(shipped_streams().values())
COLLEGE = {"title_iv": True, "etpl": True}  # a college program on the ETPL
ADULT = {"age": 30, "has_diploma": True, "education": "hs", "pell_need": True}


def by_stream(step_budget):
    """{stream: total paid} for one step (awarded and likely)."""
    totals: dict[str, D] = {}
    for payment in step_budget.payments:
        totals[payment.stream] = totals.get(payment.stream, D(0)) + payment.amount
    return totals


def fit(step_budget, key):
    return next(f for f in step_budget.fits if f.stream.key == key)


def test_1_pell_pays_all_of_a_small_college_step():
    step = Step("cna", "Nursing assistant", {"tuition_fees": D(4000), "books_tools": D(600)},
                facts=COLLEGE)
    (budget,) = braid([step], ADULT, STREAMS).steps
    # Pell first: 4,000 tuition + 600 books = 4,600, under the 7,395 cap; nothing is left
    # for WIOA Adult, though the person is eligible (30 >= 18).
    assert by_stream(budget) == {"pell": D(4600)}
    assert budget.net == D(0)
    assert fit(budget, "wioa-adult").status == ELIGIBLE


def test_2_pell_before_wioa_and_the_pell_cap_reached():
    step = Step("lpn", "Practical nursing", {"tuition_fees": D(9000), "books_tools": D(500)},
                facts=COLLEGE)
    (budget,) = braid([step], ADULT, STREAMS).steps
    # Pell: tuition 9,000 capped at 7,395; books get nothing (7,395 - 7,395 = 0 left).
    # WIOA Adult then pays what Pell left: tuition 9,000 - 7,395 = 1,605, books 500.
    assert [(p.stream, p.kind, p.amount) for p in budget.payments] == [
        ("pell", "tuition_fees", D(7395)),
        ("wioa-adult", "tuition_fees", D(1605)),
        ("wioa-adult", "books_tools", D(500)),
    ]
    assert budget.paid == D(9500)  # 7,395 + 1,605 + 500
    assert budget.net == D(0)


def test_3_pell_cap_shared_by_two_steps_in_one_year_and_unknown_age():
    facts = {"has_diploma": True, "education": "hs", "pell_need": True}  # no age recorded
    steps = [Step("s1", "Semester 1", {"tuition_fees": D(5000)}, year="2026-27", facts=COLLEGE),
             Step("s2", "Semester 2", {"tuition_fees": D(4000)}, year="2026-27", facts=COLLEGE)]
    first, second = braid(steps, facts, STREAMS).steps
    # Pell: 5,000 for semester 1, then 7,395 - 5,000 = 2,395 for semester 2.
    assert by_stream(first) == {"pell": D(5000)}
    assert by_stream(second) == {"pell": D(2395)}
    # WIOA Adult cannot be counted: age unknown. Net 4,000 - 2,395 = 1,605.
    assert second.net == D(1605)
    wioa = fit(second, "wioa-adult")
    assert wioa.status == UNKNOWN
    assert [str(r) for r in wioa.verdict.unknown] == ["Age is not recorded."]


def test_4_pell_cap_is_per_award_year():
    steps = [Step("y1", "Year 1", {"tuition_fees": D(7000)}, year="2026-27", facts=COLLEGE),
             Step("y2", "Year 2", {"tuition_fees": D(7000)}, year="2027-28", facts=COLLEGE)]
    budget = braid(steps, ADULT, STREAMS)
    # 7,000 each year, each under its own year's 7,395.
    assert [by_stream(s) for s in budget.steps] == [{"pell": D(7000)}, {"pell": D(7000)}]
    assert budget.net == D(0)


ATB = {"age": 22, "has_diploma": False, "education": "some_hs", "pell_need": True,
       "career_pathway_program": True}


@pytest.mark.parametrize(("extra", "status", "paid"), [
    ({"atb_credit_hours": 6}, ELIGIBLE, D(3000)),  # 6 credit hours: ability to benefit
    ({"atb_clock_hours": 225}, ELIGIBLE, D(3000)),  # or 225 clock hours
    ({"atb_test_passed": True}, ELIGIBLE, D(3000)),  # or an approved test
    # 5 credit hours, 224 clock hours and a failed test: no way in.
    ({"atb_credit_hours": 5, "atb_clock_hours": 224, "atb_test_passed": False},
     NOT_ELIGIBLE, D(0)),
    # 5 credit hours, test and clock hours not recorded: cannot tell yet.
    ({"atb_credit_hours": 5}, UNKNOWN, D(0)),
])
def test_5_ability_to_benefit(extra, status, paid):
    step = Step("weld", "Welding certificate", {"tuition_fees": D(3000)}, facts=COLLEGE)
    (budget,) = braid([step], ATB | extra, STREAMS).steps
    pell = fit(budget, "pell")
    assert pell.status == status
    assert by_stream(budget).get("pell", D(0)) == paid
    if status == ELIGIBLE:
        # WIOA Adult (22 >= 18) would pay the rest, but Pell left none: 3,000 - 3,000 = 0.
        assert budget.net == D(0)


def test_5b_ability_to_benefit_needs_a_career_pathway_program():
    facts = ATB | {"career_pathway_program": False, "atb_test_passed": True}
    step = Step("weld", "Welding", {"tuition_fees": D(3000)}, facts={"title_iv": True})
    (budget,) = braid([step], facts, STREAMS).steps
    assert fit(budget, "pell").status == NOT_ELIGIBLE
    # No Pell; WIOA Adult is eligible (22) but the step is not on the ETPL: net 3,000.
    assert budget.net == D(3000)


def test_6_unknown_income_for_an_in_school_youth():
    facts = {"age": 17, "in_school": True, "basic_skills_deficient": True}
    step = Step("bridge", "Bridge class", {"transport": D(300)})
    (budget,) = braid([step], facts, STREAMS).steps
    youth = fit(budget, "wioa-youth")
    assert youth.status == UNKNOWN
    assert "Income is not recorded." in [str(r) for r in youth.verdict.unknown]
    # Nothing else pays transport for this person: net 300.
    assert budget.paid == D(0)
    assert budget.net == D(300)


def test_7_snap_et_100_pays_tuition_and_50_50_reimburses_the_participant():
    facts = {"age": 35, "receives_snap": True, "pell_need": False}
    step = Step("forklift", "Forklift course",
                {"tuition_fees": D(1200), "transport": D(400), "childcare": D(600)})
    (budget,) = braid([step], facts, STREAMS).steps
    # 100% funds pay the provider's tuition (1,200) and never the participant's costs;
    # 50/50 funds reimburse transport 400 and child care 600, half federal each:
    # 400 x 0.5 = 200, 600 x 0.5 = 300.
    assert [(p.stream, p.kind, p.amount, p.federal) for p in budget.payments] == [
        ("snap-et-100", "tuition_fees", D(1200), None),
        ("snap-et-50-50", "transport", D(400), D(200)),
        ("snap-et-50-50", "childcare", D(600), D(300)),
    ]
    assert budget.net == D(0)  # 2,200 - (1,200 + 400 + 600)
    assert fit(budget, "tanf").status == UNKNOWN  # TANF not recorded


NOBODY = {"age": 40, "has_diploma": True, "education": "bachelor", "pell_need": False,
          "in_school": False, "receives_tanf": False, "receives_snap": False,
          "dislocated": False, "disability": False, "basic_skills_deficient": False,
          "english_learner": False, "low_income": False}


def test_8_eligible_for_nothing():
    step = Step("cert", "Private certificate", {"tuition_fees": D(3000)},
                facts={"title_iv": False, "etpl": False})
    (budget,) = braid([step], NOBODY, STREAMS).steps
    # Pell: has a bachelor's. WIOA Adult: 40 >= 18, but the step is not on the ETPL.
    # Wagner-Peyser is open to all but pays only assessment. Net 3,000.
    assert budget.payments == ()
    assert budget.net == D(3000)
    assert fit(budget, "pell").status == NOT_ELIGIBLE
    assert fit(budget, "wioa-adult").status == NOT_ELIGIBLE
    assert budget.fits_with(ELIGIBLE) == []


def test_9_a_recorded_award_pays_first_and_pell_covers_the_rest():
    step = Step("cna", "Nursing assistant", {"tuition_fees": D(3000)}, facts=COLLEGE)
    awards = [Award("wioa-adult", D(1000), step="cna")]
    (budget,) = braid([step], ADULT, STREAMS, awards).steps
    # The award is a decision: 1,000 paid. Pell pays what is left: 3,000 - 1,000 = 2,000.
    assert budget.awarded == D(1000)
    assert budget.likely == D(2000)
    assert budget.net == D(0)


def test_10_dislocated_worker_with_a_disability():
    facts = {"age": 45, "dislocated": True, "disability": True, "pell_need": False,
             "has_diploma": True, "education": "hs"}
    step = Step("cdl", "Commercial driving",
                {"tuition_fees": D(6000), "assessment": D(200), "transport": D(300)},
                facts={"etpl": True, "title_iv": False})
    (budget,) = braid([step], facts, STREAMS).steps
    # Wagner-Peyser (20) pays the assessment 200; VR (40) tuition 6,000 and transport 300;
    # WIOA Dislocated Worker (50), though eligible, has nothing left.
    assert by_stream(budget) == {"wagner-peyser": D(200),
                                 "vocational-rehabilitation": D(6300)}
    assert fit(budget, "wioa-dislocated-worker").status == ELIGIBLE
    assert budget.net == D(0)  # 6,500 - (200 + 6,300)


def test_11_tanf_parent_after_pell():
    facts = ADULT | {"receives_tanf": True}
    step = Step("ma", "Medical assistant", {"tuition_fees": D(8000), "childcare": D(2000)},
                facts={"title_iv": True, "etpl": False})
    (budget,) = braid([step], facts, STREAMS).steps
    # Pell: tuition 7,395 (cap), child care 0. TANF: tuition 8,000 - 7,395 = 605,
    # child care 2,000. WIOA Adult: step not on the ETPL.
    assert by_stream(budget) == {"pell": D(7395), "tanf": D(2605)}
    assert budget.net == D(0)


def test_12_apprentice_wages_and_instruction_from_the_sponsor():
    step = Step("appr", "Electrician apprenticeship",
                {"wbl_wages": D(20000), "tuition_fees": D(1500)}, facts={"apprenticeship": True})
    (budget,) = braid([step], {"age": 19}, STREAMS).steps
    # The employer's wage 20,000 and the sponsor's instruction 1,500 come first (rank 5).
    assert by_stream(budget) == {"registered-apprenticeship": D(21500)}
    assert budget.net == D(0)


def test_13_an_award_above_the_cost_pays_only_the_cost():
    step = Step("cna", "Nursing assistant", {"tuition_fees": D(1000)}, facts=COLLEGE)
    (budget,) = braid([step], {}, STREAMS, [Award("wioa-adult", D(5000), step="cna")]).steps
    # 5,000 awarded against 1,000 of tuition: 1,000 paid, net 0.
    assert budget.awarded == D(1000)
    assert budget.net == D(0)


LOCAL = """\
format: 1
key: county-scholarship
title: County scholarship
kind: local
source: County board resolution 2026-14
eligibility:
  source: Resolution 2026-14 sec. 2
  condition: {fact: low_income, is: true}
pays:
  - {kind: tuition_fees, source: Resolution 2026-14 sec. 3}
caps:
  - {per: step, amount: 500, source: Resolution 2026-14 sec. 4}
order: {rank: 45, source: Resolution 2026-14 sec. 5 (last dollar before WIOA)}
"""


def test_14_a_partnership_stream_with_a_cap_per_step():
    county = load_stream("county.yaml", LOCAL)
    facts = NOBODY | {"low_income": True}
    steps = [Step("a", "Part A", {"tuition_fees": D(2000)}),
             Step("b", "Part B", {"tuition_fees": D(300)})]
    first, second = braid(steps, facts, STREAMS + [county]).steps
    # 500 a step: Part A 2,000 - 500 = 1,500 left; Part B 300 (under 500), net 0.
    assert first.net == D(1500)
    assert second.net == D(0)


def test_awards_for_other_steps_or_streams_are_kept_aside():
    step = Step("a", "A", {"tuition_fees": D(100)})
    budget = braid([step], {}, STREAMS, [Award("nope", D(5), step="a"),
                                          Award("pell", D(5), step="z")])
    assert [a.stream for a in budget.unused_awards] == ["nope", "pell"]
    assert budget.net == D(100)


# -- the funding map -----------------------------------------------------------------------
def test_the_map_says_who_can_and_may_pay_and_finds_gaps():
    from pathways.funding.coverage import cover

    # An apprenticeship step: the apprenticeship pays wages (rule holds); WIOA Youth pays
    # wages with no step rule; nothing else pays wages.
    row = cover("Apprenticeship", ["wbl_wages"], {"apprenticeship": True}, STREAMS)
    assert [c.stream.key for c in row.can_pay] == ["registered-apprenticeship", "wioa-youth"]
    assert not row.gap
    # A college course whose Title IV and ETPL status are not recorded: Pell and WIOA may
    # pay, once those are known; VR, TANF, SNAP E&T and WIOA Youth can pay (no step rule).
    row = cover("Course", ["tuition_fees"], {}, STREAMS)
    assert {c.stream.key for c in row.may_pay} == {
        "pell", "adult-education", "wioa-adult", "wioa-dislocated-worker",
        "registered-apprenticeship"}
    assert "Federal student aid eligible program is not recorded." in [
        str(r) for c in row.may_pay if c.stream.key == "pell" for r in c.verdict.unknown]
    # With only a stream that pays transport, tuition is a gap.
    transport_only = [s for s in STREAMS if s.key == "snap-et-50-50"]
    row = cover("Course", ["tuition_fees"], {}, transport_only)
    assert row.gap and row.uncovered == ("tuition_fees",)
    row = cover("Course", ["tuition_fees", "transport"], {}, transport_only)
    assert not row.gap and row.uncovered == ("tuition_fees",)
