"""Run the suite twice: on SQLite, then on PostgreSQL.

PostgreSQL comes from PATHWAYS_TEST_POSTGRES_URL (default: the local server, trust auth,
database ``test``). When it cannot be reached the run says so loudly; under CI=true that
is a failure, not a skip. Extra arguments go to pytest (``tests/run.py -k wioa``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/test"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def postgres_reachable(url: str) -> str | None:
    """None when a connection works, else the reason."""
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        return str(exc)
    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=5):
            return None
    except psycopg.Error as exc:
        return str(exc).strip()


def run(label: str, env: dict[str, str], args: list[str]) -> int:
    print(f"\n===== tests on {label} =====", flush=True)
    started = time.monotonic()
    code = subprocess.call([sys.executable, "-m", "pytest", *args], env=env)  # noqa: S603
    print(f"===== {label}: exit {code} in {time.monotonic() - started:.0f} s =====", flush=True)
    return code


def main(args: list[str]) -> int:
    base = {k: v for k, v in os.environ.items()
            if k not in {"PATHWAYS_DATABASE_URL", "DATABASE_URL"}}
    sqlite_env = {**base, "PATHWAYS_DATABASE_URL": "sqlite:///:memory:"}
    failed = run("SQLite", sqlite_env, args) != 0

    url = os.environ.get("PATHWAYS_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    problem = postgres_reachable(url)
    if problem:
        banner = "!" * 72
        print(f"\n{banner}\nPostgreSQL NOT REACHABLE at {url}:\n  {problem}\n"
              f"The PostgreSQL run was {'FAILED (CI=true)' if IN_CI else 'SKIPPED'}.\n"
              f"{banner}", flush=True)
        failed = failed or IN_CI
    else:
        # Browser tests drive the same pages and engine tests never touch Django's
        # database: once (on SQLite) is enough for both.
        pg_env = {**base, "PATHWAYS_DATABASE_URL": url}
        failed = run("PostgreSQL", pg_env, [*args, "-m", "not browser and not engine"]) != 0 \
            or failed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
