"""Partner staff keep the employer partners, and a participant reads them on the public
pathway page, on a 360 px phone in a real Chromium (axe clean, no sideways scroll)."""

from __future__ import annotations

import pytest

from tests.browser.pages import check_page
from tests.browser.test_measures_phone import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_staff_link_a_typed_employer_name_on_a_phone(world, live_server, phone):
    sign_in(phone, live_server.url, "partner")
    phone.goto(live_server.url + "/employers/")
    phone.wait_for_load_state()
    assert "Employer partners" in phone.title()
    assert phone.get_by_text("1 of 4 used (registered apprenticeship slots)").is_visible()
    check_page(phone)

    phone.get_by_role("link", name="1 typed employer name to link").click()
    phone.wait_for_load_state()
    check_page(phone)
    phone.get_by_label("Employer partner").select_option(
        label="River Region Manufacturers Association (sample)")
    phone.get_by_role("button", name="Link").click()
    phone.wait_for_load_state()
    assert phone.get_by_text("Every typed employer name is linked").is_visible()

    phone.goto(live_server.url + "/employers/")
    phone.get_by_role("link", name="Riverton Castings (sample)").first.click()
    phone.wait_for_load_state()
    assert phone.get_by_text("NIMS Machining Level I", exact=False).is_visible()
    check_page(phone)


def test_the_public_page_shows_employers_in_spanish_on_a_phone(world, live_server, phone):
    phone.context.add_cookies([{"name": "django_language", "value": "es",
                                "url": live_server.url}])
    phone.goto(live_server.url + "/pathways/nursing-and-patient-care/")
    phone.wait_for_load_state()
    heading = phone.get_by_role("heading", name="Empleadores que contratan o pagan la "
                                                "capacitación")
    assert heading.is_visible()
    assert phone.get_by_text("Piensa contratar a personas de esta ruta").is_visible()
    check_page(phone)
