"""`pathways demo` commands: the sample region used by docs, tests and `make run`."""

from __future__ import annotations

import click

from pathways.commands._django import setup_django


@click.group()
def demo() -> None:
    """Load or remove the demo region (sample data)."""


@demo.command("load")
@click.option("--force", is_flag=True, help="Rebuild the demo region even if it exists.")
def load(force: bool) -> None:
    """Build the demo region (needs reference data loaded first)."""
    setup_django()
    from django.conf import settings

    from pathways.core.errors import InputError
    from pathways.demo import DEMO_PASSWORD, REGION, MissingReferenceData, build_demo_region

    if settings.PRODUCTION:
        raise click.ClickException("The demo region has well-known passwords; it is not "
                                   "loaded in the production profile.")
    try:
        summary = build_demo_region(force=force)
    except (MissingReferenceData, InputError) as exc:
        raise click.ClickException(f"The demo region was not loaded.\n{exc}") from exc
    verb = "Loaded" if summary.created else "Already loaded:"
    click.echo(f"{verb} {REGION}, {summary.pathways} pathways (sample data).")
    click.echo(f"Demo accounts ({', '.join(summary.users)}), password: {DEMO_PASSWORD}")


@demo.command("remove")
def remove() -> None:
    """Delete every sample row."""
    setup_django()
    from django.db import transaction

    from pathways.demo import remove_demo_region

    with transaction.atomic():
        remove_demo_region()
    click.echo("Removed the demo region.")
