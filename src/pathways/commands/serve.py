"""`pathways serve`: the production server (gunicorn) with the production profile.

Before anything listens it checks what would otherwise surface as errors on every page:
the required settings, Django's deployment checks, the database and its migrations, and
the collected static files (docs/deploy.md; the choice of server is ADR 0040).
"""

from __future__ import annotations

import os

import click

from pathways.commands._django import setup_django

# Request lines without their query strings: a search or a filter may carry a name.
ACCESS_LOG_FORMAT = '%(h)s %({x-forwarded-for}i)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


def default_workers() -> int:
    """One process a core: rendered pages are CPU-bound, and with PostgreSQL on the same
    machine a third or fourth worker on 2 cores only took turns with the others (staff
    pages' p95 10-15% higher, kept pages as fast; ADR 0040)."""
    return os.cpu_count() or 1


@click.command()
@click.option("--bind", "binds", multiple=True, default=["127.0.0.1:8000"], show_default=True,
              envvar="PATHWAYS_BIND", metavar="HOST:PORT",
              help="Address to listen on (repeat for several; unix:PATH for a socket). Keep it "
                   "on the loopback behind a reverse proxy that speaks TLS.")
@click.option("--workers", type=click.IntRange(1), envvar="PATHWAYS_WORKERS",
              help="Worker processes  [default: 1 per CPU core]")
@click.option("--threads", type=click.IntRange(1), default=1, show_default=True,
              envvar="PATHWAYS_THREADS", help="Threads per worker (more than 1 uses gthread).")
@click.option("--timeout", type=click.IntRange(1), default=120, show_default=True,
              envvar="PATHWAYS_TIMEOUT",
              help="Seconds a request may run before its worker is restarted (a measures run "
                   "from uploaded files is the longest request).")
@click.option("--check", "check_only", is_flag=True,
              help="Check that everything is ready, say so, and exit without serving.")
def serve(binds: tuple[str, ...], workers: int | None, threads: int, timeout: int,
          check_only: bool) -> None:
    """Serve Pathways in production (gunicorn, production profile).

    Refuses to start, listing every problem, when a required setting is missing, the
    database is unreachable or not migrated, or static files are not collected. Logs go to
    standard output (requests) and standard error. SIGHUP reloads the code and settings with
    new workers, letting requests in flight finish; SIGTERM stops gracefully.

    Background jobs (measures runs of uploaded files) need a worker beside it:
    `pathways manage db_worker` (docs/deploy.md, section 8).
    """
    profile = os.environ.get("PATHWAYS_PROFILE", "production")
    if profile != "production":
        raise click.ClickException(
            f"PATHWAYS_PROFILE is {profile!r}, but `pathways serve` runs the production "
            "profile: unset it or set it to production (for local work use `pathways manage "
            "runserver`).")
    os.environ["PATHWAYS_PROFILE"] = "production"
    from pathways.web.readiness import missing_settings, problems

    missing = missing_settings(os.environ)
    if missing:
        refuse(missing)
    from django.core.exceptions import ImproperlyConfigured

    try:
        setup_django()
    except ImproperlyConfigured as exc:
        refuse([str(exc)])
    found = problems()
    if found:
        refuse(found)
    options = server_options(binds, workers or default_workers(), threads, timeout)
    click.echo(describe(options))
    if check_only:
        click.echo("Ready to serve.")
        return
    run_server(options)


def refuse(found: list[str]) -> None:
    lines = "\n".join(f"  - {problem}" for problem in found)
    raise click.ClickException(f"Pathways cannot start in production:\n{lines}\n"
                               "See docs/deploy.md.")


def server_options(binds: tuple[str, ...], workers: int, threads: int,
                   timeout: int) -> dict[str, object]:
    """Gunicorn's settings for Pathways."""
    return {
        "bind": list(binds), "workers": workers, "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": timeout, "graceful_timeout": 30, "keepalive": 5,
        # A worker that has served this many requests is replaced (memory stays bounded);
        # the jitter keeps them from all restarting at once.
        "max_requests": 20000, "max_requests_jitter": 2000,
        "accesslog": "-", "errorlog": "-", "loglevel": "info",
        "access_log_format": ACCESS_LOG_FORMAT,
        "proc_name": "pathways",
        # Without it gunicorn opens a control socket under $HOME, shared by every instance
        # a user runs; systemd and signals already do what it offers.
        "control_socket_disable": True,
        # The workers' heartbeat files: memory, not a disk that may stall.
        "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,  # noqa: S108
    }


def describe(options: dict[str, object]) -> str:
    from django.conf import settings

    database = settings.DATABASES["default"]
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    where = f"{database.get('NAME')}" + (f" on {database['HOST']}" if database.get("HOST")
                                          else "")
    text = (f"Pathways (production profile) on {', '.join(options['bind'])}: "
            f"{options['workers']} workers x {options['threads']} threads; "
            f"database {engine} {where}; static files from {settings.STATIC_ROOT}")
    if engine == "sqlite3":
        text += ("\nSQLite suits one person or a small team on one machine; see "
                 "docs/deploy.md for when to move to PostgreSQL.")
    return text


def run_server(options: dict[str, object]) -> None:
    """Hand over to gunicorn's arbiter, which forks the workers and handles signals."""
    from gunicorn.app.base import BaseApplication

    class PathwaysServer(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                if value is not None:
                    self.cfg.set(key, value)

        def load(self):
            # Each worker imports the application itself (no preloading), so a SIGHUP
            # after an upgrade brings the new code in.
            from pathways.web.wsgi import application

            return application

    PathwaysServer().run()
