"""The services directory as Open Referral HSDS 3.0 through the catalog: the demo
directory round trip, re-imports that update, all or nothing, the command line and the
workspace pages (upload, preview, apply, result, downloads)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pathways.apps.accounts.access import ConsoleUser
from pathways.apps.accounts.models import AuditEntry
from pathways.apps.cases.models import Referral
from pathways.apps.catalog.models import Location, Provider, SupportService
from pathways.apps.catalog.queries import new_pathway_access
from pathways.apps.directory.actions import import_directory
from pathways.apps.directory.catalog_map import directory_from_catalog
from pathways.apps.directory.models import DirectoryImport, ServiceRecord
from pathways.cli import main
from pathways.demo.region import demo_partnership
from pathways.standards.hsds import read_json, read_path, read_upload, to_json, to_zip

pytestmark = pytest.mark.django_db
HSDS = Path(__file__).parents[1] / "fixtures" / "hsds"
UPLOAD = reverse("directory:upload")


def console():
    return new_pathway_access(ConsoleUser("test"), demo_partnership().pk)


def fixture_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted((HSDS / "tables").glob("*.csv")):
            archive.writestr(path.name, path.read_bytes())
    return buffer.getvalue()


def empty_directory() -> None:
    """The catalog without support services (referrals to them go first)."""
    Referral.objects.all().delete()
    SupportService.objects.all().delete()


@pytest.mark.parametrize("shape", ["json", "csv"])
def test_the_demo_directory_round_trips(shape):
    before = directory_from_catalog()
    assert before.services and any(s.name_es for s in before.services)
    text = to_json(before) if shape == "json" else to_zip(before)
    empty_directory()
    assert not SupportService.objects.exists()
    read = read_json("demo.json", text) if shape == "json" else read_upload("demo.zip", text)
    done = import_directory(console(), read)
    assert done.report["services_new"] == len(before.services)
    after = directory_from_catalog()
    assert after.services == before.services
    assert after.organizations == before.organizations


def test_a_reimport_updates_and_never_duplicates():
    directory = read_path(HSDS / "directory.json")
    first = import_directory(console(), directory)
    assert (first.report["services_new"], first.report["providers_new"],
            first.report["locations_new"]) == (2, 1, 1)
    counts = (SupportService.objects.count(), Provider.objects.count(),
              Location.objects.count())
    services = json.loads((HSDS / "directory.json").read_text(encoding="utf-8"))
    services[0]["name"] = "Rides to Class and Work"
    del services[0]["name_es"]  # Spanish the file does not give is kept
    again = import_directory(console(), read_json("again.json", json.dumps(services)))
    assert again.report["services_updated"] == 2 and again.report["services_new"] == 0
    assert (SupportService.objects.count(), Provider.objects.count(),
            Location.objects.count()) == counts
    ride = ServiceRecord.objects.get(hsds_id="svc-ride-1")
    assert ride.service.name_en == "Rides to Class and Work"
    assert ride.service.name_es == "Transporte a clases"
    assert ride.phones.count() == 1 and ride.schedules.count() == 1


def test_what_an_import_keeps():
    done = import_directory(console(), read_path(HSDS / "directory.json"))
    ride = ServiceRecord.objects.get(hsds_id="svc-ride-1")
    assert ride.service.category == "support:Transportation"
    assert ride.service.provider.name == "River Valley Community Action"
    assert ride.eligibility_description_es.startswith("Adultos")
    assert ride.phones.get().languages == "en,es"
    assert ride.schedules.get().description_es == "Lunes a viernes de 8 a 5"
    assert ride.cost_options.get().amount_description_es == "Gratis"
    location = ride.at_locations.get().location
    assert (location.name_es, location.state, location.postal_code) == (
        "Oficina principal", "KY", "40507")
    food = ServiceRecord.objects.get(hsds_id="svc-food-2")
    assert food.status == "temporarily closed"
    assert food.service.category == "support:CaseManagement"  # the default, with a warning
    assert any("Food" not in w and "taxonomy" in w for w in done.report["warnings"])
    assert AuditEntry.objects.filter(action="hsds.import").exists()
    assert done.partnership == demo_partnership()


def test_tables_import_and_the_export_carries_them():
    import_directory(console(), read_upload("211.zip", fixture_zip()))
    childcare = ServiceRecord.objects.get(hsds_id="svc-a")
    assert childcare.service.category == "support:Childcare"
    assert childcare.service.name_es == "Cuidado infantil nocturno"
    exported = {s.id: s for s in directory_from_catalog().services}
    assert exported["svc-a"].schedules[0].byday == "MO,WE"
    assert exported["svc-a"].service_at_locations[0].description == "Room 2"
    assert exported["svc-b"].status == "inactive"


def test_a_failed_import_writes_nothing(monkeypatch):
    from pathways.apps.directory import importer

    before = (SupportService.objects.count(), Provider.objects.count())

    def broken(record, item, locations):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "_children", broken)
    with pytest.raises(RuntimeError):
        import_directory(console(), read_path(HSDS / "directory.json"))
    assert (SupportService.objects.count(), Provider.objects.count()) == before
    assert not DirectoryImport.objects.exists()


# -- command line ------------------------------------------------------------------------
def run(*args: str):
    return CliRunner().invoke(main, ["hsds", *args], catch_exceptions=False)


def test_cli_export_and_import(tmp_path):
    out = tmp_path / "directory.json"
    result = run("export", "--format", "json", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text(encoding="utf-8"))) == \
        SupportService.objects.filter(provider__isnull=False).count()
    tables = tmp_path / "tables"
    assert run("export", "--format", "csv", "--out", str(tables)).exit_code == 0
    assert (tables / "services.csv").exists() and (tables / "cost_options.csv").exists()
    result = run("import", str(HSDS / "tables"), "--partnership", demo_partnership().name)
    assert result.exit_code == 0, result.output
    assert "2 services added" in result.output
    result = run("import", str(tables))
    assert "0 services added" in result.output


def test_cli_refuses_a_bad_file_naming_file_row_and_field(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "organizations.csv").write_text("id,name\norg-a,A\n", encoding="utf-8")
    (folder / "services.csv").write_text("id,organization_id,name,status\ns1,org-a,S,open\n",
                                         encoding="utf-8")
    result = CliRunner().invoke(main, ["hsds", "import", str(folder)])
    assert result.exit_code != 0
    assert "services.csv, line 2, field 'status'" in result.output
    assert "Nothing was imported" in result.output


# -- pages -------------------------------------------------------------------------------
@pytest.fixture
def folder(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


@pytest.fixture
def editor(client):
    user = get_user_model().objects.get(username="editor")
    client.force_login(user)
    return user


def post(client, name: str, content: bytes):
    return client.post(UPLOAD, {"document": SimpleUploadedFile(name, content),
                                "partnership": demo_partnership().pk})


def kept(folder) -> list:
    found = folder / "hsds-import"
    return sorted(found.iterdir()) if found.exists() else []


def test_upload_preview_apply_result(client, editor, folder):
    page = client.get(UPLOAD)
    assert page.status_code == 200
    assert "style=" not in page.content.decode()
    response = post(client, "211.zip", fixture_zip())
    assert response.status_code == 302
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Evening Childcare" in html and "<td>Childcare</td>" in html
    assert not ServiceRecord.objects.filter(hsds_id="svc-a").exists()  # nothing written yet
    applied = client.post(response["Location"] + "apply/")
    assert applied.status_code == 302
    assert ServiceRecord.objects.filter(hsds_id="svc-a").exists()
    result = client.get(applied["Location"])
    assert result.status_code == 200 and "2 new" in result.content.decode()
    assert kept(folder) == []


def test_a_bad_upload_is_refused_with_file_row_and_field(client, editor, folder):
    bad = (HSDS / "directory.json").read_text(encoding="utf-8").replace(
        '"status": "active"', '"status": "open"')
    response = post(client, "211.json", bad.encode("utf-8"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "211.json" in html and "services[0]" in html and "status" in html
    assert "open is not one of" in html
    assert kept(folder) == []


def test_cancel_removes_the_upload(client, editor, folder):
    response = post(client, "directory.json", (HSDS / "directory.json").read_bytes())
    assert client.post(response["Location"] + "cancel/").status_code == 302
    assert kept(folder) == [] and not ServiceRecord.objects.exists()


def test_downloads(client, editor):
    data = client.get(reverse("directory:export_json"))
    assert data.status_code == 200
    assert read_json("x.json", data.content).services
    archive = client.get(reverse("directory:export_zip"))
    assert read_upload("x.zip", archive.content).services


def test_a_navigator_may_neither_import_nor_download(client):
    client.force_login(get_user_model().objects.get(username="navigator"))
    assert client.get(UPLOAD).status_code == 403
    assert client.get(reverse("directory:export_json")).status_code == 403


def test_someone_elses_import_is_not_shown(client, editor):
    done = import_directory(console(), read_path(HSDS / "directory.json"))
    assert client.get(reverse("directory:result", kwargs={"pk": done.pk})).status_code == 404


def test_cli_dry_run_writes_nothing():
    before = SupportService.objects.count()
    result = run("import", str(HSDS / "directory.json"), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Would import" in result.output and "2 services added" in result.output
    assert "warning: No category could be read" in result.output
    assert SupportService.objects.count() == before and not DirectoryImport.objects.exists()
