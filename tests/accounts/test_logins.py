"""Failed logins lock the account and the address for a cool-off; every login, logout,
failure and lockout is audited, naming the account tried and never the password."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F

from pathways.apps.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db

WRONG = "not-the-password-7"
RIGHT = "pathways-demo"
HERE, THERE = "10.0.0.7", "10.0.0.8"


def try_login(client, username: str, password: str, address: str = HERE, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password},
                       REMOTE_ADDR=address, **extra)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail_until_locked(client, username: str = "navigator", address: str = HERE):
    answers = [try_login(client, username, WRONG, address)
               for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert [a.status_code for a in answers[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    return answers[-1]


def cool_off_passes() -> None:
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - dt.timedelta(minutes=1))


def test_wrong_passwords_lock_the_account_and_the_right_one_waits_for_the_cool_off(client):
    locked = fail_until_locked(client)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many failed logins" in page and "wait 15 minutes" in page
    assert 'name="password"' in page  # the login page itself, with its form
    refused = try_login(client, "navigator", RIGHT)
    assert refused.status_code == 429 and not signed_in(client)
    # The account is locked wherever the next try comes from.
    assert try_login(client, "navigator", RIGHT, THERE).status_code == 429
    assert not signed_in(client)
    cool_off_passes()
    assert try_login(client, "navigator", RIGHT, THERE).status_code == 302
    assert signed_in(client)


def test_the_address_is_locked_for_every_account(client):
    fail_until_locked(client, "navigator", HERE)
    assert try_login(client, "editor", RIGHT, HERE).status_code == 429
    assert not signed_in(client)
    assert try_login(client, "editor", RIGHT, THERE).status_code == 302  # elsewhere: fine


def test_failures_below_the_limit_do_not_lock(client):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert try_login(client, "navigator", WRONG).status_code == 200
    assert try_login(client, "navigator", RIGHT).status_code == 302


def test_the_lockout_message_in_spanish(client):
    locked = fail_until_locked(client)
    assert locked.status_code == 429
    locked = try_login(client, "navigator", RIGHT, HTTP_ACCEPT_LANGUAGE="es")
    page = locked.content.decode()
    assert '<html lang="es"' in page
    assert "Demasiados intentos fallidos" in page and "espera 15 minutos" in page


def test_failures_and_the_lockout_are_audited_without_the_password(client):
    before = AuditEntry.objects.count()
    fail_until_locked(client)
    try_login(client, "navigator", RIGHT)  # refused while locked: a failure, not a new lock
    entries = list(AuditEntry.objects.order_by("pk")[before:])
    failures = [e for e in entries if e.action == "accounts.login_failed"]
    lockouts = [e for e in entries if e.action == "accounts.lockout"]
    assert len(failures) == settings.AXES_FAILURE_LIMIT + 1
    assert len(lockouts) == 1
    assert lockouts[0].changes == {"locked": ["account", "address"], "account": "navigator",
                                   "address": HERE, "minutes": 15}
    for entry in failures:
        assert entry.changes == {"account": "navigator", "address": HERE}
        assert entry.object_type == "auth.user" and entry.actor is None
    for entry in entries:
        text = f"{entry.summary} {entry.changes}"
        assert WRONG not in text and RIGHT not in text


def test_a_failure_for_an_account_that_does_not_exist_names_what_was_tried(client):
    try_login(client, "nobody-here", WRONG)
    entry = AuditEntry.objects.filter(action="accounts.login_failed").latest("pk")
    assert entry.changes["account"] == "nobody-here" and entry.object_id == ""


def test_logins_and_logouts_are_audited_with_no_personal_values(client):
    assert try_login(client, "participant", RIGHT).status_code == 302
    login = AuditEntry.objects.filter(action="accounts.login").latest("pk")
    assert login.actor.username == "participant" and login.changes == {}
    assert client.post("/accounts/logout/").status_code == 302
    logout = AuditEntry.objects.filter(action="accounts.logout").latest("pk")
    assert logout.actor.username == "participant" and logout.changes == {}


def test_the_address_behind_a_trusted_proxy(client, settings):
    settings.PATHWAYS_PROXY_COUNT = 1
    forwarded = {"HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    try_login(client, "navigator", WRONG, "10.0.0.1", **forwarded)
    assert AuditEntry.objects.filter(action="accounts.login_failed").latest("pk") \
        .changes["address"] == "203.0.113.5"
    settings.PATHWAYS_PROXY_COUNT = 0  # no proxy trusted: a forged header is ignored
    try_login(client, "navigator", WRONG, "10.0.0.1", **forwarded)
    assert AuditEntry.objects.filter(action="accounts.login_failed").latest("pk") \
        .changes["address"] == "10.0.0.1"
