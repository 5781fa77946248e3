"""`pathways backup` and `pathways restore`: the whole database in one file, and back.

PostgreSQL goes through pg_dump's custom format and pg_restore (the client tools must be
as new as the server); SQLite through SQLite's own online backup, which is safe while the
server runs. Everything Pathways keeps is in the database; the keys are not: a backup is
readable only with the PATHWAYS_FIELD_KEY it was made under (docs/deploy.md).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import click

from pathways.commands._django import setup_django


@click.command()
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="The file to write, or a folder for a dated file  [default: a dated "
                   "file here]")
def backup(out: Path | None) -> None:
    """Write the whole database to one file (readable by you alone)."""
    setup_django()
    from django.db import connection

    database = _database()
    if not connection.introspection.table_names():
        raise click.ClickException(f"{database['NAME']} has no tables: nothing to back up "
                                   "(is PATHWAYS_DATABASE_URL the right database?)")
    postgres = _is_postgres(database)
    out = _backup_path(out, database, ".dump" if postgres else ".sqlite3")
    os.umask(0o077)  # participants' records: the file is for its owner only
    if postgres:
        _run(["pg_dump", "--format=custom", "--file", str(out)], database)
        _run(["pg_restore", "--list", str(out)], database, quiet=True)  # it reads back
    else:
        with closing(sqlite3.connect(out)) as copy:
            _sqlite_copy(_sqlite_connection(), copy)
            # The copy keeps the database's WAL mode; one self-contained file travels better.
            copy.execute("PRAGMA journal_mode=DELETE")
        _sqlite_readable(out)
    click.echo(f"Backed up {database['NAME']} to {out} ({out.stat().st_size:,} bytes).")


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True,
              help="Drop what the database holds first (otherwise it must be empty).")
def restore(file: Path, replace: bool) -> None:
    """Restore a file written by `pathways backup` into the configured database.

    The database must be empty (freshly created) unless --replace is given. Either all of
    it is restored or nothing: a failure rolls back.
    """
    setup_django()
    from django.db import connection

    database = _database()
    tables = connection.introspection.table_names()
    if tables and not replace:
        raise click.ClickException(
            f"{database['NAME']} is not empty ({len(tables)} tables): restore into a new, "
            "empty database, or give --replace to drop what it holds.")
    connection.close()
    if _is_postgres(database):
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
              "--single-transaction", *(["--clean", "--if-exists"] if replace else []),
              "--dbname", database["NAME"], str(file)], database)
    else:
        _sqlite_readable(file)
        with closing(sqlite3.connect(file)) as saved:
            _sqlite_copy(saved, _sqlite_connection())
    click.echo(f"Restored {file} into {database['NAME']}. Run `pathways manage migrate` if "
               "the backup is from an older version.")


def _database() -> dict:
    from django.conf import settings

    database = settings.DATABASES["default"]
    if not (_is_postgres(database) or database["ENGINE"].endswith("sqlite3")):
        raise click.ClickException(f"backups cover PostgreSQL and SQLite, not "
                                   f"{database['ENGINE']}")
    if not _is_postgres(database) and str(database["NAME"]) in {":memory:", ""}:
        raise click.ClickException("an in-memory SQLite database has nothing to back up")
    return database


def _is_postgres(database: dict) -> bool:
    return "postgresql" in database["ENGINE"]


def _backup_path(out: Path | None, database: dict, suffix: str) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    name = f"pathways-{Path(str(database['NAME'])).stem}-{stamp}{suffix}"
    if out is None:
        return Path(name)
    if out.is_dir():
        return out / name
    if not out.parent.is_dir():
        raise click.ClickException(f"{out.parent} is not a folder")
    return out


def _run(command: list[str], database: dict, quiet: bool = False) -> None:
    """A PostgreSQL client tool, connected through libpq's variables: no password on a
    command line where `ps` would show it."""
    if not shutil.which(command[0]):
        raise click.ClickException(f"{command[0]} is not installed (Debian: apt-get install "
                                   "postgresql-client)")
    env = {**os.environ, **{variable: str(database[key]) for key, variable in
                            (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                             ("PASSWORD", "PGPASSWORD"), ("NAME", "PGDATABASE"))
                            if database.get(key)}}
    sslmode = database.get("OPTIONS", {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise click.ClickException(f"{command[0]} failed (exit {done.returncode}); nothing "
                                   f"was changed:\n{done.stderr.strip()}")
    if done.stderr.strip() and not quiet:
        click.echo(done.stderr.strip(), err=True)


def _sqlite_connection() -> sqlite3.Connection:
    from django.db import connection

    connection.ensure_connection()
    return connection.connection


def _sqlite_copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """SQLite's online backup: a consistent copy even while others write."""
    try:
        source.backup(target)
    except sqlite3.Error as exc:
        raise click.ClickException(f"the SQLite copy failed: {exc}") from exc


def _sqlite_readable(path: Path) -> None:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as copy:
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.Error as exc:
        raise click.ClickException(f"{path} is not a SQLite database: {exc}") from exc
    if verdict != "ok":
        raise click.ClickException(f"{path} is damaged: {verdict}")
