"""An analyst makes the partnership's PIRL file as a background job in a real Chromium: the
export page, the job page while it waits and when it is done, and the download, once. axe
(target-size included) and the CSP on every page, at 360 px in English and at 1280 px in
Spanish (issue 19)."""

from __future__ import annotations

import pytest

from tests.browser.pages import check_page, reader_context
from tests.browser.test_measures_phone import sign_in
from tests.jobs import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "language"), [(360, "en"), (1280, "es")])
def test_an_analyst_makes_and_downloads_the_pirl_file(world, live_server, browser, width,
                                                      language, tmp_path, settings):
    from pathways.demo.region import demo_partnership

    settings.JOB_FILES_DIR = str(tmp_path)
    words = {"en": ("Make the PIRL file", "Waiting to start", "See the result"),
             "es": ("Preparar el archivo PIRL", "Esperando para empezar", "Ver el resultado")}
    make, waiting, result = words[language]
    context = reader_context(browser, width, language)
    page = context.new_page()
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/measures/{demo_partnership().pk}/pirl/")
    assert page.locator("html").get_attribute("lang") == language
    check_page(page)
    page.locator("#id_start").fill("2024-01-01")
    page.locator("#id_end").fill("2030-12-31")
    page.get_by_role("button", name=make).click()
    page.wait_for_url("**/jobs/*/")
    assert waiting in page.locator("#job-status").inner_text()
    check_page(page)

    run_worker()
    # The page follows the job by itself (pathways/jobs.js), without a reload.
    link = page.get_by_role("link", name=result)
    link.wait_for(timeout=15000)
    check_page(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("pirl-20240101-20301231")
    # Once only: the file held personal data and is gone.
    again = page.request.get(live_server.url + link.get_attribute("href"))
    assert again.status == 404
    context.close()
