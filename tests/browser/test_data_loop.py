"""The quarterly loop in a real Chromium, as one analyst does it (docs/data-loop.md):
partners' files in, linkage as a job, a pair reviewed, the joined files measured as a job,
a figure of that run published, and the pathway's public page then saying it, in English
and in Spanish. axe (target-size included) and the CSP on every page (issue 19)."""

from __future__ import annotations

import pytest

from tests.browser.pages import check_page, reader_context
from tests.browser.test_measures_phone import sign_in
from tests.browser.test_publish_outcome import figures_on, publish
from tests.jobs import run_worker
from tests.linking.files import FILES, fixed_link_records

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def with_pathway(content: bytes, pathway: str) -> bytes:
    """The partner's file with the pathway each period belongs to (docs/measures.md)."""
    lines = content.decode().splitlines()
    return "\n".join([lines[0] + ",pathway"] + [f"{line},{pathway}" for line in lines[1:]]
                     ).encode() + b"\n"


def follow_job(page) -> None:
    page.wait_for_url("**/jobs/*/")
    check_page(page)
    run_worker()
    result = page.get_by_role("link", name="See the result")
    result.wait_for(timeout=15000)
    check_page(page)
    result.click()


@pytest.mark.parametrize("width", [360, 1280])
def test_files_in_linked_reviewed_measured_and_published(world, live_server, browser, width,
                                                         tmp_path, settings, monkeypatch):
    from pathways.apps.catalog.models import Pathway
    from pathways.apps.linking.models import CandidatePair
    from pathways.apps.reports.models import MeasuresRun
    from pathways.demo.region import demo_partnership

    settings.LINKAGE_FILES_DIR = str(tmp_path / "linkage")
    settings.JOB_FILES_DIR = str(tmp_path / "jobs")
    # So few people that every cell would be hidden at the usual 10; a test may go lower.
    settings.PATHWAYS_MEASURES_MIN_THRESHOLD = "1"
    monkeypatch.setattr("pathways.linkage.link_records", fixed_link_records)
    partnership = demo_partnership()
    pathway = Pathway.objects.filter(partnership=partnership, status="published",
                                     draft_of__isnull=True).order_by("slug").first()
    public = f"{live_server.url}/pathways/{pathway.slug}/"
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  extra_http_headers={"Accept-Language": "en"})
    page = context.new_page()
    sign_in(page, live_server.url, "analyst")

    page.goto(f"{live_server.url}/measures/{partnership.pk}/linkage/")
    check_page(page)
    for n, (content, label, name) in enumerate(FILES, start=1):
        page.get_by_label(f"Partner {n}: short label").fill(label)
        page.get_by_label(f"Partner {n}: file (CSV)").set_input_files(files=[{
            "name": name, "mimeType": "text/csv",
            "buffer": with_pathway(content, pathway.name)}])
    page.get_by_role("button", name="Link the files").click()
    follow_job(page)
    page.wait_for_url("**/linkage/*/")
    check_page(page)
    run_page = page.url

    page.get_by_role("link", name="Review the next pair").click()
    page.wait_for_url("**/pairs/*/")
    page.get_by_label("The same person", exact=True).check()
    page.get_by_role("button", name="Save and go to the next pair").click()
    page.wait_for_url("**/pairs/*/")
    check_page(page)
    assert CandidatePair.objects.filter(decision="match").count() == 1

    page.goto(run_page + "measures/")
    check_page(page)
    page.locator("#id_start").fill("2022-07-01")
    page.locator("#id_end").fill("2023-06-30")
    page.locator("#id_as_of").fill("2025-01-15")
    page.locator("#id_threshold").fill("1")
    page.locator("form button[type=submit]").last.click()
    follow_job(page)
    page.wait_for_url("**/measures/*/**")
    check_page(page)
    run = MeasuresRun.objects.filter(partnership=partnership).latest("pk")
    assert "link" in run.source.lower()

    before = {language: figures_on(context.new_page(), public) for language in ("en",)}
    publish(page, live_server.url, partnership.pk, run.pk, pathway.name)
    shown = {}
    for language in ("en", "es"):
        reader = reader_context(browser, width, language)
        shown[language] = figures_on(reader.new_page(), public)
        reader.close()
    assert len(shown["en"]) == len(before["en"]) + 1
    assert len(shown["es"]) == len(shown["en"])
    context.close()
