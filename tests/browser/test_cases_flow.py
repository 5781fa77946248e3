"""A navigator takes a person in, builds a plan and sends a referral; the person logs in on
a phone and reads the plan in Spanish. axe-core checks every page on the way."""

from __future__ import annotations

import pytest

from tests.browser.pages import log_in, no_sideways_scroll, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_intake_plan_referral_then_the_plan_in_spanish(world, live_server, browser, phone):
    base = live_server.url
    phone.goto(base + "/")
    assert serious_violations(phone) == []  # a public page

    context = browser.new_context(viewport={"width": 1024, "height": 900})
    nav = context.new_page()
    log_in(nav, base, "navigator", "pathways-demo")
    nav.goto(base + "/cases/")
    assert "My caseload" in nav.title()
    assert serious_violations(nav) == []

    nav.get_by_role("link", name="New participant").click()
    nav.get_by_label("First name").fill("Rosa")
    nav.get_by_label("Last name").fill("Mendez")
    nav.get_by_label("Date of birth").fill("1990-04-12")
    nav.get_by_label("Preferred language").select_option("es")
    nav.get_by_role("button", name="Save").click()
    nav.wait_for_load_state()
    assert "Shared assessment" in nav.title()
    assert serious_violations(nav) == []
    nav.get_by_label("Highest education completed (PIRL 408)").select_option("0")
    nav.get_by_label("Highest school grade completed").fill("10")
    nav.get_by_label("Basic skills test").select_option("casas_reading_abe")
    nav.get_by_label("Scale score").fill("215")
    nav.get_by_label("English proficiency").select_option("intermediate")
    nav.get_by_label("Employment status (PIRL 400)").select_option("0")
    nav.get_by_label("Low-income individual").check()
    nav.get_by_label("Assessed on").fill("2099-01-01")  # bad input first
    nav.get_by_role("button", name="Save").click()
    nav.wait_for_load_state()
    assert "Nothing was saved" in nav.locator("main").inner_text()
    assert serious_violations(nav) == []  # the error page too
    nav.get_by_label("Assessed on").fill("2026-01-10")
    nav.get_by_role("button", name="Save").click()
    nav.wait_for_load_state()
    assert "Assessment saved" in nav.locator("main").inner_text()

    nav.get_by_role("link", name="Build a plan").click()
    nav.get_by_label("Goal: a job at the end of a pathway").select_option(
        label="Nursing and Patient Care: Licensed practical nurse")
    nav.get_by_role("button", name="Save").click()
    nav.wait_for_load_state()
    record = nav.locator("main").inner_text()
    assert "Healthcare Bridge with GED preparation" in record and "Available now" in record
    assert "Adult education bridge" in record and "Licensed practical nurse" in record
    assert serious_violations(nav) == []

    nav.get_by_role("link", name="Record consent").click()
    nav.get_by_label("Organisation").select_option(label="Riverton Family Services (sample)")
    nav.get_by_label("Purpose").select_option("referral")
    nav.get_by_label("How it was given").select_option("signed")
    nav.get_by_role("button", name="Save").click()
    nav.get_by_role("link", name="Refer to a service").click()
    nav.get_by_label("Support service").select_option(
        label="Childcare assistance (Riverton Family Services (sample), Childcare)")
    nav.get_by_label("Consent").select_option(index=1)
    nav.get_by_label("What the person needs").fill("Care for a 4-year-old on class nights")
    nav.get_by_role("button", name="Send referral").click()
    nav.wait_for_load_state()
    assert "Referral sent." in nav.locator("main").inner_text()

    nav.get_by_role("link", name="Give a login").click()
    nav.get_by_label("Username").fill("rosa")
    nav.get_by_label("First password").fill("a-long-passphrase")
    nav.get_by_role("button", name="Create the login").click()
    nav.wait_for_load_state()
    assert "can now log in" in nav.locator("main").inner_text()
    context.close()

    log_in(phone, base, "rosa", "a-long-passphrase")
    # The navigator knows that first password: Rosa chooses her own before anything else.
    assert "/accounts/password/" in phone.url
    assert serious_violations(phone) == []
    phone.get_by_label("Old password").fill("a-long-passphrase")
    phone.get_by_label("New password", exact=True).fill("rosa's own phrase 2026")
    phone.get_by_label("New password confirmation").fill("rosa's own phrase 2026")
    phone.get_by_role("button", name="Change my password").click()
    phone.wait_for_load_state()
    # A participant's login leads to her plan: she is there once her password is her own,
    # in Spanish, the language she gave at intake.
    assert phone.url.endswith("/cases/my-plan/")
    text = phone.locator("main").inner_text()
    assert phone.locator("html").get_attribute("lang") == "es"
    assert "Hola, Rosa. Este es tu plan." in text
    assert "Puedes empezar ahora" in text  # and the pathway's own words in Spanish too
    assert "Puente a la salud con preparación para el GED" in text
    assert "Imprimir mi plan" in text
    assert no_sideways_scroll(phone)
    assert serious_violations(phone) == []
    # The language switch works from here too.
    phone.get_by_label("Idioma").select_option("en")
    phone.get_by_role("button", name="Cambiar").click()
    phone.wait_for_load_state()
    assert "Hello, Rosa. Here is your plan." in phone.locator("main").inner_text()
    assert "Healthcare Bridge with GED preparation" in phone.locator("main").inner_text()
