"""An editor imports a CTDL file on a 360 px phone in a real Chromium: upload, preview,
apply as draft, result; a bad file shows its problems. axe finds nothing serious and the
CSP is kept on every page, at 360 px and again at 1280 px."""

from __future__ import annotations

import pytest

from tests.browser.pages import check_page as check_narrow
from tests.browser.test_measures_phone import sign_in
from tests.standards.ctdl_helpers import BAKERSFIELD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check_page(page) -> None:
    """The page as it is (360 px), then the same page at 1280 px, then back."""
    check_narrow(page)
    narrow = page.viewport_size
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        check_narrow(page)
    finally:
        page.set_viewport_size(narrow)


def test_an_editor_previews_and_applies_an_import_on_a_phone(world, live_server, phone,
                                                           tmp_path, settings):
    from pathways.apps.catalog.models import Pathway

    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    sign_in(phone, live_server.url, "editor")
    phone.goto(live_server.url + "/workspace/import/")
    phone.wait_for_load_state()
    check_page(phone)
    phone.get_by_label("CTDL file (JSON-LD)").set_input_files(str(BAKERSFIELD))
    phone.get_by_role("button", name="Show the preview").click()
    phone.wait_for_load_state()
    assert "Preview of the CTDL import" in phone.title()
    assert phone.get_by_role("table", name="Created").is_visible()
    check_page(phone)
    phone.get_by_role("button", name="Apply as draft").focus()
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/workspace/import/jobs/*/")
    assert "CTDL import applied" in phone.title()
    check_page(phone)
    draft = Pathway.objects.latest("pk")
    assert draft.status == Pathway.Status.DRAFT
    assert phone.get_by_role("link", name=draft.name).is_visible()

    bad = tmp_path / "bad.json"
    bad.write_text('{"@context": "https://credreg.net/ctdl/schema/context/json", "@graph": ['
                   '{"@id": "https://example.org/p", "@type": "ceterms:Pathway", '
                   '"ceterms:name": 42}]}')
    phone.goto(live_server.url + "/workspace/import/")
    phone.get_by_label("CTDL file (JSON-LD)").set_input_files(str(bad))
    phone.get_by_role("button", name="Show the preview").click()
    phone.wait_for_load_state()
    problems = phone.get_by_role("table", name="Problems in the file")
    assert "a name must be text, got the number 42" in problems.inner_text()
    check_page(phone)
