"""A member rates on a 360 px phone (each change saves itself) and the facilitator reads the
report, in a real Chromium, with an axe-core check of every page on the way."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from pathways.apps.quality.models import Rating
from tests.browser.pages import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username: str) -> None:
    """A session made on the server's own database, handed to the browser as its cookie."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])


def test_a_member_rates_on_a_phone_and_each_change_saves_itself(world, live_server, phone):
    sign_in(phone, live_server, "partner")
    phone.goto(live_server.url + "/quality/")
    check_page(phone)
    phone.get_by_role("link", name="Autumn 2026 self-assessment").click()
    phone.get_by_role("heading", name="Your ratings").wait_for()
    check_page(phone)
    phone.get_by_role("link", name="Commit to a Shared Vision and Strategy").click()
    phone.get_by_role("heading", level=1, name="Commit to a Shared Vision and Strategy"
                      ).wait_for()
    check_page(phone)

    first = phone.locator("fieldset[data-indicator='c1-vision']")
    first.get_by_label("Phase 3: mostly in place").check()
    status = first.locator("[data-status]")
    status.filter(has_text="Saved").wait_for()
    rating = Rating.objects.get(member__username="partner", indicator="c1-vision",
                                round__title="Autumn 2026 self-assessment")
    assert rating.value == "3"

    first.get_by_role("group", name="Which system elements contribute to success?") \
        .get_by_label("Employers").check()
    first.get_by_role("group", name="Which need more attention?").get_by_label("Employers") \
        .check()  # the script unticks "contributes": an element is one or the other
    first.get_by_label("Notes: how are we doing, and why?").fill("Signed by all but one.")
    phone.wait_for_function(
        "() => document.querySelector(\"fieldset[data-indicator='c1-vision'] [data-status]\")"
        ".textContent === 'Saved'")
    phone.wait_for_timeout(1500)  # the note is saved once typing pauses
    rating.refresh_from_db()
    assert (rating.contributes, rating.attention, rating.note) == (
        [], ["employers"], "Signed by all but one.")
    assert not first.get_by_role("group", name="Which system elements contribute to success?") \
        .get_by_label("Employers").is_checked()

    phone.reload()
    assert phone.locator("fieldset[data-indicator='c1-vision']") \
        .get_by_label("Phase 3: mostly in place").is_checked()
    check_page(phone)


def test_the_facilitator_reads_the_report_and_prints_it(world, live_server, phone):
    sign_in(phone, live_server, "analyst")
    phone.goto(live_server.url + "/quality/")
    phone.get_by_role("link", name="Bluegrass River Region (sample) Career Pathways "
                                   "Partnership").click()
    phone.get_by_role("heading", name="What changed since the last round").wait_for()
    check_page(phone)
    phone.get_by_role("link", name="Spring 2026 self-assessment").click()
    phone.get_by_role("heading", level=1, name="Results: Spring 2026 self-assessment").wait_for()
    heatmap = phone.get_by_role("table", name="Contributes (+) and needs attention (−), by "
                                              "criterion and system element")
    assert heatmap.is_visible()
    assert "Use Data and Shared Measures" in heatmap.inner_text()
    assert phone.get_by_role("heading", name="Priorities").is_visible()
    # The script adds the button once it has run: wait for it rather than race it.
    phone.get_by_role("button", name="Print the report").wait_for(state="visible")
    check_page(phone)

    phone.emulate_media(media="print")
    assert phone.evaluate("getComputedStyle(document.querySelector('.site-header')).display") \
        == "none"
    assert phone.locator("table.heatmap").is_visible()
    phone.emulate_media(media="screen")

    phone.get_by_role("link", name="Every person's ratings").click()
    phone.get_by_role("heading", level=1, name="Every person's ratings").wait_for()
    assert "Carmen Cruz" in phone.locator("main").inner_text()
    check_page(phone)


def test_the_facilitator_runs_the_workshop_clock(world, live_server, phone):
    sign_in(phone, live_server, "analyst")
    phone.goto(live_server.url + "/quality/")
    phone.get_by_role("link", name="Autumn 2026 self-assessment").click()
    phone.get_by_role("link", name="Workshop mode").click()
    phone.get_by_role("button", name="Split the room").click()
    phone.get_by_role("button", name="Start the workshop").click()
    clock = phone.locator("[data-timer-clock]")
    clock.wait_for()
    assert clock.inner_text() in {"5:00", "4:59"}
    phone.wait_for_function(
        "() => /^4:5[0-7]$/.test(document.querySelector('[data-timer-clock]').textContent)",
        timeout=6000)  # the script counts down between server syncs
    assert "Individual notes on your table's criterion 1 of 3" in phone.locator(
        "[data-timer-label]").inner_text()
    assert phone.locator("[data-now-on='1']").inner_text() == \
        "Commit to a Shared Vision and Strategy"
    check_page(phone)
