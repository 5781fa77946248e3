"""`pathways ctdl` commands: CTDL JSON-LD export and import of pathways."""

from __future__ import annotations

import click

from pathways.commands._django import setup_django

ACTOR = "command line"


@click.group()
def ctdl() -> None:
    """Export pathways as CTDL JSON-LD, or import CTDL pathway files."""


@ctdl.command("export")
@click.option("--pathway", "slugs", multiple=True, metavar="SLUG",
              help="A pathway to export (repeat for several); default: every pathway.")
@click.option("--out", "out_dir", default="ctdl-export", show_default=True,
              type=click.Path(file_okay=False), help="Directory for the <slug>.jsonld files.")
def export(slugs: tuple[str, ...], out_dir: str) -> None:
    """Write one CTDL JSON-LD file per pathway."""
    setup_django()
    from pathways.apps.accounts.access import ConsoleUser
    from pathways.apps.catalog.queries import catalog_access, pathways_by_slug
    from pathways.apps.exchange.actions import export_ctdl

    console = ConsoleUser(ACTOR)
    pathways = pathways_by_slug(console, list(slugs))
    if slugs:
        missing = sorted(set(slugs) - {p.slug for p in pathways})
        if missing:
            raise click.ClickException("No pathway with the slug " + ", ".join(missing))
    job = export_ctdl(catalog_access(console), list(pathways), out_dir=out_dir)
    for item in job.report["files"]:
        click.echo(f"{item['file']}: {item['components']} components, {item['conditions']} "
                   f"conditions, {item['levels']} levels, {item['entry_points']} entry points, "
                   f"{item['exit_points']} exit points, {item['support_services']} "
                   "support services")
    count = len(job.report["files"])
    click.echo(f"Exported {count} pathway{'' if count == 1 else 's'} to {out_dir} "
               f"(job {job.pk}).")


@ctdl.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False))
def import_(files: tuple[str, ...]) -> None:
    """Import CTDL pathway files, read together (a pathway file and its progression model
    may be given side by side). Nothing is written unless every file can be used. A
    published pathway is never changed in place: the file goes into its working copy,
    published after review in the workspace."""
    setup_django()
    from pathways.apps.accounts.access import ConsoleUser
    from pathways.apps.catalog.queries import catalog_access
    from pathways.apps.exchange.actions import import_ctdl
    from pathways.core.errors import InputError

    try:
        job = import_ctdl(catalog_access(ConsoleUser(ACTOR)), list(files))
    except InputError as exc:
        raise click.ClickException(f"Nothing was imported.\n{exc}") from exc
    click.echo(format_import_report(job.report, job.pk))


def format_import_report(report: dict, job_id: int | None = None) -> str:
    """The import report as text: counts per pathway, then what was not mapped."""
    count = len(report["pathways"])
    lines = [f"Imported {count} pathway{'' if count == 1 else 's'} from "
             f"{', '.join(report['sources'])}" + (f" (job {job_id})" if job_id else "") + "."]
    for item in report["pathways"]:
        verb = "created as a draft" if item["created"] else "updated"
        if item.get("working_copy_of"):
            verb = (f"the working copy of the published {item['working_copy_of']}: the "
                    "published version does not change until it is approved")
        lines.append(
            f"  {item['slug']} ({verb}): {item.get('components', 0)} components, "
            f"{item.get('conditions', 0)} conditions, {item.get('levels', 0)} levels, "
            f"{item.get('entry_points', 0)} entry points, {item.get('exit_points', 0)} exit "
            f"points, {item.get('support_services', 0)} support services, "
            f"{item.get('credentials_created', 0)} credentials added")
    sections = [("Terms not mapped (term: times)", report["unmapped"]),
                ("Values not mapped", report["unmapped_values"]),
                ("References to records not in the files", report["unresolved"]),
                ("Occupations not in the catalog (not created)", report["unknown_occupations"])]
    for title, items in sections:
        if items:
            lines.append(f"{title}:")
            lines += [f"  {key}: {count}" for key, count in items.items()]
    if report["warnings"]:
        lines.append("Notes:")
        lines += [f"  - {warning}" for warning in report["warnings"]]
    return "\n".join(lines)
