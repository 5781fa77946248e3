"""Imports and exports as tracked jobs: every front door (command line, web) calls these
with the actor's ``CatalogAccess`` (``catalog.queries.catalog_access``).

An import is one transaction: it writes every pathway of the files, the job and the
audit entries, or nothing at all. A failed import still leaves a FAILED job saying why,
written after the rollback, so nobody has to guess what happened.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.catalog.ctdl import to_document
from pathways.apps.catalog.models import Pathway
from pathways.apps.catalog.queries import CatalogAccess, PathwayAccess, pathway_access
from pathways.apps.exchange.ctdl_apply import apply_document
from pathways.apps.exchange.ctdl_drafts import draft_target
from pathways.apps.exchange.models import ExchangeJob
from pathways.apps.exchange.problems import stored
from pathways.core.errors import InputError, InputProblem
from pathways.standards.ctdl import dumps, read_documents, read_files


def _may_change_all(access: CatalogAccess, documents: Iterable[Any]) -> None:
    """Refuse the whole import when it would change a pathway the actor may not change."""
    ctids = [doc.ctid for doc in documents]
    for pathway in Pathway.objects.filter(ctid__in=ctids):
        if not access.sees(pathway):
            raise Http404("No such pathway")
        if not access.may_change(pathway):
            raise PermissionDenied(f"{pathway.name} belongs to a partnership you are not a "
                                   "member of")


@contextmanager
def _failure_recorded(actor: Any, source: str) -> Iterator[None]:
    """Leave a FAILED job saying why, written after the import's rollback; a refusal
    (not allowed, not visible) leaves nothing."""
    try:
        yield
    except (PermissionDenied, Http404):
        raise
    except Exception as exc:
        found = exc.problems if isinstance(exc, InputError) else []
        problems = [str(p) for p in found] or [repr(exc)]
        ExchangeJob.objects.create(
            kind=ExchangeJob.Kind.CTDL_IMPORT, status=ExchangeJob.Status.FAILED, source=source,
            started_by=_user(actor), finished_at=timezone.now(),
            report={"error": problems[0] if problems else str(exc), "problems": problems,
                    "translatable": [stored(p) for p in found]})
        raise


def _import_done(actor: Any, action_name: str, source: str, applied: list, result: Any,
                 unknown: Counter, verbs: tuple[str, str]) -> ExchangeJob:
    """The SUCCEEDED job and one audit entry per pathway written (``verbs``: for a new
    pathway, for a changed one)."""
    report = {"pathways": [a.as_dict() for a in applied], **result.report.as_dict(),
              "unknown_occupations": dict(sorted(unknown.items()))}
    job = ExchangeJob.objects.create(
        kind=ExchangeJob.Kind.CTDL_IMPORT, status=ExchangeJob.Status.SUCCEEDED,
        source=source, started_by=_user(actor), finished_at=timezone.now(), report=report)
    for item in applied:
        verb = verbs[0] if item.created else verbs[1]
        if item.pathway.draft_of_id is not None:
            verb = "Updated the working copy of"
        record(actor, action_name, item.pathway,
               summary=f"{verb} {item.pathway.name} from CTDL ({source})",
               changes={"job": job.pk, "created": item.created, **item.counts})
    return job


@action("ctdl.import", CatalogAccess, "exchange.import", atomic=False)
def import_ctdl(access: CatalogAccess, paths: Sequence[str | Path]) -> ExchangeJob:
    """Import the pathways in CTDL files read together (a pathway file may come with its
    progression-model file). Never changes a published pathway in place: its document goes
    into the pathway's working copy (``ctdl_drafts.draft_target``); a new CTID makes a new
    draft; a draft is updated. Raises ``InputError`` when the files cannot be used, and
    ``PermissionDenied`` (with nothing written, not even a job) when they would change a
    pathway the actor may not change."""
    actor = access.actor
    source = ", ".join(Path(p).name for p in paths)[:500]
    with _failure_recorded(actor, source):
        result = read_files(paths)
        _may_change_all(access, result.pathways)
        unknown: Counter = Counter()
        with transaction.atomic():
            applied = []
            for doc in result.pathways:
                existing = Pathway.objects.filter(ctid=doc.ctid).first()
                target = draft_target(existing, actor) if existing is not None else None
                applied.append(apply_document(doc, result.report, unknown, target=target))
            return _import_done(actor, "ctdl.import", source, applied, result, unknown,
                                ("Created", "Updated"))


@action("ctdl.import_draft", PathwayAccess, "exchange.import", "may_create", atomic=False)
def import_draft(access: PathwayAccess, name: str, data: bytes,
                 seen: dict[str, int] | None = None) -> ExchangeJob:
    """Apply an uploaded CTDL file from the workspace, as drafts only: a new pathway is
    created as a draft in ``access``'s partnership, a draft with the document's CTID is
    updated, a published pathway is never written: its working copy takes the document
    (``ctdl_drafts.draft_target``).

    All or nothing: every pathway of the file, the job and the audit entries in one
    transaction. ``seen`` holds, by CTID, the version of each row the preview compared
    with (a draft, a working copy or a published pathway); one saved since is refused
    (``StaleEdit``) naming what changed, and so is a working copy started since.
    ``PermissionDenied`` when the file would change a pathway of a partnership the actor
    is not a member of."""
    actor = access.actor
    source = Path(name).name[:500]
    with _failure_recorded(actor, source):
        result = read_documents([(source, data)])
        targets = {}
        for doc in result.pathways:
            existing = Pathway.objects.filter(ctid=doc.ctid).first()
            if existing is None:
                continue
            if not pathway_access(actor, existing).member:
                raise PermissionDenied(f"{existing.name} belongs to a partnership you are not "
                                       "a member of")
            targets[doc.ctid] = existing
        unknown: Counter = Counter()
        with transaction.atomic():
            applied = []
            for doc in result.pathways:
                target = targets.get(doc.ctid)
                if target is not None:
                    compared = draft_target(target, actor, preview=True)
                    if seen is not None and compared.ctid not in seen:
                        raise InputError(InputProblem(_(
                            "Someone started the next version of %(name)s after your "
                            "preview. Nothing was written; upload the file again for a "
                            "fresh preview.") % {"name": target.name}, node=doc.ctid,
                            field="version"))
                    compared.check_version((seen or {}).get(compared.ctid), lock=True)
                    target = draft_target(target, actor)
                applied.append(apply_document(doc, result.report, unknown, target=target,
                                              partnership_id=access.partnership_id))
            if not applied:
                raise InputError(InputProblem(_("the file holds no pathway"), source))
            return _import_done(actor, "ctdl.import_draft", source, applied, result,
                                unknown, ("Created draft", "Updated draft"))


@action("ctdl.queue_import_draft", PathwayAccess, "exchange.import", "may_create",
        atomic=False)
def queue_import_draft(access: PathwayAccess, name: str, data: bytes,
                       seen: dict[str, int] | None = None) -> Any:
    """Queue ``import_draft`` of a large file for a worker (``exchange.tasks``); the worker
    asks the starter's access again and the import checks the preview's versions as in a
    request. Returns the job."""
    from pathways.apps.exchange.tasks import FILE, import_ctdl_job
    from pathways.apps.jobs.queueing import queue_job

    source = Path(name).name[:500]
    job = queue_job(import_ctdl_job, kind="ctdl.import", title=f"CTDL import of {source}",
                    actor=access.actor, partnership=access.partnership_id,
                    params={"name": source, "seen": seen or {}}, files={FILE: data})
    record(access.actor, "ctdl.queue_import_draft", job,
           summary=f"Queued the CTDL import of {source}",
           changes={"job": job.pk, "source": source})
    return job


@action("ctdl.export", CatalogAccess, "exchange.export")
def export_ctdl(access: CatalogAccess, pathways: Iterable[Pathway],
                out_dir: str | Path = ".") -> ExchangeJob:
    """Write one ``<slug>.jsonld`` file per pathway into ``out_dir`` (a draft only for
    people who may see drafts)."""
    pathways = list(pathways)
    if not all(access.sees(p) for p in pathways):
        raise Http404("No such pathway")
    actor = access.actor
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for pathway in sorted(pathways, key=lambda p: p.slug):
        doc = to_document(pathway)
        text = dumps(doc)
        path = out / f"{pathway.slug}.jsonld"
        _write_atomically(path, text)
        files.append({
            "pathway": pathway.slug, "file": str(path),
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "components": len(doc.components), "conditions": doc.condition_count(),
            "levels": len(doc.progression_model.levels) if doc.progression_model else 0,
            "entry_points": sum(len(c.entry_points) for c in doc.components),
            "exit_points": sum(len(c.exit_points) for c in doc.components),
            "support_services": len(doc.support_services),
        })
    with transaction.atomic():
        job = ExchangeJob.objects.create(
            kind=ExchangeJob.Kind.CTDL_EXPORT, status=ExchangeJob.Status.SUCCEEDED,
            source=str(out)[:500], started_by=_user(actor), finished_at=timezone.now(),
            report={"files": files})
        record(actor, "ctdl.export", job, summary=f"Exported {len(files)} pathways to CTDL",
               changes={"pathways": [f["pathway"] for f in files], "directory": str(out)})
    return job


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _write_atomically(path: Path, text: str) -> None:
    """Readers never see half a file: write next to it, then rename over it."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
