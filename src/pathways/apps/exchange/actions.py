"""Imports and exports as tracked jobs: every front door (command line, web) calls these.

An import is one transaction: it writes every pathway of the files, the job and the
audit entries, or nothing at all. A failed import still leaves a FAILED job saying why,
written after the rollback, so nobody has to guess what happened.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from pathways.apps.accounts.audit import record
from pathways.apps.catalog.ctdl import to_document
from pathways.apps.catalog.models import Pathway
from pathways.apps.exchange.ctdl_apply import apply_document
from pathways.apps.exchange.models import ExchangeJob
from pathways.core.errors import InputError
from pathways.standards.ctdl import dumps, read_files


def import_ctdl(paths: Sequence[str | Path], actor: Any = None) -> ExchangeJob:
    """Import the pathways in CTDL files read together (a pathway file may come with its
    progression-model file). Raises ``InputError`` when the files cannot be used."""
    source = ", ".join(Path(p).name for p in paths)[:500]
    try:
        result = read_files(paths)
        unknown: Counter = Counter()
        with transaction.atomic():
            applied = [apply_document(doc, result.report, unknown) for doc in result.pathways]
            report = {"pathways": [a.as_dict() for a in applied], **result.report.as_dict(),
                      "unknown_occupations": dict(sorted(unknown.items()))}
            job = ExchangeJob.objects.create(
                kind=ExchangeJob.Kind.CTDL_IMPORT, status=ExchangeJob.Status.SUCCEEDED,
                source=source, started_by=_user(actor), finished_at=timezone.now(),
                report=report)
            for item in applied:
                verb = "Created" if item.created else "Updated"
                record(actor, "ctdl.import", item.pathway,
                       summary=f"{verb} {item.pathway.name} from CTDL ({source})",
                       changes={"job": job.pk, "created": item.created, **item.counts})
    except Exception as exc:
        problems = [str(p) for p in exc.problems] if isinstance(exc, InputError) else [repr(exc)]
        ExchangeJob.objects.create(
            kind=ExchangeJob.Kind.CTDL_IMPORT, status=ExchangeJob.Status.FAILED, source=source,
            started_by=_user(actor), finished_at=timezone.now(),
            report={"error": problems[0] if problems else str(exc), "problems": problems})
        raise
    return job


def export_ctdl(pathways: Iterable[Pathway], actor: Any = None,
                out_dir: str | Path = ".") -> ExchangeJob:
    """Write one ``<slug>.jsonld`` file per pathway into ``out_dir``."""
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
