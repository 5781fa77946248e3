"""Staff who can see participants are logged out after a spell without activity; others
keep their session, which ends after 12 hours in any case."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from pathways.apps.accounts.logins import LAST_ACTIVE

pytestmark = pytest.mark.django_db


def sign_in(client, username: str) -> None:
    client.force_login(get_user_model().objects.get(username=username))


def idle_for(client, minutes: float) -> None:
    session = client.session
    session[LAST_ACTIVE] = int(time.time() - minutes * 60)
    session.save()


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_navigator_idle_too_long_is_logged_out_with_a_message(client):
    sign_in(client, "navigator")
    assert client.get("/cases/").status_code == 200
    idle_for(client, settings.PATHWAYS_STAFF_IDLE_MINUTES + 1)
    answer = client.get("/cases/")
    assert answer.status_code == 302
    assert answer["Location"] == "/accounts/login/?next=/cases/"
    assert not signed_in(client)
    page = client.get(answer["Location"]).content.decode()
    assert "logged out after 30 minutes without activity" in page


def test_a_navigator_active_within_the_limit_stays_and_is_seen_again(client):
    sign_in(client, "navigator")
    idle_for(client, settings.PATHWAYS_STAFF_IDLE_MINUTES - 1)
    assert client.get("/cases/").status_code == 200
    assert time.time() - client.session[LAST_ACTIVE] < 5  # the clock starts again
    idle_for(client, settings.PATHWAYS_STAFF_IDLE_MINUTES - 1)
    assert client.get("/cases/").status_code == 200


def test_a_page_polling_for_data_does_not_count_as_activity(client):
    sign_in(client, "navigator")
    idle_for(client, 10)
    before = client.session[LAST_ACTIVE]
    client.get("/", HTTP_ACCEPT="application/json")
    assert client.session[LAST_ACTIVE] == before


@pytest.mark.parametrize("username", ["partner", "admin"])
def test_other_staff_who_see_participants_are_timed_out_too(client, username):
    sign_in(client, username)
    idle_for(client, settings.PATHWAYS_STAFF_IDLE_MINUTES + 1)
    client.get("/")
    assert not signed_in(client)


@pytest.mark.parametrize("username", ["participant", "editor", "analyst"])
def test_people_who_do_not_see_participants_keep_the_normal_session(client, username):
    sign_in(client, username)
    idle_for(client, 8 * 60)
    assert client.get("/").status_code == 200
    assert signed_in(client)


def test_sessions_last_twelve_hours():
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY


def test_the_idle_limit_comes_from_the_setting(client, settings):
    settings.PATHWAYS_STAFF_IDLE_MINUTES = 5
    sign_in(client, "navigator")
    idle_for(client, 6)
    client.get("/")
    assert not signed_in(client)


@pytest.mark.parametrize("username", ["navigator", "editor"])
def test_any_session_ends_twelve_hours_after_login_however_active(client, username):
    from pathways.apps.accounts.logins import LOGGED_IN_AT

    sign_in(client, username)
    session = client.session
    session[LOGGED_IN_AT] = int(time.time() - 12 * 3600 - 60)
    session.save()
    idle_for(client, 1)  # active a minute ago
    answer = client.get("/")
    assert answer.status_code == 302 and answer["Location"] == "/accounts/login/?next=/"
    assert not signed_in(client)
    assert "session ended 12 hours after you logged in" in client.get(
        answer["Location"]).content.decode()
