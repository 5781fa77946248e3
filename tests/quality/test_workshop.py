"""Workshop mode: split the room, run the clock, record each table's consensus, report out."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.quality import actions, queries
from pathways.apps.quality.models import Consensus, Workshop
from pathways.core import InputError
from tests.quality.conftest import login, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(rounds, facilitator):
    url = f"/quality/rounds/{rounds['open'].pk}/workshop/"
    response = login(facilitator).post(url + "setup/", {"tables": 2, "notes_minutes": 5,
                                                        "conversation_minutes": 15})
    assert response.status_code == 302
    return Workshop.objects.get(round=rounds["open"])


def test_the_facilitator_splits_the_room_three_criteria_a_table(room, facilitator):
    tables = list(room.tables.all())
    assert [t.criteria for t in tables] == [["c1", "c2", "c3"], ["c4", "c5", "c6"]]
    seated = sorted(u.username for t in tables for u in t.members.all())
    assert "analyst" not in seated and len(seated) == 9  # every member but the facilitator
    assert abs(tables[0].members.count() - tables[1].members.count()) <= 1
    assert AuditEntry.objects.filter(action="quality.workshop.setup").exists()


def test_members_cannot_split_the_room(rounds, member):
    response = login(member).post(f"/quality/rounds/{rounds['open'].pk}/workshop/setup/",
                                  {"tables": 3, "notes_minutes": 5, "conversation_minutes": 15})
    assert response.status_code == 403
    assert not Workshop.objects.filter(round=rounds["open"]).exists()


def test_the_clock_runs_five_then_fifteen_minutes_and_every_screen_follows(room, rounds,
                                                                          facilitator, member):
    base = f"/quality/rounds/{rounds['open'].pk}/workshop/"
    lead = login(facilitator)
    lead.post(base + "timer/", {"command": "start"})
    state = json.loads(login(member).get(base + "state.json").content)
    assert state["step"] == 0 and state["running"] and 295 <= state["remaining"] <= 300
    assert state["label"] == "Individual notes on your table's criterion 1 of 3"
    assert state["now_on"] == {"1": "Commit to a Shared Vision and Strategy",
                               "2": "Implement Supportive Policies"}
    lead.post(base + "timer/", {"command": "next"})
    state = json.loads(lead.get(base + "state.json").content)
    assert state["step"] == 1 and 895 <= state["remaining"] <= 900
    lead.post(base + "timer/", {"command": "pause"})
    assert json.loads(lead.get(base + "state.json").content)["running"] is False
    page = login(member).get(base).content.decode()
    assert 'role="timer"' in page and "Conversation on your table" in page
    assert "Start the workshop" not in page  # members have no clock controls
    assert login(member).post(base + "timer/", {"command": "next"}).status_code == 403


def test_resume_keeps_the_time_left(room, rounds, facilitator):
    access = queries.get_round_for(facilitator, rounds["open"].pk)
    now = timezone.now()
    actions.run_timer(access, "start", now)
    actions.run_timer(access, "pause", now + timedelta(minutes=2))
    actions.run_timer(access, "resume", now + timedelta(minutes=30))
    room.refresh_from_db()
    assert room.state(now + timedelta(minutes=31)).remaining == 120  # 5 - 2 - 1 minutes
    with pytest.raises(InputError, match="there is no step there"):
        for _step in range(10):
            actions.run_timer(access, "next", now)
    with pytest.raises(InputError, match="the workshop has started"):
        actions.setup_workshop(access, 3)


def test_a_table_records_its_consensus_for_the_report_out(room, rounds, facilitator):
    table = room.tables.get(number=2)
    seated = table.members.first()
    client = login(seated)
    response = client.post(f"/quality/tables/{table.pk}/", {
        "criterion": "c5", "c5-value": "2", "c5-notes": "Data sharing agreement is signed."})
    assert response.status_code == 302
    saved = Consensus.objects.get(table=table, criterion="c5")
    assert (saved.value, saved.recorded_by) == ("2", seated)
    out = login(user("partner")).get(f"/quality/rounds/{rounds['open'].pk}/workshop/report-out/")
    text = out.content.decode()
    assert "Data sharing agreement is signed." in text and "Phase 2: building" in text
    assert "Members' individual ratings" not in text  # not while the round is open


def test_consensus_errors_change_nothing(room, rounds):
    table = room.tables.get(number=1)
    seated = table.members.first()
    bad = [({"criterion": "c5", "c5-value": "2"}, "does not discuss &#x27;c5&#x27;"),
           ({"criterion": "c1", "c1-value": "great"}, "unknown scale value &#x27;great&#x27;")]
    for data, message in bad:
        response = login(seated).post(f"/quality/tables/{table.pk}/", data)
        assert response.status_code == 400 and message in response.content.decode()
    other_table_member = room.tables.get(number=2).members.first()
    response = login(other_table_member).post(f"/quality/tables/{table.pk}/",
                                              {"criterion": "c1", "c1-value": "2"})
    assert response.status_code == 400
    assert not Consensus.objects.filter(table__workshop=room).exists()


def test_the_spring_report_out_shows_both_tables_and_the_members_medians(rounds, member):
    text = login(member).get(f"/quality/rounds/{rounds['spring'].pk}/workshop/report-out/"
                             ).content.decode()
    assert text.count("Table 1:") == 3 and text.count("Table 2:") == 3
    assert "Members' individual ratings:" in text and "median Phase" in text


def test_a_closed_rounds_workshop_is_over(rounds, facilitator):
    access = queries.get_round_for(facilitator, rounds["spring"].pk)
    with pytest.raises(InputError, match="its workshop is over"):
        actions.run_timer(access, "start")
    page = login(facilitator).get(f"/quality/rounds/{rounds['spring'].pk}/workshop/")
    text = page.content.decode()
    assert "its workshop is over" in text and "Start the workshop" not in text
    assert 'role="timer"' not in text


def test_a_seat_that_is_not_a_table_number_is_a_message_not_a_failure(room, rounds,
                                                                      facilitator):
    url = f"/quality/rounds/{rounds['open'].pk}/workshop/seats/"
    person = room.tables.first().members.first()
    before = {t.number: sorted(m.pk for m in t.members.all()) for t in room.tables.all()}
    client = login(facilitator)
    for value in ("²", "x", "0", "99999999999999999999"):
        response = client.post(url, {f"seat-{person.pk}": value}, follow=True)
        assert response.status_code == 200
        assert "is not a table number" in response.content.decode()
    assert {t.number: sorted(m.pk for m in t.members.all())
            for t in room.tables.all()} == before
    moved = client.post(url, {f"seat-{person.pk}": "", "seat-²": "1"})
    assert moved.status_code == 302
    assert not any(person in t.members.all() for t in room.tables.all())


def test_a_member_posting_seats_is_refused_before_the_seats_are_read(room, rounds, member):
    url = f"/quality/rounds/{rounds['open'].pk}/workshop/seats/"
    assert login(member).post(url, {f"seat-{member.pk}": "²"}).status_code == 403
