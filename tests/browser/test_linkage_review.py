"""An analyst links three partners' files and reviews a pair in a real Chromium: the upload
page, the job page while it waits and when it is done, the linkage run and its review
queue, one pair side by side (masked for an analyst) and the decision. axe (target-size
included) and the CSP on every page, at 360 px in English and at 1280 px in Spanish
(issue 19)."""

from __future__ import annotations

import pytest

from tests.browser.pages import check_page, reader_context
from tests.browser.test_measures_phone import sign_in
from tests.jobs import run_worker
from tests.linking.files import FILES, fixed_link_records

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {"label": "Partner {n}: short label", "file": "Partner {n}: file (CSV)",
           "link": "Link the files", "waiting": "Waiting to start",
           "result": "See the result", "next": "Review the next pair",
           "same": "The same person", "save": "Save and go to the next pair",
           "question": "Are these records the same person?"},
    "es": {"label": "Aliado {n}: etiqueta corta", "file": "Aliado {n}: archivo (CSV)",
           "link": "Vincular los archivos", "waiting": "Esperando para empezar",
           "result": "Ver el resultado", "next": "Revisar el siguiente par",
           "same": "Es la misma persona", "save": "Guardar e ir al siguiente par",
           "question": "¿Estos registros son la misma persona?"},
}


@pytest.mark.parametrize(("width", "language"), [(360, "en"), (1280, "es")])
def test_an_analyst_links_partner_files_and_reviews_a_pair(world, live_server, browser,
                                                           width, language, tmp_path,
                                                           settings, monkeypatch):
    from pathways.apps.linking.models import CandidatePair
    from pathways.demo.region import demo_partnership

    settings.LINKAGE_FILES_DIR = str(tmp_path)
    # The model's answer is fixed (tests/linking/files.py): two pairs to review.
    monkeypatch.setattr("pathways.linkage.link_records", fixed_link_records)
    words = WORDS[language]
    context = reader_context(browser, width, language)
    page = context.new_page()
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/measures/{demo_partnership().pk}/linkage/")
    assert page.locator("html").get_attribute("lang") == language
    check_page(page)
    for n, (content, label, name) in enumerate(FILES, start=1):
        page.get_by_label(words["label"].format(n=n)).fill(label)
        page.get_by_label(words["file"].format(n=n)).set_input_files(
            files=[{"name": name, "mimeType": "text/csv", "buffer": content}])
    page.get_by_role("button", name=words["link"]).click()
    page.wait_for_url("**/jobs/*/")
    assert words["waiting"] in page.locator("#job-status").inner_text()
    check_page(page)

    run_worker()
    # The job page follows the job by itself (pathways/jobs.js).
    result = page.get_by_role("link", name=words["result"])
    result.wait_for(timeout=15000)
    check_page(page)
    result.click()
    page.wait_for_url("**/linkage/*/")
    assert "workforce:W1" in page.content()
    check_page(page)

    page.get_by_role("link", name=words["next"]).click()
    page.wait_for_url("**/pairs/*/")
    assert page.get_by_role("heading", level=1).inner_text() == words["question"]
    assert "1990-••-••" in page.content() and "1990-04-02" not in page.content()
    check_page(page)
    page.get_by_label(words["same"], exact=True).check()
    page.get_by_role("button", name=words["save"]).click()
    page.wait_for_url("**/pairs/*/")
    check_page(page)
    decided = CandidatePair.objects.exclude(decision="")
    assert [p.decision for p in decided] == ["match"]
    context.close()
