"""Referral statuses on a 360 px phone (ADR 0052): the navigator finds an overdue referral
from the caseload; the partner answers one from its queue, a refused change first (no
reason), then in Spanish. axe clean, no sideways scroll, on every page."""

from __future__ import annotations

import pytest

from tests.browser.pages import check_page, reader_context
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


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_referral_pages_at_1280_px_in_english_and_spanish(world, live_server, browser,
                                                               language):
    """The same pages on a desk-sized screen, in both languages: the caseload's overdue
    filter, the record, the referral page, and the partner's queue and referral page."""
    overdue = {"en": "Referral overdue", "es": "Remisión atrasada"}[language]
    context = reader_context(browser, 1280, language)
    page = context.new_page()
    sign_in(page, live_server.url, "navigator")
    page.goto(live_server.url + "/cases/?show=overdue")
    assert page.locator("html").get_attribute("lang") == language
    assert overdue in page.locator("main").inner_text()
    check_page(page)
    page.get_by_role("link", name="Marco", exact=False).first.click()
    page.wait_for_load_state()
    check_page(page)
    page.locator("a[href*='/cases/referrals/']").first.click()
    page.wait_for_load_state()
    check_page(page)
    context.close()
    context = reader_context(browser, 1280, language)
    page = context.new_page()
    sign_in(page, live_server.url, "services")
    page.goto(live_server.url + "/cases/referrals/")
    check_page(page)
    page.locator("main a[href*='/cases/referrals/']").first.click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language
    check_page(page)
    context.close()
