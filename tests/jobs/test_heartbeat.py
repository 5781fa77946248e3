"""A job whose worker died: the heartbeat, recovery at the worker's start, the page."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pathways.apps.jobs.heartbeat import DIED, MAX_ATTEMPTS, Heartbeat, recover
from pathways.apps.jobs.models import Job
from pathways.apps.jobs.runner import execute
from pathways.apps.reports.models import MeasuresRun
from pathways.demo.region import demo_partnership
from tests.jobs import run_worker
from tests.jobs.test_jobs import make_job, queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst():
    return get_user_model().objects.get(username="analyst")


def killed(job: Job, attempts: int = 1, minutes: int = 30) -> Job:
    """What a worker killed outright leaves: both records "running", no beat since."""
    long_ago = timezone.now() - dt.timedelta(minutes=minutes)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=long_ago,
                                         heartbeat_at=long_ago, attempts=attempts,
                                         step="Reading the PIRL file")
    if job.task_id:
        DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING")
    job.refresh_from_db()
    return job


def test_a_claimed_job_counts_its_attempt_and_beats_at_each_step(analyst):
    job = make_job(analyst)
    beats = []

    def work(running, progress):
        beats.append(Job.objects.get(pk=running.pk).heartbeat_at)
        progress.step("Half way")
        beats.append(Job.objects.get(pk=running.pk).heartbeat_at)
        return ""

    execute(job.pk, work)
    job.refresh_from_db()
    assert job.attempts == 1 and beats[0] is not None and beats[1] >= beats[0]


def test_the_heartbeat_thread_beats_while_the_work_runs_and_stops_after():
    sent, done = [], threading.Event()
    with Heartbeat(7, every=0.01, send=sent.append):
        done.wait(0.2)
    count = len(sent)
    assert count >= 3 and set(sent) == {7}
    done.wait(0.05)
    assert len(sent) == count  # nothing after the block


def test_a_dead_workers_job_is_queued_again_and_then_runs(analyst, tmp_path):
    partnership = demo_partnership()
    job = killed(queue(analyst, partnership, tmp_path))
    old_task = job.task_id
    assert job.is_stalled
    found = recover()
    assert found.requeued == [job.pk] and found.failed == []
    job.refresh_from_db()
    assert job.status == "queued" and job.task_id != old_task and not job.is_stalled
    assert DBTaskResult.objects.get(id=old_task).status == "FAILED"
    run_worker()
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    assert job.attempts == 2
    assert MeasuresRun.objects.filter(partnership=partnership, is_sample=False).count() == 1


def test_a_job_out_of_attempts_fails_with_a_message_its_page_shows_in_spanish(
        client, analyst, tmp_path):
    job = killed(queue(analyst, demo_partnership(), tmp_path), attempts=MAX_ATTEMPTS)
    assert recover().failed == [job.pk]
    job.refresh_from_db()
    assert job.status == "failed" and job.error == DIED and job.finished_at
    client.force_login(analyst)
    page = client.get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="es")
    assert page.status_code == 200
    assert "se detuvo" in page.content.decode()


def test_a_job_with_a_recent_beat_or_never_started_is_left_alone(analyst, tmp_path):
    fresh = killed(make_job(analyst), minutes=1)
    waiting = make_job(analyst)
    assert recover() == recover().__class__([], [])
    assert Job.objects.get(pk=fresh.pk).status == "running"
    assert Job.objects.get(pk=waiting.pk).status == "queued"


def test_a_job_without_its_task_path_cannot_be_queued_again_and_fails(analyst):
    job = killed(make_job(analyst))  # an old job, queued before task paths were kept
    assert recover().failed == [job.pk]


def test_the_page_of_a_stalled_job_says_so(client, analyst):
    job = killed(make_job(analyst))
    client.force_login(analyst)
    text = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "no sign of life" in text and 'data-refresh=' in text


def test_the_command_line_recovers(analyst):
    from click.testing import CliRunner

    from pathways.cli import main

    job = killed(make_job(analyst))
    result = CliRunner().invoke(main, ["jobs", "recover"])
    assert result.exit_code == 0 and f"job {job.pk}: its worker stopped" in result.output
    assert "no job lost its worker" in CliRunner().invoke(main, ["jobs", "recover"]).output
