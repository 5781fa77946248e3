"""Where a login lands (issue 20): a participant on My plan, staff on the home page, and
anyone who came from a page of the site back on it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "pathways-demo"


def log_in(client, username: str, next_page: str = ""):
    data = {"username": username, "password": PASSWORD}
    if next_page:
        data["next"] = next_page
    return client.post("/accounts/login/", data)


def test_a_participant_lands_on_my_plan(client):
    response = log_in(client, "participant")
    assert response.status_code == 302
    assert response["Location"] == "/cases/my-plan/"


@pytest.mark.parametrize("username", ["navigator", "editor", "analyst"])
def test_staff_land_on_the_home_page(client, username):
    response = log_in(client, username)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_page_asked_for_wins(client):
    response = log_in(client, "participant", "/pathways/")
    assert response["Location"] == "/pathways/"


def test_the_login_page_speaks_to_participants(client):
    page = client.get("/accounts/login/").content.decode()
    assert "Your navigator gives you a login to see your plan" in page
    assert "Forgot your password?" in page
