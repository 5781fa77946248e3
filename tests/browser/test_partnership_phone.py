"""The partnership page, its policy register and the evidence beside the ratings on a 360 px
phone in a real Chromium: nothing scrolls sideways and axe finds nothing serious."""

from __future__ import annotations

import pytest

from pathways.demo.region import demo_partnership
from tests.browser.pages import check_page
from tests.browser.test_measures_phone import sign_in
from tests.partnership.conftest import fixed_today  # noqa: F401  (a fixed day)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("fixed_today")]


def test_an_editor_reads_the_partnership_and_filters_the_register(world, live_server, phone):
    demo = demo_partnership()
    sign_in(phone, live_server.url, "editor")
    phone.goto(f"{live_server.url}/partnership/{demo.pk}/")
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", name="Agreements").is_visible()
    assert phone.get_by_text("MOU review due 2027-03-01").first.is_visible()
    check_page(phone)
    phone.get_by_role("link", name="Open the policy register").click()
    phone.wait_for_load_state()
    phone.get_by_label("Policy area").select_option("credit_attainment")
    phone.get_by_role("button", name="Show").click()
    phone.wait_for_load_state()
    assert "category=credit_attainment" in phone.url
    assert phone.get_by_text("Showing 1 of 5.").is_visible()
    check_page(phone)
    phone.goto(f"{live_server.url}/partnership/{demo.pk}/agreements/new/")
    phone.wait_for_load_state()
    check_page(phone)


def test_a_member_sees_the_records_beside_criterion_1(world, live_server, phone):
    demo = demo_partnership()
    found = demo.quality_rounds.get(status="open")
    sign_in(phone, live_server.url, "partner")
    phone.goto(f"{live_server.url}/quality/rounds/{found.pk}/rate/c1/")
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", name="Records that bear on this criterion") \
        .is_visible()
    check_page(phone)


def test_an_administrator_opens_the_state_view_on_a_phone(world, live_server, phone):
    from pathways.apps.accounts.models import Partnership

    state = Partnership.objects.get(name="Kentucky Career Pathways (sample)")
    sign_in(phone, live_server.url, "admin")
    phone.goto(f"{live_server.url}/partnership/{state.pk}/")
    phone.wait_for_load_state()
    phone.get_by_role("link", name="See the local partnerships side by side").click()
    phone.wait_for_load_state()
    assert phone.get_by_role("columnheader", name=demo_partnership().name).is_visible()
    assert phone.get_by_text("None published.").first.is_visible()  # pathways, funding rows
    check_page(phone)
