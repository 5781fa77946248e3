"""Referral statuses on a 360 px phone (ADR 0052): the navigator finds an overdue referral
from the caseload; the partner answers one from its queue, a refused change first (no
reason), then in Spanish. axe clean, no sideways scroll, on every page."""

from __future__ import annotations

import pytest

from tests.browser.pages import check_page
from tests.browser.test_measures_phone import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_overdue_from_the_caseload_on_a_phone(world, live_server, phone):
    sign_in(phone, live_server.url, "navigator")
    phone.goto(live_server.url + "/cases/?show=overdue")
    phone.wait_for_load_state()
    assert phone.get_by_text("Referral overdue", exact=True).first.is_visible()
    check_page(phone)
    phone.get_by_role("link", name="Marco", exact=False).first.click()
    phone.wait_for_load_state()
    assert phone.get_by_text("Overdue", exact=True).first.is_visible()
    check_page(phone)
    phone.get_by_role("link", name="Service: Laptop lending").click()
    phone.wait_for_load_state()
    assert "Send, cancel or correct the referral" in phone.locator("main").inner_text()
    check_page(phone)


def test_the_partner_updates_a_referral_on_a_phone_in_english_and_spanish(
        world, live_server, phone):
    sign_in(phone, live_server.url, "services")
    phone.goto(live_server.url + "/cases/referrals/")
    phone.wait_for_load_state()
    check_page(phone)
    phone.get_by_role("link", name="Service: Childcare assistance").first.click()
    phone.wait_for_load_state()
    check_page(phone)
    phone.get_by_label("On hold").check()
    phone.get_by_role("button", name="Save the status").first.click()
    phone.wait_for_load_state()
    assert "Choose a reason." in phone.locator("main").inner_text()  # refused, kept as is
    check_page(phone)
    phone.get_by_label("Service under way").check()
    phone.get_by_role("button", name="Save the status").first.click()
    phone.wait_for_load_state()
    assert "Saved." in phone.locator("main").inner_text()
    assert phone.get_by_text("Service under way", exact=True).first.is_visible()
    phone.context.add_cookies([{"name": "django_language", "value": "es",
                                "url": live_server.url}])
    phone.reload()
    phone.wait_for_load_state()
    assert "Servicio en curso" in phone.locator("main").inner_text()
    check_page(phone)
