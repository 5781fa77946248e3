"""Background work of the exchange app: a large CTDL import applied by a worker (ADR 0050).

The view previews the file in the request, as for any import; past
``PATHWAYS_BACKGROUND_IMPORT_BYTES`` the apply is queued and the job page follows it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from pathways.apps.accounts.versioning import StaleEdit
from pathways.apps.jobs.models import Job
from pathways.apps.jobs.queueing import job_folder
from pathways.apps.jobs.runner import Progress, execute
from pathways.core.errors import InputError, InputProblem

FILE = "document.json"


def _import(job: Job, progress: Progress) -> str:
    from django.core.exceptions import PermissionDenied

    from pathways.apps.exchange import actions, queries

    if job.started_by is None:  # the account was removed since
        raise PermissionDenied("the job has no one to act for")
    # The worker acts with the access its starter has now, not when they queued it.
    access = queries.import_access(job.started_by, job.partnership_id)
    progress.step(gettext_noop("Reading and checking the file"))
    data = (job_folder(job.pk) / FILE).read_bytes()
    progress.step(gettext_noop("Writing the pathways as drafts"))
    try:
        done = actions.import_draft(access, job.params["name"], data, job.params.get("seen"))
    except StaleEdit as exc:
        raise InputError(InputProblem(_(
            "Someone saved the pathway after your preview (changed: %(fields)s). Nothing "
            "was written; upload the file again for a fresh preview.")
            % {"fields": ", ".join(exc.changed) or "?"}, field="version")) from None
    return reverse("exchange:result", kwargs={"pk": done.pk})


@task()
def import_ctdl_job(job_pk: int) -> str:
    """Apply a previewed CTDL file as drafts; the file goes afterwards, whatever happens."""
    return execute(job_pk, _import, clear_files=True)


def _reference(job: Job, progress: Progress) -> str:
    from django.core.exceptions import PermissionDenied

    from pathways.apps.accounts.access import ConsoleUser
    from pathways.apps.catalog.queries import catalog_access
    from pathways.apps.exchange.reference import load_reference

    console = job.params.get("console")
    actor = ConsoleUser(console) if console else job.started_by
    if actor is None:  # the account was removed since
        raise PermissionDenied("the job has no one to act for")
    report = load_reference(catalog_access(actor), job.params.get("path"),
                            force=bool(job.params.get("force")),
                            progress=lambda label, done, total: progress.step(label, done,
                                                                              total))
    job.params["outcomes"] = [{"dataset": o.dataset, "version": o.version, "rows": o.rows,
                               "skipped": o.skipped} for o in report.outcomes]
    Job.objects.filter(pk=job.pk).update(params=job.params)
    return reverse("exchange:reference")


@task()
def load_reference_job(job_pk: int) -> str:
    """Load reference data from a folder the worker can read (or the bundled subset)."""
    return execute(job_pk, _reference)
