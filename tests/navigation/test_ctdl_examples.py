"""The engine on the real CTDL examples' conditions (CompTIA, Bakersfield College).

The files are read with the CTDL engine and turned into the navigation graph here, the
way the catalog import does (``requiredNumber`` counts, ``OnlyOne`` reads as Or), so this
stays a plain-Python test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pathways.navigation import (
    AVAILABLE,
    BLOCKED,
    DONE,
    OR,
    Component,
    Condition,
    PathwayGraph,
    component_ready,
    plan_route,
    step_states,
)
from pathways.standards import ctdl
from tests.standards.ctdl_helpers import BAKERSFIELD, COMPTIA, COMPTIA_MODEL


def _condition(c: ctdl.Condition) -> Condition:
    credits = next((x.credit_minimum() for x in c.constraints
                    if x.credit_minimum() is not None), None)
    return Condition(operator=OR if c.operator == ctdl.ONLY_ONE else c.operator,
                     targets=tuple(c.targets), required_number=c.required_number,
                     required_credits=credits, name=c.name or c.description,
                     subconditions=tuple(_condition(s) for s in c.conditions))


def to_graph(*paths) -> tuple[PathwayGraph, dict[str, str]]:
    doc = ctdl.read_files(list(paths)).pathways[0]
    components = {c.ctid: Component(id=c.ctid, name=c.name.strip(), kind=c.component_type,
                                    credits=c.credit_value, leads_to=tuple(c.precedes),
                                    conditions=tuple(_condition(k) for k in c.conditions))
                  for c in doc.components}
    return (PathwayGraph(name=doc.name, components=components),
            {c.name.strip(): c.ctid for c in doc.components})


@pytest.fixture(scope="module")
def comptia():
    return to_graph(COMPTIA, COMPTIA_MODEL)


@pytest.fixture(scope="module")
def bakersfield():
    return to_graph(BAKERSFIELD)


def test_comptia_each_certification_needs_the_one_before(comptia):
    graph, ids = comptia
    network = graph.components[ids["CompTIA Network+"]]
    assert not component_ready(network, set(), graph.components).met
    assert component_ready(network, {ids["CompTIA A+"]}, graph.components).met
    blocked = component_ready(graph.components[ids["CompTIA Security+"]], {ids["CompTIA A+"]},
                              graph.components)
    assert blocked.missing == ("1 more of: CompTIA Network+",)


def test_comptia_route_is_worked_back_from_the_conditions(comptia):
    graph, ids = comptia
    route = plan_route(graph, ids["CompTIA A+"], ids["IT Networking Specialist"])
    names = [graph.components[c].name for c in route.steps]
    assert names == ["CompTIA A+", "CompTIA Network+", "CompTIA Security+", "CompTIA Project+",
                     "CompTIA Cloud Essentials+", "CompTIA Linux+", "CompTIA Server+",
                     "CompTIA Cloud+", "IT Networking Specialist"]
    # A+ and Network+ already held: the route starts at Security+, which is open now.
    held = {ids["CompTIA A+"], ids["CompTIA Network+"]}
    rest = plan_route(graph, ids["CompTIA A+"], ids["IT Networking Specialist"], held)
    assert graph.components[rest.steps[0]].name == "CompTIA Security+"
    states = step_states(graph, held, [ids["CompTIA Network+"], *rest.steps[:2]])
    assert [s.state for s in states] == [DONE, AVAILABLE, BLOCKED]
    assert [str(r) for r in states[2].reasons] == ["1 more of: CompTIA Security+"]


def test_bakersfield_choose_one_of_the_listed_courses(bakersfield):
    graph, ids = bakersfield
    choice = graph.components[ids["Selection of one course from HIST B1, HIST B15, HIST B18, "
                                  "PHIL B10 or PHIL B12"]]
    outcome = component_ready(choice, set(), graph.components)
    assert not outcome.met
    assert outcome.missing[0].startswith("1 more of: World History from the Origins")
    assert component_ready(choice, {ids["Introduction to Ethics"]}, graph.components).met


def test_bakersfield_degree_as_a_credit_sum_over_its_real_courses(bakersfield):
    graph, ids = bakersfield
    courses = tuple(cid for cid, c in graph.components.items() if c.credits)
    assert sum(graph.components[c].credits for c in courses) == Decimal(96)
    rule = Condition(targets=courses, required_credits=Decimal(60), name="60 units")
    degree = Component(id="degree", name="AS-T", kind="ceterms:CredentialComponent",
                       conditions=(rule,))
    first_year = {ids[name] for name in [
        "Programming Concepts and Methology I", "Programming Concepts and Methology II",
        "Analytic Geometry/Calculus I", "Analytic Geometry/Calculus II", "Expository Composition"]}
    outcome = component_ready(degree, first_year, graph.components)
    assert outcome.missing[0].startswith("43 more credits from:")  # 3 + 3 + 4 + 4 + 3 = 17
