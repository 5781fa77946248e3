"""Run the suite twice, side by side: on SQLite and on PostgreSQL.

PostgreSQL comes from PATHWAYS_TEST_POSTGRES_URL (default: the local server, trust auth,
database ``test``). When it cannot be reached the run says so loudly; under CI=true that
is a failure, not a skip. Extra arguments go to pytest (``tests/run.py -k wioa``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
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


class Pass:
    """One pytest run in its own process, its output kept until it ends (so the two passes,
    run side by side on two cores, do not interleave)."""

    def __init__(self, label: str, env: dict[str, str], args: list[str]) -> None:
        self.label = label
        self.output = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed in finish()
        self.started = time.monotonic()
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "pytest", *args], env=env, stdout=self.output,
            stderr=subprocess.STDOUT, text=True)

    def finish(self) -> int:
        code = self.process.wait()
        self.output.seek(0)
        print(f"\n===== tests on {self.label} =====", flush=True)
        sys.stdout.write(self.output.read())
        self.output.close()
        print(f"===== {self.label}: exit {code} in {time.monotonic() - self.started:.0f} s "
              "=====", flush=True)
        return code


def main(args: list[str]) -> int:
    base = {k: v for k, v in os.environ.items()
            if k not in {"PATHWAYS_DATABASE_URL", "DATABASE_URL"}}
    sqlite_env = {**base, "PATHWAYS_DATABASE_URL": "sqlite:///:memory:"}
    url = os.environ.get("PATHWAYS_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    problem = postgres_reachable(url)
    failed = False
    if problem:
        banner = "!" * 72
        print(f"\n{banner}\nPostgreSQL NOT REACHABLE at {url}:\n  {problem}\n"
              f"The PostgreSQL run was {'FAILED (CI=true)' if IN_CI else 'SKIPPED'}.\n"
              f"{banner}", flush=True)
        failed = IN_CI
        passes = [Pass("SQLite", sqlite_env, args)]
    else:
        # Engine tests never touch Django's database and browser tests drive the same pages
        # on either: each runs once, engines on SQLite, browsers on PostgreSQL, so the two
        # passes take about as long as each other.
        # Tests that need the PostgreSQL server itself (deployment, backups) run only in
        # its pass; tests of SQLite files of their own only in the SQLite one.
        passes = [Pass("SQLite", sqlite_env, [*args, "-m", "not browser and not postgres"]),
                  Pass("PostgreSQL", {**base, "PATHWAYS_DATABASE_URL": url},
                       [*args, "-m", "not engine and not sqlite_file"])]
    print(f"Running {' and '.join(p.label for p in passes)} side by side; each pass's "
          "output follows when it ends.", flush=True)
    for test_pass in passes:
        failed = test_pass.finish() != 0 or failed
    if problem:
        print(f"\nReminder: PostgreSQL was not reachable at {url} ({problem}).", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
