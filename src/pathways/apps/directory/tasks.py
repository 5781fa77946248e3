"""Background work of the directory app: a large HSDS import applied by a worker (ADR 0050,
past ``PATHWAYS_BACKGROUND_IMPORT_BYTES``; smaller files are applied in the request)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_noop
from django_tasks import task

from pathways.apps.jobs.models import Job
from pathways.apps.jobs.queueing import job_folder
from pathways.apps.jobs.runner import Progress, execute

FILE = "directory.bin"


def _import(job: Job, progress: Progress) -> str:
    from django.core.exceptions import PermissionDenied

    from pathways.apps.catalog.queries import new_pathway_access
    from pathways.apps.directory.actions import import_directory
    from pathways.standards.hsds import read_upload

    if job.started_by is None:  # the account was removed since
        raise PermissionDenied("the job has no one to act for")
    access = new_pathway_access(job.started_by, job.partnership_id)
    progress.step(gettext_noop("Reading and checking the file"))
    directory = read_upload(job.params["name"], (job_folder(job.pk) / FILE).read_bytes())
    progress.step(gettext_noop("Writing providers, locations and services"))
    done = import_directory(access, directory)
    return reverse("directory:result", kwargs={"pk": done.pk})


@task()
def import_directory_job(job_pk: int) -> str:
    """Apply a previewed HSDS file; the file goes afterwards, whatever happens."""
    return execute(job_pk, _import, clear_files=True)
