"""Writes of the jobs app: cancelling a job (audited)."""

from __future__ import annotations

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.jobs.models import Job
from pathways.apps.jobs.queries import JobAccess


@action("jobs.cancel", JobAccess)
def cancel(access: JobAccess) -> Job:
    """A queued job is cancelled now and never runs; a running one stops at its next
    progress checkpoint. A finished job is left as it is."""
    from django.utils import timezone

    job = Job.objects.select_for_update().get(pk=access.job.pk)
    if job.is_finished:
        return job
    job.cancel_requested = True
    fields = ["cancel_requested"]
    if job.status == Job.Status.QUEUED:
        job.status, job.finished_at = Job.Status.CANCELLED, timezone.now()
        fields += ["status", "finished_at"]
    job.save(update_fields=fields)
    record(access.actor, "jobs.cancel", job, summary=f"Cancelled job {job.pk} ({job.kind})",
           changes={"status": job.status})
    return job
