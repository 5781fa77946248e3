"""An analyst publishes a figure of a stored run in a real Chromium, and the pathway's
public page then says it in plain words, in English and in Spanish; withdrawing the run
takes it off the page. axe (target-size included) and the CSP on every page, at 360 and
1280 px (issue 19)."""

from __future__ import annotations

import pytest

from tests.browser.pages import check_page, reader_context
from tests.browser.test_measures_phone import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def figures_on(page, url: str) -> list[str]:
    page.goto(url)
    check_page(page)
    return page.locator("#outcomes + ul .outcome-figure").all_inner_texts()


def publish(page, base: str, partnership: int, run: int, pathway: str) -> str:
    """Publish a step's figure of ``pathway`` from the run's publish page; its label."""
    page.goto(f"{base}/measures/{partnership}/runs/{run}/publish/")
    check_page(page)
    page.locator("#id_pathway").select_option(label=pathway)
    options = page.locator("#id_cell option").all_inner_texts()
    # a step of this pathway ("level"/"nivel" in its group), else any of its cells
    mine = [o for o in options if pathway in o]
    label = next((o for o in mine if "level" in o.lower() or "nivel" in o.lower()), mine[0])
    page.locator("#id_cell").select_option(label=label)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator("[role=status], .messages").first.is_visible()
    check_page(page)
    return label


@pytest.mark.parametrize("width", [360, 1280])
def test_an_analyst_publishes_a_figure_and_the_public_page_says_it(world, live_server, browser,
                                                                   width):
    from pathways.apps.catalog.models import Pathway
    from pathways.apps.reports.models import MeasuresRun
    from pathways.demo.region import demo_partnership

    partnership = demo_partnership()
    run = MeasuresRun.objects.filter(partnership=partnership).latest("pk")
    pathway = Pathway.objects.filter(partnership=partnership, status="published",
                                     published_figures__run=run).order_by("slug").first()
    public = f"{live_server.url}/pathways/{pathway.slug}/"
    staff = browser.new_context(viewport={"width": width, "height": 900})
    visitor = {language: reader_context(browser, width, language)
               for language in ("en", "es")}
    page = staff.new_page()
    sign_in(page, live_server.url, "analyst")
    reader = {language: context.new_page() for language, context in visitor.items()}
    before = {language: figures_on(p, public) for language, p in reader.items()}

    publish(page, live_server.url, partnership.pk, run.pk, pathway.name)

    after = {language: figures_on(p, public) for language, p in reader.items()}
    for language in ("en", "es"):
        assert len(after[language]) == len(before[language]) + 1, language
        assert reader[language].locator("html").get_attribute("lang") == language
    assert any("of" in f.lower() for f in after["en"])
    assert any(" de " in f.lower() for f in after["es"])

    # Withdrawing the run takes every figure of it off the page.
    page.goto(f"{live_server.url}/measures/{partnership.pk}/runs/{run.pk}/withdraw/")
    check_page(page)
    page.locator("#id_reason").fill("The wrong reporting period")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    for language, p in reader.items():
        assert figures_on(p, public) == [], language
    for context in (staff, *visitor.values()):
        context.close()
