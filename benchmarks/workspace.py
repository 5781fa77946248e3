"""Time the partnership workspace on a pathway of 200 steps, against the public page.

    .venv/bin/python benchmarks/workspace.py [--steps 200] [--repeat 20] [--postgres URL]

Builds a fresh database (an SQLite file in a temporary directory; ``--postgres URL``:
that PostgreSQL database, dropped and created again), migrates it, loads the bundled
reference subset (occupations and wages for the exits) and makes one partnership with an
editor member. The editor builds, through the workspace actions, a draft of ``--steps``
steps: 10 levels, each step leading to two steps of later levels, every fourth step with a
condition ("any of" or "two of" earlier steps), three entry points on the first level,
five exits on the last, a support service on every tenth step. A published pathway with
the same graph (a copy) is the baseline.

Measured with Django's test Client, median of ``--repeat`` after two warm-up requests:
  (a) the workspace map page of the draft (GET, signed in as the editor);
  (b) one edit round trip: the htmx POST renaming a level (with the opened version), whose
      answer is that level's fragment with the map and the checks panel;
  (c) baseline, same run: the public page of the published copy, rendered each time (the
      page cache is off and cleared).
Target (issue 17): (b) no slower than (c). Results go to stdout as a table, and as JSON
on the last line; docs/benchmarks.md keeps them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path


def timed_ms(calls: dict[str, Callable[[], None]], repeat: int,
             warmup: int = 2) -> dict[str, float]:
    """Median milliseconds of ``repeat`` calls of each, after ``warmup`` untimed rounds.
    The calls take turns (a, b, c, a, b, c, ...), so a change in the machine's load
    during the run weighs on all of them alike and the ratio stays fair."""
    for _ in range(warmup):
        for call in calls.values():
            call()
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            samples[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(found) for name, found in samples.items()}


def queries_of(call: Callable[[], None]) -> int:
    """How many database queries one call makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def configure(postgres: str | None, folder: str) -> str:
    """Point Django at a fresh database before it is set up."""
    if postgres:
        from load import fresh_database  # benchmarks/load.py

        fresh_database(postgres)
        url = postgres
    else:
        url = f"sqlite:///{Path(folder) / 'workspace.sqlite3'}"
    os.environ["PATHWAYS_DATABASE_URL"] = url
    os.environ["PATHWAYS_PAGE_CACHE_SECONDS"] = "0"
    os.environ["PATHWAYS_CACHE"] = "locmem"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pathways.web.settings")
    import django

    django.setup()
    return url.split(":", 1)[0]


def world():
    """The reference subset, one partnership, its editor, a sector and a service."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from pathways.apps.accounts.models import Organisation, Partnership, Profile, Role
    from pathways.apps.catalog.models import Provider, Sector, SupportService
    from pathways.apps.exchange.reference import load_bundled_reference

    call_command("migrate", verbosity=0, interactive=False)
    load_bundled_reference()
    org = Organisation.objects.create(name="Bench College", kind="college", state="KY")
    partnership = Partnership.objects.create(name="Bench partnership", scope="local")
    partnership.organisations.set([org])
    user = get_user_model().objects.create_user(username="bench-editor", password="x")
    Profile.objects.create(user=user, role=Role.EDITOR, organisation=org)
    partnership.memberships.create(user=user)
    sector = Sector.objects.create(name="Bench sector", slug="bench", naics_code="62")
    provider = Provider.objects.create(name="Bench College", organisation=org, kind="college")
    service = SupportService.objects.create(name="Advising", provider=provider,
                                            category="support:Counseling")
    return user, partnership, sector, service


def build(user, partnership, sector, service, steps: int, seed: int = 3):
    """The draft, built change by change through the workspace actions."""
    from pathways.apps.catalog.models import Occupation, Wage
    from pathways.apps.catalog.queries import new_pathway_access, pathway_access
    from pathways.apps.workspace import actions
    from pathways.apps.workspace.actions import ANY, AT_LEAST, Group, StepInput

    rng = random.Random(seed)
    pathway = actions.create_pathway(new_pathway_access(user, partnership.pk),
                                     actions.PathwayInput(name_en="Bench pathway",
                                                          sector_id=sector.pk))

    def do(act, *args):
        pathway.refresh_from_db()
        return act(pathway_access(user, pathway), pathway.version, *args)

    levels = [do(actions.add_level, f"Level {n + 1}") for n in range(10)]
    width = steps // len(levels)
    ids: list[list[int]] = []
    for n, level in enumerate(levels):
        ids.append([do(actions.add_step, StepInput(
            f"Step {n + 1}.{i + 1}", level_id=level.pk, cost=Decimal(rng.randint(0, 40) * 100),
            length_weeks=rng.randint(4, 20), credit_value=Decimal(rng.choice([3, 4, 6])))).pk
            for i in range(width)])
    for n, row in enumerate(ids):
        later = [pk for other in ids[n + 1:] for pk in other]
        for i, pk in enumerate(row):
            for target in rng.sample(later, 2) if later else ():
                do(actions.connect, pk, target)
            if n and i % 4 == 0:
                earlier = rng.sample(ids[n - 1], 4)
                rule = Group(ANY, tuple(earlier)) if i % 8 == 0 else \
                    Group(AT_LEAST, tuple(earlier), number=2)
                do(actions.set_conditions, pk, rule)
            if i % 10 == 0:
                do(actions.attach_service, pk, service.pk)
    for k in range(3):
        do(actions.add_entry, ids[0][k], actions.EntryInput(f"Way in {k + 1}", "direct"))
    wage_codes = set(Wage.objects.values_list("occ_code", flat=True))
    codes = [code for code in Occupation.objects.order_by("code").values_list("code", flat=True)
             if code[:7] in wage_codes][:5]
    for k, code in enumerate(codes):
        do(actions.add_exit, ids[-1][-1 - k % len(ids[-1])], actions.ExitInput(code))
    pathway.refresh_from_db()
    return pathway, levels[0]


def published_copy(draft):
    from pathways.apps.catalog.models import Pathway
    from pathways.apps.workspace.actions import copy_contents

    public = Pathway.objects.create(name="Bench pathway (published)", slug="bench-published",
                                    sector=draft.sector, partnership=draft.partnership,
                                    status=Pathway.Status.PUBLISHED)
    copy_contents(draft, public)
    return public


def profile(call, title: str, lines: int = 25) -> None:
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(call)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    print(f"--- {title} ---\n{out.getvalue()}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", action="store_true",
                        help="also print where one edit round trip and one public page "
                             "spend their time (cProfile)")
    parser.add_argument("--postgres", metavar="URL",
                        help="a PostgreSQL database to drop, create and use")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        engine = configure(args.postgres, folder)
        from django.conf import settings
        from django.core.cache import cache
        from django.test import Client

        # Not setup_test_environment(): its instrumented template rendering copies the
        # context of every included template for the test Client, which on a 200-step page
        # costs seconds and gigabytes that no real request pays.
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        started = time.perf_counter()
        user, partnership, sector, service = world()
        draft, level = build(user, partnership, sector, service, args.steps)
        public = published_copy(draft)
        built_s = time.perf_counter() - started

        editor = Client()
        editor.force_login(user)
        visitor = Client()
        map_url = f"/workspace/pathways/{draft.pk}/"
        edit_url = f"/workspace/pathways/{draft.pk}/do/rename-level/{level.pk}/"
        public_url = f"/pathways/{public.slug}/"
        prefix = f"rename-level-{level.pk}"
        names = iter(range(10**6))

        def get_map():
            response = editor.get(map_url)
            assert response.status_code == 200, response.status_code

        def edit_round_trip():
            draft.refresh_from_db(fields=["version"])
            response = editor.post(edit_url, {f"{prefix}-opened_version": draft.version,
                                              f"{prefix}-name_en": f"Level 1 ({next(names)})"},
                                   HTTP_HX_REQUEST="true")
            assert response.status_code == 200, response.content[:500]
            assert b'id="checks-panel"' in response.content

        def public_page():
            cache.clear()
            response = visitor.get(public_url)
            assert response.status_code == 200, response.status_code

        edit_round_trip()  # the answer carries the fragment and the checks panel
        results = timed_ms({"map_page_ms": get_map, "edit_round_trip_ms": edit_round_trip,
                            "public_page_ms": public_page}, args.repeat)
        queries = {"edit_queries": queries_of(edit_round_trip),
                   "public_queries": queries_of(public_page)}
        if args.profile:
            profile(edit_round_trip, "(b) edit round trip")
            profile(public_page, "(c) public page")
        size = {"steps": draft.components.count(),
                "links": sum(c.precedes.count() for c in draft.components.all()),
                "conditions": sum(c.conditions.count() for c in draft.components.all()),
                "entries": draft.entry_points.count(), "exits": draft.exit_points.count()}

    ratio = results["edit_round_trip_ms"] / results["public_page_ms"]
    print(f"Python {sys.version.split()[0]} on {platform.machine()}, {engine}, "
          f"median of {args.repeat} requests after 2 warm-up; built in {built_s:.1f} s")
    print(f"pathway: {size['steps']} steps, {size['links']} links, {size['conditions']} "
          f"conditions, {size['entries']} entries, {size['exits']} exits")
    print("| request | median |")
    print("|---|---|")
    print(f"| (a) workspace map page (GET) | {results['map_page_ms']:.1f} ms |")
    print(f"| (b) edit round trip (htmx POST, fragment + checks) "
          f"| {results['edit_round_trip_ms']:.1f} ms |")
    print(f"| (c) baseline: public pathway page, rendered | {results['public_page_ms']:.1f} ms |")
    print(f"| (b) / (c) | {ratio:.2f}x (target: at most 1.00x) |")
    print(f"queries: (b) {queries['edit_queries']}, (c) {queries['public_queries']}")
    print(json.dumps({"benchmark": "workspace", "engine": engine, "repeat": args.repeat,
                      **size, **{k: round(v, 2) for k, v in results.items()}, **queries,
                      "ratio": round(ratio, 3), "target_met": ratio <= 1.0}))


if __name__ == "__main__":
    main()
