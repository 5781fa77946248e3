"""Is this installation ready to serve in production? Every problem is found before the
server starts, each in one sentence that says what to do (``pathways serve`` refuses with
the list; docs/deploy.md follows the same order).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

# The production profile refuses to start without these (pathways.web.settings).
REQUIRED = {
    "PATHWAYS_SECRET_KEY": "a long random string, e.g. from "
                           "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`",
    "PATHWAYS_ALLOWED_HOSTS": "the host names the site answers to, comma-separated",
    "PATHWAYS_FIELD_KEY": "the key for participants' encrypted fields, from `pathways keys new`",
}


def missing_settings(environ: Mapping[str, str]) -> list[str]:
    """The required production variables that are unset or empty, with what to put there.
    Read before Django starts, so that every missing one is named at once."""
    return [f"{name} is not set: {what}" for name, what in REQUIRED.items()
            if not environ.get(name, "").strip()]


def problems() -> list[str]:
    """What stops this installation from serving, in the order to fix it (Django is set up)."""
    from django.conf import settings

    from pathways.apps.cases.crypto import key_problem

    found = []
    key = key_problem(settings.PATHWAYS_FIELD_KEY)
    if key:
        found.append(f"{key}; make one with `pathways keys new`")
    found += check_errors()
    database = database_problem()
    if database:
        return [*found, database]  # nothing below can be judged without the database
    return found + static_problems(Path(settings.STATIC_ROOT))


def check_errors() -> list[str]:
    """Django's system checks, deployment ones included, that are errors."""
    from django.core import checks

    return [f"{message.id}: {message.msg}" for message in
            checks.run_checks(include_deployment_checks=True)
            if message.level >= checks.ERROR and not message.is_silenced()]


def database_problem() -> str | None:
    """None when the database answers and every migration is applied."""
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return (f"the database cannot be reached ({str(exc).strip().splitlines()[0]}); "
                "check PATHWAYS_DATABASE_URL")
    finally:
        connection.close()  # the server's workers open their own
    if pending:
        return (f"{len(pending)} database migrations are not applied: run "
                "`pathways manage migrate`")
    return None


def static_problems(static_root: Path) -> list[str]:
    """Collected static files must be there, listed in WhiteNoise's manifest, and cover
    every file the installed code ships (an upgrade adds files: collect again)."""
    from django.apps import apps
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.storage import staticfiles_storage

    collect = "run `pathways manage collectstatic --noinput`"
    # Production's WhiteNoise storage names its manifest; other profiles keep no manifest.
    manifest = static_root / getattr(staticfiles_storage, "manifest_name", "staticfiles.json")
    if not manifest.is_file():
        return [f"static files are not collected in {static_root} "
                f"(PATHWAYS_STATIC_ROOT): {collect}"]
    try:
        collected = set(json.loads(manifest.read_text(encoding="utf-8"))["paths"])
    except (OSError, ValueError, KeyError) as exc:
        return [f"{manifest} cannot be read ({exc}): {collect}"]
    ignored = apps.get_app_config("staticfiles").ignore_patterns  # as collectstatic does
    shipped = {path for finder in finders.get_finders() for path, _ in finder.list(ignored)}
    missing = sorted(shipped - collected)
    if missing:
        return [f"{len(missing)} static files are not collected in {static_root}, e.g. "
                f"{missing[0]} (after an upgrade?): {collect}"]
    return []
