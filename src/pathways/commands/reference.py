"""`pathways reference` commands: load public reference data and show what is loaded."""

from __future__ import annotations

from pathlib import Path

import click

from pathways.commands._django import setup_django


@click.group()
def reference() -> None:
    """Load O*NET, SOC, CIP, OEWS wages and BLS projections, or show what is loaded."""


@reference.command("load")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--force", is_flag=True, help="Reload even when the files are unchanged.")
@click.option("--queue", is_flag=True,
              help="Leave the load to a worker (pathways jobs work) and print the job's "
                   "number; follow it with pathways jobs show N --follow.")
def load(path: Path | None, force: bool, queue: bool) -> None:
    """Load reference data from PATH, or the bundled subset when PATH is left out.

    PATH may be a folder with onet/, soc/, cip/, oews/ and projections/ subfolders, an O*NET
    text-database folder, or the O*NET zip as downloaded (db_29_3_text.zip). Files may be
    gzipped. Nothing is written if any file has a problem; unchanged files are skipped.
    """
    setup_django()
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from pathways.apps.accounts.access import ConsoleUser
    from pathways.apps.catalog.queries import catalog_access
    from pathways.apps.exchange.reference import load_reference

    console = catalog_access(ConsoleUser("pathways reference load"))
    if queue:
        from pathways.apps.exchange.reference import queue_reference_load

        job = queue_reference_load(console, path, force=force)
        click.echo(f"Queued job {job.pk}: {job.title}. Follow it with "
                   f"`pathways jobs show {job.pk} --follow`.")
        return
    from pathways.core.errors import InputError

    with Progress(TextColumn("{task.description:<28}"), BarColumn(), TimeElapsedColumn(),
                  transient=True) as bar:
        task = bar.add_task("finding files", total=None)

        def progress(label: str, done: int, total: int) -> None:
            bar.update(task, description=label, completed=done, total=total)

        try:
            report = load_reference(console, path, force=force, progress=progress)
        except InputError as exc:
            bar.stop()
            raise click.ClickException(f"nothing was loaded:\n{exc}") from exc

    click.echo(f"Source: {report.source}")
    for outcome in report.outcomes:
        if outcome.skipped:
            click.echo(f"  {outcome.dataset:<12} {outcome.version:<10} skipped: "
                       f"{outcome.skipped}")
        else:
            click.echo(f"  {outcome.dataset:<12} {outcome.version:<10} loaded "
                       f"{outcome.rows:,} rows")
        for note in outcome.notes:
            click.echo(f"  {'':<12} {'':<10} {note}")
    if not report.loaded:
        click.echo("Nothing changed (use --force to reload).")


@reference.command("status")
def status() -> None:
    """Show which release of each dataset is loaded, and its credit line."""
    setup_django()
    from pathways.apps.exchange.reference import reference_status
    from pathways.standards import attribution_for

    releases = reference_status()
    if not releases:
        click.echo("No reference data loaded. Run: pathways reference load")
        return
    for release in releases:
        click.echo(f"{release.dataset:<12} {release.version:<10} {release.rows:>8,} rows  "
                   f"loaded {release.loaded_at:%Y-%m-%d %H:%M} from {release.source}")
    click.echo("")
    for release in releases:
        click.echo(f"- {attribution_for(release.dataset, release.version).text}")
