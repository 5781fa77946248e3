"""The ``pathways`` command: one front door onto the same actions the web uses.

Sub-commands live in ``pathways.commands.*`` (one module per area). Anything Django
does not cover itself (``pathways manage migrate``) passes through to manage.py.
"""

from __future__ import annotations

import sys

import click

from pathways.commands._django import use_settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pathways")
def main() -> None:
    """Pathways: career pathway maps, plans and shared measures."""


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (migrate, createsuperuser, check ...)."""
    use_settings()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["pathways manage", *args])


def _register() -> None:
    from pathways.commands import (
        backup,
        ctdl,
        demo,
        frameworks,
        hsds,
        jobs,
        keys,
        linkage,
        measures,
        pirl,
        reference,
        referrals,
        serve,
    )

    main.add_command(reference.reference)
    main.add_command(ctdl.ctdl)
    main.add_command(hsds.hsds)
    main.add_command(demo.demo)
    main.add_command(linkage.linkage)
    main.add_command(frameworks.frameworks)
    main.add_command(measures.measures)
    main.add_command(pirl.pirl)
    main.add_command(keys.keys)
    main.add_command(referrals.referrals)
    main.add_command(jobs.jobs)
    main.add_command(serve.serve)
    main.add_command(backup.backup)
    main.add_command(backup.restore)


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
