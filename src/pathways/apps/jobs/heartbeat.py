"""A running job's sign of life, and what happens to a job whose worker died.

django-tasks' database backend marks a task "running" when a worker takes it and never
looks again: a worker killed outright (SIGKILL, out of memory, power loss) leaves it so for
ever. While a job runs, a thread beside it writes ``Job.heartbeat_at`` every
``PATHWAYS_JOB_HEARTBEAT_SECONDS``; a running job with no beat for
``PATHWAYS_JOB_STALE_SECONDS`` has lost its worker. ``recover`` (run by ``pathways jobs
work`` before the worker starts, and by ``pathways jobs recover``) queues such a job again
while it has attempts left, else marks it failed with a message its page shows.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_noop

from pathways.apps.jobs.models import Job

log = logging.getLogger("pathways.jobs")
MAX_ATTEMPTS = 2
DIED = gettext_noop("The worker running this job stopped (a restart, a crash or a machine "
                    "that went down), more than once. Nothing it did was kept: start it "
                    "again.")
REQUEUED = gettext_noop("Queued again after its worker stopped")


def heartbeat_seconds() -> float:
    return float(getattr(settings, "PATHWAYS_JOB_HEARTBEAT_SECONDS", 30))


def stale_before(now: dt.datetime | None = None) -> dt.datetime:
    seconds = float(getattr(settings, "PATHWAYS_JOB_STALE_SECONDS", 300))
    return (now or timezone.now()) - dt.timedelta(seconds=seconds)


def beat(job_pk: int) -> None:
    Job.objects.filter(pk=job_pk, status=Job.Status.RUNNING).update(
        heartbeat_at=timezone.now())


class Heartbeat:
    """``with Heartbeat(job_pk):`` beats in a thread while the block runs."""

    def __init__(self, job_pk: int, every: float | None = None, send=beat) -> None:
        self.job_pk, self.every, self.send = job_pk, every or heartbeat_seconds(), send
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"job-{job_pk}-heartbeat",
                                       daemon=True)

    def _run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                try:
                    self.send(self.job_pk)
                except DatabaseError:  # a missed beat is retried; the job goes on
                    log.warning("job %s: heartbeat not written", self.job_pk, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    def __enter__(self) -> Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()


@dataclass(frozen=True)
class Recovered:
    requeued: list[int]
    failed: list[int]


def recover(now: dt.datetime | None = None) -> Recovered:
    """Queue again, or fail, every running job whose worker has stopped beating."""
    requeued, failed = [], []
    limit = stale_before(now)
    for job in Job.objects.filter(status=Job.Status.RUNNING):
        last = job.heartbeat_at or job.started_at
        if last is None or last >= limit:
            continue
        _forget_task(job)
        if job.task_path and job.attempts < MAX_ATTEMPTS and _requeue(job):
            requeued.append(job.pk)
        else:
            Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
                status=Job.Status.FAILED, finished_at=timezone.now(),
                error=DIED)
            failed.append(job.pk)
        log.warning("job %s: its worker stopped; %s", job.pk,
                    "queued again" if job.pk in requeued else "marked failed")
    return Recovered(requeued, failed)


def _requeue(job: Job) -> bool:
    moved = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
        status=Job.Status.QUEUED, started_at=None, heartbeat_at=None,
        step=REQUEUED, done=None, total=None)
    if not moved:
        return False
    queued = import_string(job.task_path).enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(queued.id))
    return True


def _forget_task(job: Job) -> None:
    """The dead worker's task row stays "running" in django-tasks: mark it failed."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if job.task_id:
        DBTaskResult.objects.filter(id=job.task_id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED, finished_at=timezone.now())


__all__ = ["Heartbeat", "MAX_ATTEMPTS", "Recovered", "beat", "recover", "stale_before"]
