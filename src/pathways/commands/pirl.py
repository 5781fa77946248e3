"""`pathways pirl` commands: the partnership's participant records as a PIRL file."""

from __future__ import annotations

import datetime as dt
import sys

import click

from pathways.commands._django import setup_django
from pathways.commands.measures import ACTOR, _date, _problem_report


@click.group()
def pirl() -> None:
    """PIRL files from the platform's own participant records."""


@pirl.command("export")
@click.option("--from", "start", required=True, callback=_date, metavar="DATE",
              help="First day of the period: periods open on some day from here ...")
@click.option("--to", "end", required=True, callback=_date, metavar="DATE",
              help="... to here (entered by then and not exited before --from).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="The PIRL CSV to write.")
@click.option("--partnership", metavar="ID|SLUG",
              help="The partnership (default: the only one there is).")
@click.option("--as-of", "as_of", callback=_date, metavar="DATE",
              help="The date exits are worked out on (90 days without service). "
                   "Default: today.")
@click.option("--program", type=click.Choice(["adult", "dislocated_worker", "youth",
                                               "adult_education"]),
              default="adult", show_default=True, help="The WIOA program of the periods.")
@click.option("--dictionary", "dictionary", type=click.Path(dir_okay=False),
              help="Also write the data dictionary (CSV) here.")
def export_(start: dt.date, end: dt.date, out: str, partnership: str | None,
            as_of: dt.date | None, program: str, dictionary: str | None) -> None:
    """Write the partnership's participant records as a PIRL CSV the measures read."""
    setup_django()
    from pathways.apps.accounts.access import ConsoleUser
    from pathways.apps.accounts.models import Partnership
    from pathways.apps.reports.pirl import export_pirl
    from pathways.apps.reports.queries import find_partnership, measures_access
    from pathways.core.errors import InputProblem

    problems = []
    if end < start:
        problems.append(InputProblem("--to is before --from", field="--to"))
    if partnership:
        target = find_partnership(partnership)
        if target is None:
            problems.append(InputProblem(f"no partnership with the id, name or slug "
                                         f"{partnership!r}", field="--partnership"))
    else:
        found = list(Partnership.objects.all()[:2])
        target = found[0] if len(found) == 1 else None
        if target is None:
            problems.append(InputProblem("say which partnership (--partnership)",
                                         field="--partnership"))
    if problems:
        _problem_report(problems)
        sys.exit(1)
    access = measures_access(ConsoleUser(ACTOR), target)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        count = export_pirl(access, handle, start, end, as_of or dt.date.today(), program)
    click.echo(f"wrote {out} ({count:,} periods of participation for {target.name})")
    if dictionary:
        write_dictionary(dictionary)
        click.echo(f"wrote {dictionary}")


def write_dictionary(path: str) -> None:
    from pathways.core.csvwriter import write_csv
    from pathways.metrics.export import DICTIONARY_COLUMNS, dictionary

    write_csv(path, DICTIONARY_COLUMNS, dictionary())
