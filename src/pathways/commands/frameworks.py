"""`pathways frameworks` commands: check and load quality framework files (YAML)."""

from __future__ import annotations

from pathlib import Path

import click

from pathways.commands._django import setup_django

ACTOR = "command line"


@click.group()
def frameworks() -> None:
    """Check, load and list the quality frameworks self-assessment rounds use."""


@frameworks.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False,
                                                                   path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check framework files; every problem names the file, line and field. Writes nothing."""
    from pathways.core.errors import InputError
    from pathways.frameworks import load_framework

    failed = False
    for path in files:
        try:
            framework = load_framework(path)
        except InputError as exc:
            failed = True
            click.echo(f"{path}: {len(exc.problems)} problem"
                       f"{'' if len(exc.problems) == 1 else 's'}", err=True)
            for problem in exc.problems:
                click.echo(f"  {problem}", err=True)
            continue
        click.echo(f"{path}: valid: {framework.key} version {framework.version}, "
                   f"{len(framework.criteria)} criteria, {len(framework.indicator_keys())} "
                   f"indicators, scale {'/'.join(framework.scale.values)}")
    if failed:
        raise click.ClickException("some files are not valid")


@frameworks.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False,
                                                                   path_type=Path))
@click.option("--partnership", "partnership_name", metavar="NAME",
              help="Load as this partnership's own version (it replaces the shared one for "
                   "it); default: shared with every partnership.")
def load(files: tuple[Path, ...], partnership_name: str | None) -> None:
    """Store framework versions in one transaction: if any file has a problem, nothing is
    stored. Rounds already opened keep the version they started with."""
    setup_django()
    from pathways.apps.accounts.access import ConsoleUser
    from pathways.apps.accounts.models import Partnership
    from pathways.apps.quality.actions import load_frameworks
    from pathways.apps.quality.queries import frameworks_access
    from pathways.core.errors import InputError
    from pathways.core.yamldata import read_text

    partnership = None
    if partnership_name:
        partnership = Partnership.objects.filter(name=partnership_name).first()
        if partnership is None:
            raise click.ClickException(f"no partnership named {partnership_name!r}")
    try:
        texts = [(read_text(path), str(path)) for path in files]
        outcomes = load_frameworks(frameworks_access(ConsoleUser(ACTOR), partnership), texts)
    except InputError as exc:
        raise click.ClickException(f"Nothing was loaded.\n{exc}") from exc
    for outcome in outcomes:
        v = outcome.version
        if not outcome.created:
            click.echo(f"{v.key} version {v.version}: already loaded, unchanged")
        elif outcome.replaced:
            click.echo(f"{v.key} version {v.version}: loaded, replaces version "
                       f"{outcome.replaced.version}")
        else:
            click.echo(f"{v.key} version {v.version}: loaded (new framework)")


@frameworks.command("list")
def list_() -> None:
    """Every stored framework version, with who may use it and how many rounds use it."""
    setup_django()
    from django.db.models import Count

    from pathways.apps.quality.models import FrameworkVersion

    versions = (FrameworkVersion.objects.select_related("partnership")
                .annotate(round_count=Count("rounds")).order_by("key", "-loaded_at", "-id"))
    for v in versions:
        scope = v.partnership.name if v.partnership else ("shipped" if v.is_shipped
                                                           else "shared")
        click.echo(f"{v.key:<24} {v.version:<10} {scope:<40} {v.round_count} rounds  "
                   f"{v.checksum[:12]}")
