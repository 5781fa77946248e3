"""The finder's mapping and ranking (issue 20) on hand-made pathways: plain answers become
the engine's Learner, the engine's routes give time and cost, and the rest of the answers
sort ways in into fits, nearly fits and closed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pathways.apps.finder import matching
from pathways.apps.finder.matching import (
    Answers,
    StepFacts,
    find,
    interest_score,
    learner_for,
    liked,
    months,
    plain,
    yearly,
)
from pathways.navigation import (
    OR,
    Component,
    Condition,
    EntryPoint,
    ExitPoint,
    Learner,
    OccupationFacts,
    PathwayGraph,
    Reason,
    check_entry,
    plan_for,
)


def comp(cid, weeks, cost, leads_to=(), conditions=(), kind="ceterms:CourseComponent"):
    return Component(id=cid, name=cid.upper(), kind=kind, length_weeks=weeks,
                     cost=Decimal(cost), leads_to=tuple(leads_to), conditions=tuple(conditions))


def job(code, wage):
    return OccupationFacts(code=code, title=code, annual_median=wage)


NURSING = PathwayGraph(
    name="Nursing",
    components={c.id: c for c in [
        comp("bridge", 16, 0, ["cna"]),
        comp("esl", 12, 0, ["cna"]),
        comp("cna", 6, 1200, ["pn", "cna_job"], [Condition(OR, targets=("bridge", "esl"))]),
        comp("cna_job", 0, 0, kind="ceterms:JobComponent"),
        comp("pn", 48, 9500, ["lpn_job"]),
        comp("lpn_job", 0, 0, kind="ceterms:JobComponent"),
    ]},
    entry_points=(
        EntryPoint(id="e-bridge", name="Bridge", kind="adult_education", component="bridge",
                   max_education="some_hs", min_efl="ABE3", max_efl="ABE6"),
        EntryPoint(id="e-esl", name="ESL", kind="english_learner", component="esl",
                   english_levels=("limited", "intermediate"), min_efl="ESL3",
                   max_efl="ESL6"),
        EntryPoint(id="e-direct", name="Direct", kind="direct", component="cna",
                   min_education="hs"),
    ),
    exit_points=(
        ExitPoint(id="x-cna", name="Nursing assistant", component="cna_job",
                  occupation=job("31-1131.00", 36000)),
        ExitPoint(id="x-lpn", name="LPN", component="lpn_job",
                  occupation=job("29-2061.00", 56000)),
    ),
)

MACHINING = PathwayGraph(
    name="Machining",
    components={c.id: c for c in [
        comp("shop", 20, 2500, ["mach_job"]),
        comp("mach_job", 0, 0, kind="ceterms:JobComponent"),
    ]},
    entry_points=(EntryPoint(id="m-open", name="Open", kind="direct", component="shop"),),
    exit_points=(ExitPoint(id="x-mach", name="Machinist", component="mach_job",
                           occupation=job("51-4041.00", 50000)),),
)

# O*NET 29.3 interest scores of the demo's occupations (Interests.txt, scale OI).
INTERESTS = {
    "31-1131.00": {"R": 4.6, "I": 2.73, "A": 1.0, "S": 5.72, "E": 1.76, "C": 4.22},
    "29-2061.00": {"R": 4.58, "I": 3.67, "A": 1.07, "S": 5.51, "E": 2.13, "C": 4.57},
    "51-4041.00": {"R": 7.0, "I": 3.7, "A": 1.93, "S": 1.16, "E": 1.23, "C": 4.42},
}
BOTH = [("nursing", NURSING), ("machining", MACHINING)]


def answers(**kw) -> Answers:
    return Answers(**{"education": "some_hs", "english": "simple", **kw})


# -- the mapping --------------------------------------------------------------------
def test_plain_answers_become_the_engines_learner():
    assert learner_for(answers()) == Learner(education="some_hs", efl=("ESL3",),
                                             english="limited")
    assert learner_for(answers(english="fluent", education="hs")) == Learner(
        education="hs", english="proficient")
    assert [learner_for(answers(english=k)).efl for k in matching.ENGLISH] == [
        ("ESL2",), ("ESL3",), ("ESL4",), ("ESL5",), ()]


def test_six_plain_interest_areas_are_the_six_riasec_codes():
    assert sorted(matching.LIKES.values()) == sorted("RIASEC")
    assert matching.LIKES["helping"] == "S" and matching.LIKES["building"] == "R"


def test_answers_refuse_unknown_codes():
    with pytest.raises(ValueError):
        Answers(education="phd", english="simple")
    with pytest.raises(ValueError):
        Answers(education="hs", english="native")
    with pytest.raises(ValueError):
        Answers(education="hs", english="simple", likes=("X",))


def test_pay_and_time_in_plain_units():
    assert yearly(Decimal(18), "hour") == 37440
    assert yearly(Decimal("40000.4"), "year") == 40000
    with pytest.raises(ValueError):
        yearly(Decimal(1), "week")
    assert [months(w) for w in (0, 1, 4, 22, 52, 70)] == [0, 1, 1, 5, 12, 16]


def test_an_occupation_fits_what_is_liked_by_its_strongest_interests():
    cna = INTERESTS["31-1131.00"]
    assert liked(cna, "S") == ("S",) and liked(cna, "R") == ("R",)  # its top two
    assert liked(cna, "C") == ()  # third, and below 5
    assert liked(INTERESTS["51-4041.00"], "RS") == ("R",)
    assert liked({}, "S") == ()
    assert interest_score(cna, "SR") == pytest.approx(5.16)
    assert interest_score({}, "S") is None


def test_engine_reasons_in_plain_words_for_each_rule():
    learner = learner_for(answers())
    said = {e.id: [str(plain(r)) for r in check_entry(e, learner).reasons]
            for e in NURSING.entry_points}
    assert said["e-direct"] == ["You need a high school diploma or GED for this way in."]
    assert said["e-bridge"] == ["You take a short reading and math test first. It shows "
                                "if you can start here."]
    low = learner_for(answers(english="starting"))
    assert [str(plain(r)) for r in check_entry(NURSING.entry_points[1], low).reasons] == [
        "You need a little more English first. Free English classes can help."]
    fluent = learner_for(answers(english="fluent", education="hs"))
    assert [str(plain(r)) for r in check_entry(NURSING.entry_points[1], fluent).reasons][0] \
        == "This way in is for people still learning English."
    assert [str(plain(r)) for r in check_entry(NURSING.entry_points[0], fluent).reasons][0] \
        == "This way in is for people without a high school diploma."
    other = Reason("Something else.")
    assert plain(other) is other


# -- the matching and the ranking ------------------------------------------------------
def test_time_and_cost_are_the_engines_route_to_each_job():
    results = find(BOTH, answers(), INTERESTS)
    esl = next(m for m in results.fits if m.entry.id == "e-esl")
    plan = plan_for(NURSING, learner_for(answers()), "x-lpn")
    option = next(o for o in plan.options if o.entry.id == "e-esl")
    lpn = next(j for j in esl.jobs if j.exit.id == "x-lpn")
    assert (lpn.weeks, lpn.cost) == (option.route.weeks, option.route.cost)
    assert [(j.exit.id, j.weeks, j.cost) for j in esl.jobs] == [
        ("x-cna", 18, Decimal(1200)), ("x-lpn", 66, Decimal(10700))]
    assert esl.first_step.name == "ESL" and esl.first_job.exit.name == "Nursing assistant"
    assert esl.first_job.annual == 36000 and esl.first_job.hourly == 17


def test_an_adult_without_a_diploma_learning_english():
    results = find(BOTH, answers(), INTERESTS)
    # Ways in they can start now (quickest first: 18 weeks, then 20), then the one a test
    # decides.
    assert [(m.key, m.entry.id, m.status) for m in results.fits] == [
        ("nursing", "e-esl", "eligible"), ("machining", "m-open", "eligible"),
        ("nursing", "e-bridge", "needs_information")]
    assert [m.entry.id for m in results.closed] == ["e-direct"]
    bridge = results.fits[2]
    assert [str(n) for n in bridge.notes] == [
        "You take a short reading and math test first. It shows if you can start here."]
    assert not results.nothing_fits and results.why == ()


def test_what_they_like_ranks_first_among_ways_they_can_start():
    results = find(BOTH, answers(likes=("S",)), INTERESTS)
    assert [m.entry.id for m in results.fits] == ["e-esl", "e-bridge"]
    assert [m.entry.id for m in results.near] == ["m-open"]
    assert [str(r) for r in results.near[0].misses] == [
        "Its jobs are not much like what you said you like."]
    assert results.fits[0].liked == ("S",)
    building = find(BOTH, answers(likes=("R",)), INTERESTS)
    assert building.fits[0].key == "machining"  # R 7.0 beats the nurse aide's 4.6


def test_pay_needed_picks_the_job_and_time_limits_it():
    # $50,000 a year: the LPN job (66 weeks, about 15 months) is the first that pays it.
    results = find(BOTH, answers(pay=50000, months=12), INTERESTS)
    esl = next(m for m in results.near if m.entry.id == "e-esl")
    assert esl.target.exit.id == "x-lpn"
    assert [str(r) for r in esl.misses] == [
        "It takes about 15 months to reach LPN. You said 12 months."]
    assert [m.key for m in results.fits] == ["machining"]
    too_much = find(BOTH, answers(pay=90000), INTERESTS)
    assert too_much.nothing_fits
    assert [str(r) for r in too_much.why] == ["Their jobs pay less than you said you need."]
    assert len(too_much.near) == matching.NEAR


def test_hours_a_week_and_work_schedule_from_the_first_step():
    steps = {"esl": StepFacts(15, "evening"), "shop": StepFacts(30, "daytime")}
    results = find(BOTH, answers(hours=20, working=True), INTERESTS, steps)
    assert [m.entry.id for m in results.near] == ["m-open"]
    assert [str(r) for r in results.near[0].misses] == [
        "The first step takes about 30 hours a week. You said you have 20."]
    esl = next(m for m in results.fits if m.entry.id == "e-esl")
    assert "Classes meet in the evening, so you can keep working." in [str(n)
                                                                      for n in esl.notes]
    day = find(BOTH, answers(working=True), INTERESTS, steps)
    machining = next(m for m in day.fits if m.key == "machining")
    assert machining.daytime_for_a_worker
    assert day.fits[0].key == "nursing"  # evening classes before daytime ones for a worker


def test_when_no_way_in_is_open_it_says_so():
    fluent = find([("nursing", NURSING)], answers(english="fluent", education="below_9"),
                  INTERESTS)
    # The bridge is open (it needs a reading test); so ask for one it cannot pass at all.
    assert fluent.fits[0].status == "needs_information"
    closed = find([("nursing", NURSING)], answers(english="fluent", education="bachelor"),
                  INTERESTS)
    assert [m.entry.id for m in closed.fits] == ["e-direct"]
    nothing = find([("nursing", PathwayGraph(
        name="Closed", components=NURSING.components,
        entry_points=(NURSING.entry_points[2],), exit_points=NURSING.exit_points))],
        answers(), INTERESTS)
    assert nothing.nothing_fits and nothing.near == []
    assert [str(r) for r in nothing.why] == [
        "No way in is open to you yet with the schooling and English you told us."]
    assert [str(r) for r in nothing.closed[0].reasons] == [
        "You need a high school diploma or GED for this way in."]


def test_an_occupation_without_interest_data_is_not_held_against_a_pathway():
    results = find([("machining", MACHINING)], answers(likes=("S",)), {})
    assert [m.key for m in results.fits] == ["machining"]


def test_a_closed_way_in_says_what_fails_not_which_test_is_missing():
    fluent = find([("nursing", NURSING)], answers(english="fluent", education="hs"), INTERESTS)
    esl = next(m for m in fluent.closed if m.entry.id == "e-esl")
    assert [str(r) for r in esl.reasons] == [
        "This way in is for people still learning English."]
