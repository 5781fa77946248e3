"""Who sees which job: the person who started it (another person gets a 404)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from pathways.apps.accounts.access import RecordAccess
from pathways.apps.jobs.models import Job


@dataclass(frozen=True)
class JobAccess(RecordAccess):
    user: Any
    job: Job
    visible: bool


def jobs_of(user: Any) -> QuerySet[Job]:
    return Job.objects.filter(started_by_id=getattr(user, "pk", None))


def job_access(user: Any, job: Job) -> JobAccess:
    return JobAccess(user, job, job.started_by_id == getattr(user, "pk", None))


def get_job(user: Any, pk: int) -> JobAccess:
    found = jobs_of(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such job")
    return JobAccess(user, found, True)
