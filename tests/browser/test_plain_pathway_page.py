"""Issue 20, plain language: on a 360 px phone and a 1280 px screen, in English and Spanish,
a pathway page shows each job's plain summary with O*NET's wording folded under "Official
description", and a program step says how to sign up and where and when it meets; the job
page leads with the summary. axe-core and the CSP are checked on every page."""

from __future__ import annotations

import pytest

from tests.browser.pages import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NURSING = "/pathways/nursing-and-patient-care/"


@pytest.mark.parametrize(("width", "language"), [(360, "es"), (1280, "en")])
def test_plain_summaries_sign_up_and_where_and_when(world, live_server, browser, width,
                                                     language):
    context = browser.new_context(viewport={"width": width, "height": 800},
                                  locale="es-US" if language == "es" else "en-US",
                                  extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    words = {
        "en": ("You take blood from people for tests.", "Official description",
               "Draw blood", "How to sign up", "Sign up with River Valley", "Where and when"),
        "es": ("Sacas sangre a las personas para hacer pruebas.", "Descripción oficial",
               "Draw blood", "Cómo inscribirte", "Inscríbete con River Valley",
               "Dónde y cuándo"),
    }[language]
    summary, official, onet, how, sign_up, where = words
    page.goto(live_server.url + NURSING)
    main = page.locator("main")
    assert summary in main.inner_text()
    card = page.locator(".card-exit", has_text=summary)
    assert not card.get_by_text(onet, exact=False).is_visible()  # folded
    card.get_by_text(official).click()
    assert card.get_by_text(onet, exact=False).is_visible()
    text = main.inner_text()
    assert how in text and where in text
    link = page.get_by_role("link", name=sign_up).first
    assert link.get_attribute("href").startswith("https://")
    check_page(page)

    page.goto(live_server.url + "/occupations/31-9097.00/")
    assert page.locator("main .lead").first.inner_text().startswith(summary)
    check_page(page)
    context.close()
