"""Uploads and downloads of the measures: formulas neutralised in the CSV, files that hold
nothing refused, uploaded files removed whatever happens, bad URL parameters answered 400."""

from __future__ import annotations

import csv
import io
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pathways.apps.jobs.models import Job
from pathways.apps.reports.models import MeasuresRun
from pathways.demo.region import demo_partnership
from pathways.web.uploads import clear_stale_uploads, upload_folder
from tests.jobs import run_worker
from tests.metrics import fixture

pytestmark = pytest.mark.django_db
LINK = '=HYPERLINK("http://x","y")'


@pytest.fixture
def partnership():
    return demo_partnership()


@pytest.fixture
def analyst(client):
    client.force_login(get_user_model().objects.get(username="analyst"))
    return client


def pirl_csv(provider: str = "") -> bytes:
    handle = io.StringIO()
    writer = csv.DictWriter(handle, fieldnames=[*fixture.COLUMNS, "provider"])
    writer.writeheader()
    for row in fixture.rows():
        writer.writerow({**row, "provider": provider})
    return handle.getvalue().encode()


def post(client, partnership, pirl: bytes, name: str = "pirl.csv"):
    return client.post(reverse("reports:upload", kwargs={"pk": partnership.pk}), {
        "pirl": SimpleUploadedFile(name, pirl), "start": "2022-07-01", "end": "2024-06-30",
        "as_of": "2025-01-15", "threshold": "10"})


def test_a_formula_in_a_provider_name_is_text_in_the_downloaded_csv(analyst, partnership):
    response = post(analyst, partnership, pirl_csv(LINK))
    assert response.status_code == 302, response.content.decode()[:2000]
    run_worker()
    run = MeasuresRun.objects.filter(partnership=partnership, is_sample=False).get()
    download = analyst.get(reverse("reports:download", kwargs={
        "pk": partnership.pk, "run": run.pk, "fmt": "csv"}))
    rows = list(csv.DictReader(io.StringIO(download.content.decode())))
    groups = {r["group"] for r in rows if r["dimension"] == "provider"}
    assert groups == {"'" + LINK}
    assert not any(r["group"].startswith("=") for r in rows)
    total = next(r for r in rows if (r["measure"], r["dimension"]) == ("employment_q2", "all"))
    assert int(total["denominator"]) > 0 and float(total["value"]) > 0


def test_a_header_only_pirl_file_is_refused_by_its_name_and_nothing_is_stored(
        analyst, partnership):
    before = MeasuresRun.objects.count()
    header = (",".join(fixture.COLUMNS) + "\n").encode()
    response = post(analyst, partnership, header, name="march.csv")
    run_worker()
    page = analyst.get(response["Location"]).content.decode()
    assert "march.csv" in page and "has a header line but no records" in page
    assert "pathways-upload" not in page and str(upload_folder()) not in page
    assert MeasuresRun.objects.count() == before


def test_a_failed_run_leaves_nothing_in_the_upload_folder(analyst, partnership,
                                                          monkeypatch):
    from pathways.metrics import PirlFiles

    read, seen = PirlFiles.read, []

    def spy(self):
        seen.append(Path(self.pirl))
        return read(self)

    monkeypatch.setattr(PirlFiles, "read", spy)
    before = set(upload_folder().iterdir())
    bad = b"100,900,1700\nA,20230101,1e29\n"
    response = post(analyst, partnership, bad)
    run_worker()
    assert "wages &#x27;1e29&#x27; are out of range" in analyst.get(
        response["Location"]).content.decode()
    [path] = seen
    # The queued job kept the file in its own folder, removed when the job ended.
    assert path.parent.parent == Path(settings.JOB_FILES_DIR) and not path.parent.exists()
    assert set(upload_folder().iterdir()) == before
    big = pirl_csv() + b"#" * (3 * 1024 * 1024)  # spooled to disk by Django, then refused
    post(analyst, partnership, big)
    run_worker()
    job = Job.objects.order_by("-pk").first()
    assert job.status == "failed"
    assert set(upload_folder().iterdir()) == before
    assert not (Path(settings.JOB_FILES_DIR) / str(job.pk)).exists()


def test_stale_uploads_are_cleared_and_fresh_ones_kept(tmp_path, settings):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    folder = upload_folder()
    old_file, old_run = folder / "abc.upload.csv", folder / "run-x"
    old_run.mkdir()
    (old_run / "0.csv").write_text("100,900\n")
    old_file.write_text("personal data")
    fresh = folder / "def.upload.csv"
    fresh.write_text("being uploaded")
    day_ago = time.time() - 24 * 3600
    for path in (old_file, old_run):
        os.utime(path, (day_ago, day_ago))
    removed = clear_stale_uploads(max_hours=6)
    assert sorted(removed) == sorted([old_file, old_run])
    assert list(folder.iterdir()) == [fresh]
    assert clear_stale_uploads(max_hours=6) == []


def test_uploads_wait_in_pathways_own_folder():
    from django.conf import settings

    assert str(upload_folder()) == settings.FILE_UPLOAD_TEMP_DIR
    assert upload_folder().name == "uploads" and upload_folder().is_dir()


@pytest.mark.parametrize("value", ["²", "x", "-1", "0", "9" * 30])
def test_a_run_parameter_that_is_not_a_run_number_is_a_bad_request(analyst, partnership,
                                                                   value):
    url = reverse("reports:dashboard", kwargs={"pk": partnership.pk})
    assert analyst.get(url, {"run": value}).status_code == 400
    assert analyst.get(url, {"run": ""}).status_code == 200
