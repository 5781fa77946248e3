"""The account pages in a real Chromium: the lockout, a temporary password, two-step login.
Each page is checked by axe-core and for CSP violations."""

from __future__ import annotations

import re
import time

import pytest

from tests.accounts.test_two_factor import totp
from tests.browser.pages import check_page, csp_violations, log_in, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_watch_sees_a_violation(world, live_server, phone):
    """The control: a style attribute set on a page is blocked and reported."""
    phone.goto(live_server.url + "/")
    assert csp_violations(phone) == []
    phone.evaluate("document.body.setAttribute('style', 'background: red')")
    phone.wait_for_function("window.__cspViolations.length > 0")
    assert "style-src" in " ".join(csp_violations(phone))


def test_a_locked_out_person_reads_how_long_to_wait(world, live_server, phone):
    from django.conf import settings

    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(phone, live_server.url, "partner", "a wrong guess")
    alert = phone.get_by_role("alert").inner_text()
    assert "Too many failed logins" in alert and "wait 15 minutes" in alert
    check_page(phone)
    log_in(phone, live_server.url, "partner", "pathways-demo")  # the right one: still no
    assert "Too many failed logins" in phone.get_by_role("alert").inner_text()
    assert phone.get_by_role("link", name="Reset it by email").is_visible()


def test_temporary_password_then_the_participant_chooses_their_own(
        world, live_server, browser, phone):
    from pathways.apps.cases.models import Participant

    paz = Participant.objects.get(first_name="Paz")
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    nav = context.new_page()
    log_in(nav, live_server.url, "navigator", "pathways-demo")
    nav.goto(live_server.url + paz.get_absolute_url())
    nav.get_by_role("link", name="Set a temporary password").click()
    nav.wait_for_load_state()
    assert serious_violations(nav) == []
    nav.get_by_role("button", name="Make a temporary password").click()
    nav.wait_for_load_state()
    temporary = nav.locator(".temporary-password").inner_text().strip()
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", temporary)
    assert serious_violations(nav) == []
    context.close()

    log_in(phone, live_server.url, "participant", temporary)
    phone.goto(live_server.url + "/cases/my-plan/")
    assert "/accounts/password/" in phone.url  # sent to choose their own first
    assert "set by your navigator" in phone.locator("main").inner_text()
    check_page(phone)
    phone.get_by_label("Old password").fill(temporary)
    phone.get_by_label("New password", exact=True).fill("my own long phrase 7")
    phone.get_by_label("New password confirmation").fill("my own long phrase 7")
    phone.get_by_role("button", name="Change my password").click()
    phone.wait_for_load_state()
    assert phone.url.endswith("/cases/my-plan/")
    assert "Your password is changed" in phone.locator("main").inner_text()
    check_page(phone)


def test_a_navigator_sets_up_two_step_login_and_gives_a_code_next_time(
        world, live_server, phone):
    base = live_server.url
    log_in(phone, base, "navigator", "pathways-demo")
    phone.get_by_role("link", name="Change password").click()
    phone.wait_for_load_state()
    check_page(phone)
    phone.get_by_role("link", name="Set up two-step login").click()
    phone.wait_for_load_state()
    assert phone.locator("svg.qr[role=img]").is_visible()
    check_page(phone)
    secret = phone.locator("code.secret").inner_text().replace(" ", "")
    phone.get_by_label("Code from your app").fill(totp(secret, time.time()))
    phone.get_by_role("button", name="Turn two-step login on").click()
    phone.wait_for_load_state()
    assert "Two-step login is on" in phone.locator("main").inner_text()

    phone.get_by_role("button", name=re.compile("Log out")).first.click()
    phone.wait_for_load_state()
    log_in(phone, base, "navigator", "pathways-demo")
    phone.goto(base + "/cases/")
    assert "/accounts/two-step/code/" in phone.url
    check_page(phone)
    phone.get_by_label("Code from your app").fill(totp(secret, time.time() + 30))
    phone.get_by_role("button", name="Go on").click()
    phone.wait_for_load_state()
    assert "My caseload" in phone.title()


def test_a_forgotten_password_reset_by_email_on_a_phone(world, live_server, phone):
    from django.core import mail

    phone.goto(live_server.url + "/accounts/login/")
    phone.get_by_role("link", name="Reset it by email").click()
    phone.wait_for_load_state()
    check_page(phone)
    phone.get_by_label("Email").fill("analyst@example.org")
    phone.get_by_role("button", name="Send me the link").click()
    phone.wait_for_load_state()
    assert "Check your email" in phone.title()
    check_page(phone)
    link = re.search(r"https?://\S+/accounts/password/reset/\S+/", mail.outbox[-1].body)[0]
    phone.goto(link)
    phone.wait_for_load_state()
    check_page(phone)
    phone.get_by_label("New password", exact=True).fill("a new analyst phrase 9")
    phone.get_by_label("New password confirmation").fill("a new analyst phrase 9")
    phone.get_by_role("button", name="Save my new password").click()
    phone.wait_for_load_state()
    assert "Your password is changed" in phone.title()
    check_page(phone)
    log_in(phone, live_server.url, "analyst", "a new analyst phrase 9")
    assert phone.get_by_role("button", name=re.compile("Log out")).first.is_visible()
