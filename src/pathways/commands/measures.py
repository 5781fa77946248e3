"""`pathways measures` commands: shared performance measures from PIRL and UI wage files."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from pathways.commands._django import setup_django

ACTOR = "command line"


def _date(_ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    from pathways.core.quarters import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date (YYYYMMDD or YYYY-MM-DD)",
                                 param=param) from exc


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _problem_report(problems: list, out=None) -> None:
    """The row-level report: file, line, element, problem; on standard error."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out or sys.stderr, width=160, soft_wrap=True)
    table = Table(title="Problems (nothing was computed or written)", show_lines=False)
    for column in ("file", "line", "element", "problem"):
        table.add_column(column, overflow="fold")
    for p in problems:
        table.add_row(p.source or "", "" if p.line is None else str(p.line), p.field or "",
                      p.message)
    console.print(table)


@click.group()
def measures() -> None:
    """Shared performance measures: the six WIOA indicators and pathway progress."""


def _definitions(folders: tuple[str, ...], only: list[str]):
    from pathways.core.errors import InputError, InputProblem
    from pathways.metrics import load_measures

    chosen = load_measures()
    for folder in folders:
        chosen += load_measures(folder, extra=chosen)
    if only:
        known = {m.id for m in chosen}
        unknown = [i for i in only if i not in known]
        if unknown:
            raise InputError([InputProblem(f"no measure with the id {i!r}", field="--measure")
                              for i in unknown])
        chosen = [m for m in chosen if m.id in only]
    return chosen


@measures.command("run")
@click.option("--pirl", "pirl", required=True, type=click.Path(exists=True, dir_okay=False),
              help="PIRL file (CSV or Parquet), columns named by element number.")
@click.option("--wages", "wages", type=click.Path(exists=True, dir_okay=False),
              help="UI wage records (CSV or Parquet): person, year, quarter, employer, wages.")
@click.option("--from", "start", required=True, callback=_date, metavar="DATE",
              help="First day of the reporting period (exits; for skill gains, the program "
                   "years it overlaps).")
@click.option("--to", "end", required=True, callback=_date, metavar="DATE",
              help="Last day of the reporting period.")
@click.option("--as-of", "as_of", callback=_date, metavar="DATE",
              help="The date that fixes what has passed (90 days after exit, the wage lag, "
                   "one year after exit). Default: today.")
@click.option("--by", "by", multiple=True, metavar="DIM[,DIM]",
              help="Slice by these dimensions (repeat or comma-separate); default: every "
                   "one the data allow.")
@click.option("--engine", type=click.Choice(["duckdb", "postgres", "spark"]),
              default="duckdb", show_default=True, help="Where the measures run.")
@click.option("--postgres-url", metavar="URL",
              help="PostgreSQL for --engine postgres (default PATHWAYS_MEASURES_POSTGRES_URL).")
@click.option("--out", "out_dir", default="measures-out", show_default=True,
              type=click.Path(file_okay=False), help="Folder for the outputs.")
@click.option("--threshold", default=10, show_default=True, type=click.IntRange(min=1),
              help="Hide cells whose denominator is below this (and their complements).")
@click.option("--measures", "folders", multiple=True, type=click.Path(exists=True,
                                                                       file_okay=False),
              help="A folder of extra measure definitions (YAML); repeatable.")
@click.option("--measure", "only", multiple=True, metavar="ID[,ID]",
              help="Compute only these measures.")
@click.option("--title", default="Shared performance measures", show_default=True)
@click.option("--partnership", metavar="ID|SLUG",
              help="Also store the run (published cells only) for this partnership.")
@click.option("--quiet", is_flag=True, help="No progress display.")
def run(pirl: str, wages: str | None, start: dt.date, end: dt.date, as_of: dt.date | None,
        by: tuple[str, ...], engine: str, postgres_url: str | None, out_dir: str,
        threshold: int, folders: tuple[str, ...], only: tuple[str, ...], title: str,
        partnership: str | None, quiet: bool) -> None:
    """Compute the measures and write measures.csv, measures.parquet, report.html and
    measures.jsonld (CTDL QData). Nothing is written when any input has a problem."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from pathways.core.errors import InputError, InputProblem
    from pathways.metrics import DIMENSIONS, PirlFiles, Window, connect, run_measures
    from pathways.metrics.outputs import write_outputs
    from pathways.metrics.run import steps

    as_of = as_of or dt.date.today()
    dims = _split(by)
    problems = [InputProblem(f"unknown dimension {d!r}; dimensions: {', '.join(DIMENSIONS)}",
                             field="--by") for d in dims if d not in DIMENSIONS]
    if end < start:
        problems.append(InputProblem("--to is before --from", field="--to"))
    chosen, target = [], None
    for step in (lambda: _definitions(folders, _split(only)),
                 lambda: _partnership(partnership, threshold) if partnership else None):
        try:
            value = step()
        except InputError as exc:
            problems += exc.problems
            continue
        if isinstance(value, list):
            chosen = value
        else:
            target = value
    if problems:
        _problem_report(problems)
        sys.exit(1)
    window = Window(start, end, as_of)
    source = PirlFiles(pirl, wages)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  TimeElapsedColumn(), transient=True, disable=quiet,
                  console=_stderr()) as bar:
        task = bar.add_task(f"reading {source.name}", total=steps(chosen) + 1)

        def progress(message: str) -> None:
            bar.update(task, description=message, advance=1)

        try:
            inputs = source.read()
            bar.advance(task)
            eng = connect(engine, postgres_url)
            try:
                result = run_measures(inputs, None, window, by=dims or None,
                                      engine=eng, threshold=threshold, measures=chosen,
                                      progress=progress)
            finally:
                eng.close()
        except InputError as exc:
            bar.stop()
            _problem_report(exc.problems)
            sys.exit(1)
        bar.update(task, description=f"writing {out_dir}")
        paths = write_outputs(result, out_dir, title)
    _summary(result)
    for path in paths:
        click.echo(f"wrote {path}")
    if target is not None:
        stored = _record(target, result, source.name)
        click.echo(f"stored run {stored.pk} for {target.name}")


def _stderr():
    from rich.console import Console

    return Console(stderr=True)


def _summary(result) -> None:
    from pathways.metrics.charts import format_value

    total = result.table[result.table["dimension"] == "all"]
    units = {m.id: m for m in result.measures}
    click.echo(f"{result.records:,} records, {result.periods:,} periods of participation, "
               f"{result.wage_rows:,} wage records; engine {result.engine}")
    for row in total.itertuples(index=False):
        m = units[row.measure]
        if row.suppressed:
            shown = "suppressed"
        elif row.value is None or row.value != row.value:
            shown = "no one in the denominator"
        else:
            shown = f"{format_value(row.value, m.unit)} of {int(row.denominator):,}"
        click.echo(f"  {row.measure:<28} {shown}")
    for measure, why in result.skipped.items():
        click.echo(f"  {measure:<28} not computed: {why}")


def _partnership(text: str, threshold: int):
    """The partnership named by id, name or slug of its name (Django is set up here)."""
    setup_django()
    from pathways.apps.reports.queries import find_partnership, min_threshold
    from pathways.core.errors import InputError, InputProblem

    minimum = min_threshold()
    problems = []
    if threshold < minimum:
        problems.append(InputProblem(f"a stored run needs --threshold {minimum} or more "
                                     "(PATHWAYS_MEASURES_MIN_THRESHOLD)", field="--threshold"))
    found = find_partnership(text)
    if found is None:
        problems.append(InputProblem(f"no partnership with the id, name or slug {text!r}",
                                     field="--partnership"))
    if problems:
        raise InputError(problems)
    return found


def _record(partnership, result, source: str):
    from pathways.apps.accounts.access import ConsoleUser
    from pathways.apps.reports.actions import record_run
    from pathways.apps.reports.queries import measures_access

    return record_run(measures_access(ConsoleUser(ACTOR), partnership), result, source=source)


@measures.command("list")
@click.option("--measures", "folders", multiple=True,
              type=click.Path(exists=True, file_okay=False), help="Extra definitions folder.")
def list_(folders: tuple[str, ...]) -> None:
    """List the measure definitions: id, window, kind and name."""
    from pathways.core.errors import InputError

    try:
        chosen = _definitions(folders, [])
    except InputError as exc:
        _problem_report(exc.problems)
        sys.exit(1)
    for m in chosen:
        needs = f" (needs {', '.join(m.requires)})" if m.requires else ""
        click.echo(f"{m.id:<28} {m.window:<13} {m.kind:<7} {m.name}{needs}")


@measures.command("check")
@click.argument("folders", nargs=-1, type=click.Path(exists=True, file_okay=False))
def check(folders: tuple[str, ...]) -> None:
    """Validate measure definitions (the shipped ones and any FOLDERS given)."""
    from pathways.core.errors import InputError

    try:
        chosen = _definitions(folders, [])
    except InputError as exc:
        _problem_report(exc.problems)
        sys.exit(1)
    click.echo(f"{len(chosen)} measure definitions are valid.")


@measures.command("generate")
@click.option("--periods", default=5000, show_default=True, type=click.IntRange(min=1),
              help="How many periods of participation.")
@click.option("--seed", default=2024, show_default=True, type=int)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet"]), default="csv",
              show_default=True)
@click.option("--no-wages", is_flag=True, help="Leave out the UI wage file.")
def generate(periods: int, seed: int, out_dir: str, fmt: str, no_wages: bool) -> None:
    """Write a deterministic synthetic PIRL file and UI wage file (sample data)."""
    from pathways.metrics import synthetic

    table, wage_rows = synthetic.generate(periods, seed=seed, wages=not no_wages)
    pirl, wages = synthetic.write(Path(out_dir), table, wage_rows, fmt)
    click.echo(f"wrote {pirl} ({len(table):,} periods)")
    if wages is not None and wage_rows is not None:
        click.echo(f"wrote {wages} ({len(wage_rows):,} wage records)")
