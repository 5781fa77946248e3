"""Accepting and declining one referral at the same moment, from two connections: one
answer wins and the other is refused with a clear message, never a 500.

Real concurrency needs committed rows and a connection per thread, so these tests run on
a live transaction (the database is emptied afterwards; conftest runs them last) and only
on PostgreSQL: SQLite's in-memory test database cannot be shared by two writers.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from pathways.apps.accounts.models import AuditEntry, Organisation, Profile, Role
from pathways.apps.cases import actions, queries
from pathways.apps.cases.models import Consent, Participant, Referral
from pathways.apps.catalog.models import SupportService

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite",
                       reason="two writers at once need PostgreSQL (runs in its pass)"),
]


def staff(username: str, role: str, organisation: Organisation):
    user = get_user_model().objects.create_user(username=username, password="race-pass-1")
    Profile.objects.create(user=user, role=role, organisation=organisation)
    return user


@pytest.fixture
def referral() -> Referral:
    sender = Organisation.objects.create(name="Sender (test)", kind="workforce_board")
    receiver = Organisation.objects.create(name="Receiver (test)", kind="social_services")
    navigator = staff("race-nav", Role.NAVIGATOR, sender)
    staff("race-yes", Role.PARTNER_STAFF, receiver)
    staff("race-no", Role.PARTNER_STAFF, receiver)
    person = Participant.objects.create(first_name="Ren", last_name="Race",
                                        date_of_birth=dt.date(1990, 1, 1),
                                        enrolled_by=sender, navigator=navigator)
    consent = Consent.objects.create(participant=person, organisation=receiver,
                                     purpose="referral", method="signed",
                                     given_on=dt.date.today())
    service = SupportService.objects.create(name="Bus passes (test)",
                                            category="support:Transportation")
    return Referral.objects.create(participant=person, service=service, organisation=receiver,
                                   consent=consent, follow_up_due=dt.date.today(),
                                   sent_by=navigator)


def at_once(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in threads released together; each gives its result or exception."""
    start = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int, call: Callable[[], object]) -> None:
        try:
            start.wait()
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - the test looks at what was raised
            results[i] = exc
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_accept_and_decline_at_once_give_one_answer_and_one_refusal(referral):
    users = get_user_model().objects
    # Both read the referral as "requested" before either answers.
    yes = queries.referral_access(users.get(username="race-yes"),
                                  Referral.objects.get(pk=referral.pk))
    no = queries.referral_access(users.get(username="race-no"),
                                 Referral.objects.get(pk=referral.pk))
    results = at_once(lambda: actions.update_referral(yes, "accepted"),
                      lambda: actions.update_referral(no, "rejected", "no-capacity"))
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 1, results
    assert [r for r in results if r is not refused[0]] == [None], results
    assert "This referral is now" in refused[0].messages[0]
    referral.refresh_from_db()
    assert referral.status in {"accepted", "rejected"}
    assert AuditEntry.objects.filter(action="cases.referral_update",
                                     object_id=str(referral.pk)).count() == 1


def test_the_two_pages_answer_302_and_400_never_500(referral):
    clients = []
    for username in ("race-yes", "race-no"):
        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(username=username))
        clients.append(client)
    path = f"/cases/referrals/{referral.pk}/"
    responses = at_once(
        lambda: clients[0].post(path, {"step": "update", "status": "accepted",
                                       "expected": "requested"}),
        lambda: clients[1].post(path, {"step": "update", "status": "rejected",
                                       "status_reason": "no-capacity",
                                       "expected": "requested"}))
    assert sorted(r.status_code for r in responses) == [302, 400], responses
    refused = next(r for r in responses if r.status_code == 400)
    assert "cannot become" in refused.content.decode()
