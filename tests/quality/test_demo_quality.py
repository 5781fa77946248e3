"""The demo self-assessment is deterministic and tells the story the docs describe."""

from __future__ import annotations

import pytest

from pathways.apps.quality import queries
from pathways.apps.quality.models import Rating
from pathways.demo import build_demo_region
from pathways.demo.quality import RATERS, value_for
from pathways.demo.region import demo_partnership

pytestmark = pytest.mark.django_db


def ratings_of(demo):
    return sorted(Rating.objects.filter(round__partnership=demo).values_list(
        "round__title", "member__username", "indicator", "value"))


def test_rounds_raters_and_the_rule(demo, rounds):
    assert [r.is_open for r in rounds.values()] == [False, False, True]
    spring = rounds["spring"]
    assert spring.ratings.values("member").distinct().count() == len(RATERS) == 8
    assert rounds["open"].ratings.values("member").distinct().count() == 3
    admin_vision = spring.ratings.get(member__username="admin", indicator="c1-vision")
    assert admin_vision.value == value_for(0, "c1", 0, 1) == "3"  # width 0: all agree
    assert value_for(0, "c1", 0, 0) == "dont_know"  # (0 + 0 + 0) % 13 == 0


def test_data_improves_from_autumn_to_spring(demo, facilitator, rounds):
    access = queries.get_round_for(facilitator, rounds["spring"].pk)
    (change,) = queries.changes_since_last_round(access)
    data = next(row for row in change.trends if row[0] == "Use Data and Shared Measures")
    assert data[3] > 0.5


@pytest.mark.slow
def test_rebuilding_the_demo_gives_the_same_ratings(demo):
    before = ratings_of(demo)
    build_demo_region(force=True)

    assert ratings_of(demo_partnership()) == before
