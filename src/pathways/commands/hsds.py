"""`pathways hsds` commands: the services directory as Open Referral HSDS 3.0."""

from __future__ import annotations

import click

from pathways.commands._django import setup_django

ACTOR = "command line"


@click.group()
def hsds() -> None:
    """Import or export the support-services directory as Open Referral HSDS 3.0."""


@hsds.command("import")
@click.argument("path", type=click.Path(exists=True))
@click.option("--partnership", "partnership_name", metavar="NAME",
              help="The partnership the import is recorded for (default: none).")
@click.option("--dry-run", is_flag=True, help="Check the file and show what would change.")
def import_(path: str, partnership_name: str | None, dry_run: bool) -> None:
    """Import PATH: an HSDS JSON file (a list of services), a zip of HSDS CSV tables, or a
    folder of them. Nothing is written unless the whole file can be used; a service
    imported before (same HSDS id) is updated, never duplicated."""
    setup_django()
    from pathways.apps.accounts.access import ConsoleUser
    from pathways.apps.accounts.models import Partnership
    from pathways.apps.catalog.queries import new_pathway_access
    from pathways.apps.directory.actions import import_directory
    from pathways.apps.directory.catalog_map import plan
    from pathways.core.errors import InputError
    from pathways.standards.hsds import read_path

    partnership = None
    if partnership_name:
        partnership = Partnership.objects.filter(name=partnership_name).first()
        if partnership is None:
            raise click.ClickException(f"no partnership named {partnership_name!r}")
    try:
        directory = read_path(path)
    except InputError as exc:
        raise click.ClickException(f"Nothing was imported.\n{exc}") from exc
    steps = plan(directory)
    for warning in steps.warnings + [s.warning for s in steps.services if s.warning]:
        click.echo(f"warning: {warning}")
    counts = steps.summary
    if not dry_run:
        access = new_pathway_access(ConsoleUser(ACTOR), partnership.pk if partnership else None)
        counts = import_directory(access, directory).report
    verb = "Would import" if dry_run else "Imported"
    click.echo(f"{verb} {path}: {counts['services_new']} services added, "
               f"{counts['services_updated']} updated; {counts['providers_new']} providers "
               f"added, {counts['providers_updated']} updated; {counts['locations_new']} "
               f"locations added, {counts['locations_updated']} updated.")


@hsds.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True)
@click.option("--out", "out", required=True, type=click.Path(),
              help="The JSON file, or the folder for the CSV tables.")
def export(fmt: str, out: str) -> None:
    """Write every support service with a provider as HSDS JSON or CSV tables."""
    setup_django()
    from pathways.apps.accounts.access import ConsoleUser
    from pathways.apps.catalog.queries import catalog_access
    from pathways.apps.directory.actions import export_directory

    written = export_directory(catalog_access(ConsoleUser(ACTOR)), fmt, out)
    click.echo(f"Wrote {len(written)} file{'' if len(written) == 1 else 's'}: "
               + ", ".join(str(p) for p in written))
