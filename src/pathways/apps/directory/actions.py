"""Import and export of the services directory as Open Referral HSDS 3.0 (ADR 0051).

The import is all or nothing: every provider, location and service of the file, the
import's record and its audit entry in one transaction. Who may: catalog editors, into a
partnership they are a member of (``catalog.edit``, rule ``may_create``), as for adding a
support service in the workspace. Export: whoever may export the catalog.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.catalog.queries import CatalogAccess, PathwayAccess
from pathways.apps.directory import importer
from pathways.apps.directory.catalog_map import directory_from_catalog, plan
from pathways.apps.directory.models import DirectoryImport
from pathways.standards.hsds import Directory, csv_texts, to_json


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


@action("hsds.import", PathwayAccess, "catalog.edit", "may_create")
def import_directory(access: PathwayAccess, directory: Directory) -> DirectoryImport:
    """Write a directory read by ``pathways.standards.hsds`` (which refused a bad file
    before this runs): providers, locations and services created or updated."""
    steps = plan(directory)
    counts = importer.apply(directory, steps)
    done = DirectoryImport.objects.create(
        source=Path(directory.source).name[:500] or "directory",
        partnership_id=access.partnership_id, started_by=_user(access.actor),
        report={**counts, "warnings": steps.warnings
                + [s.warning for s in steps.services if s.warning]})
    record(access.actor, "hsds.import", done,
           summary=f"Imported the services directory {done.source}: "
                   f"{counts['services_new']} services added, "
                   f"{counts['services_updated']} updated",
           changes={"import": done.pk, **counts})
    return done


@action("hsds.queue_import", PathwayAccess, "catalog.edit", "may_create", atomic=False)
def queue_import(access: PathwayAccess, name: str, data: bytes) -> Any:
    """Queue the import of a large HSDS file for a worker (``directory.tasks``), which
    reads it again and imports it with the starter's access as it is then."""
    from pathways.apps.directory.tasks import FILE, import_directory_job
    from pathways.apps.jobs.queueing import queue_job

    source = Path(name).name[:500] or "directory"
    job = queue_job(import_directory_job, kind="hsds.import",
                    title=f"Services directory import of {source}", actor=access.actor,
                    partnership=access.partnership_id, params={"name": source},
                    files={FILE: data})
    record(access.actor, "hsds.queue_import", job,
           summary=f"Queued the services directory import of {source}",
           changes={"job": job.pk, "source": source})
    return job


@action("hsds.export", CatalogAccess, "exchange.export")
def export_directory(access: CatalogAccess, fmt: str, out: str | Path) -> list[Path]:
    """Write the directory as HSDS JSON (one file) or CSV (a folder of tables)."""
    directory = directory_from_catalog()
    out = Path(out)
    if fmt == "json":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(to_json(directory), encoding="utf-8")
        written = [out]
    elif fmt == "csv":
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in csv_texts(directory).items():
            (out / name).write_text(text, encoding="utf-8", newline="")
            written.append(out / name)
    else:
        raise ValueError(f"unknown format {fmt!r}: json or csv")
    record(access.actor, "hsds.export", None,
           summary=f"Exported the services directory as HSDS {fmt} "
                   f"({len(directory.services)} services)",
           changes={"format": fmt, "out": str(out)})
    return written
