"""Background jobs: lifecycle, progress, cancellation, the worker, the pages and who sees
them (ADR 0050)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from pathways.apps.accounts.models import AuditEntry, Membership, Partnership, Profile, Role
from pathways.apps.jobs import actions, queries
from pathways.apps.jobs.models import Job
from pathways.apps.jobs.runner import execute
from pathways.apps.reports import actions as reports_actions
from pathways.apps.reports.models import MeasuresRun
from pathways.apps.reports.queries import measures_access
from pathways.core.errors import InputError, InputProblem
from pathways.demo.region import demo_partnership
from tests.jobs import run_worker
from tests.metrics import fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst():
    return get_user_model().objects.get(username="analyst")


@pytest.fixture
def partnership():
    return demo_partnership()


def make_job(user, **extra) -> Job:
    return Job.objects.create(kind="test", title="A test job", started_by=user, **extra)


def outsider():
    other = Partnership.objects.create(name="Another Region (test)", scope="local")
    user = get_user_model().objects.create_user(username="analyst-elsewhere", password=None)
    Profile.objects.create(user=user, role=Role.ANALYST)
    Membership.objects.create(user=user, partnership=other)
    return user


def queue(analyst, partnership, tmp_path) -> Job:
    pirl, wages = fixture.write(tmp_path)
    uploads = [SimpleUploadedFile(p.name, p.read_bytes()) for p in (pirl, wages)]
    return reports_actions.queue_run(measures_access(analyst, partnership), *uploads,
                                     fixture.START, fixture.END, fixture.AS_OF, 10)


def test_a_job_runs_from_queued_to_succeeded_and_records_its_progress(analyst):
    job = make_job(analyst)
    seen = []

    def work(running, progress):
        seen.append(Job.objects.get(pk=running.pk).status)
        progress.step("Counting rows", done=40, total=100)
        stored = Job.objects.get(pk=running.pk)
        seen.append((stored.step, stored.done, stored.total))
        return "/somewhere/"

    assert job.status == "queued" and job.elapsed_seconds is None
    assert execute(job.pk, work) == "succeeded"
    job.refresh_from_db()
    assert seen == ["running", ("Counting rows", 40, 100)]
    assert (job.status, job.result_url, job.error) == ("succeeded", "/somewhere/", "")
    assert job.started_at <= job.finished_at and job.elapsed_seconds >= 0


def test_a_failure_is_kept_with_a_clear_message(analyst):
    def broken(job, progress):
        raise ValueError("the moon is made of cheese")

    job = make_job(analyst)
    assert execute(job.pk, broken) == "failed"
    job.refresh_from_db()
    assert "the moon is made of cheese" in job.error and job.finished_at is not None

    def bad_input(job, progress):
        raise InputError([InputProblem("no such column", source="a.csv", line=3,
                                       field="colour")] * 120)

    job = make_job(analyst)
    assert execute(job.pk, bad_input) == "failed"
    job.refresh_from_db()
    assert (len(job.problems), job.problem_count, job.more_problems) == (100, 120, 20)
    assert job.problems[0] == {"source": "a.csv", "line": 3, "field": "colour",
                               "message": "no such column"}


def test_a_running_job_stops_at_its_next_checkpoint_when_cancelled(analyst):
    job = make_job(analyst)
    after = []

    def work(running, progress):
        progress.step("First step")
        actions.cancel(queries.job_access(analyst, Job.objects.get(pk=running.pk)))
        progress.step("Second step")
        after.append("ran on")
        return "/never/"

    assert execute(job.pk, work) == "cancelled"
    job.refresh_from_db()
    assert (job.status, job.step, job.result_url) == ("cancelled", "First step", "")
    assert after == []


def test_a_job_cancelled_before_it_starts_never_runs(analyst, partnership, tmp_path):
    job = queue(analyst, partnership, tmp_path)
    actions.cancel(queries.job_access(analyst, job))
    job.refresh_from_db()
    assert job.status == "cancelled" and job.started_at is None
    assert AuditEntry.objects.filter(action="jobs.cancel", object_id=str(job.pk)).exists()
    run_worker()
    job.refresh_from_db()
    assert job.status == "cancelled" and job.started_at is None
    assert not MeasuresRun.objects.filter(partnership=partnership, is_sample=False).exists()
    # Cancelling a finished job changes nothing.
    assert actions.cancel(queries.job_access(analyst, job)).status == "cancelled"


def test_the_worker_picks_up_a_queued_measures_run_from_the_database(analyst, partnership,
                                                                    tmp_path):
    job = queue(analyst, partnership, tmp_path)
    stored = DBTaskResult.objects.get(id=job.task_id)
    assert stored.status == "READY"  # waiting in the database: a restart loses nothing
    run_worker()
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    run = MeasuresRun.objects.get(partnership=partnership, is_sample=False)
    assert job.result_url.endswith(f"?run={run.pk}") and run.created_by == analyst
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"


def test_the_worker_checks_the_stored_actors_access_again(analyst, partnership, tmp_path):
    job = queue(analyst, partnership, tmp_path)
    Membership.objects.filter(user=analyst, partnership=partnership).delete()
    run_worker()
    job.refresh_from_db()
    assert job.status == "failed" and "may no longer" in job.error
    assert not MeasuresRun.objects.filter(partnership=partnership, is_sample=False).exists()


def test_the_job_pages_show_only_ones_own_jobs_and_never_a_500(client, analyst):
    mine = make_job(analyst, step="Reading", done=5, total=10)
    client.force_login(analyst)
    page = client.get(reverse("jobs:detail", kwargs={"pk": mine.pk})).content.decode()
    assert "A test job" in page and "5 of 10" in page and 'data-refresh=' in page
    assert "A test job" in client.get(reverse("jobs:index")).content.decode()
    assert client.get(f"/jobs/{mine.pk + 1000}/").status_code == 404
    for bad in ("/jobs/abc/", "/jobs/-1/", "/jobs/99999999999999999999999/"):
        assert client.get(bad).status_code == 404
    assert client.get(reverse("jobs:cancel", kwargs={"pk": mine.pk})).status_code == 405

    client.force_login(outsider())
    assert client.get(reverse("jobs:detail", kwargs={"pk": mine.pk})).status_code == 404
    assert client.post(reverse("jobs:cancel", kwargs={"pk": mine.pk})).status_code == 404
    assert "A test job" not in client.get(reverse("jobs:index")).content.decode()
    mine.refresh_from_db()
    assert mine.status == "queued" and not mine.cancel_requested

    client.force_login(analyst)
    response = client.post(reverse("jobs:cancel", kwargs={"pk": mine.pk}))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == "cancelled"
    assert 'data-refresh=' not in client.get(response["Location"]).content.decode()


def test_signed_out_visitors_are_sent_to_log_in(client, analyst):
    job = make_job(analyst)
    response = client.get(reverse("jobs:detail", kwargs={"pk": job.pk}))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_command_line_prints_a_jobs_progress_and_its_problems(analyst):
    from click.testing import CliRunner

    from pathways.cli import main

    job = make_job(analyst, step="Computing the measures", done=1200, total=5000)
    result = CliRunner().invoke(main, ["jobs", "show", str(job.pk)])
    assert result.exit_code == 0
    assert "queued | A test job | Computing the measures | 1,200 of 5,000 rows" in result.output
    assert f"job {job.pk}" in CliRunner().invoke(main, ["jobs", "list"]).output

    def bad_input(running, progress):
        raise InputError([InputProblem("no such column", source="a.csv", line=3,
                                       field="colour")])

    execute(job.pk, bad_input)
    result = CliRunner().invoke(main, ["jobs", "show", str(job.pk), "--follow"])
    assert result.exit_code == 1 and "a.csv, 3, colour: no such column" in result.output
    missing = CliRunner().invoke(main, ["jobs", "show", "999999"])
    assert missing.exit_code != 0 and "there is no job 999999" in missing.output


def test_a_job_whose_starter_was_removed_fails_with_a_message(analyst, partnership,
                                                              tmp_path):
    job = queue(analyst, partnership, tmp_path)
    Job.objects.filter(pk=job.pk).update(started_by=None)
    run_worker()
    job.refresh_from_db()
    assert job.status == "failed" and "may no longer" in job.error


def test_the_job_page_speaks_spanish_steps_included(client, analyst):
    job = make_job(analyst, step="Computing the measures")
    client.force_login(analyst)
    page = client.get(reverse("jobs:detail", kwargs={"pk": job.pk}),
                      HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Calculando las medidas" in page and "Esperando para empezar" in page
    assert "Cancelar esta tarea" in page
