"""Time `pathways reference load` on the full public data against baselines from the same run.

    .venv/bin/python benchmarks/reference_load.py /path/to/shared/data

Uses a fresh SQLite file in a temporary folder unless PATHWAYS_DATABASE_URL is set (then that
database is migrated and loaded into: do not point it at a database you care about).
Baselines: (1) parsing every file with the engine, no database; (2) saving the OEWS rows one
by one with ``Model.save()`` in one transaction, the naive way, against the bulk path.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path


def main(path: str) -> None:
    folder = tempfile.mkdtemp(prefix="pathways-bench-")
    os.environ.setdefault("PATHWAYS_DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    from pathways.commands._django import setup_django

    setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction

    from pathways.apps.accounts.access import CONSOLE
    from pathways.apps.catalog.models import Wage
    from pathways.apps.catalog.queries import catalog_access
    from pathways.apps.exchange.reference import load_reference

    REFERENCE = catalog_access(CONSOLE)  # noqa: N806
    from pathways.standards import Problems, find_datasets, read_dataset

    call_command("migrate", verbosity=0)

    started = time.perf_counter()
    problems = Problems()
    datasets = {name: read_dataset(files, problems) for name, files in find_datasets(path).items()}
    problems.raise_if_any()
    parse = time.perf_counter() - started
    rows = sum(d.rows for d in datasets.values())

    marks: list[tuple[str, float]] = []
    started = time.perf_counter()
    load_reference(REFERENCE, path, force=True,
                   progress=lambda label, done, total: marks.append((label, time.perf_counter())))
    first = time.perf_counter() - started
    wrote_wages = next(t for i, (label, t) in enumerate(marks) if label == "wrote wages")
    before_wages = marks[[label for label, _ in marks].index("wrote wages") - 1][1]
    bulk_wages = wrote_wages - before_wages

    started = time.perf_counter()
    load_reference(REFERENCE, path, force=True)
    again = time.perf_counter() - started

    started = time.perf_counter()
    report = load_reference(REFERENCE, path)
    skipped = time.perf_counter() - started
    assert not report.loaded, "an unchanged second load should skip every dataset"

    wages = datasets["oews"].wages
    started = time.perf_counter()
    with transaction.atomic():
        Wage.objects.all().delete()
        for w in wages:
            Wage(vintage="bench", area=w.area, area_title=w.area_title, occ_code=w.occ_code,
                 occ_title=w.occ_title, employment=w.employment, hourly_median=w.hourly_median,
                 annual_mean=w.annual_mean, annual_p10=w.annual_p10, annual_p25=w.annual_p25,
                 annual_median=w.annual_median, annual_p75=w.annual_p75,
                 annual_p90=w.annual_p90, top_coded=list(w.top_coded),
                 hourly_only=w.hourly_only, annual_only=w.annual_only).save()
        transaction.set_rollback(True)  # leave the loaded wages as they were
    naive_wages = time.perf_counter() - started

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, database {connection.vendor}")
    print(f"data: {path} ({rows:,} rows parsed)")
    print(f"parse only (baseline 1)         {parse:7.2f} s")
    print(f"load into an empty database     {first:7.2f} s   {first / parse:5.1f}x parse")
    print(f"reload, --force                 {again:7.2f} s   {again / parse:5.1f}x parse")
    print(f"second load, unchanged (skip)   {skipped:7.2f} s")
    print(f"OEWS rows, bulk (in the load)   {bulk_wages:7.2f} s   {len(wages):,} rows")
    print(f"OEWS rows, save() each (base 2) {naive_wages:7.2f} s   "
          f"{naive_wages / bulk_wages:5.1f}x slower than bulk")


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).exists():
        sys.exit(__doc__)
    main(sys.argv[1])
