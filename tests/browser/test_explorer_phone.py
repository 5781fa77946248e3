"""A participant explores the demo region on a 360 px phone in a real Chromium."""

from __future__ import annotations

import pytest

from tests.browser.pages import no_sideways_scroll, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_home_to_a_pathway_map_and_an_exit_wage(world, live_server, phone):
    phone.goto(live_server.url + "/")
    assert no_sideways_scroll(phone)
    assert serious_violations(phone) == []

    phone.get_by_role("link", name="Healthcare").first.click()
    phone.get_by_role("link", name="Nursing and Patient Care").first.click()
    phone.wait_for_load_state()
    assert "Nursing and Patient Care" in phone.title()
    # On a phone the map is the list of levels and steps; the drawing is for wide screens.
    assert phone.locator(".map-narrow").is_visible()
    assert not phone.locator("svg.pathway-map").is_visible()
    body = phone.locator("main").inner_text()
    assert "Registered nurse" in body or "Registered Nurses" in body
    assert "$" in body  # wages and costs are shown
    assert "(F)" in body or "F" in phone.locator("#wioa").inner_text()
    assert no_sideways_scroll(phone)
    assert serious_violations(phone) == []

    phone.get_by_role("link", name="Registered Nurses").first.click()
    phone.wait_for_load_state()
    text = phone.locator("main").inner_text()
    assert "half of workers earn more than $" in text  # the median, in words
    assert "O*NET" in phone.content()
    assert no_sideways_scroll(phone)
    assert serious_violations(phone) == []


def test_job_search_and_login_pages_are_accessible_on_a_phone(world, live_server, phone):
    phone.goto(live_server.url + "/occupations/")
    phone.get_by_label("A job or a kind of work").fill("welder")
    phone.get_by_role("button", name="Search").click()
    phone.wait_for_load_state()
    assert "Welders" in phone.locator("main").inner_text()
    assert no_sideways_scroll(phone)
    assert serious_violations(phone) == []
    phone.goto(live_server.url + "/accounts/login/")
    assert no_sideways_scroll(phone)
    assert serious_violations(phone) == []


def test_keyboard_reaches_the_main_content(world, live_server, phone):
    phone.goto(live_server.url + "/")
    phone.keyboard.press("Tab")
    focused = phone.evaluate("document.activeElement.textContent.trim().toLowerCase()")
    assert "skip" in focused  # the first tab stop is the skip link


def test_editor_logs_in_and_reaches_the_pathway_editor(world, live_server, phone):
    phone.goto(live_server.url + "/accounts/login/")
    phone.get_by_label("Username").fill("editor")
    phone.get_by_label("Password").fill("pathways-demo")
    phone.get_by_role("button", name="Log in").click()
    phone.wait_for_load_state()
    phone.goto(live_server.url + "/workspace/")  # editors work in the workspace (issue 17)
    assert "Nursing and Patient Care" in phone.content()
