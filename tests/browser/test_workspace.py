"""An editor builds a small pathway in the workspace only (no admin): two levels, two
steps, a connection, an entry and an exit, each change made in place (htmx) with the
checks panel following; then plants a loop, which the checks catch. axe-core and the
Content-Security-Policy are checked at 360 and 1280 px, and the editor uses the keyboard
for the forms."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from pathways.apps.catalog.models import Pathway
from tests.browser.pages import no_sideways_scroll, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username: str) -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def check_page(page) -> None:
    """As tests.browser.pages.check_page, naming what axe found."""
    assert no_sideways_scroll(page), page.url
    found = serious_violations(page)
    if found:
        from axe_playwright_python.sync_playwright import Axe

        nodes = [(v["id"], [n["target"] for n in v["nodes"]])
                 for v in Axe().run(page).response["violations"]]
        raise AssertionError((page.url, found, nodes))


def saved(page, text: str) -> None:
    page.locator("#editor-status").filter(has_text=text).wait_for()


def open_step(page, summary: str) -> None:
    """A step shows its forms only when asked: press the "Edit" button of the step the
    summary names (the longest name found in it), with the keyboard."""
    buttons = page.locator("a.ws-open-step")
    names = [(name, i) for i, name in enumerate(buttons.evaluate_all(
        "nodes => nodes.map(n => n.dataset.name)")) if name in summary]
    if not names:
        return
    _name, index = max(names, key=lambda item: len(item[0]))
    button = buttons.nth(index)
    step = button.get_attribute("hx-target")
    button.focus()
    page.keyboard.press("Enter")
    page.locator(f"{step} details.ws-action").first.wait_for()


def open_action(page, summary: str):
    """Open a <details> by its summary with the keyboard (after opening its step), and
    return it."""
    found = page.locator("details", has=page.locator("summary", has_text=summary)).first
    if not found.count():
        open_step(page, summary)
    # The step's forms arrive by htmx; a swap still under way would replace an opened
    # <details> with a closed one, so wait for it, then open until it stays open.
    page.wait_for_load_state("networkidle")
    for _attempt in range(3):
        if found.evaluate("details => details.open"):
            break
        found.locator("summary").focus()
        page.keyboard.press("Enter")
        page.wait_for_load_state("networkidle")
    return found


def test_an_editor_builds_a_pathway_in_the_workspace(world, live_server, desktop, phone):
    page = desktop
    sign_in(page, live_server, "editor")
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Workspace").click()
    page.get_by_role("heading", level=1, name="Workspace").wait_for()
    check_page(page)
    page.get_by_role("link", name="New pathway").click()
    check_page(page)
    page.get_by_label("Name (English)").fill("Welding in Bluegrass")
    page.get_by_label("Sector").select_option(index=1)
    page.get_by_label("Description (English)").fill("From a first weld to a certified welder.")
    page.get_by_role("button", name="Create the pathway").click()
    page.get_by_role("heading", level=1, name="Welding in Bluegrass").wait_for()
    pathway = Pathway.objects.get(name="Welding in Bluegrass")
    assert pathway.status == "draft"

    add_level = page.locator("#add-level")
    for name in ("Get started", "Get certified"):
        add_level.get_by_label("Level name (English)").fill(name)
        add_level.get_by_label("Level name (English)").press("Enter")
        page.get_by_role("heading", name=f"{name}").first.wait_for()
    check_page(page)

    form = open_action(page, "Add a step to Get started")
    form.get_by_label("Step name (English)").fill("Welding basics")
    form.get_by_label("Cost (USD)").fill("900")
    form.get_by_label("Length (weeks)").fill("8")
    form.get_by_role("button", name="Add the step").click()
    saved(page, "Step added: Welding basics")
    step = Pathway.objects.get(name="Welding in Bluegrass").components.get()
    # expect() polls from Playwright's own script: a string predicate would be an eval,
    # which the page's Content-Security-Policy refuses.
    expect(page.locator(f"#step-{step.pk}-name")).to_be_focused()

    form = open_action(page, "Add a step to Get certified")
    form.get_by_label("Step name (English)").fill("Welder job")
    form.get_by_label("Kind of step").select_option(label="Job")
    form.get_by_role("button", name="Add the step").click()
    saved(page, "Step added: Welder job")

    form = open_action(page, "Connect Welding basics to a next step")
    form.get_by_label("Leads to").select_option(label="Welder job")
    form.get_by_role("button", name="Connect").press("Enter")
    saved(page, "Connection added.")

    form = open_action(page, "Mark Welding basics as a way in")
    form.get_by_label("Name of this way in (English)").fill("Start with a diploma")
    form.get_by_label("Kind").select_option(value="direct")
    form.get_by_label("Who it is for (English)").fill("Adults with a high school diploma")
    form.get_by_role("button", name="Add the entry point").click()
    saved(page, "Entry point added.")

    form = open_action(page, "Mark a job reached after Welder job")
    form.get_by_label("Find an occupation").fill("welders")
    occupation = form.get_by_label("Occupation", exact=True)
    occupation.locator("option", has_text="Welders, Cutters").first.wait_for(state="attached")
    occupation.select_option(index=1)
    form.get_by_role("button", name="Add the exit point").click()
    saved(page, "Exit point added.")

    panel = page.locator("#checks-panel")
    assert panel.locator(".is-blocking").count() == 0, panel.inner_text()
    check_page(page)
    pathway.refresh_from_db()
    assert pathway.levels.count() == 2 and pathway.components.count() == 2
    assert pathway.entry_points.count() == 1 and pathway.exit_points.count() == 1
    first = pathway.components.get(name="Welding basics")
    assert [c.name for c in first.precedes.all()] == ["Welder job"]

    # A loop planted through the workspace: the checks catch it, with a link to the place.
    form = open_action(page, "Connect Welder job to a next step")
    form.get_by_label("Leads to").select_option(label="Welding basics")
    form.get_by_role("button", name="Connect").click()
    saved(page, "Connection added.")
    loop = panel.locator("[data-code='cycle']")
    loop.wait_for()
    assert "Blocks publishing" in loop.inner_text()
    assert loop.get_by_role("link").get_attribute("href").startswith("#step-")

    # What a step needs first, as a sentence with its preview (htmx), then saved.
    page.get_by_role("link", name="Conditions of Welder job").click()
    page.get_by_role("heading", level=1, name="What Welder job needs first").wait_for()
    page.get_by_role("group", name="these steps").get_by_label("Welding basics").check()
    page.locator("#conditions-preview").filter(has_text="Needs: Welding basics").wait_for()
    check_page(page)
    page.get_by_role("button", name="Save the conditions").click()
    page.get_by_role("heading", level=1, name="Welding in Bluegrass").wait_for()
    job = pathway.components.get(name="Welder job")
    assert [t.name for t in job.conditions.get().targets.all()] == ["Welding basics"]

    sign_in(phone, live_server, "editor")
    phone.goto(live_server.url + f"/workspace/pathways/{pathway.pk}/")
    phone.get_by_role("heading", level=1, name="Welding in Bluegrass").wait_for()
    check_page(phone)
    phone.goto(live_server.url + "/workspace/")
    check_page(phone)
    phone.get_by_role("link", name="Programs and services").click()
    phone.get_by_role("heading", level=1, name="Programs and services").wait_for()
    check_page(phone)
    phone.goto(live_server.url + f"/workspace/pathways/{pathway.pk}/steps/{first.pk}/conditions/")
    check_page(phone)
