"""The results page and CSV agree with hand-computed figures for a small round."""

from __future__ import annotations

import csv
import io

import pytest

from pathways.apps.quality.models import Rating, Round
from tests.quality.conftest import login, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(other):
    """The other partnership's round, closed: c1-vision rated 1, 2, 4 by three people."""
    found = other["round"]
    Rating.objects.filter(round=found, member=other["people"][0]).update(
        contributes=["policy"], attention=[])
    Rating.objects.filter(round=found, member=other["people"][1]).update(
        contributes=["policy"], attention=["data"])
    Rating.objects.filter(round=found, member=other["people"][2]).update(attention=["data"])
    found.status = Round.Status.CLOSED
    found.save()
    return other


def test_csv_matches_the_hand_computed_figures(small):
    response = login(small["people"][0]).get(f"/quality/rounds/{small['round'].pk}/results.csv")
    rows = {r["indicator"] or r["criterion"]: r
            for r in csv.DictReader(io.StringIO(response.content.decode()))}
    vision = rows["c1-vision"]
    # 1, 2, 4: median 2, mean 7/3, spread 3; Leik: shares 1/3, 2/3, 2/3 -> 1/3*3 -> 2/3
    assert (vision["median"], vision["mean"], vision["spread"]) == ("2.0", "2.333333", "3")
    assert (vision["count_1"], vision["count_2"], vision["count_4"]) == ("1", "1", "1")
    assert vision["disagreement"] == "0.666667" and vision["dont_know_share"] == "0.0"
    c1 = rows["c1"]
    assert (c1["contributes_policy"], c1["attention_data"], c1["attention_policy"]) == (
        "2", "2", "0")
    assert rows["c2"]["people"] == "0" and rows["c2"]["median"] == ""


def test_results_page_has_an_accessible_heatmap_ranked_lists_and_a_print_stylesheet(small):
    page = login(small["lead"]).get(f"/quality/rounds/{small['round'].pk}/results/"
                                    ).content.decode()
    assert "<caption id=\"heatmap-caption\">" in page and 'scope="row"' in page
    assert "2 contributes, 0 needs attention" in page  # the cell in words
    assert "most often needing attention: Data" in page
    assert 'href="/static/pathways/quality.css"' in page
    assert "Strengths" in page and "Priorities" in page
    assert "Where members disagree most" in page
    assert "This is the first closed round on this framework" in page


def test_trend_compares_the_demo_rounds(rounds, member):
    page = login(member).get(f"/quality/rounds/{rounds['spring'].pk}/results/").content.decode()
    assert "Median (and mean) per criterion in each round on this framework" in page
    assert page.index("Autumn 2025 self-assessment</th>") < page.index(
        "Spring 2026 self-assessment</th>")


def test_results_of_an_empty_round_render(small):
    lead = small["lead"]
    empty = Round.objects.create(partnership=small["partnership"],
                                 framework=small["round"].framework,
                                 framework_checksum=small["round"].framework_checksum,
                                 title="Empty")
    make_person("late", small["partnership"])
    page = login(lead).get(f"/quality/rounds/{empty.pk}/results/")
    assert page.status_code == 200 and "No answers" in page.content.decode()
