"""Career plans on a hand-made pathway: the way in, the route, wages on the way, next steps."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pathways.navigation import (
    AND,
    AVAILABLE,
    BLOCKED,
    DONE,
    NOT,
    OR,
    Component,
    Condition,
    EntryPoint,
    ExitPoint,
    Learner,
    OccupationFacts,
    PathwayGraph,
    plan_for,
    plans_for_occupation,
    step_states,
)


def comp(cid, weeks, cost, leads_to=(), conditions=(), credits=None, kind="ceterms:Course"):
    return Component(id=cid, name=cid.upper(), kind=kind, length_weeks=weeks,
                     cost=Decimal(cost), leads_to=tuple(leads_to), conditions=tuple(conditions),
                     credits=Decimal(credits) if credits else None)


def job(code, wage):
    return OccupationFacts(code=code, title=code, annual_median=wage)


NURSING = PathwayGraph(
    name="Nursing",
    components={c.id: c for c in [
        comp("bridge", 16, 0, ["cna"]),
        comp("esl", 12, 0, ["cna"]),
        comp("cna", 6, 1200, ["pn", "cna_job"], [Condition(OR, targets=("bridge", "esl"))]),
        comp("cna_job", 0, 0, kind="ceterms:JobComponent"),
        comp("ap1", 16, 720, credits=4),
        comp("pn", 48, 9500, ["lpn_job"], [Condition(AND, targets=("cna", "ap1"))]),
        comp("lpn_job", 0, 0, kind="ceterms:JobComponent"),
    ]},
    entry_points=(
        EntryPoint(id="e-bridge", name="Bridge", kind="adult_education", component="bridge",
                   max_education="some_hs", min_efl="ABE3", max_efl="ABE6"),
        EntryPoint(id="e-esl", name="ESL", kind="english_learner", component="esl",
                   english_levels=("limited", "intermediate")),
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


def test_adult_without_diploma_gets_the_bridge_and_wages_along_the_way():
    plan = plan_for(NURSING, Learner(education="some_hs", efl=("ABE4",), english="proficient"),
                    "x-lpn")
    best = plan.recommended
    assert best.entry.id == "e-bridge" and best.rank == 1
    assert best.route.steps == ("bridge", "cna", "ap1", "pn", "lpn_job")
    assert (best.route.weeks, best.route.cost) == (16 + 6 + 16 + 48, Decimal(11420))
    # The nurse-aide job is one link away from the CNA step: 22 weeks, $1,200 in.
    assert [(e.exit.id, e.weeks, e.cost, e.annual_median) for e in best.exits] == [
        ("x-cna", 22, Decimal(1200), 36000), ("x-lpn", 86, Decimal(11420), 56000)]
    assert str(best.reasons[0]) == "The quickest way in that fits this person: 86 weeks, $11,420."
    ranked = {o.entry.id: (o.rank, [str(r) for r in o.reasons]) for o in plan.options}
    assert ranked["e-direct"] == (None, ["Needs at least: High school diploma or equivalent."])
    assert ranked["e-esl"] == (None, ["For English levels: limited, intermediate."])


def test_alternatives_are_ranked_and_say_why():
    person = Learner(education="hs", efl=("ABE4",), english="intermediate")
    plan = plan_for(NURSING, person, "x-lpn")
    assert [(o.entry.id, o.rank) for o in plan.options] == [
        ("e-direct", 1), ("e-esl", 2), ("e-bridge", None)]
    esl = plan.options[1]
    assert [str(r) for r in esl.reasons] == ["12 weeks longer than the recommended route."]
    assert [s.state for s in plan.steps] == [AVAILABLE, AVAILABLE, BLOCKED, BLOCKED]
    assert [str(r) for r in plan.steps[2].reasons] == ["CNA", "AP1"]  # what PN waits for


def test_credentials_already_held_skip_steps_and_open_the_next():
    person = Learner(education="some_hs", efl=("ABE5",), completed=frozenset({"bridge", "cna"}))
    plan = plan_for(NURSING, person, "x-lpn")
    assert plan.recommended.route.steps == ("ap1", "pn", "lpn_job")
    assert plan.recommended.route.cost == Decimal(10220)
    assert [(s.component.id, s.state) for s in plan.steps] == [
        ("ap1", AVAILABLE), ("pn", BLOCKED), ("lpn_job", BLOCKED)]
    done = plan_for(NURSING, Learner(completed=frozenset({"cna", "cna_job"})), "x-cna")
    assert done.recommended.route.steps == () and done.recommended.route.weeks == 0


def test_nobody_fits_yet_means_no_recommendation_but_every_way_in_explained():
    plan = plan_for(NURSING, Learner(), "x-lpn")
    assert plan.recommended is None
    assert {o.eligibility.status for o in plan.options} == {"needs_information"}
    assert all(str(o.reasons[0]) == "Could fit once the assessment is complete."
               for o in plan.options)


def test_unknown_goal_is_an_error():
    with pytest.raises(KeyError):
        plan_for(NURSING, Learner(), "x-astronaut")


def test_step_states_for_not_n_of_and_credit_sums():
    g = PathwayGraph(name="rules", components={c.id: c for c in [
        comp("a", 1, 0, credits=3), comp("b", 1, 0, credits=4), comp("c", 1, 0, credits=3),
        comp("lateral", 1, 0),
        comp("two_of", 1, 0, conditions=[Condition(targets=("a", "b", "c"),
                                                   required_number=2)]),
        comp("credits", 1, 0, conditions=[Condition(targets=("a", "b", "c"),
                                                    required_credits=Decimal(7))]),
        comp("not_lateral", 1, 0, conditions=[Condition(NOT, targets=("lateral",))]),
    ]})
    states = {s.component.id: s for s in step_states(
        g, {"a", "lateral"}, ["a", "two_of", "credits", "not_lateral"])}
    assert states["a"].state == DONE
    assert states["two_of"].state == BLOCKED
    assert str(states["two_of"].reasons[0]) == "1 more of: B, C"
    assert str(states["credits"].reasons[0]) == "4 more credits from: B, C"
    assert str(states["not_lateral"].reasons[0]) == "must not have: LATERAL"
    opened = {s.component.id: s.state for s in step_states(
        g, {"a", "b"}, ["two_of", "credits", "not_lateral"])}
    assert opened == {"two_of": AVAILABLE, "credits": AVAILABLE, "not_lateral": AVAILABLE}


def test_a_step_nothing_has_led_to_yet_is_blocked_by_its_predecessors():
    (state,) = step_states(NURSING, set(), ["ap1"])
    assert state.state == AVAILABLE  # no predecessor, no condition: open to anyone
    (lpn,) = step_states(NURSING, {"cna", "ap1"}, ["lpn_job"])
    assert lpn.state == BLOCKED and str(lpn.reasons[0]) == "finishing one of: PN"


def test_plans_for_an_occupation_across_pathways_quickest_first():
    fast = PathwayGraph(name="Fast", components={c.id: c for c in [
        comp("cna", 4, 900, ["cna_job"]), comp("cna_job", 0, 0)]},
        entry_points=(EntryPoint(id="f", name="Any", kind="direct", component="cna"),),
        exit_points=(ExitPoint(id="fx", name="Aide", component="cna_job",
                               occupation=job("31-1131.00", 36000)),))
    person = Learner(education="some_hs", efl=("ABE4",))
    found = plans_for_occupation([NURSING, fast], person, "31-1131.00")
    assert [(g.name, p.recommended.route.weeks) for g, p in found] == [("Fast", 4),
                                                                      ("Nursing", 22)]
    assert plans_for_occupation([NURSING], person, "99-9999.00") == []
