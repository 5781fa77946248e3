"""Writes of the linking app: queue a linkage, store its pairs, decide a pair, note a look
at a pair's identifying values, remove a run's files, queue the measures of the joined
files. Each takes the actor's ``LinkingAccess`` and is audited without personal values
(record ids of a pair are the partners' own ids, as in the engine's ``pairs.csv``)."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404
from django.utils import timezone

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.linking import storage
from pathways.apps.linking.models import CandidatePair, LinkageRun
from pathways.apps.linking.people import MATCH, NOT_MATCH, person_keys
from pathways.apps.linking.queries import LINK, LinkingAccess, pair_tuples
from pathways.core.errors import InputError, InputProblem


def _actor_row(access: LinkingAccess) -> Any:
    return access.actor if getattr(access.actor, "pk", None) else None


def _owned(access: LinkingAccess, run: LinkageRun) -> None:
    if not access.owns(run):
        raise Http404("No such linkage run")


@action("linkage.queue", LinkingAccess, LINK, atomic=False)
def queue_linkage(access: LinkingAccess, files: list[tuple[Any, str]]) -> Any:
    """Keep the uploaded partner files (sealed) and queue the job that reads, checks and
    links them (the worker checks the actor's access again). ``files``: (upload, label)
    pairs. Returns the job."""
    from django.db import transaction

    from pathways.apps.jobs.queueing import queue_job
    from pathways.apps.linking.tasks import run_linkage_job

    if len(files) < 2:
        raise InputError(InputProblem("give at least two partners' files", field="files"))
    partners = [{"partner": label, "file": Path(upload.name).name[:200], "records": 0}
                for upload, label in files]
    names = ", ".join(p["partner"] for p in partners)
    # Kept at most so long whatever happens to the job (a worker lost twice fails it
    # without this app's clean-up): remove_expired then takes the files.
    keep_until = timezone.now() + timedelta(days=settings.PATHWAYS_LINKAGE_KEEP_DAYS)
    run = None
    try:
        with transaction.atomic():  # the run, its files, the task and the audit, or none
            run = LinkageRun.objects.create(partnership=access.partnership,
                                            created_by=_actor_row(access), partners=partners,
                                            keep_until=keep_until)
            for position, (upload, _label) in enumerate(files):
                storage.keep_upload(run.pk, position, upload)
            job = queue_job(run_linkage_job, kind="linkage.run",
                            title=f"Linking {names} for {access.partnership.name}",
                            actor=access.actor, partnership=access.partnership,
                            params={"run": run.pk})
            run.job = job
            run.save(update_fields=["job"])
            record(access.actor, "linkage.queue", run,
                   summary=f"Queued linkage of {names} for {access.partnership.name}",
                   changes={"job": job.pk, "partners": [p["partner"] for p in partners]})
    except BaseException:
        if run is not None:
            storage.remove(run.pk)
        raise
    return job


@action("linkage.store", LinkingAccess, LINK)
def store_linkage(access: LinkingAccess, run: LinkageRun, result: Any, records: list[int],
                  partner_groups: list[list[str]], model_version: str) -> LinkageRun:
    """Store the pairs of a linkage (``link_records``' result) and mark the run ready for
    review; the run's files are kept for ``PATHWAYS_LINKAGE_KEEP_DAYS``."""
    _owned(access, run)
    locked = LinkageRun.objects.select_for_update().get(pk=run.pk)
    locked.pairs.all().delete()  # a job queued again after its worker died starts afresh
    pairs = result.pairs
    CandidatePair.objects.bulk_create([
        CandidatePair(run=locked, left=str(r.unique_id_l)[:300],
                      right=str(r.unique_id_r)[:300], probability=float(r.match_probability),
                      weight=float(r.match_weight), suggested=str(r.decision))
        for r in pairs.itertuples(index=False)], batch_size=2000)
    for partner, count in zip(locked.partners, records, strict=True):
        partner["records"] = count
    locked.records = sum(records)
    locked.partner_groups = partner_groups
    locked.model_version = model_version[:40]
    locked.state = LinkageRun.State.READY
    locked.keep_until = timezone.now() + timedelta(days=settings.PATHWAYS_LINKAGE_KEEP_DAYS)
    locked.people = people_count(locked)
    locked.save()
    review = int((pairs["decision"] == "review").sum()) if len(pairs) else 0
    record(access.actor, "linkage.store", locked,
           summary=f"Linked {locked.records} records of {', '.join(locked.partner_labels)}",
           changes={"records": locked.records, "pairs": len(pairs), "review": review,
                    "people": locked.people})
    return locked


def people_count(run: LinkageRun) -> int:
    """How many people the run's records are, with the decisions so far."""
    pairs = pair_tuples(run)
    involved = {x for left, right, _s, _d in pairs for x in (left, right)}
    involved |= {x for group in run.partner_groups for x in group}
    keys = person_keys(involved, pairs, run.partner_groups)
    return run.records - (len(involved) - len(set(keys.values())))


@action("linkage.decide", LinkingAccess, LINK)
def decide(access: LinkingAccess, pair: CandidatePair, decision: str) -> CandidatePair:
    """A reviewer's word on a pair: the same person (match) or not; the people of the run
    are worked out again from the decisions."""
    _owned(access, pair.run)
    if decision not in {MATCH, NOT_MATCH}:
        raise InputError(InputProblem("choose match or not a match", field="decision"))
    locked = CandidatePair.objects.select_for_update().select_related("run").get(pk=pair.pk)
    if not locked.run.has_files:
        raise InputError(InputProblem("this run's files were removed: its pairs can no "
                                      "longer be reviewed", field="decision"))
    before = locked.decision
    locked.decision, locked.decided_at = decision, timezone.now()
    locked.decided_by = _actor_row(access)
    locked.save(update_fields=["decision", "decided_at", "decided_by"])
    run = locked.run
    run.people = people_count(run)
    run.save(update_fields=["people"])
    record(access.actor, "linkage.decide", locked,
           summary=f"Decided pair {locked.pk} of linkage run {run.pk}",
           changes={"run": run.pk, "pair": locked.pk, "decision": decision,
                    "before": before, "people": run.people})
    return locked


@action("linkage.view_pair", LinkingAccess, LINK, "may_see_identities")
def view_pair_identities(access: LinkingAccess, pair: CandidatePair) -> None:
    """Note that someone saw a pair's identifying values in full (who, when, which pair;
    never the values)."""
    _owned(access, pair.run)
    record(access.actor, "linkage.view_pair", pair,
           summary=f"Saw the identifying values of pair {pair.pk} of linkage run "
                   f"{pair.run_id}", changes={"run": pair.run_id, "pair": pair.pk})


@action("linkage.remove_files", LinkingAccess, LINK)
def remove_files(access: LinkingAccess, run: LinkageRun) -> LinkageRun:
    """Remove the run's partner files and identifying values now; its pairs and decisions
    stay for the record."""
    _owned(access, run)
    storage.remove(run.pk)
    locked = LinkageRun.objects.select_for_update().get(pk=run.pk)
    if locked.files_removed_at is None:
        locked.files_removed_at = timezone.now()
        if locked.state == LinkageRun.State.READY:
            locked.state = LinkageRun.State.REMOVED
        locked.save(update_fields=["files_removed_at", "state"])
        record(access.actor, "linkage.remove_files", locked,
               summary=f"Removed the files of linkage run {locked.pk}",
               changes={"run": locked.pk})
    return locked


def remove_expired() -> int:
    """Remove the files of every run kept past its time (the system acts: audited as
    such). Returns how many runs lost their files."""
    now = timezone.now()
    expired = LinkageRun.objects.filter(files_removed_at__isnull=True, keep_until__lt=now)
    count = 0
    for run in expired:
        storage.remove(run.pk)
        run.files_removed_at = now
        if run.state != LinkageRun.State.FAILED:
            run.state = LinkageRun.State.REMOVED
        run.save(update_fields=["files_removed_at", "state"])
        record(None, "linkage.remove_files", run,
               summary=f"Removed the files of linkage run {run.pk}: kept "
                       f"{settings.PATHWAYS_LINKAGE_KEEP_DAYS} days",
               changes={"run": run.pk, "expired": True})
        count += 1
    return count


@action("linkage.queue_measures", LinkingAccess, LINK, atomic=False)
def queue_measures(access: LinkingAccess, run: LinkageRun, start: dt.date, end: dt.date,
                   as_of: dt.date, threshold: int, wages: Any | None = None) -> Any:
    """Queue the measures of the run's joined files (and an uploaded UI wage file, kept in
    the job's folder until the job ends), stored as a run of the partnership's shared
    measures (which needs ``measures.record`` too). Returns the job."""
    from pathways.apps.jobs.queueing import queue_job
    from pathways.apps.linking.tasks import run_joined_measures_job
    from pathways.apps.reports.queries import RECORD, measures_access

    _owned(access, run)
    measures_access(access.actor, access.partnership).check(RECORD)
    if not run.has_files:
        raise InputError(InputProblem("this run's files were removed: link the partners' "
                                      "files again", field="run"))
    job = queue_job(
        run_joined_measures_job, kind="linkage.measures",
        title=f"Shared measures of linked files for {access.partnership.name}",
        actor=access.actor, partnership=access.partnership,
        params={"run": run.pk, "start": start.isoformat(), "end": end.isoformat(),
                "as_of": as_of.isoformat(), "threshold": threshold,
                "wages": Path(wages.name).name[:200] if wages is not None else ""},
        files={"wages.csv": b"".join(wages.chunks())} if wages is not None else None)
    record(access.actor, "linkage.queue_measures", run,
           summary=f"Queued the shared measures of linkage run {run.pk}",
           changes={"job": job.pk, "run": run.pk, "from": start.isoformat(),
                    "to": end.isoformat()})
    return job
