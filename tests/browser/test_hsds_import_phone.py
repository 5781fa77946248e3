"""An editor loads a 211 directory (Open Referral HSDS) on a 360 px phone in a real
Chromium: upload, preview, apply, result; a bad file shows its problems with file, row and
field. axe finds nothing serious and the CSP is kept, at 360 px and at 1280 px."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.test_ctdl_import_phone import check_page
from tests.browser.test_measures_phone import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HSDS = Path(__file__).parents[1] / "fixtures" / "hsds"
LABEL = "Directory file (HSDS JSON, or a zip of HSDS CSV tables)"


def test_an_editor_loads_a_directory_on_a_phone(world, live_server, phone, tmp_path,
                                               settings):
    from pathways.apps.directory.models import ServiceRecord

    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    sign_in(phone, live_server.url, "editor")
    phone.goto(live_server.url + "/workspace/directory/")
    phone.wait_for_load_state()
    check_page(phone)
    phone.get_by_label(LABEL).set_input_files(str(HSDS / "directory.json"))
    phone.get_by_role("button", name="Show the preview").click()
    phone.wait_for_load_state()
    assert "Preview of the directory import" in phone.title()
    services = phone.get_by_role("table", name="Services in the file")
    assert "Rides to Class" in services.inner_text()
    check_page(phone)
    phone.get_by_role("button", name="Apply").focus()
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/workspace/directory/imports/*/")
    assert "Directory import applied" in phone.title()
    check_page(phone)
    assert ServiceRecord.objects.filter(hsds_id="svc-ride-1").exists()

    bad = tmp_path / "services.csv"
    bad.write_text("id,organization_id,name,status\ns1,org-x,Rides,open\n", encoding="utf-8")
    phone.goto(live_server.url + "/workspace/directory/")
    phone.get_by_label(LABEL).set_input_files(str(bad))
    phone.get_by_role("button", name="Show the preview").click()
    phone.wait_for_load_state()
    problems = phone.get_by_role("table", name="Problems in the file").inner_text()
    assert "services.csv" in problems and "status" in problems
    assert "open is not one of" in problems
    check_page(phone)
