"""Storing runs: the upload form, the command line, the threshold floor, checks, demo."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.accounts.models import AuditEntry
from pathways.apps.jobs.models import Job
from pathways.apps.reports import checks
from pathways.apps.reports.actions import record_run
from pathways.apps.reports.models import MeasuresRun
from pathways.apps.reports.queries import measures_access
from pathways.cli import main
from pathways.core.errors import InputError
from pathways.demo.region import demo_partnership
from tests.jobs import run_worker
from tests.metrics import fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return demo_partnership()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return fixture.write(tmp_path_factory.mktemp("upload"))


def form(files, **extra):
    pirl, wages = files
    data = {"pirl": SimpleUploadedFile("pirl.csv", pirl.read_bytes()),
            "wages": SimpleUploadedFile("wages.csv", wages.read_bytes()),
            "start": "2022-07-01", "end": "2024-06-30", "as_of": "2025-01-15",
            "threshold": "10"}
    return {**data, **extra}


def test_the_analyst_uploads_files_and_the_run_is_stored_and_audited(client, partnership,
                                                                     files):
    client.force_login(get_user_model().objects.get(username="analyst"))
    url = reverse("reports:upload", kwargs={"pk": partnership.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, form(files))
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", kwargs={"pk": job.pk})
    assert (job.status, job.started_by.username) == ("queued", "analyst")
    assert not MeasuresRun.objects.filter(partnership=partnership, is_sample=False).exists()
    assert 'data-refresh=' in client.get(response["Location"]).content.decode()
    run_worker()
    job.refresh_from_db()
    assert job.status == "succeeded" and job.step == "Storing the run"
    assert job.started_at <= job.finished_at
    run = MeasuresRun.objects.filter(partnership=partnership, is_sample=False).get()
    assert job.result_url.endswith(f"?run={run.pk}")
    job_page = client.get(response["Location"]).content.decode()
    assert job.result_url.replace("&", "&amp;") in job_page
    assert 'data-refresh=' not in job_page
    assert (run.records, run.periods, run.wage_rows) == (56, 55, 10)
    total = run.cells.get(measure="employment_q2", dimension="all")
    assert (total.numerator, total.denominator) == (21, 36)
    entry = AuditEntry.objects.get(action="measures.record", object_id=str(run.pk))
    assert entry.actor.username == "analyst"
    page = client.get(job.result_url).content.decode()
    assert "58.3%" in page


def test_a_bad_upload_lists_every_problem_and_stores_nothing(client, partnership, files):
    client.force_login(get_user_model().objects.get(username="analyst"))
    before = MeasuresRun.objects.count()
    bad = SimpleUploadedFile("pirl.csv", b"100,900,901,colour\nA,20230105,20221231,red\n")
    response = client.post(reverse("reports:upload", kwargs={"pk": partnership.pk}),
                           form(files, pirl=bad))
    assert response.status_code == 302
    run_worker()
    page = client.get(response["Location"]).content.decode()
    assert Job.objects.get().status == "failed"
    assert "Problems in the files (nothing was stored)" in page
    assert "unknown column" in page and "colour" in page
    assert MeasuresRun.objects.count() == before


def test_the_form_refuses_a_threshold_below_the_floor_and_a_backwards_period(
        client, partnership, files):
    client.force_login(get_user_model().objects.get(username="analyst"))
    response = client.post(reverse("reports:upload", kwargs={"pk": partnership.pk}),
                           form(files, threshold="3", start="2024-07-01"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "hides cells under 10 at least" in page
    assert "The period ends before it starts." in page


def test_record_run_refuses_an_unsuppressed_or_lightly_suppressed_table(partnership, files):
    from pathways.metrics import PirlFiles, Window, run_measures

    inputs = PirlFiles(*files).read()
    result = run_measures(inputs.periods, inputs.wages,
                          Window(fixture.START, fixture.END, fixture.AS_OF), threshold=3,
                          by=["program"])
    with pytest.raises(InputError, match="at least"):
        record_run(measures_access(CONSOLE, partnership), result)


def test_the_command_line_records_a_run_for_a_partnership_named_by_slug(partnership, files,
                                                                       tmp_path):
    pirl, wages = files
    result = CliRunner().invoke(main, [
        "measures", "run", "--pirl", str(pirl), "--wages", str(wages), "--from", "2022-07-01",
        "--to", "2024-06-30", "--as-of", "2025-01-15", "--by", "program", "--quiet",
        "--out", str(tmp_path), "--partnership",
        "bluegrass-river-region-sample-career-pathways-partnership"])
    assert result.exit_code == 0, result.output + result.stderr
    run = MeasuresRun.objects.filter(is_sample=False).get()
    assert f"stored run {run.pk} for {partnership.name}" in result.output
    assert AuditEntry.objects.filter(action="measures.record", actor_label="command line"
                                     ).exists()
    refused = CliRunner().invoke(main, [
        "measures", "run", "--pirl", str(pirl), "--from", "2022-07-01", "--to", "2024-06-30",
        "--threshold", "5", "--out", str(tmp_path / "x"), "--partnership", "no such one"])
    assert refused.exit_code == 1
    assert "--threshold 10 or more" in refused.stderr
    assert "no partnership with the id, name or slug 'no such one'" in refused.stderr


def test_start_up_checks_name_bad_definitions_and_a_bad_floor(monkeypatch, tmp_path):
    assert checks.check_measure_definitions() == []
    with override_settings(PATHWAYS_MEASURES_MIN_THRESHOLD="zero"):
        errors = checks.check_min_threshold()
        assert [e.id for e in errors] == ["pathways.E021"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nname: X\nkind: rate\nwindow: exit\npopulation: nonsense\n"
                   "numerator: exited\n")
    from pathways.metrics import definitions

    monkeypatch.setattr(definitions, "DEFINITIONS_DIR", tmp_path)
    errors = checks.check_measure_definitions()
    assert errors and errors[0].id == "pathways.E020" and "bad.yaml" in errors[0].msg


def test_removing_the_demo_removes_its_run():
    from pathways.demo import remove_demo_region

    remove_demo_region()
    assert not MeasuresRun.objects.filter(is_sample=True).exists()
