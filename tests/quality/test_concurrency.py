"""Two people at the same moment, on committed data in PostgreSQL (each thread has its own
connection): of two closes, or a close and a rating, or two saves of one action from the
same page, one goes through and the other is refused clearly; never a 500, never a lost
update. The first request holds its transaction open (its audit entry waits) while the
second arrives, so the overlap is certain, not left to timing.

SQLite's in-memory test database cannot be shared between threads, so these run in the
PostgreSQL pass (tests/run.py; with CI=true that pass must run).
"""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.test import Client

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.accounts.models import AuditEntry, Membership, Partnership, Profile, Role
from pathways.apps.quality import actions, queries
from pathways.apps.quality.actions import plans, rounds
from pathways.apps.quality.models import Action, Rating, Round
from pathways.frameworks import DEFINITIONS_DIR

pytestmark = [
    pytest.mark.skipif(connection.vendor == "sqlite",
                       reason="threads cannot share SQLite's in-memory test database; "
                              "runs in the PostgreSQL pass"),
    pytest.mark.django_db(transaction=True),
]
HOLD = 1.0  # seconds the first request keeps its transaction (and row lock) open


@pytest.fixture
def team(transactional_db):
    """A partnership of its own (the flushing test does not rely on the demo world): two
    facilitators, a member, an open round and one action."""
    partnership = Partnership.objects.create(name="Threads partnership", scope="local")
    people = {}
    for name, lead in (("lead-a", True), ("lead-b", True), ("member", False)):
        person = get_user_model().objects.create_user(name, password=None)
        Profile.objects.create(user=person, role=Role.PARTNER_STAFF)
        Membership.objects.create(partnership=partnership, user=person, is_facilitator=lead)
        people[name] = person
    text = (DEFINITIONS_DIR / "aqcp-local.yaml").read_text(encoding="utf-8")
    (loaded,) = actions.load_frameworks(queries.frameworks_access(CONSOLE, partnership),
                                        [(text, "aqcp-local.yaml")])
    lead = queries.access_for(people["lead-a"], partnership)
    found = actions.open_round(lead, loaded.version, "Spring round")
    planned = actions.create_action(lead, actions.ActionInput(title="Map the funding"))
    return {"partnership": partnership, "round": found, "action": planned, **people}


def client_of(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def hold_first_audit(monkeypatch, module) -> threading.Event:
    """The first audit entry written through ``module`` waits HOLD seconds inside its
    transaction; the event is set when it starts waiting."""
    entered = threading.Event()
    original = module.record

    def slow(*args, **kwargs):
        entry = original(*args, **kwargs)
        if not entered.is_set():
            entered.set()
            time.sleep(HOLD)
        return entry

    monkeypatch.setattr(module, "record", slow)
    return entered


def overlapping(first, second, entered: threading.Event) -> list:
    """Run ``first``, and ``second`` once ``first`` holds its transaction; their results
    (or the exception each raised)."""
    results: list = [None, None]

    def run(index, call, wait):
        try:
            if wait is not None:
                assert wait.wait(10), "the first request never reached its audit entry"
            results[index] = call()
        except Exception as exc:  # reported by the test, not lost in the thread
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(0, first, None)),
               threading.Thread(target=run, args=(1, second, entered))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_two_closes_at_once_close_the_round_once(team, monkeypatch):
    entered = hold_first_audit(monkeypatch, rounds)
    url = f"/quality/rounds/{team['round'].pk}/close/"
    a, b = client_of(team["lead-a"]), client_of(team["lead-b"])
    first, second = overlapping(lambda: a.post(url), lambda: b.post(url, follow=True),
                                entered)
    assert first.status_code == 302
    assert second.status_code == 200
    assert "this round is already closed" in second.content.decode()
    assert not Round.objects.get(pk=team["round"].pk).is_open
    assert AuditEntry.objects.filter(action="quality.round.close").count() == 1


def test_a_rating_sent_while_the_round_closes_is_refused(team, monkeypatch):
    entered = hold_first_audit(monkeypatch, rounds)
    close = f"/quality/rounds/{team['round'].pk}/close/"
    rate = f"/quality/rounds/{team['round'].pk}/rate/c1/"
    lead, member = client_of(team["lead-a"]), client_of(team["member"])
    first, second = overlapping(
        lambda: lead.post(close),
        lambda: member.post(rate, {"indicator": "c1-vision", "c1-vision-value": "3"},
                            HTTP_ACCEPT="application/json"), entered)
    assert first.status_code == 302
    assert second.status_code == 400
    assert "is closed; ratings can no longer be changed" in second.content.decode()
    assert not Rating.objects.filter(round=team["round"]).exists()


def test_a_close_waits_for_a_rating_already_being_saved(team, monkeypatch):
    entered = hold_first_audit(monkeypatch, rounds)
    close = f"/quality/rounds/{team['round'].pk}/close/"
    rate = f"/quality/rounds/{team['round'].pk}/rate/c1/"
    lead, member = client_of(team["lead-a"]), client_of(team["member"])
    first, second = overlapping(
        lambda: member.post(rate, {"indicator": "c1-vision", "c1-vision-value": "3"},
                            HTTP_ACCEPT="application/json"),
        lambda: lead.post(close), entered)
    assert (first.status_code, second.status_code) == (200, 302)
    assert Rating.objects.get(round=team["round"]).value == "3"  # saved before the close
    assert not Round.objects.get(pk=team["round"].pk).is_open


def test_two_saves_of_one_action_from_the_same_page_keep_the_first(team, monkeypatch):
    entered = hold_first_audit(monkeypatch, plans)
    planned = team["action"]
    url = f"/quality/actions/{planned.pk}/"
    a, b = client_of(team["lead-a"]), client_of(team["lead-b"])
    form = {"title": planned.title, "status": "open", "opened_version": planned.version}
    first, second = overlapping(
        lambda: a.post(url, {**form, "notes": "From A"}),
        lambda: b.post(url, {**form, "status": "done"}), entered)
    assert first.status_code == 302
    assert second.status_code == 400
    page = second.content.decode()
    assert "Someone else saved this action after you opened it and changed: Notes." in page
    saved = Action.objects.get(pk=planned.pk)
    assert (saved.notes, saved.status, saved.version) == ("From A", "open", 2)
