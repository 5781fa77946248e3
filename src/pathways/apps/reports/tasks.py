"""Background work of the reports app (run by a worker: ``pathways manage db_worker``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_noop
from django_tasks import task

from pathways.apps.jobs.models import Job
from pathways.apps.jobs.queueing import job_folder, remove_files
from pathways.apps.jobs.runner import Progress, execute


def _measures(job: Job, progress: Progress) -> str:
    from pathways.apps.reports import actions, queries

    # The worker acts for the person who queued the job, with their access as it is now.
    if job.started_by is None or job.partnership is None:  # account removed since
        raise PermissionDenied("the job has no one to act for")
    access = queries.measures_access(job.started_by, job.partnership)
    access.check(queries.RECORD)
    p = job.params
    paths = [Path(x) if x else None for x in p["paths"]]
    result = actions.compute(paths, p.get("names", {}), dt.date.fromisoformat(p["start"]),
                             dt.date.fromisoformat(p["end"]),
                             dt.date.fromisoformat(p["as_of"]), p["threshold"], progress)
    progress.step(gettext_noop("Storing the run"))
    run = actions.record_run(access, result, source=f"upload: {p.get('source', '')}")
    return f"{reverse('reports:dashboard', kwargs={'pk': job.partnership_id})}?run={run.pk}"


@task()
def run_measures_job(job_pk: int) -> str:
    """Compute and store the measures of an uploaded PIRL file; the files go afterwards."""
    return execute(job_pk, _measures, clear_files=True)


def exported_file(job_pk: int) -> Path:
    """Where a PIRL export job keeps its file, encrypted, until it is downloaded."""
    return job_folder(job_pk) / "pirl.csv.sealed"


def _pirl_export(job: Job, progress: Progress) -> str:
    import io

    from pathways.apps.cases.crypto import fernet
    from pathways.apps.reports import queries
    from pathways.apps.reports.pirl import export_pirl

    if job.started_by is None or job.partnership is None:
        raise PermissionDenied("the job has no one to act for")
    access = queries.measures_access(job.started_by, job.partnership)
    p = job.params
    out = io.StringIO()
    periods = export_pirl(
        access, out, dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"]),
        dt.date.fromisoformat(p["as_of"]), p["program"],
        progress=lambda done, total: progress.step(
            gettext_noop("Reading participant records"), done, total))
    progress.step(gettext_noop("Writing the file"))
    target = exported_file(job.pk)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Personal data at rest: sealed with the key of the encrypted fields.
    target.write_bytes(fernet().encrypt(out.getvalue().encode("utf-8")))
    job.params["periods"] = periods
    Job.objects.filter(pk=job.pk).update(params=job.params)
    return reverse("reports:pirl_download", kwargs={"pk": job.partnership_id, "job": job.pk})


@task()
def export_pirl_job(job_pk: int) -> str:
    """Write a partnership's PIRL file; nothing is kept when it fails."""
    status = execute(job_pk, _pirl_export)
    if status != Job.Status.SUCCEEDED:
        remove_files(job_pk)
    return status
