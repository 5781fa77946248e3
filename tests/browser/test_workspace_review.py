"""The review of a change to a published pathway, in a real browser (issue 17, ADR 0041):
the demo editor (workforce board) changes a published demo pathway and sends it for
review while the public keeps seeing the published version; the demo reviewer (the
college) asks for changes on a step; the editor fixes it and sends it again; the reviewer
approves, and the public page and its CTDL show the change. A later draft stays private.
axe-core and the Content-Security-Policy are checked at 360 and 1280 px; buttons are
pressed with the keyboard."""

from __future__ import annotations

import pytest

from pathways.apps.catalog.models import Pathway, PathwayComponent
from tests.browser.test_workspace import check_page, open_action, saved, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desktops(browser):
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def press(page, name: str) -> None:
    """Press a button with the keyboard and wait for the page it leads to."""
    button = page.get_by_role("button", name=name, exact=True)
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def public(page, live_server, live: Pathway) -> tuple[str, str]:
    """The public page's text and its CTDL export, as anyone sees them."""
    html = page.request.get(live_server.url + live.get_absolute_url()).text()
    ctdl = page.request.get(live_server.url + live.get_absolute_url() + "ctdl.jsonld").text()
    return html, ctdl


def rename(page, old: str, new: str) -> None:
    form = open_action(page, f"Change {old}")
    form.get_by_label("Step name (English)").fill(new)
    form.get_by_role("button", name="Save the step").click()
    saved(page, f"Step saved: {new}")


def test_a_change_is_reviewed_by_another_organisation_then_published(
        world, live_server, desktops, phone):
    editor, reviewer = desktops
    live = (Pathway.objects.filter(is_sample=True, draft_of=None, status="published")
            .order_by("slug").first())
    step = (PathwayComponent.objects.filter(pathway=live, level__isnull=False)
            .select_related("level").order_by("level__order", "position", "pk").first())
    old, first, fixed, later = step.name, f"{step.name} (new)", f"{step.name} (evenings)", \
        f"{step.name} (draft only)"
    anonymous = phone  # fetches public pages without a session of its own yet

    # The editor starts the next version of the published pathway.
    sign_in(editor, live_server, "editor")
    editor.goto(live_server.url + f"/workspace/pathways/{live.pk}/")
    check_page(editor)
    press(editor, "Change this pathway")
    copy = Pathway.objects.get(draft_of=live)
    editor.get_by_text("This is the next version of the published pathway").wait_for()
    check_page(editor)
    rename(editor, old, first)
    form = open_action(editor, f"Add a step to {step.level.name}")
    form.get_by_label("Step name (English)").fill("Safety orientation")
    form.get_by_role("button", name="Add the step").click()
    saved(editor, "Step added: Safety orientation")
    form = open_action(editor, f"Connect {first} to a next step")
    form.get_by_label("Leads to").select_option(label="Safety orientation")
    form.get_by_role("button", name="Connect").click()
    saved(editor, "Connection added.")
    editor.reload()
    editor.get_by_label("Note for the reviewer (optional)").fill("Renamed a step, added one.")
    press(editor, "Send for review")
    editor.get_by_text("Sent for review.").first.wait_for()
    assert Pathway.objects.get(pk=copy.pk).status == "in_review"
    html, ctdl = public(anonymous, live_server, live)
    assert old in html and first not in html and first not in ctdl

    # The reviewer, of another member organisation, asks for changes on that step.
    sign_in(reviewer, live_server, "reviewer")
    reviewer.goto(live_server.url + "/workspace/")
    reviewer.get_by_role("heading", name="Waiting for your review").wait_for()
    check_page(reviewer)
    reviewer.locator("section.ws-waiting").get_by_role("link", name=live.name).click()
    reviewer.get_by_role("button", name="Approve and publish").wait_for()
    check_page(reviewer)
    form = open_action(reviewer, "Ask for changes")
    form.get_by_label("Comment 1 is about").select_option(label=f"{step.level.name}: {first}")
    form.get_by_label("Comment 1", exact=True).fill("Say that classes are in the evening.")
    press(reviewer, "Send the comments back")
    reviewer.get_by_text("Sent back to its editors with your comments.").wait_for()
    check_page(reviewer)

    # The editor sees the comment beside the step, fixes it and sends it again.
    editor.goto(live_server.url + f"/workspace/pathways/{copy.pk}/")
    copied = PathwayComponent.objects.get(pathway=copy, name=first)
    beside = editor.locator(f"#step-{copied.pk} .ws-step-comments")
    assert "Say that classes are in the evening." in beside.inner_text()
    check_page(editor)
    rename(editor, first, fixed)
    editor.reload()
    press(editor, "Send for review")
    editor.get_by_text("Sent for review.").first.wait_for()

    # The reviewer approves: the public page and the CTDL show the new name.
    reviewer.goto(live_server.url + f"/workspace/pathways/{copy.pk}/")
    press(reviewer, "Approve and publish")
    reviewer.get_by_text("Published: version 2 is public now.").wait_for()
    check_page(reviewer)
    html, ctdl = public(anonymous, live_server, live)
    assert fixed in html and fixed in ctdl and old + "<" not in html
    assert "Version 2, published" in html

    # The next draft stays private: the public still sees version 2.
    editor.goto(live_server.url + f"/workspace/pathways/{live.pk}/")
    press(editor, "Change this pathway")
    rename(editor, fixed, later)
    html, ctdl = public(anonymous, live_server, live)
    assert fixed in html and fixed in ctdl and later not in html and later not in ctdl
    version_two = anonymous.request.get(
        live_server.url + f"/pathways/{live.slug}/versions/2/ctdl.jsonld").text()
    assert fixed in version_two and later not in version_two

    # The same pages on a phone.
    sign_in(phone, live_server, "editor")
    for path in (f"/workspace/pathways/{Pathway.objects.get(draft_of=live).pk}/",
                 f"/workspace/pathways/{live.pk}/versions/", "/workspace/",
                 f"/workspace/pathways/{Pathway.objects.get(draft_of=live).pk}/discard/",
                 live.get_absolute_url()):
        phone.goto(live_server.url + path)
        check_page(phone)
