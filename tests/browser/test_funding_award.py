"""A navigator records a funding award on a plan; the participant reads the braided budget
on a phone, in Spanish. axe-core checks every page on the way."""

from __future__ import annotations

import datetime as dt

import pytest

from pathways.apps.cases.models import Participant
from tests.browser.pages import log_in, no_sideways_scroll, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_navigator_records_an_award_and_the_plan_shows_the_net_cost(world, live_server,
                                                                       browser, phone):
    base = live_server.url
    paz = Participant.objects.get(first_name="Paz")
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    nav = context.new_page()
    log_in(nav, base, "navigator", "pathways-demo")
    nav.goto(f"{base}/cases/participants/{paz.pk}/")
    record = nav.locator("main").inner_text()
    assert "Braided budget" in record
    # Anatomy and Physiology I: $720, nothing recorded or known to pay for it yet.
    assert serious_violations(nav) == []

    nav.get_by_role("link", name="Record an award").click()
    nav.wait_for_load_state()
    assert serious_violations(nav) == []
    nav.get_by_label("Funding stream").select_option("tanf")
    nav.get_by_label("Amount (USD)").fill("0")  # bad input first
    nav.get_by_label("Step it pays for").select_option(label="Anatomy and Physiology I")
    nav.get_by_label("Awarded on").fill(dt.date.today().isoformat())
    nav.get_by_role("button", name="Record the award").click()
    nav.wait_for_load_state()
    assert "Nothing was saved" in nav.locator("main").inner_text()
    assert serious_violations(nav) == []
    nav.get_by_label("Amount (USD)").fill("720")
    nav.get_by_role("button", name="Record the award").click()
    nav.wait_for_load_state()
    text = nav.locator("main").inner_text()
    assert "The award is recorded." in text
    assert "Temporary Assistance for Needy Families (TANF): $720.00" in text
    # The step is now paid: its net cost reads $0.
    step = nav.locator("li.budget-step", has_text="Anatomy and Physiology I")
    assert "$0" in step.locator("dd.net").inner_text()
    assert serious_violations(nav) == []
    # The streams page and a pathway's funding map, for staff.
    nav.goto(base + "/funding/")
    assert "Federal Pell Grant" in nav.locator("main").inner_text()
    assert serious_violations(nav) == []
    nav.goto(base + "/funding/pathways/nursing-and-patient-care/")
    assert "Nurse aide training" in nav.locator("main").inner_text()
    assert serious_violations(nav) == []
    context.close()

    log_in(phone, base, "participant", "pathways-demo")
    phone.goto(base + "/cases/my-plan/")
    phone.wait_for_load_state()  # in Spanish, the language Paz gave at intake
    text = phone.locator("main").inner_text()
    assert "Cómo pagar tus pasos" in text
    assert "Lo que te queda por pagar" in text
    assert "Otorgada" in text
    step = phone.locator("li.budget-step", has_text="Anatomía y fisiología I")
    assert "$0" in step.locator("dd.net").inner_text()
    assert no_sideways_scroll(phone)
    assert serious_violations(phone) == []
