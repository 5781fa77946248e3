"""Action plans from indicators and priorities; the dashboard lists open actions and what
changed since the last round."""

from __future__ import annotations

import pytest

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.quality.models import Action
from tests.quality.conftest import login, user

pytestmark = pytest.mark.django_db


def test_an_action_from_an_indicator(demo, rounds, member):
    client = login(member)
    url = (f"/quality/p/{demo.pk}/actions/new/?round={rounds['spring'].pk}"
           "&indicator=c5-gaps")
    form = client.get(url).content.decode()
    assert "Results are broken down by group" in form  # the title starts as the indicator
    response = client.post(f"/quality/p/{demo.pk}/actions/new/", {
        "round": rounds["spring"].pk, "indicator": "c5-gaps", "title": "Break results down",
        "owner": user("analyst").pk, "due_on": "2026-11-30", "status": "open", "notes": ""})
    assert response.status_code == 302
    action = Action.objects.get(title="Break results down")
    assert (action.criterion, action.indicator, action.round, action.owner.username,
            str(action.due_on)) == ("c5", "c5-gaps", rounds["spring"], "analyst", "2026-11-30")
    assert AuditEntry.objects.filter(action="quality.action.create",
                                     object_id=str(action.pk)).exists()


def test_results_link_every_priority_to_a_new_action(rounds, member):
    page = login(member).get(f"/quality/rounds/{rounds['spring'].pk}/results/").content.decode()
    assert f"?round={rounds['spring'].pk}&amp;indicator=c4-" in page


def test_bad_action_input_is_refused(demo, member):
    response = login(member).post(f"/quality/p/{demo.pk}/actions/new/", {
        "title": "", "owner": 999999, "due_on": "someday", "status": "open"})
    assert response.status_code == 200 or response.status_code == 400
    text = response.content.decode()
    assert "This field is required." in text and "Enter a valid date." in text
    assert "Select a valid choice." in text
    assert not Action.objects.filter(title="").exists()


def test_owner_updates_status_and_others_cannot(demo, member, facilitator):
    action = Action.objects.get(title__startswith="Map every funding stream")
    owner = login(action.owner)
    response = owner.post(f"/quality/actions/{action.pk}/", {
        "title": action.title, "owner": action.owner.pk, "status": "done", "notes": "Mapped.",
        "opened_version": action.version})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.completed_at is not None
    entry = AuditEntry.objects.get(action="quality.action.update", object_id=str(action.pk))
    assert entry.changes["status"] == ["open", "done"]
    stranger = login(user("editor"))  # a member, but not owner, planner or facilitator
    assert stranger.get(f"/quality/actions/{action.pk}/").status_code == 200
    assert stranger.post(f"/quality/actions/{action.pk}/", {
        "title": "x", "status": "open", "opened_version": action.version}).status_code == 403


def test_dashboard_lists_open_actions_and_what_changed(demo, member):
    page = login(member).get(f"/quality/p/{demo.pk}/").content.decode()
    assert "Publish one co-enrolment form for all partners" in page
    assert "Agree a shared data-sharing agreement" in page  # done since the autumn round
    assert "Autumn 2025 self-assessment compared with Spring 2026 self-assessment" in page
    assert "change-up" in page  # data and shared measures improved
    assert "Open a new round" not in page  # members cannot open rounds


@pytest.mark.parametrize("value", ["²", "x", "9" * 30])
def test_a_round_that_is_not_a_round_number_is_a_bad_request(demo, member, value):
    client = login(member)
    url = f"/quality/p/{demo.pk}/actions/new/"
    assert client.get(url, {"round": value}).status_code == 400
    assert client.post(url, {"round": value, "title": "x", "status": "open"}
                       ).status_code == 400
    assert client.get(url).status_code == 200


def test_a_stale_save_of_an_action_is_refused_and_can_be_sent_again(demo, facilitator):
    action = Action.objects.get(title__startswith="Map every funding stream")
    url = f"/quality/actions/{action.pk}/"
    opened = {"title": action.title, "owner": action.owner.pk, "status": action.status,
              "opened_version": action.version}
    owner, lead = login(action.owner), login(facilitator)
    assert owner.post(url, {**opened, "status": "in_progress", "due_on": "2027-01-31"}
                      ).status_code == 302
    refused = lead.post(url, {**opened, "notes": "The facilitator's note"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert ("Someone else saved this action after you opened it and changed: Due date, "
            "Status.") in page
    assert "The facilitator&#x27;s note" in page  # the entries are kept
    assert f'name="opened_version" value="{action.version + 1}"' in page
    action.refresh_from_db()
    assert (action.status, action.notes) == ("in_progress", "")
    again = lead.post(url, {**opened, "status": "in_progress", "due_on": "2027-01-31",
                            "notes": "The facilitator's note",
                            "opened_version": action.version})
    assert again.status_code == 302
    action.refresh_from_db()
    assert action.notes == "The facilitator's note"
    assert action.version == opened["opened_version"] + 2


def test_an_action_with_no_owner_is_planned_shown_and_changed(demo, member, facilitator):
    """Issue 16 listed a 500 for an action item with no owner; none is left."""
    planner = login(member)
    response = planner.post(f"/quality/p/{demo.pk}/actions/new/",
                            {"title": "Nobody's yet", "owner": "", "status": "open"})
    assert response.status_code == 302
    action = Action.objects.get(title="Nobody's yet")
    assert action.owner is None
    edited = planner.post(f"/quality/actions/{action.pk}/", {
        "title": "Nobody's yet", "status": "in_progress", "opened_version": action.version})
    assert edited.status_code == 302
    onlooker = login(user("editor"))  # a member who neither owns nor planned it
    for url in (f"/quality/actions/{action.pk}/", f"/quality/p/{demo.pk}/actions/?show=all",
                f"/quality/p/{demo.pk}/"):
        assert onlooker.get(url).status_code == 200, url
    assert "nobody yet" in onlooker.get(f"/quality/p/{demo.pk}/actions/").content.decode()
