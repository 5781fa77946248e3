"""Writes of the reports app: storing or withdrawing a run (one transaction, audited).

Each takes the actor's ``MeasuresAccess`` to the partnership (``queries.measures_access``);
the ``action`` decorator refuses a partnership they cannot see, or a role without
``measures.record``, before anything is read or written."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext_noop

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.catalog import generation
from pathways.apps.catalog.models import Pathway
from pathways.apps.reports.models import MeasureCell, MeasuresRun, PublishedFigure
from pathways.apps.reports.queries import PUBLISH, RECORD, MeasuresAccess, min_threshold
from pathways.core.errors import InputError, InputProblem


def _measure_info(m: Any) -> dict:
    return {"id": m.id, "name": m.name, "short_name": m.short_name or m.name, "kind": m.kind,
            "unit": m.unit, "window": m.window, "group": m.group,
            "description": m.description, "source": m.source}


def _missing(value: Any) -> bool:
    return value is None or bool(pd.isna(value))


def _whole(value: Any, suppressed: bool) -> int | None:
    return None if suppressed or _missing(value) else int(value)


@action("measures.record", MeasuresAccess, RECORD)
def record_run(access: MeasuresAccess, result: Any, source: str = "",
               is_sample: bool = False) -> MeasuresRun:
    """Store the published table of a ``RunResult`` (never the unsuppressed one)."""
    partnership, actor = access.partnership, access.actor
    if result.threshold < min_threshold():
        raise InputError(InputProblem(
            f"a stored run must hide cells under {min_threshold()} at least (this run used "
            f"{result.threshold})", field="threshold"))
    table = result.table
    run = MeasuresRun.objects.create(
        partnership=partnership, created_by=actor if getattr(actor, "pk", None) else None,
        source=source[:300], window_start=result.window.start,
        window_end=result.window.end, as_of=result.window.as_of, engine=result.engine,
        threshold=result.threshold, records=result.records, periods=result.periods,
        wage_rows=result.wage_rows, measures=[_measure_info(m) for m in result.measures],
        dimensions=list(result.dimensions), skipped=dict(result.skipped),
        is_sample=is_sample)
    MeasureCell.objects.bulk_create([
        MeasureCell(run=run, position=i, measure=r.measure, dimension=r.dimension,
                    group=r.group[:200],
                    numerator=_whole(r.numerator, r.suppressed),
                    denominator=_whole(r.denominator, r.suppressed),
                    value=None if r.suppressed or _missing(r.value) else r.value,
                    suppressed=bool(r.suppressed))
        for i, r in enumerate(table.itertuples(index=False))], batch_size=2000)
    record(actor, "measures.record", run,
           summary=f"Stored shared measures for {partnership.name} "
                   f"({result.window.start:%Y-%m-%d} to {result.window.end:%Y-%m-%d})",
           changes={"periods": result.periods, "cells": len(table),
                    "threshold": result.threshold, "engine": result.engine,
                    "source": source[:200]})
    return run


@action("measures.withdraw", MeasuresAccess, RECORD)
def withdraw_run(access: MeasuresAccess, run: MeasuresRun, reason: str) -> MeasuresRun:
    """Take a stored run back: it is no longer the latest nor downloadable (audited)."""
    from django.utils import timezone

    if not access.owns(run):
        raise Http404("No such run")
    actor = access.actor
    reason = (reason or "").strip()
    if not reason:
        raise InputError(InputProblem("say why the run is withdrawn", field="reason"))
    if len(reason) > 300:
        raise InputError(InputProblem("the reason is longer than 300 characters",
                                      field="reason"))
    locked = MeasuresRun.objects.select_for_update().get(pk=run.pk)
    if locked.is_withdrawn:
        raise InputError(InputProblem("this run was already withdrawn", field="run"))
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = actor if getattr(actor, "pk", None) else None
    locked.withdrawn_reason = reason
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    if locked.published.exists():
        # Its figures leave the public pathway pages (kept pages included) at commit.
        generation.changed()
    record(actor, "measures.withdraw", locked,
           summary=f"Withdrew shared measures run {locked.pk} of {locked.partnership.name}",
           changes={"reason": reason})
    return locked


@action("measures.publish", MeasuresAccess, PUBLISH)
def publish_figure(access: MeasuresAccess, run: MeasuresRun, pathway: Pathway, measure: str,
                   dimension: str, group: str) -> PublishedFigure:
    """Show one cell of a stored run on a public pathway page of the partnership (audited).

    Refused: a run of another partnership or a withdrawn one, a pathway of another
    partnership, a cell that is suppressed or has no value, a measure without plain
    wording, or a slice about another pathway."""
    from pathways.apps.reports import published

    if not access.owns(run):
        raise Http404("No such run")
    if run.is_withdrawn:
        raise InputError(InputProblem("this run was withdrawn: its figures cannot be "
                                      "published", field="run"))
    if pathway.partnership_id != access.partnership.pk:
        raise InputError(InputProblem("the pathway is not one of this partnership's",
                                      field="pathway"))
    cell = next((c for c in published.publishable_cells(run) if (c.measure, c.dimension,
                 c.group) == (measure, dimension, group)), None)
    if cell is None:
        raise InputError(InputProblem("no such figure can be published: it must be a shown "
                                      "cell (not suppressed) of a measure with plain "
                                      "wording, by pathway, step or exit point",
                                      field="cell"))
    if not published.about_pathway(dimension, group, pathway):
        raise InputError(InputProblem(f"the figure for {group!r} is not about the pathway "
                                      f"{pathway.name}", field="cell"))
    figure, created = PublishedFigure.objects.get_or_create(
        run=run, pathway=pathway, measure=measure, dimension=dimension, group=group,
        defaults={"published_by": access.actor if getattr(access.actor, "pk", None)
                  else None})
    if not created:
        raise InputError(InputProblem("this figure is already published on that pathway",
                                      field="cell"))
    record(access.actor, "measures.publish", figure,
           summary=f"Published {measure} ({dimension}: {group}) of run {run.pk} on the "
                   f"pathway {pathway.slug}",
           changes={"run": run.pk, "pathway": pathway.slug, "measure": measure,
                    "dimension": dimension, "group": group[:200]})
    return figure


@action("measures.unpublish", MeasuresAccess, PUBLISH)
def unpublish_figure(access: MeasuresAccess, figure: PublishedFigure) -> None:
    """Take a figure off its public pathway page (audited)."""
    if not access.owns(figure.run):
        raise Http404("No such figure")
    summary = (f"Took {figure.measure} ({figure.dimension}: {figure.group}) of run "
               f"{figure.run_id} off the pathway {figure.pathway.slug}")
    changes = {"run": figure.run_id, "pathway": figure.pathway.slug,
               "measure": figure.measure, "dimension": figure.dimension,
               "group": figure.group[:200]}
    record(access.actor, "measures.unpublish", figure.run, summary=summary, changes=changes)
    figure.delete()


@action("measures.run_uploaded", MeasuresAccess, RECORD, atomic=False)
def run_uploaded(access: MeasuresAccess, pirl: Any, wages: Any | None, start: dt.date,
                 end: dt.date, as_of: dt.date, threshold: int) -> MeasuresRun:
    """Compute the measures from uploaded files and store the run; InputError (with every
    row-level problem, naming the uploaded files) and nothing stored when a file is bad.

    The files are copied into a folder of their own in the upload folder (settings
    ``FILE_UPLOAD_TEMP_DIR``), removed when the run ends, whether it succeeded or not."""
    with tempfile.TemporaryDirectory(prefix="run-", dir=settings.FILE_UPLOAD_TEMP_DIR) \
            as folder:
        paths, names = _save_uploads(Path(folder), pirl, wages)
        result = compute(paths, names, start, end, as_of, threshold)
    shown = ", ".join(u.name for u in (pirl, wages) if u is not None)
    return record_run(access, result, source=f"upload: {shown}")


def _save_uploads(folder: Path, pirl: Any, wages: Any | None
                  ) -> tuple[list[Path | None], dict[str, str]]:
    """Copy the uploads into ``folder``; their paths and the names people gave them."""
    paths: list[Path | None] = []
    names: dict[str, str] = {}
    for upload in (pirl, wages):
        if upload is None:
            paths.append(None)
            continue
        suffix = ".parquet" if Path(upload.name).suffix.lower() in {".parquet", ".pq"} \
            else ".csv"
        path = folder / f"{len(paths)}{suffix}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        names[str(path)] = Path(upload.name).name
        paths.append(path)
    return paths, names


def compute(paths: list, names: dict[str, str], start: dt.date, end: dt.date,
            as_of: dt.date, threshold: int, progress: Any = None) -> Any:
    """Read and check the files, then compute the measures (``progress.step`` between)."""
    from pathways.metrics import PirlFiles, Window, run_measures

    if progress is not None:
        progress.step(gettext_noop("Reading and checking the files"))
    try:
        inputs = PirlFiles(paths[0], paths[1]).read()
    except InputError as exc:
        raise InputError([replace(p, source=names.get(p.source, p.source))
                          for p in exc.problems]) from None
    if progress is not None:
        progress.step(gettext_noop("Computing the measures"))
    return run_measures(inputs, None, Window(start, end, as_of), threshold=threshold)


@action("measures.queue_run", MeasuresAccess, RECORD, atomic=False)
def queue_run(access: MeasuresAccess, pirl: Any, wages: Any | None, start: dt.date,
              end: dt.date, as_of: dt.date, threshold: int) -> Any:
    """Keep the uploaded files and queue a job that computes and stores the run (the worker
    checks the stored actor's access again). Returns the job."""
    from pathways.apps.jobs.queueing import queue_job
    from pathways.apps.reports.tasks import run_measures_job

    shown = ", ".join(Path(u.name).name for u in (pirl, wages) if u is not None)

    def write(folder: Path) -> dict[str, Any]:
        paths, names = _save_uploads(folder, pirl, wages)
        return {"paths": [str(p) if p else None for p in paths], "names": names}

    job = queue_job(
        run_measures_job, kind="measures.run",
        title=f"Shared measures for {access.partnership.name}", actor=access.actor,
        partnership=access.partnership, write=write,
        params={"start": start.isoformat(), "end": end.isoformat(),
                "as_of": as_of.isoformat(), "threshold": threshold, "source": shown})
    record(access.actor, "measures.queue_run", job,
           summary=f"Queued shared measures for {access.partnership.name}",
           changes={"job": job.pk, "source": shown[:200]})
    return job


@action("pirl.queue_export", MeasuresAccess, RECORD, atomic=False)
def queue_pirl_export(access: MeasuresAccess, start: dt.date, end: dt.date, as_of: dt.date,
                      program: str) -> Any:
    """Queue a job that writes the partnership's PIRL file (the worker checks the stored
    actor's access again; the file waits encrypted until its download). Returns the job."""
    from pathways.apps.jobs.queueing import queue_job
    from pathways.apps.reports.tasks import export_pirl_job

    job = queue_job(
        export_pirl_job, kind="pirl.export", title=f"PIRL file of {access.partnership.name}",
        actor=access.actor, partnership=access.partnership,
        params={"start": start.isoformat(), "end": end.isoformat(),
                "as_of": as_of.isoformat(), "program": program})
    record(access.actor, "pirl.queue_export", job,
           summary=f"Queued a PIRL export for {access.partnership.name}",
           changes={"job": job.pk, "from": start.isoformat(), "to": end.isoformat()})
    return job
