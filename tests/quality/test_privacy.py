"""Who sees what: members see aggregates of closed rounds with small cells withheld; the
facilitator sees everything; nobody outside a partnership sees any of it, by URL or by id."""

from __future__ import annotations

import csv
import io

import pytest

from pathways.apps.quality import actions, queries
from pathways.apps.quality.models import Action, FrameworkVersion, Rating, WorkshopTable
from pathways.core import InputError
from pathways.demo.quality import SHY_INDICATOR
from tests.quality.conftest import login, user

pytestmark = pytest.mark.django_db


def csv_rows(response) -> dict[str, dict]:
    rows = csv.DictReader(io.StringIO(response.content.decode()))
    return {row["indicator"] or row["criterion"]: row for row in rows}


def test_a_cell_with_fewer_than_three_people_is_withheld_from_members_only(rounds, member,
                                                                          facilitator):
    url = f"/quality/rounds/{rounds['spring'].pk}/results.csv"
    members_view = csv_rows(login(member).get(url))[SHY_INDICATOR]
    assert members_view["people"] == "2" and members_view["withheld"] == "yes"
    assert members_view["median"] == "" and members_view["count_3"] == ""
    lead_view = csv_rows(login(facilitator).get(url))[SHY_INDICATOR]
    assert lead_view["withheld"] == "" and lead_view["median"] != ""
    page = login(member).get(f"/quality/rounds/{rounds['spring'].pk}/results/")
    assert "Withheld: 2 people answered (fewer than 3)" in page.content.decode()


def test_members_see_results_only_once_the_round_is_closed(rounds, member, facilitator):
    url = f"/quality/rounds/{rounds['open'].pk}/results/"
    assert login(member).get(url).status_code == 403
    assert login(member).get(url.replace("results/", "results.csv")).status_code == 403
    assert login(facilitator).get(url).status_code == 200


def test_individual_ratings_are_for_the_facilitator(rounds, member, facilitator):
    for suffix in ("ratings/", "ratings.csv"):
        url = f"/quality/rounds/{rounds['spring'].pk}/{suffix}"
        assert login(member).get(url).status_code == 403
        response = login(facilitator).get(url)
        assert response.status_code == 200
        assert b"Carmen Cruz" in response.content or b"team-college," in response.content


def test_another_partnership_sees_nothing_by_url(rounds, other, demo):
    outsider = login(other["lead"])
    spring = rounds["spring"]
    table = WorkshopTable.objects.filter(workshop__round=spring).first()
    action = Action.objects.filter(partnership=demo).first()
    own = FrameworkVersion.objects.create(key="own", version="1", title="Own", level="any",
                                          partnership=demo, content="x", checksum="x")
    urls = [f"/quality/p/{demo.pk}/", f"/quality/p/{demo.pk}/frameworks/",
            f"/quality/p/{demo.pk}/actions/", f"/quality/p/{demo.pk}/actions/new/",
            f"/quality/p/{other['partnership'].pk}/frameworks/{own.pk}/",
            f"/quality/actions/{action.pk}/", f"/quality/tables/{table.pk}/"]
    for suffix in ("", "rate/c1/", "results/", "results.csv", "ratings/", "ratings.csv",
                   "workshop/", "workshop/state.json", "workshop/report-out/"):
        urls.append(f"/quality/rounds/{spring.pk}/{suffix}")
    for url in urls:
        assert outsider.get(url).status_code == 404, url
    # and the demo partnership cannot see the other one's round either
    assert login(user("analyst")).get(f"/quality/rounds/{other['round'].pk}/results/"
                                      ).status_code == 404


def test_another_partnership_changes_nothing_by_url(rounds, other, demo):
    outsider = login(other["lead"])
    open_round = rounds["open"]
    before = Rating.objects.filter(round=open_round).count()
    posts = [(f"/quality/rounds/{open_round.pk}/rate/c1/", {"c1-vision-value": "1"}),
             (f"/quality/rounds/{open_round.pk}/close/", {}),
             (f"/quality/rounds/{open_round.pk}/workshop/setup/", {"tables": 2,
                                                                   "notes_minutes": 5,
                                                                   "conversation_minutes": 15}),
             (f"/quality/rounds/{open_round.pk}/workshop/timer/", {"command": "start"}),
             (f"/quality/p/{demo.pk}/rounds/new/", {"title": "x"}),
             (f"/quality/p/{demo.pk}/actions/new/", {"title": "x", "status": "open"}),
             (f"/quality/actions/{Action.objects.filter(partnership=demo).first().pk}/",
              {"title": "taken over", "status": "done"})]
    for url, data in posts:
        assert outsider.post(url, data).status_code == 404, url
    open_round.refresh_from_db()
    assert open_round.is_open and not hasattr(open_round, "workshop")
    assert Rating.objects.filter(round=open_round).count() == before
    assert not Action.objects.filter(title__in=["x", "taken over"]).exists()


def test_another_partnership_cannot_use_ids_from_this_one(rounds, other, demo):
    """Ids slipped into a form of one's own partnership are refused too."""
    lead = other["lead"]
    access = queries.get_partnership_for(lead, other["partnership"].pk)
    with pytest.raises(InputError, match="no such round in this partnership"):
        actions.create_action(access, actions.ActionInput(
            "Peek", round_id=rounds["spring"].pk, indicator="c1-vision"))
    response = login(lead).post(f"/quality/p/{other['partnership'].pk}/actions/new/", {
        "title": "Peek", "status": "open", "round": rounds["spring"].pk,
        "indicator": "c1-vision"})
    assert response.status_code == 302
    assert Action.objects.get(title="Peek").round is None  # the foreign round was ignored
    own = FrameworkVersion.objects.create(key="own", version="1", title="Own", level="any",
                                          partnership=demo, content="x", checksum="x")
    with pytest.raises(InputError, match="belongs to another partnership"):
        actions.open_round(access, own, "Borrowed")
    # and a foreign user cannot be made the owner of an action
    with pytest.raises(InputError, match="the owner must be a member"):
        actions.create_action(access, actions.ActionInput("Own it", owner_id=user(
            "partner").pk))


def test_people_without_the_permission_are_refused(demo):
    assert login(user("participant")).get("/quality/").status_code == 403
    assert login(user("participant")).get(f"/quality/p/{demo.pk}/").status_code == 403
    # Navigators take part in their own partnership's self-assessment.
    assert login(user("navigator")).get(f"/quality/p/{demo.pk}/").status_code == 200
