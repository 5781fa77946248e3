"""The graph checks on small hand-made pathways: one example (or more) for each problem code."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pathways.navigation import (
    AND,
    BLOCKS_PUBLISHING,
    NOT,
    OR,
    WARNING,
    Component,
    Condition,
    EditedPathway,
    EntryPoint,
    ExitPoint,
    Level,
    OtherStep,
    PathwayGraph,
    Problem,
    Reason,
    blocks_publishing,
    check_graph,
)
from pathways.navigation.checks import SEVERITY


def step(cid: str, leads_to=(), conditions=(), level: int | None = 1) -> Component:
    return Component(cid, cid.title(), "ceterms:CourseComponent", level=level,
                     leads_to=tuple(leads_to), conditions=tuple(conditions))


def pathway(*steps: Component, entries=("a",), exits=("z",)) -> PathwayGraph:
    return PathwayGraph(
        name="Test", components={s.id: s for s in steps},
        entry_points=tuple(EntryPoint(f"e-{c}", f"Entry {c}", "direct", c) for c in entries),
        exit_points=tuple(ExitPoint(f"x-{c}", f"Exit {c}", c) for c in exits))


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def only(problems, code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, codes(problems)
    return found[0]


def test_a_sound_pathway_has_no_problems():
    graph = pathway(step("a", ["b"]), step("b", ["z"]), step("z"))
    assert check_graph(graph) == ()
    assert not blocks_publishing(check_graph(graph))


def test_a_step_that_leads_to_itself():
    graph = pathway(step("a", ["a", "z"]), step("z"))
    problem = only(check_graph(graph), "self_loop")
    assert problem.components == ("a",)
    assert problem.severity == BLOCKS_PUBLISHING
    assert str(problem.message) == "A leads to itself."
    assert problem.message == Reason("%(step)s leads to itself.", {"step": "A"})


def test_a_step_that_needs_itself():
    graph = pathway(step("a", ["z"]), step("z", conditions=[Condition(OR, ("a", "z"))]))
    problem = only(check_graph(graph), "self_loop")
    assert problem.components == ("z",)
    assert str(problem.message) == "Z needs itself to be done first."


def test_a_cycle_names_its_steps_in_order():
    graph = pathway(step("a", ["b"]), step("b", ["c"]), step("c", ["d", "z"]),
                    step("d", ["b"]), step("z"))
    problem = only(check_graph(graph), "cycle")
    assert problem.components == ("b", "c", "d")
    assert str(problem.message) == "These steps go round in a loop: B → C → D → B."
    assert problem.blocks_publishing


def test_a_cycle_through_conditions_is_a_cycle_too():
    # B needs C and C needs B: neither can ever open.
    graph = pathway(step("a", ["b"]), step("b", ["z"], [Condition(AND, ("a", "c"))]),
                    step("c", conditions=[Condition(AND, ("b",))]), step("z"))
    assert only(check_graph(graph), "cycle").components == ("b", "c")


def test_each_tangle_of_steps_is_reported_once():
    graph = pathway(step("a", ["b", "d"]), step("b", ["c"]), step("c", ["b", "z"]),
                    step("d", ["e"]), step("e", ["d", "z"]), step("z"))
    cycles = [p.components for p in check_graph(graph) if p.code == "cycle"]
    assert cycles == [("b", "c"), ("d", "e")]


def test_excluding_rules_give_no_order():
    # "None of: Z" on A neither makes Z come before A nor closes a loop.
    graph = pathway(step("a", ["z"], [Condition(NOT, ("z",))]), step("z"))
    assert check_graph(graph) == ()


def test_a_step_no_entry_point_reaches_is_a_warning():
    graph = pathway(step("a", ["z"]), step("island", ["z"]), step("z"))
    problem = only(check_graph(graph), "unreachable_step")
    assert problem.components == ("island",)
    assert problem.severity == WARNING
    assert str(problem.message) == "No entry point reaches Island."
    assert not blocks_publishing(check_graph(graph))


def test_a_prerequisite_pulled_in_by_a_condition_is_on_the_way():
    # Nothing links to the general-education course, but the degree needs it.
    graph = pathway(step("a", ["degree"]),
                    step("gened"),
                    step("degree", ["z"], [Condition(AND, ("a", "gened"))]), step("z"))
    assert check_graph(graph) == ()


def test_conditions_alone_give_the_order():
    # No links at all, as in many CTDL pathways: Z needs one of A or B.
    graph = pathway(step("a"), step("b"), step("z", conditions=[Condition(OR, ("a", "b"))]),
                    entries=("a", "b"))
    assert check_graph(graph) == ()


def test_an_exit_no_entry_reaches():
    graph = pathway(step("a", ["z"]), step("z"), step("y"), exits=("z", "y"))
    problems = check_graph(graph)
    problem = only(problems, "unreachable_exit")
    assert problem.exit_points == ("x-y",) and problem.components == ("y",)
    assert str(problem.message) == "No entry point leads to the exit Exit y (after Y)."
    assert problem.blocks_publishing
    assert only(problems, "unreachable_step").components == ("y",)


def test_an_entry_with_no_route_to_any_exit():
    graph = pathway(step("a", ["z"]), step("b", ["c"]), step("c"), step("z"),
                    entries=("a", "b"))
    problem = only(check_graph(graph), "dead_end_entry")
    assert problem.entry_points == ("e-b",) and problem.components == ("b",)
    assert str(problem.message).startswith("The entry point Entry b leads to no exit")


def test_a_prerequisite_only_exit_is_not_reached_by_a_route():
    # Y is taken on the way to Z (Z needs it), but no chain leads from the entry to Y.
    graph = pathway(step("a", ["z"]), step("y"), step("z", conditions=[Condition(AND, ("y",))]),
                    exits=("z", "y"))
    assert codes(check_graph(graph)) == ["unreachable_exit"]


def test_an_empty_level():
    graph = pathway(step("a", ["z"]), step("z", level=3))
    levels = (Level("l1", "Bridge", 1), Level("l2", "Certificate", 2), Level("l3", "Job", 3))
    problem = only(check_graph(EditedPathway(graph, levels)), "empty_level")
    assert problem.levels == ("l2",) and problem.severity == WARNING
    assert str(problem.message) == "The level Certificate has no steps."


def test_a_condition_naming_a_step_of_another_pathway():
    graph = pathway(step("a", ["z"]), step("z", conditions=[Condition(AND, ("a", "cna-9"))]))
    other = (OtherStep("cna-9", "Nurse aide training", "Nursing"),)
    problem = only(check_graph(EditedPathway(graph, other_steps=other)),
                   "foreign_condition_target")
    assert problem.components == ("z", "cna-9")
    assert str(problem.message) == ("A condition of Z names Nurse aide training, a step of "
                                    "another pathway (Nursing).")
    assert problem.blocks_publishing


def test_a_condition_naming_an_unknown_step():
    nested = Condition(AND, subconditions=(Condition(NOT, ("gone",)),))
    graph = pathway(step("a", ["z"]), step("z", conditions=[nested]))
    problem = only(check_graph(graph), "unknown_condition_target")
    assert problem.components == ("z", "gone")
    assert str(problem.message) == "A condition of Z names a step that is not in this " \
        "pathway (gone)."


def test_links_entries_and_exits_outside_the_pathway():
    graph = pathway(step("a", ["z", "cna-9", "gone"]), step("z"), entries=("a", "elsewhere"),
                    exits=("z", "cna-9"))
    other = (OtherStep("cna-9", "Nurse aide training", "Nursing"),)
    problems = check_graph(EditedPathway(graph, other_steps=other))
    assert codes(problems) == ["foreign_link_target", "unknown_link_target",
                               "entry_outside_pathway", "exit_outside_pathway"]
    assert str(problems[0].message) == ("A leads to Nurse aide training, a step of another "
                                        "pathway (Nursing).")
    assert problems[2].entry_points == ("e-elsewhere",)
    assert str(problems[3].message) == ("The exit point Exit cna-9 follows a step that is not "
                                        "in this pathway (Nurse aide training, Nursing).")
    assert all(p.blocks_publishing for p in problems)


def test_a_new_pathway_says_what_it_lacks_once():
    graph = pathway(step("a"), step("b"), entries=(), exits=())
    assert codes(check_graph(graph)) == ["no_entry_points", "no_exit_points"]
    no_exits = pathway(step("a"), step("b", ["a"]), entries=("b",), exits=())
    assert codes(check_graph(no_exits)) == ["no_exit_points"]
    assert codes(check_graph(pathway(entries=(), exits=()))) == ["no_entry_points",
                                                                  "no_exit_points"]


def test_blocking_problems_come_first_and_every_code_has_a_severity():
    graph = pathway(step("a", ["a", "z"]), step("island"), step("z"))
    problems = check_graph(EditedPathway(graph, (Level("l9", "Empty", 9),)))
    assert codes(problems) == ["self_loop", "unreachable_step", "empty_level"]
    assert set(SEVERITY.values()) == {BLOCKS_PUBLISHING, WARNING}
    with pytest.raises(ValueError, match="unknown problem code"):
        Problem("typo", Reason("x"))


def test_the_map_of_a_real_shape_passes():
    # The demo's nursing pathway, in short: links, an OR entry rule, a nested degree rule.
    graph = PathwayGraph(name="Nursing", components={c.id: c for c in [
        step("bridge", ["cna"]), step("esl", ["cna"]),
        step("cna", ["pn", "cna_job"], [Condition(OR, ("bridge", "esl"))], level=2),
        step("cna_job", level=2), step("ap1", level=3), step("eng", level=3),
        step("pn", ["adn"], [Condition(AND, ("cna", "ap1"))], level=3),
        step("adn", ["rn_job"], [Condition(AND, subconditions=(
            Condition(OR, ("pn", "cna")), Condition(targets=("ap1", "eng"),
                                                   required_number=2)))], level=4),
        step("rn_job", level=4)]},
        entry_points=(EntryPoint("e1", "Bridge", "adult_education", "bridge"),
                      EntryPoint("e2", "ESL", "english_learner", "esl"),
                      EntryPoint("e3", "Direct", "direct", "cna")),
        exit_points=(ExitPoint("x1", "Aide", "cna_job"), ExitPoint("x2", "RN", "rn_job")))
    levels = tuple(Level(f"l{n}", f"Level {n}", n) for n in range(1, 5))
    assert check_graph(EditedPathway(graph, levels)) == ()
    looped = replace(graph, components={**graph.components, "adn": replace(
        graph.components["adn"], leads_to=("rn_job", "cna"))})
    # The degree accepts the nurse aide credential, so CNA comes right before ADN: the
    # shortest loop skips PN.
    assert only(check_graph(looped), "cycle").components == ("cna", "adn")
