"""The catalog-to-engine adapter on the demo's nursing pathway."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pathways.apps.catalog.graph import pathway_graph
from pathways.apps.catalog.models import Pathway
from pathways.demo import ctid
from pathways.navigation import component_ready

pytestmark = pytest.mark.django_db

SLUG = "nursing-and-patient-care"


def key(name: str) -> str:
    return ctid("component", SLUG, name)


@pytest.fixture
def graph():
    return pathway_graph(Pathway.objects.get(slug=SLUG))


def test_graph_carries_levels_credentials_and_links(graph):
    bridge = graph.components[key("bridge")]
    assert bridge.level == 1 and bridge.is_iet
    assert bridge.credential_type == "ceterms:GeneralEducationDevelopment"
    assert set(bridge.leads_to) == {key("cna"), key("phleb")}
    assert graph.components[key("pn")].credits == 45  # from the program


def test_nested_conditions_evaluate_on_real_data(graph):
    adn = graph.components[key("adn")]
    (admission,) = adn.conditions
    assert len(admission.subconditions) == 3
    # LPN diploma, 4 + 3 + 3 = 10 credits, two of three core courses: admitted.
    done = {key("pn"), key("ap1"), key("eng101"), key("math")}
    assert component_ready(adn, done, graph.components).met
    # Only 7 credits: the credit rule names what is missing.
    outcome = component_ready(adn, {key("pn"), key("ap1"), key("eng101")}, graph.components)
    assert not outcome.met
    assert any("3.0 more credits" in reason or "3 more credits" in reason
               for reason in outcome.missing)


def test_exit_wages_are_kentucky_oews(graph):
    rn = next(e for e in graph.exit_points if e.occupation.code == "29-1141.00")
    assert rn.occupation.area_title == "Kentucky"
    assert rn.occupation.annual_median and rn.occupation.annual_median > 50000


def test_building_the_graph_takes_a_fixed_number_of_queries():
    pathway = Pathway.objects.get(slug=SLUG)
    with CaptureQueriesContext(connection) as queries:
        pathway_graph(pathway)
    assert len(queries) < 25
