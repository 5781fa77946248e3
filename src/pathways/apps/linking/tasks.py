"""Background work of the linking app (run by a worker: ``pathways jobs work``).

The worker acts for the person who queued the job, with their access as it is now; a
linkage that fails or is cancelled removes its files at once (ADR 0053)."""

from __future__ import annotations

import datetime as dt
import inspect
from dataclasses import replace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks import task

from pathways.apps.jobs.models import Job
from pathways.apps.jobs.runner import Progress, execute


def _access(job: Job) -> Any:
    from pathways.apps.linking import queries

    if job.started_by is None or job.partnership is None:  # account removed since
        raise PermissionDenied("the job has no one to act for")
    access = queries.linking_access(job.started_by, job.partnership)
    access.check(queries.LINK)
    return access


def _run_of(job: Job, access: Any) -> Any:
    from pathways.apps.linking.models import LinkageRun

    return LinkageRun.objects.get(pk=job.params["run"], partnership=access.partnership)


def read_run_files(run: Any) -> list:
    """The run's partner files, read and checked again from their sealed copies."""
    from pathways.apps.linking import storage
    from pathways.apps.linking.partner_files import read_partner_files

    return read_partner_files([
        (storage.upload(run.pk, position), p["partner"], p["file"])
        for position, p in enumerate(run.partners)])


def _link(job: Job, progress: Progress) -> str:
    import pandas as pd

    from pathways.apps.linking import actions, storage
    from pathways.apps.linking.partner_files import partner_ids
    from pathways.linkage import link_records, person_model

    actions.remove_expired()
    access = _access(job)
    run = _run_of(job, access)
    progress.step(gettext_noop("Reading and checking the files"))
    files = read_run_files(run)
    total = sum(f.records for f in files)
    progress.step(gettext_noop("Comparing records"), 0, total)
    model = person_model()
    options: dict[str, Any] = {}
    accepted = inspect.signature(link_records).parameters
    if "dedupe" in accepted:
        # A partner's file has a row per period: one person's periods are linked too.
        options["dedupe"] = True
    if "progress" in accepted:
        # Each stage of the engine is a checkpoint: a cancelled job stops there.
        options["progress"] = lambda *_stage: progress.step(
            gettext_noop("Comparing records"), 0, total)
    result = link_records([f.people for f in files], model, **options)
    progress.step(gettext_noop("Storing the pairs"), total, total)
    people = pd.concat([f.people for f in files], ignore_index=True)
    storage.keep_people(run.pk, people)
    actions.store_linkage(access, run, result, [f.records for f in files],
                          partner_ids(files), str(model.version))
    return reverse("linking:run", kwargs={"pk": run.partnership_id, "run": run.pk})


@task()
def run_linkage_job(job_pk: int) -> str:
    """Link a partnership's uploaded partner files; a failed or cancelled one keeps
    nothing."""
    from pathways.apps.linking import storage
    from pathways.apps.linking.models import LinkageRun

    status = execute(job_pk, _link)
    if status in (Job.Status.FAILED, Job.Status.CANCELLED):
        for run in LinkageRun.objects.filter(job_id=job_pk):
            storage.remove(run.pk)
            run.state, run.files_removed_at = LinkageRun.State.FAILED, timezone.now()
            run.save(update_fields=["state", "files_removed_at"])
    return status


def _measures(job: Job, progress: Progress) -> str:
    from pathways.apps.jobs.queueing import job_folder
    from pathways.apps.linking import actions
    from pathways.apps.linking.partner_files import joined_inputs
    from pathways.apps.linking.people import person_keys
    from pathways.apps.linking.queries import pair_tuples
    from pathways.apps.reports import actions as reports
    from pathways.apps.reports import queries as reports_queries
    from pathways.core.errors import InputError, InputProblem
    from pathways.metrics import Window, run_measures
    from pathways.metrics.wages import read_wages

    actions.remove_expired()
    access = _access(job)
    measures = reports_queries.measures_access(job.started_by, job.partnership)
    measures.check(reports_queries.RECORD)
    run = _run_of(job, access)
    if not run.has_files:
        raise InputError(InputProblem("this run's files were removed: link the partners' "
                                      "files again", field="run"))
    p = job.params
    progress.step(gettext_noop("Reading and checking the files"))
    files = read_run_files(run)
    wages = None
    if p.get("wages"):
        try:
            wages = read_wages(job_folder(job.pk) / "wages.csv")
        except InputError as exc:  # named as the analyst named the file
            raise InputError([replace(x, source=p["wages"]) for x in exc.problems]) from None
    progress.step(gettext_noop("Joining the files by person"))
    records = [uid for f in files for uid in f.people["unique_id"]]
    keys = person_keys(records, pair_tuples(run), run.partner_groups)
    labels = ", ".join(run.partner_labels)
    inputs = joined_inputs(files, keys, f"linkage run {run.pk}: {labels}", wages)
    progress.step(gettext_noop("Computing the measures"))
    result = run_measures(inputs, None, Window(dt.date.fromisoformat(p["start"]),
                                               dt.date.fromisoformat(p["end"]),
                                               dt.date.fromisoformat(p["as_of"])),
                          threshold=p["threshold"])
    progress.step(gettext_noop("Storing the run"))
    stored = reports.record_run(measures, result,
                                source=f"linkage run {run.pk}: {labels}")
    return f"{reverse('reports:dashboard', kwargs={'pk': job.partnership_id})}?run={stored.pk}"


@task()
def run_joined_measures_job(job_pk: int) -> str:
    """Compute and store the shared measures of a linkage run's joined files; an uploaded
    wage file goes when the job ends."""
    from pathways.apps.jobs.queueing import remove_files

    try:
        return execute(job_pk, _measures)
    finally:
        remove_files(job_pk)
