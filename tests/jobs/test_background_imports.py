"""Large CTDL and HSDS imports are applied by a worker: the apply queues a job, the job
page follows it to the import's result; a stale preview or a lost right fails the job with
a clear message and writes nothing; the job's copy of the file goes whatever happens."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pathways.apps.accounts.models import AuditEntry, Membership
from pathways.apps.catalog.models import Pathway
from pathways.apps.directory.models import ServiceRecord
from pathways.apps.exchange.models import ExchangeJob
from pathways.apps.jobs.models import Job
from pathways.apps.jobs.queueing import job_folder
from pathways.demo.region import demo_partnership
from tests.exchange.test_ctdl_workspace_import import a_pathway, upload_of
from tests.exchange.test_hsds_import import fixture_zip
from tests.jobs import run_worker
from tests.standards.ctdl_helpers import BAKERSFIELD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_threshold(settings, tmp_path):
    settings.PATHWAYS_BACKGROUND_IMPORT_BYTES = 10  # every test file counts as large
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    settings.JOB_FILES_DIR = str(tmp_path / "jobs")


@pytest.fixture
def editor(client):
    user = get_user_model().objects.get(username="editor")
    client.force_login(user)
    return user


def previewed(client, url: str, name: str, content: bytes) -> str:
    response = client.post(url, {"document": SimpleUploadedFile(name, content),
                                 "partnership": demo_partnership().pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def apply_ctdl(client, preview: str):
    token = preview.rstrip("/").rsplit("/", 1)[-1]
    return client.post(reverse("exchange:apply", args=[token]))


def test_a_large_ctdl_file_is_applied_by_a_worker(client, editor):
    preview = previewed(client, reverse("exchange:upload"), "bakersfield.json",
                        BAKERSFIELD.read_bytes())
    before = Pathway.objects.count()
    queued = apply_ctdl(client, preview)
    job = Job.objects.get(kind="ctdl.import")
    assert queued["Location"] == reverse("jobs:detail", args=[job.pk])
    assert Pathway.objects.count() == before  # nothing written in the request
    assert (job_folder(job.pk) / "document.json").exists()
    assert AuditEntry.objects.filter(action="ctdl.queue_import_draft").exists()
    page = client.get(queued["Location"]).content.decode()
    assert "CTDL import of bakersfield.json" in page
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    imported = ExchangeJob.objects.latest("pk")
    assert job.result_url == reverse("exchange:result", args=[imported.pk])
    assert Pathway.objects.count() == before + 1
    assert not job_folder(job.pk).exists()
    result = client.get(job.result_url)
    assert result.status_code == 200 and result.context["drafts"][0].status == "draft"


def test_a_draft_saved_after_the_preview_fails_the_job_and_keeps_the_edit(client, editor):
    pathway = a_pathway()
    preview = previewed(client, reverse("exchange:upload"), "d.jsonld",
                        json.dumps(upload_of(pathway)).encode())
    client.get(preview)
    apply_ctdl(client, preview)
    pathway.description = "Edited meanwhile"
    pathway.note_changes(["description"])
    pathway.save()
    run_worker()
    job = Job.objects.get(kind="ctdl.import")
    assert job.status == Job.Status.FAILED
    assert "Someone saved the pathway after your preview" in job.problems[0]["message"]
    pathway.refresh_from_db()
    assert pathway.description == "Edited meanwhile"
    assert not job_folder(job.pk).exists()
    html = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Someone saved the pathway after your preview" in html


def test_an_editor_who_lost_the_right_imports_nothing(client, editor):
    preview = previewed(client, reverse("exchange:upload"), "bakersfield.json",
                        BAKERSFIELD.read_bytes())
    apply_ctdl(client, preview)
    before = Pathway.objects.count()
    Membership.objects.filter(user=editor).delete()
    run_worker()
    job = Job.objects.get(kind="ctdl.import")
    assert job.status == Job.Status.FAILED and "may no longer do this work" in job.error
    assert Pathway.objects.count() == before


def test_a_large_hsds_file_is_applied_by_a_worker(client, editor):
    preview = previewed(client, reverse("directory:upload"), "211.zip", fixture_zip())
    queued = client.post(preview + "apply/")
    job = Job.objects.get(kind="hsds.import")
    assert queued["Location"] == reverse("jobs:detail", args=[job.pk])
    assert not ServiceRecord.objects.filter(hsds_id="svc-a").exists()
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert ServiceRecord.objects.filter(hsds_id="svc-a").exists()
    assert client.get(job.result_url).status_code == 200
    assert not job_folder(job.pk).exists()


def test_below_the_threshold_the_import_is_applied_in_the_request(client, editor, settings):
    settings.PATHWAYS_BACKGROUND_IMPORT_BYTES = 10_000_000
    preview = previewed(client, reverse("exchange:upload"), "bakersfield.json",
                        BAKERSFIELD.read_bytes())
    done = apply_ctdl(client, preview)
    latest = ExchangeJob.objects.latest("pk")
    assert done["Location"] == reverse("exchange:result", args=[latest.pk])
    assert not Job.objects.exists()
