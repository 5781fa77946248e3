"""Every public page, at 360 and 1280 px, in English and Spanish: it fits the screen,
axe-core finds nothing serious or critical (target-size and scrollable-region included),
and the page breaks no rule of its Content-Security-Policy (issue 20).

The list is checked against the public routes of tests/test_url_auth.py, so a new public
page cannot go unchecked."""

from __future__ import annotations

import pytest

from tests.browser.pages import check_page, reader_context
from tests.test_url_auth import PUBLIC

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "home": "/",
    "catalog:explainer": "/what-is-a-career-pathway/",
    "catalog:sectors": "/sectors/",
    "catalog:sector": "/sectors/{sector}/",
    "catalog:pathways": "/pathways/",
    "catalog:pathway": "/pathways/nursing-and-patient-care/",
    "catalog:occupations": "/occupations/?q=nurse",
    "catalog:occupation": "/occupations/29-1141.00/",
    "finder:find": "/find/?education=some_hs&english=simple&likes=helping",
    "catalog:privacy": "/privacy/",
    "catalog:accessibility": "/accessibility/",
    "contact:form": "/talk-to-a-navigator/?pathway=nursing-and-patient-care",
    "contact:sent": "/talk-to-a-navigator/sent/",
    "login": "/accounts/login/",
    "password_reset": "/accounts/password/reset/",
    "password_reset_done": "/accounts/password/reset/sent/",
    "password_reset_confirm": "/accounts/password/reset/MQ/not-a-token/",  # "link expired"
    "password_reset_complete": "/accounts/password/reset/done/",
    "not found": "/no-such-page/",
}
NOT_PAGES = {"set_language", "catalog:pathway_ctdl", "catalog:pathway_version_ctdl"}


def test_the_list_holds_every_public_page():
    assert set(PAGES) - {"not found"} == PUBLIC - NOT_PAGES


@pytest.mark.parametrize("width", [360, 1280])
def test_every_public_page_passes_axe_in_english_and_spanish(world, live_server, browser,
                                                             width):
    from django.urls import reverse

    from pathways.apps.catalog.models import Pathway

    sector = Pathway.objects.get(slug="nursing-and-patient-care").sector.slug
    for language in ("en", "es"):
        context = reader_context(browser, width, language)
        page = context.new_page()
        for name, path in PAGES.items():
            url = live_server.url + path.format(sector=sector)
            response = page.goto(url)
            assert response.status == (404 if name == "not found" else 200), url
            assert page.locator("html").get_attribute("lang") == language, url
            check_page(page)
        context.close()
    assert reverse("password_reset") == PAGES["password_reset"]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_server_error_page_passes_axe_in_english_and_spanish(world, live_server, browser,
                                                                 width, monkeypatch):
    """The 500 page is drawn without a request context (the error may be the database):
    it still fits the screen, passes axe and keeps the CSP, in the reader's language."""
    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug")

    from django.core.cache import cache

    monkeypatch.setattr("pathways.apps.catalog.queries.sectors_with_counts", broken)
    cache.clear()  # no kept copy of the page may answer instead
    for language, words in (("en", "Something went wrong"), ("es", "Algo salió mal")):
        context = reader_context(browser, width, language)
        page = context.new_page()
        response = page.goto(live_server.url + "/sectors/")
        assert response.status == 500
        assert page.locator("html").get_attribute("lang") == language
        assert words in page.locator("h1").inner_text()
        check_page(page)
        context.close()
