"""Issue 17's whole flow as one story, in a real browser, through the workspace only.

An editor builds a 3-level pathway from nothing in English and Spanish: 4 steps on
the partnership's programs (an integrated education and training bridge with a GED, three
credentials), 2 entry points, 2 exits on occupations with wage and demand data, a
condition ("all of" with a nested "any one of") and a counselling service on a step, so no
WIOA element is "not met". A loop planted through the workspace is caught by the checks and
removed. The editor sends the pathway for review; the demo reviewer (another member
organisation of the partnership) asks for changes on a step; the editor fixes it and sends
it again; the reviewer approves. The public page (English and Spanish) and its CTDL export
show the pathway; the editor's next version (a renamed step) stays private.

Selects, checkboxes and buttons are worked with the keyboard alone (``choose``, ``tick``,
``send``, ``tab_to``); axe-core and the Content-Security-Policy are checked at 1280 and
360 px on every workspace page the flow visits, some in the Spanish interface too."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from pathways.apps.catalog.lifecycle import elements_not_met
from pathways.apps.catalog.models import Pathway, PathwayComponent
from pathways.apps.catalog.translations import coverage
from tests.browser.pages import AXE_OPTIONS, no_sideways_scroll, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME, NAME_ES = "Health careers in Bluegrass", "Carreras de salud en Bluegrass"
BRIDGE = ("Bluegrass health bridge (IET)", "Puente a la salud de Bluegrass (IET)")
LEVELS = [("Get ready", "Prepárate"), ("Get certified", "Certifícate"),
          ("Get licensed", "Obtén la licencia")]
STEPS = [  # (level, English, Spanish, kind of step, program)
    (0, "Adult education bridge", "Puente de educación para adultos", "Course or program",
     BRIDGE[0]),
    (0, "Nurse aide training", "Capacitación de auxiliar de enfermería", "Credential",
     "Nurse Aide Training"),
    (1, "Phlebotomy", "Flebotomía", "Credential", "Phlebotomy Technician"),
    (2, "Practical nursing", "Enfermería práctica", "Credential", "Practical Nursing"),
]
JOBS = [  # (step, O*NET-SOC code, Spanish name of the exit)
    ("Nurse aide training", "31-1131.00", "Auxiliar de enfermería"),
    ("Practical nursing", "29-2061.00", "Enfermero práctico con licencia"),
]


@pytest.fixture
def windows(browser):
    """The editor's and the reviewer's 1280 px windows, an anonymous visitor's, then the
    editor's and the reviewer's 360 px phones."""
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900})
                for _ in range(3)]
    contexts += [browser.new_context(viewport={"width": 360, "height": 780},
                                     device_scale_factor=2, is_mobile=True, has_touch=True)
                 for _ in range(2)]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


# -- signing in, checking a page, the editor's forms ---------------------------------------
def sign_in(page, live_server, username: str) -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])


WIDER_THAN_PAGE = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > width + 1)
    .slice(-8).map((e) => `${e.tagName}#${e.id}.${e.className}: ${e.textContent.slice(0, 40)}`);
}"""


def check_page(page) -> None:
    """As tests.browser.pages.check_page, naming what axe found (and what is too wide)."""
    assert no_sideways_scroll(page), (page.url, page.evaluate(WIDER_THAN_PAGE))
    found = serious_violations(page)
    if found:
        from axe_playwright_python.sync_playwright import Axe

        nodes = [(v["id"], [n["target"] for n in v["nodes"]])
                 for v in Axe().run(page, options=AXE_OPTIONS).response["violations"]]
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


# -- the keyboard ---------------------------------------------------------------------------
def is_focused(element) -> bool:
    return element.evaluate("(element) => element === document.activeElement")


def tab_to(page, element, limit: int = 60) -> None:
    """Move the focus to ``element`` with Tab alone, from wherever it is: the element must
    be reachable in the page's tab order."""
    for _press in range(limit):
        if is_focused(element):
            return
        page.keyboard.press("Tab")
    assert is_focused(element), f"Tab never reached {element}"


def choose(select, text: str = "", value: str | None = None) -> None:
    """Choose an option of a (closed) select with the arrow keys, as a keyboard user does:
    the first option whose value is ``value``, or whose text contains ``text``."""
    select.wait_for()
    options = select.locator("option").evaluate_all(
        "(options) => options.map((o) => [o.value, o.textContent.trim()])")
    wanted = next(i for i, (v, label) in enumerate(options)
                  if (v == value if value is not None else text in label))
    current = select.evaluate("(select) => select.selectedIndex")
    select.focus()
    key = "ArrowDown" if wanted > current else "ArrowUp"
    for _press in range(abs(wanted - current)):
        select.press(key)
    expect(select).to_have_value(options[wanted][0])


def tick(checkbox) -> None:
    """Check a checkbox with the space bar."""
    checkbox.focus()
    checkbox.press("Space")
    expect(checkbox).to_be_checked()


def send(form, button: str) -> None:
    """Submit with the keyboard (Enter on the button), after clearing the status line so
    that the next ``saved`` waits for this change's answer, not the last one's."""
    page = getattr(form, "page", form)  # a form (Locator) or the whole page
    if page.locator("#editor-status").count():
        page.locator("#editor-status").evaluate("(status) => status.textContent = ''")
    form.get_by_role("button", name=button, exact=True).press("Enter")


def press(page, button: str) -> None:
    """Press a button that leads to another page with the keyboard, and wait for it."""
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).press("Enter")


def set_language(page, code: str) -> None:
    """The header's language switch, with the keyboard."""
    choose(page.locator("#language-choice"), value=code)
    with page.expect_navigation():
        page.locator("form.language button").press("Enter")


def both(form, label: str, english: str, spanish: str) -> None:
    form.get_by_label(f"{label} (English)").fill(english)
    form.get_by_label(f"{label} (Spanish)").fill(spanish)


# -- what the public sees -------------------------------------------------------------------
def public(visitor, live_server, live: Pathway) -> tuple[str, str, str]:
    """The public page in English and in Spanish, and its CTDL export, as anyone sees them."""
    url = live_server.url + live.get_absolute_url()
    english = visitor.request.get(url, headers={"Cookie": "django_language=en"})
    spanish = visitor.request.get(url, headers={"Cookie": "django_language=es"})
    ctdl = visitor.request.get(url + "ctdl.jsonld")
    assert english.ok and spanish.ok and ctdl.ok, (english.status, spanish.status, ctdl.status)
    return english.text(), spanish.text(), ctdl.text()


def test_an_editor_builds_a_pathway_that_another_organisation_reviews_and_publishes(
        world, live_server, windows):
    page, reviewer, visitor, page_phone, reviewer_phone = windows
    phones = {id(page): page_phone, id(reviewer): reviewer_phone}

    def check(on=None) -> None:
        """axe and the CSP on the page at 1280 px, then on the same page at 360 px."""
        on = on or page
        check_page(on)
        phone = phones[id(on)]
        phone.goto(on.url)
        phone.get_by_role("heading", level=1).first.wait_for()
        check_page(phone)

    def in_language(code: str, *windows) -> None:
        for window in windows:
            set_language(window, code)

    # -- building from nothing, in both languages ------------------------------------------
    sign_in(page, live_server, "editor")
    sign_in(page_phone, live_server, "editor")
    page.goto(live_server.url + "/workspace/")
    check()
    # Its own integrated education and training program first, on the offerings page.
    page.get_by_role("link", name="Programs and services").press("Enter")
    page.get_by_role("heading", level=1, name="Programs and services").wait_for()
    check()
    add = page.locator("details#program")
    add.locator("summary").press("Enter")
    both(add, "Program name", *BRIDGE)
    choose(add.get_by_label("Provider"), "Adult Education")
    add.get_by_label("Length (weeks)").fill("16")
    add.get_by_label("Cost (USD)").fill("0")
    choose(add.get_by_label("Credential awarded"), "GED")
    tick(add.get_by_label("Integrated education and training"))
    press(page, "Add a program")
    page.get_by_text(f"Added: {BRIDGE[0]}").wait_for()
    page.goto(live_server.url + "/workspace/")
    page.get_by_role("link", name="New pathway").press("Enter")
    page.get_by_role("heading", level=1, name="New pathway").wait_for()
    check()
    both(page, "Name", NAME, NAME_ES)
    choose(page.get_by_label("Sector"), "Healthcare")
    both(page, "Description", "From nurse aide to licensed practical nurse.",
         "De auxiliar de enfermería a enfermero práctico con licencia.")
    send(page, "Create the pathway")
    page.get_by_role("heading", level=1, name=NAME).wait_for()
    pathway = Pathway.objects.get(name_en=NAME)
    assert pathway.name_es == NAME_ES and pathway.status == "draft"
    home = f"/workspace/pathways/{pathway.pk}/"
    check()

    add_level = page.locator("#add-level")
    for english, spanish in LEVELS:
        both(add_level, "Level name", english, spanish)
        page.locator("#editor-status").evaluate("(status) => status.textContent = ''")
        add_level.get_by_label("Level name (Spanish)").press("Enter")
        saved(page, f"Level added: {english}")

    for level, english, spanish, kind, program in STEPS:
        if level < 2:
            form = open_action(page, f"Add a step to {LEVELS[level][0]}")
        else:  # the last one without a level, placed with the Level select
            form = open_action(page, "Add a step without a level")
            choose(form.get_by_label("Level", exact=True), LEVELS[level][0])
        both(form, "Step name", english, spanish)
        choose(form.get_by_label("Kind of step"), kind)
        choose(form.get_by_label("Program", exact=True), program)
        if not level:  # the step's own cost and length, instead of its program's
            form.get_by_label("Cost (USD)").fill("150")
            form.get_by_label("Length (weeks)").fill("14")
        tab_to(page, form.get_by_role("button", name="Add the step"))
        send(form, "Add the step")
        saved(page, f"Step added: {english}")
        added = pathway.components.get(name_en=english)
        # expect() polls from Playwright's own script: a string predicate would be an eval,
        # which the page's Content-Security-Policy refuses.
        expect(page.locator(f"#step-{added.pk}-name")).to_be_focused()
    steps = {c.name_en: c for c in pathway.components.select_related("level", "program")}
    assert [steps[s[1]].level.name_en for s in STEPS] == [LEVELS[s[0]][0] for s in STEPS]
    assert [steps[s[1]].program.name for s in STEPS] == [s[4] for s in STEPS]
    bridge = steps["Adult education bridge"]
    assert bridge.effective_iet and (bridge.cost, bridge.length_weeks) == (150, 14)
    check()

    def connect(source: str, target: str) -> None:
        form = open_action(page, f"Connect {source} to a next step")
        choose(form.get_by_label("Leads to"), target)
        send(form, "Connect")
        saved(page, "Connection added.")

    connect("Adult education bridge", "Nurse aide training")
    connect("Nurse aide training", "Phlebotomy")
    connect("Phlebotomy", "Practical nursing")

    for step, english, spanish, kind, who in (
            ("Nurse aide training", "Walk in", "Entrada directa", "Direct",
             ("Adults with a diploma", "Adultos con diploma")),
            ("Adult education bridge", "Study for your diploma", "Estudia para tu diploma",
             "Adult basic education", ("Adults without a diploma", "Adultos sin diploma"))):
        form = open_action(page, f"Mark {step} as a way in")
        both(form, "Name of this way in", english, spanish)
        choose(form.get_by_label("Kind"), kind)
        both(form, "Who it is for", *who)
        send(form, "Add the entry point")
        saved(page, "Entry point added.")

    for step, code, spanish in JOBS:
        form = open_action(page, f"Mark a job reached after {step}")
        form.get_by_label("Find an occupation").fill(code)
        occupation = form.get_by_label("Occupation", exact=True)
        occupation.locator("option", has_text=code).first.wait_for(state="attached")
        page.keyboard.press("Tab")  # from the search box to the list it fills
        expect(occupation).to_be_focused()
        choose(occupation, code)
        form.get_by_label("Name (Spanish)").fill(spanish)
        send(form, "Add the exit point")
        saved(page, "Exit point added.")

    form = open_action(page, "Attach a support service to Nurse aide training")
    choose(form.get_by_label("Support service", exact=True), "Career coaching")
    send(form, "Attach")
    saved(page, "Support service attached.")
    check()

    # The loop: the checks catch it with a link to the place; removing it clears the panel.
    panel = page.locator("#checks-panel")
    connect("Practical nursing", "Nurse aide training")
    loop = panel.locator("[data-code='cycle']")
    loop.wait_for()
    assert "Blocks publishing" in loop.inner_text()
    assert loop.get_by_role("link").get_attribute("href").startswith("#step-")
    send(page, "Remove the link from Practical nursing to Nurse aide training")
    saved(page, "Connection removed.")
    loop.wait_for(state="detached")
    assert panel.locator(".is-blocking").count() == 0, panel.inner_text()

    # What Practical nursing needs: all of (Phlebotomy) and any one of the two first steps.
    page.get_by_role("link", name="Conditions of Practical nursing").press("Enter")
    page.get_by_role("heading", level=1, name="What Practical nursing needs first").wait_for()
    top = page.get_by_role("group", name="This step needs")
    choose(top.get_by_label("Rule"), value="all")
    tick(top.get_by_role("group", name="these steps").get_by_label("Phlebotomy"))
    nested = page.get_by_role("group", name="And group 1")
    choose(nested.get_by_label("Rule"), value="any")
    tick(nested.get_by_label("Adult education bridge"))
    tick(nested.get_by_label("Nurse aide training"))
    page.locator("#conditions-preview").filter(has_text="Phlebotomy").wait_for()
    conditions = page.url.removeprefix(live_server.url)
    check()
    press(page, "Save the conditions")
    page.get_by_role("heading", level=1, name=NAME).wait_for()
    nursing = pathway.components.get(name_en="Practical nursing")
    top_row = nursing.conditions.get()
    assert [t.name_en for t in top_row.targets.all()] == ["Phlebotomy"]
    assert top_row.subconditions.get().targets.count() == 2

    # Every text of the pathway, and of the programs, credentials, service and sector it
    # uses, has its Spanish value: the translation panel reads "N of N".
    count = page.locator("#coverage-count")
    pathway.refresh_from_db()
    found = coverage(pathway)
    assert not found.missing, found.missing
    assert count.inner_text() == found.describe()
    match = re.fullmatch(r"(\d+) of (\d+) texts in Spanish", count.inner_text())
    assert match and match.group(1) == match.group(2), count.inner_text()
    # Every WIOA Sec. 3(7) element is met, so the reviewer's approval is not refused.
    panel.get_by_role("heading", name="WIOA Sec. 3(7): 7 of 7 met").wait_for()
    assert elements_not_met(pathway) == []

    # On a phone the English and Spanish fields of a text are stacked.
    page_phone.goto(live_server.url + home)
    pair = page_phone.locator("#add-level .ws-pair .form-row")
    assert pair.nth(0).bounding_box()["y"] < pair.nth(1).bounding_box()["y"]

    # Without JavaScript a step's forms open through the page itself.
    phleb = steps["Phlebotomy"]
    page.goto(live_server.url + f"{home}steps/{phleb.pk}/edit/")
    assert page.url.endswith(f"{home}?edit={phleb.pk}#step-{phleb.pk}")
    page.locator(f"#step-{phleb.pk} details.ws-action").first.wait_for()
    check()

    # The Spanish interface: the workspace home, the map and the conditions page.
    in_language("es", page, page_phone)
    page.goto(live_server.url + "/workspace/")
    page.get_by_role("cell", name=f"{match.group(1)} de {match.group(2)} textos en español") \
        .wait_for()
    check()
    page.goto(live_server.url + home)
    page.get_by_role("heading", level=1, name=NAME_ES).wait_for()
    for _level, _english, spanish, _kind, _program in STEPS:
        page.get_by_role("heading", level=4, name=spanish).wait_for()
    check()
    page.goto(live_server.url + conditions)
    page.get_by_role("heading", level=1, name=re.compile("Enfermería práctica")).wait_for()
    check()
    in_language("en", page, page_phone)

    # -- review by another organisation -----------------------------------------------------
    assert visitor.request.get(live_server.url + pathway.get_absolute_url()).status == 404
    page.goto(live_server.url + home)
    page.get_by_label("Note for the reviewer (optional)").fill("A new pathway: please review.")
    press(page, "Send for review")
    page.get_by_text("Sent for review.").first.wait_for()
    assert Pathway.objects.get(pk=pathway.pk).status == "in_review"
    check()

    sign_in(reviewer, live_server, "reviewer")
    sign_in(reviewer_phone, live_server, "reviewer")
    reviewer.goto(live_server.url + "/workspace/")
    reviewer.get_by_role("heading", name="Waiting for your review").wait_for()
    check(reviewer)
    reviewer.locator("section.ws-waiting").get_by_role("link", name=NAME).press("Enter")
    reviewer.get_by_role("button", name="Approve and publish").wait_for()
    check(reviewer)
    in_language("es", reviewer, reviewer_phone)  # the review panel in Spanish
    reviewer.get_by_role("heading", name="Revisión y publicación").wait_for()
    check(reviewer)
    in_language("en", reviewer, reviewer_phone)
    form = open_action(reviewer, "Ask for changes")
    choose(form.get_by_label("Comment 1 is about"), "Phlebotomy")
    form.get_by_label("Comment 1", exact=True).fill("Say that it is the technician course.")
    press(reviewer, "Send the comments back")
    reviewer.get_by_text("Sent back to its editors with your comments.").wait_for()
    check(reviewer)

    # The editor sees the comment beside the step, fixes it and sends it again.
    page.goto(live_server.url + home)
    beside = page.locator(f"#step-{phleb.pk} .ws-step-comments")
    assert "Say that it is the technician course." in beside.inner_text()
    check()
    form = open_action(page, "Change Phlebotomy")
    form.get_by_label("Step name (English)").fill("Phlebotomy technician")
    form.get_by_label("Step name (Spanish)").fill("Técnico en flebotomía")
    send(form, "Save the step")
    saved(page, "Step saved: Phlebotomy technician")
    page.reload()
    press(page, "Send for review")
    page.get_by_text("Sent for review.").first.wait_for()

    reviewer.goto(live_server.url + home)
    press(reviewer, "Approve and publish")
    reviewer.get_by_text("Published: version 1 is public now.").wait_for()
    check(reviewer)

    # -- published: the public page in both languages and the CTDL show it --------------------
    live = Pathway.objects.get(pk=pathway.pk)
    assert live.status == "published" and live.versions.count() == 1
    english, spanish, ctdl = public(visitor, live_server, live)
    assert NAME in english and "Phlebotomy technician" in english
    assert "Técnico en flebotomía" not in english
    assert NAME_ES in spanish and "Técnico en flebotomía" in spanish
    assert "Phlebotomy technician" not in spanish
    assert NAME in ctdl and "Phlebotomy technician" in ctdl and "Practical nursing" in ctdl

    page.goto(live_server.url + home)
    page.get_by_role("link", name="All versions").press("Enter")
    page.get_by_role("heading", level=1).wait_for()
    check()
    page.goto(live_server.url + f"{home}archive/")  # asked first; not archived here
    page.get_by_role("button", name="Archive the pathway").wait_for()
    check()

    # -- the next version stays private ------------------------------------------------------
    page.goto(live_server.url + home)
    press(page, "Change this pathway")
    copy = Pathway.objects.get(draft_of=live)
    page.get_by_text("This is the next version of the published pathway").wait_for()
    check()
    form = open_action(page, "Change Phlebotomy technician")
    form.get_by_label("Step name (English)").fill("Phlebotomy (draft only)")
    send(form, "Save the step")
    saved(page, "Step saved: Phlebotomy (draft only)")
    english, spanish, ctdl = public(visitor, live_server, live)
    assert "Phlebotomy technician" in english and "Phlebotomy technician" in ctdl
    assert "draft only" not in english + spanish + ctdl
    assert PathwayComponent.objects.filter(pathway=copy, name_en="Phlebotomy (draft only)")
    page.goto(live_server.url + f"/workspace/pathways/{copy.pk}/discard/")
    page.get_by_role("button", name="Discard the changes").wait_for()
    check()

    # The CTDL import page.
    page.goto(live_server.url + "/workspace/import/")
    page.get_by_role("heading", level=1, name="Import a pathway from CTDL").wait_for()
    check()
