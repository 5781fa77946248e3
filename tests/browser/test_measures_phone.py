"""Partner staff read the shared measures dashboard on a 360 px phone in a real Chromium."""

from __future__ import annotations

import pytest

from tests.browser.test_explorer_phone import no_sideways_scroll, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url: str, username: str) -> None:
    """A session for ``username`` put straight into the browser (the login page is not
    what this test is about)."""
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "pathways.apps.accounts.backends.ProfileBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    page.context.add_cookies([{"name": "sessionid", "value": session.session_key,
                               "url": base_url}])


def test_partner_staff_read_the_dashboard_and_slice_it_on_a_phone(world, live_server, phone):
    sign_in(phone, live_server.url, "partner")
    phone.goto(live_server.url + "/measures/")
    phone.wait_for_load_state()
    assert "Shared measures" in phone.title()
    assert phone.locator("svg.measure-chart").first.is_visible()
    # The chart's labels stay readable: 11 px or more, not shrunk to fit 360 px.
    label = phone.locator("svg.measure-chart text").first.bounding_box()
    assert label["height"] >= 11, label
    assert no_sideways_scroll(phone)
    assert serious_violations(phone) == []

    phone.get_by_label("Show every measure by").select_option("sex")
    phone.get_by_role("button", name="Show").click()
    phone.wait_for_load_state()
    assert "dimension=sex" in phone.url
    table = phone.get_by_role("table", name="Employment rate, 2nd quarter after exit by sex")
    assert table.is_visible() and "female" in table.inner_text()
    assert no_sideways_scroll(phone)


def test_an_analyst_withdraws_a_run_on_a_phone_and_the_dashboard_says_so(
        world, live_server, phone):
    from tests.browser.pages import check_page

    sign_in(phone, live_server.url, "analyst")
    phone.goto(live_server.url + "/measures/")
    phone.wait_for_load_state()
    phone.get_by_role("link", name="Withdraw this run").click()
    phone.wait_for_load_state()
    assert "Withdraw a run" in phone.title()
    check_page(phone)
    phone.get_by_role("button", name="Withdraw this run").click()  # no reason yet
    phone.wait_for_load_state()
    assert "This field is required." in phone.content()
    phone.get_by_label("Why is this run withdrawn?").fill("The wrong PIRL file")
    phone.get_by_role("button", name="Withdraw this run").click()
    phone.wait_for_load_state()
    # The only run is withdrawn: the dashboard says so and still lists it.
    assert "Every run stored for this partnership has been withdrawn." in phone.content()
    phone.get_by_role("link", name=phone.locator("main li a").first.inner_text()).click()
    phone.wait_for_load_state()
    assert phone.get_by_role("alert").inner_text().startswith("This run was withdrawn on")
    assert "The wrong PIRL file" in phone.content()
    check_page(phone)
