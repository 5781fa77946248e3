"""An administrator loads reference data as a background job in a real Chromium: the
reference data page, the job page while it waits and when it has failed (the folder holds
no reference data), saying why. axe (target-size included) and the CSP on every page, at
360 px in English and at 1280 px in Spanish (issue 19)."""

from __future__ import annotations

import pytest

from tests.browser.pages import check_page, reader_context
from tests.browser.test_measures_phone import sign_in
from tests.jobs import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "language"), [(360, "en"), (1280, "es")])
def test_an_administrator_queues_a_reference_load(world, live_server, browser, width, language,
                                                  tmp_path, settings):
    settings.PATHWAYS_REFERENCE_DIR = str(tmp_path)
    words = {"en": ("Reference data", "Start the load", "Waiting to start"),
             "es": ("Datos de referencia", "Empezar la carga", "Esperando para empezar")}
    heading, start, waiting = words[language]
    context = reader_context(browser, width, language)
    page = context.new_page()
    sign_in(page, live_server.url, "admin")
    page.goto(f"{live_server.url}/workspace/")
    page.get_by_role("link", name=heading, exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == heading
    check_page(page)
    page.get_by_label(str(tmp_path)).check()
    page.get_by_role("button", name=start).click()
    page.wait_for_url("**/jobs/*/")
    assert waiting in page.locator("#job-status").inner_text()
    check_page(page)
    run_worker()
    # The folder holds no dataset: the job fails, and its page says why, naming the folder.
    reason = page.locator("#job [role=alert]")
    reason.wait_for(timeout=15000)
    assert str(tmp_path) in reason.inner_text()
    check_page(page)
    context.close()
