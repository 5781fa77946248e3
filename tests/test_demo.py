"""The demo region: deterministic, complete enough for every issue, and idempotent."""

from __future__ import annotations

import pytest

from pathways.apps.catalog.graph import build_graph
from pathways.apps.catalog.models import EntryPoint, Pathway, Sector
from pathways.apps.catalog.wioa import wioa_check
from pathways.demo import build_demo_region
from pathways.navigation import EditedPathway, Level, check_graph

pytestmark = pytest.mark.django_db


def test_three_sectors_each_with_a_complete_pathway():
    sectors = Sector.objects.filter(is_sample=True)
    assert {s.slug for s in sectors} >= {"healthcare", "advanced-manufacturing",
                                         "information-technology"}
    for pathway in Pathway.objects.filter(is_sample=True):
        assert pathway.levels.count() >= 3
        assert pathway.entry_points.count() >= 2
        assert pathway.exit_points.count() >= 3
        assert any(e.serves_adults_without_diploma for e in pathway.entry_points.all())
        for exit_point in pathway.exit_points.select_related("occupation"):
            assert exit_point.occupation.code.endswith(".00")


def test_every_pathway_has_an_english_learner_or_adult_education_entry():
    kinds = set(EntryPoint.objects.values_list("kind", flat=True))
    assert {"adult_education", "english_learner", "direct"} <= kinds


def test_building_twice_changes_nothing():
    before = Pathway.objects.count()
    summary = build_demo_region()
    assert not summary.created
    assert Pathway.objects.count() == before


@pytest.mark.slow
def test_rebuilding_gives_the_same_identifiers():
    before = sorted(Pathway.objects.values_list("ctid", flat=True))
    build_demo_region(force=True)
    assert sorted(Pathway.objects.values_list("ctid", flat=True)) == before


def test_demo_pathways_meet_every_wioa_element():
    for pathway in Pathway.objects.filter(is_sample=True):
        results = wioa_check(pathway)
        assert {r.element: r.status for r in results} == dict.fromkeys("ABCDEFG", "met"), \
            (pathway.slug, [(r.element, r.status, r.reasons) for r in results])


def test_demo_pathways_pass_the_graph_checks():
    for pathway in Pathway.objects.filter(is_sample=True):
        levels = tuple(Level(str(lv.pk), lv.name, lv.order) for lv in pathway.levels.all())
        problems = check_graph(EditedPathway(build_graph(pathway), levels))
        assert problems == (), (pathway.slug, [str(p.message) for p in problems])
