"""Queueing a job: our record, its files, and the django-tasks task that runs it.

Every kind of long work (a measures run, a PIRL export, a large CTDL or directory import,
a reference load) is queued the same way, so the job page, cancellation and recovery after
a killed worker (``heartbeat``) work for all of them alike."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from pathways.apps.jobs.models import Job


def job_folder(job_pk: int) -> Path:
    """Where a job keeps its input files while it waits and runs."""
    return Path(settings.JOB_FILES_DIR) / str(job_pk)


def remove_files(job_pk: int) -> None:
    shutil.rmtree(job_folder(job_pk), ignore_errors=True)


def queue_job(task: Any, *, kind: str, title: str, actor: Any, partnership: Any = None,
              params: Mapping[str, Any] | None = None, files: Mapping[str, bytes] | None = None,
              write: Callable[[Path], Mapping[str, Any]] | None = None) -> Job:
    """Create the job (``partnership``: a Partnership or its id), put its input in
    ``job_folder`` (``files`` by name, or ``write``, which returns more params), and queue
    ``task`` with the job's id. Returns the job.

    One transaction: with the database backend the task row is part of it, so a worker
    never sees a task whose job or files are not there; the files go if it fails."""
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind, title=title[:200],
            started_by=actor if getattr(actor, "pk", None) else None,
            partnership_id=getattr(partnership, "pk", partnership),
            params=dict(params or {}))
        try:
            if files or write:
                folder = job_folder(job.pk)
                folder.mkdir(parents=True, exist_ok=True)
                for name, data in (files or {}).items():
                    (folder / Path(name).name).write_bytes(data)
                if write is not None:
                    job.params.update(write(folder))
            queued = task.enqueue(job.pk)
        except BaseException:
            remove_files(job.pk)
            raise
        job.task_id, job.task_path = str(queued.id), queued.task.module_path
        job.save(update_fields=["params", "task_id", "task_path"])
    return job


__all__ = ["job_folder", "queue_job", "remove_files"]
