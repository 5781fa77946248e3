"""Issue 20, "Phone and plain language": on a 360 px phone the pathway map is a list of
levels and step cards (the wide drawing from 48rem up), tables become cards, and the
footer's privacy and accessibility pages pass axe on a phone and a computer, in English and
Spanish. In a real Chromium, with the page's CSP watched."""

from __future__ import annotations

import pytest

from tests.browser.pages import check_page, log_in, no_sideways_scroll, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NURSING = "/pathways/nursing-and-patient-care/"


def fits(page) -> bool:
    """Nothing wider than the window: the document's scroll width is the viewport's."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"
                         " && document.documentElement.scrollWidth"
                         " <= document.documentElement.clientWidth + 1")


def test_the_pathway_map_is_a_list_on_a_phone_and_a_drawing_on_a_computer(
        world, live_server, phone, browser):
    phone.goto(live_server.url + NURSING)
    cards = phone.locator(".map-narrow")
    assert cards.is_visible()
    assert not phone.locator("svg.pathway-map").is_visible()
    headings = phone.locator(".map-row h3")
    assert headings.count() >= 3
    for index in range(headings.count()):
        heading = headings.nth(index)
        heading.scroll_into_view_if_needed()
        assert heading.is_visible()
        box = heading.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360 + 1
    job = phone.locator(".map-narrow .tag-exit").first
    job.scroll_into_view_if_needed()
    assert job.is_visible() and job.inner_text().startswith("Job:")
    box = job.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 + 1
    assert phone.locator(".map-narrow .tag-entry").first.is_visible()
    assert "Then:" in cards.inner_text()
    assert fits(phone)
    assert no_sideways_scroll(phone)
    assert serious_violations(phone) == []

    wide = browser.new_context(viewport={"width": 1280, "height": 900})
    page = wide.new_page()
    page.goto(live_server.url + NURSING)
    assert page.locator("svg.pathway-map").is_visible()
    assert not page.locator(".map-narrow").is_visible()
    # Hidden with display:none, so out of the accessibility tree too: one map is announced.
    assert page.locator(".map-narrow").evaluate(
        "e => getComputedStyle(e).display") == "none"
    check_page(page)
    wide.close()


def test_the_caseload_and_the_wages_become_cards_on_a_phone(world, live_server, phone):
    base = live_server.url
    phone.goto(base + "/occupations/29-1141.00/")
    phone.get_by_text("All wage figures, by place").click()  # folded (plain language)
    table = phone.locator("table.reflow")
    table.scroll_into_view_if_needed()
    assert table.evaluate("t => getComputedStyle(t.tBodies[0].rows[0]).display") == "block"
    label = table.evaluate("t => getComputedStyle(t.tBodies[0].rows[0].cells[1],"
                           " '::before').content")
    assert "Median" in label
    assert table.locator("td").first.is_visible()
    assert fits(phone)
    check_page(phone)

    log_in(phone, base, "navigator", "pathways-demo")
    phone.goto(base + "/cases/")
    table = phone.locator("table.reflow")
    rows = table.locator("tbody tr")
    assert rows.count() == 4
    first = rows.first.bounding_box()
    assert first["width"] <= 360  # a card, not a row wider than the phone
    assert table.evaluate("t => getComputedStyle(t.tBodies[0].rows[0]).display") == "block"
    # The header row is hidden from sight only: its cells still name the columns.
    assert table.locator("thead").evaluate("h => h.getBoundingClientRect().width") <= 1
    assert phone.get_by_role("columnheader", name="Goal").count() == 1
    assert phone.get_by_role("cell").count() == 16
    assert "Goal" in table.evaluate(
        "t => getComputedStyle(t.tBodies[0].rows[0].cells[1], '::before').content")
    assert fits(phone)
    check_page(phone)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_footer_pages_pass_axe_on_a_phone_and_a_computer(world, live_server, browser,
                                                            language):
    words = {"en": ("Privacy", "Accessibility"), "es": ("Privacidad", "Accesibilidad")}
    for width, height in ((360, 780), (1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      locale="es-US" if language == "es" else "en-US",
                                      extra_http_headers={"Accept-Language": language})
        page = context.new_page()
        page.goto(live_server.url + "/")
        footer = page.locator("footer")
        for name in words[language]:
            footer.get_by_role("link", name=name).click()
            page.wait_for_load_state()
            assert page.locator("h1").inner_text().startswith(name)
            check_page(page)
            footer = page.locator("footer")
        context.close()
