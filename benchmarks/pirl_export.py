"""Time the PIRL export of a partnership's records, against a floor in the same run.

    .venv/bin/python benchmarks/pirl_export.py [--participants 100000]

Uses a fresh SQLite file in a temporary folder unless PATHWAYS_DATABASE_URL is set (then
that database is emptied, migrated and loaded into: never point it at one you care about).
Loads the demo region, then copies its participants (with their assessment, plan,
milestones, work activities, consents and referrals) until the partnership has the number
asked for: the records have the demo's shapes, at scale.

Measured:
- Pathways: ``reports.pirl.export_pirl`` (what the analyst page and ``pathways pirl export``
  run): read every record, decide each period and its exit by DOL's 90-day rule, write the
  PIRL CSV.
- Floor: the same tables read with one plain SELECT each (no ORM, no decryption, no
  rules) and one CSV line a participant written: what reading the data and writing a file
  costs at the least.
Target (issue 19): 100,000 participants in under 30 s.
"""

from __future__ import annotations

import argparse
import copy
import csv
import datetime as dt
import io
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

BATCH = 2000


def setup(database_url: str | None, folder: str) -> None:
    os.environ["PATHWAYS_DATABASE_URL"] = database_url or f"sqlite:///{folder}/bench.sqlite3"
    if not os.environ.get("PATHWAYS_FIELD_KEY"):
        from cryptography.fernet import Fernet

        os.environ["PATHWAYS_FIELD_KEY"] = Fernet.generate_key().decode()
    from pathways.commands._django import setup_django

    setup_django()
    from django.core.management import call_command

    from pathways.cli import main as pathways

    if database_url:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    for command in (["reference", "load"], ["demo", "load"]):
        pathways(command, standalone_mode=False)


def _clone(row, **fields):
    made = copy.copy(row)
    made.pk = None
    made.id = None
    made._state = type(row._state)()
    for name, value in fields.items():
        setattr(made, name, value)
    return made


def grow(partnership, wanted: int) -> int:
    """Copy the partnership's participants (and what hangs from them) up to ``wanted``."""
    from django.db import transaction

    from pathways.apps.cases.models import (
        Assessment,
        CareerPlan,
        Consent,
        Milestone,
        Participant,
        Referral,
        WorkActivity,
    )

    demo = list(Participant.objects.filter(enrolled_by__partnerships=partnership).distinct()
                .select_related("assessment", "plan").prefetch_related(
                    "milestones", "activities", "consents", "referrals").order_by("pk"))
    have = len(demo)
    while have < wanted:
        n = min(BATCH, wanted - have)
        sources = [demo[(have + i) % len(demo)] for i in range(n)]
        with transaction.atomic():
            people = Participant.objects.bulk_create([
                _clone(s, first_name=f"Bench{have + i}", user=None, user_id=None)
                for i, s in enumerate(sources)])
            assessments, plans, milestones, activities, consents = [], [], [], [], []
            for new, old in zip(people, sources, strict=True):
                if getattr(old, "assessment", None) is not None:
                    assessments.append(_clone(old.assessment, participant=new))
                if getattr(old, "plan", None) is not None:
                    plans.append(_clone(old.plan, participant=new))
                milestones += [_clone(m, participant=new) for m in old.milestones.all()]
                activities += [_clone(a, participant=new) for a in old.activities.all()]
                consents += [(_clone(c, participant=new), c.pk) for c in old.consents.all()]
            Assessment.objects.bulk_create(assessments)
            CareerPlan.objects.bulk_create(plans)
            Milestone.objects.bulk_create(milestones)
            WorkActivity.objects.bulk_create(activities)
            made = Consent.objects.bulk_create([c for c, _ in consents])
            new_consent = {}
            for (_made, old_pk), stored in zip(consents, made, strict=True):
                new_consent[(stored.participant_id, old_pk)] = stored
            referrals = []
            for new, old in zip(people, sources, strict=True):
                for r in old.referrals.all():
                    referrals.append(_clone(r, participant=new, consent=new_consent[
                        (new.pk, r.consent_id)]))
            Referral.objects.bulk_create(referrals)
        have += n
        print(f"  {have:,} participants", file=sys.stderr, flush=True)
    return have


def pathways_export(access, out_path: Path, start: dt.date, end: dt.date,
                    as_of: dt.date) -> tuple[float, int]:
    from pathways.apps.reports.pirl import export_pirl

    began = time.perf_counter()
    with out_path.open("w", newline="", encoding="utf-8") as out:
        if os.environ.get("BENCH_PROFILE"):  # where the time goes, to stderr
            import cProfile
            import pstats

            profile = cProfile.Profile()
            periods = profile.runcall(export_pirl, access, out, start, end, as_of)
            pstats.Stats(profile, stream=sys.stderr).sort_stats(os.environ.get("BENCH_SORT", "tottime")).print_stats(25)
        else:
            periods = export_pirl(access, out, start, end, as_of)
    return time.perf_counter() - began, periods


def floor(partnership_pk: int, out_path: Path) -> tuple[float, int]:
    """One plain SELECT a table, one CSV line a participant."""
    from django.db import connection

    began = time.perf_counter()
    by_person: dict[int, list] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT p.id, p.date_of_birth, p.enrolled_by_id FROM cases_participant p"
            " JOIN accounts_partnership_organisations po"
            " ON po.organisation_id = p.enrolled_by_id WHERE po.partnership_id = %s",
            [partnership_pk])
        for pk, born, org in cursor.fetchall():
            by_person[pk] = [pk, born, org]
        for table, columns in (("cases_milestone", "kind, \"on\", component_id"),
                               ("cases_workactivity", "kind, started_on, ended_on"),
                               ("cases_referral", "status, sent_at, delivered_on")):
            cursor.execute(f"SELECT participant_id, {columns} FROM {table}")  # noqa: S608
            for pk, *values in cursor.fetchall():
                row = by_person.get(pk)
                if row is not None:
                    row.append(len(values))
    with out_path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        for row in by_person.values():
            writer.writerow(row)
    return time.perf_counter() - began, len(by_person)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(os.environ.get("PATHWAYS_DATABASE_URL"), folder)
        from django.contrib.auth import get_user_model
        from django.db import connection

        from pathways.apps.reports.queries import measures_access
        from pathways.demo.region import demo_partnership

        partnership = demo_partnership()
        began = time.perf_counter()
        count = grow(partnership, args.participants)
        print(f"setup: {count:,} participants in {time.perf_counter() - began:.0f} s",
              file=sys.stderr)
        access = measures_access(get_user_model().objects.get(username="analyst"),
                                 partnership)
        start, end, as_of = dt.date(2020, 7, 1), dt.date(2030, 6, 30), dt.date.today()
        base_s, rows = floor(partnership.pk, Path(folder) / "floor.csv")
        ours_s, periods = pathways_export(access, Path(folder) / "pirl.csv", start, end, as_of)
        size = (Path(folder) / "pirl.csv").stat().st_size
        out = io.StringIO()
        print(f"PIRL export, {count:,} participants ({connection.vendor}; "
              f"{platform.python_version()}, {os.cpu_count()} cores)", file=out)
        print(f"| floor (plain SELECTs + one CSV line a person) | {base_s:.1f} s | "
              f"{rows:,} rows |", file=out)
        print(f"| Pathways `export_pirl` | {ours_s:.1f} s | {periods:,} periods, "
              f"{size / 1e6:.1f} MB | {ours_s / base_s:.1f}x the floor |", file=out)
        print(f"target: under 30 s: {'met' if ours_s < 30 else 'NOT met'}", file=out)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
