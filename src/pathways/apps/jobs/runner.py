"""Running a job's work in a worker: status, progress checkpoints, cancellation, failure.

``execute(job_pk, work)`` is called by a django-tasks task in the worker. ``work`` gets a
``Progress``; each ``progress.step(...)`` saves where the job is and is the point where a
requested cancellation stops it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_noop

from pathways.apps.jobs.heartbeat import Heartbeat
from pathways.apps.jobs.models import Job
from pathways.core.errors import InputError

log = logging.getLogger("pathways.jobs")
MAX_PROBLEMS = 100


class Cancelled(Exception):
    """Raised at a checkpoint when someone asked for the job to stop."""


class Progress:
    def __init__(self, job: Job) -> None:
        self.job = job

    def step(self, text: str, done: int | None = None, total: int | None = None) -> None:
        """Record the step (and rows done of total); stop here if cancellation was asked."""
        if Job.objects.filter(pk=self.job.pk, cancel_requested=True).exists():
            raise Cancelled
        self.job.step, self.job.done, self.job.total = text[:200], done, total
        Job.objects.filter(pk=self.job.pk).update(step=self.job.step, done=done, total=total,
                                                  heartbeat_at=timezone.now())
        log.info("job %s: %s%s", self.job.pk, text,
                 f" ({done} of {total})" if total is not None else "")


def _finish(job: Job, status: str, **fields: Any) -> None:
    Job.objects.filter(pk=job.pk).update(status=status, finished_at=timezone.now(), **fields)


def execute(job_pk: int, work: Callable[[Job, Progress], str], *,
            clear_files: bool = False) -> str:
    """Run ``work`` for the job unless it was cancelled before it started; ``work`` returns
    the result link. Returns the final status. ``clear_files``: the job's input files
    (``queueing.job_folder``) are removed afterwards, whatever happened."""
    if clear_files:
        from pathways.apps.jobs.queueing import remove_files

        try:
            return execute(job_pk, work)
        finally:
            remove_files(job_pk)
    claimed = Job.objects.filter(pk=job_pk, status=Job.Status.QUEUED,
                                 cancel_requested=False).update(
        status=Job.Status.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now(),
        attempts=F("attempts") + 1)
    if not claimed:
        return Job.objects.filter(pk=job_pk).values_list("status", flat=True).first() or ""
    job = Job.objects.get(pk=job_pk)
    try:
        with Heartbeat(job.pk):
            link = work(job, Progress(job))
    except Cancelled:
        _finish(job, Job.Status.CANCELLED)
        return Job.Status.CANCELLED
    except InputError as exc:
        _finish(job, Job.Status.FAILED,
                error=gettext_noop("The input has problems; nothing was stored."),
                problems=[{"source": p.source, "line": p.line, "field": p.field,
                           "message": p.message} for p in exc.problems[:MAX_PROBLEMS]],
                problem_count=len(exc.problems))
        return Job.Status.FAILED
    except (PermissionDenied, Http404):
        _finish(job, Job.Status.FAILED,
                error=gettext_noop("The person who started this job may no longer do "
                                   "this work."))
        return Job.Status.FAILED
    except Exception as exc:  # noqa: BLE001  (a job never dies silently: the page says why)
        log.exception("job %s failed", job_pk)
        _finish(job, Job.Status.FAILED, error=f"Unexpected error: {type(exc).__name__}: {exc}")
        return Job.Status.FAILED
    _finish(job, Job.Status.SUCCEEDED, result_url=link[:300])
    return Job.Status.SUCCEEDED
