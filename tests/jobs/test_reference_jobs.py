"""Reference loads as jobs: from the command line (``--queue``) and from the reference data
page of an administrator; a worker runs them with progress; a bad folder fails the job
naming the file; nobody else may start one."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.urls import reverse

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.jobs.models import Job
from pathways.cli import main
from tests.jobs import run_worker

pytestmark = pytest.mark.django_db
PAGE = reverse("exchange:reference")


def login(client, username: str):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    return user


def test_the_command_line_queues_a_load_that_a_worker_runs():
    result = CliRunner().invoke(main, ["reference", "load", "--queue"])
    assert result.exit_code == 0, result.output
    job = Job.objects.get(kind="reference.load")
    assert f"Queued job {job.pk}" in result.output and job.started_by is None
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    # the bundled subset is loaded already: every dataset is skipped as unchanged
    assert job.params["outcomes"] and all(o["skipped"] for o in job.params["outcomes"])
    assert job.step.startswith("checked") and job.done and job.total  # progress was kept
    assert AuditEntry.objects.filter(action="reference.queue_load",
                                     actor_label="pathways reference load").exists()


def test_a_bad_folder_fails_the_job_naming_the_file(tmp_path):
    (tmp_path / "soc").mkdir()
    (tmp_path / "soc" / "soc_2018_structure.csv").write_text("not,a,soc,file\n1,2,3,4\n")
    CliRunner().invoke(main, ["reference", "load", str(tmp_path), "--queue"])
    run_worker()
    job = Job.objects.get(kind="reference.load")
    assert job.status == Job.Status.FAILED
    assert job.problems and "soc_2018_structure.csv" in str(job.problems)


def test_an_administrator_starts_a_load_from_the_page(client, settings, tmp_path):
    settings.PATHWAYS_REFERENCE_DIR = str(tmp_path)
    login(client, "admin")
    page = client.get(PAGE)
    html = page.content.decode()
    assert page.status_code == 200 and "onet" in html.lower()
    assert str(tmp_path) in html  # the server's folder is offered
    started = client.post(PAGE, {"source": "bundled", "force": ""})
    job = Job.objects.get(kind="reference.load")
    assert started["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.params["path"] is None and job.started_by.username == "admin"
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert client.get(job.result_url).status_code == 200


def test_a_choice_that_is_not_offered_is_refused(client, settings):
    settings.PATHWAYS_REFERENCE_DIR = ""
    login(client, "admin")
    response = client.post(PAGE, {"source": "folder"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not Job.objects.exists()


def test_only_those_who_load_reference_data_see_the_page(client):
    login(client, "navigator")
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"source": "bundled"}).status_code == 403
    assert not Job.objects.exists()


def test_the_page_is_in_spanish(client):
    login(client, "admin")
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Datos de referencia" in html
