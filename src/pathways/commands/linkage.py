"""`pathways linkage` commands: find the same person across partners' files."""

from __future__ import annotations

import os
import time
from pathlib import Path

import click

KEY_VARIABLE = "PATHWAYS_LINKAGE_KEY"
# What each progress stage of ``link_records`` reports rows of.
STAGES = {"read": "records read", "train": "training on records",
          "compare": "comparing records", "compared": "pairs found",
          "cluster": "linked pairs to cluster", "done": "records placed in people"}


@click.group()
def linkage() -> None:
    """Link person records across partners (splink), or replace identifiers by tokens."""


@linkage.command("run")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory for pairs.csv and people.csv.")
@click.option("--model", "model_file", type=click.Path(exists=True, dir_okay=False,
                                                      path_type=Path),
              help="A linkage model YAML file (default: the shipped person model).")
@click.option("--train", is_flag=True,
              help="Re-estimate the model's probabilities from these files (large files).")
@click.option("--dedupe", is_flag=True,
              help="Also find the same person twice inside one file (several files).")
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb",
              show_default=True, help="Where splink runs: DuckDB here, or Spark.")
@click.option("--memory", "memory_limit", default="1500MB", show_default=True,
              help="Memory for the engine (DuckDB spills to --temp-dir beyond it).")
@click.option("--temp-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where DuckDB spills when over --memory (default: the system's temp).")
@click.option("--threads", type=click.IntRange(min=1), help="Threads (default: all cores).")
@click.option("--quiet", is_flag=True, help="No progress lines on standard error.")
def run(files: tuple[Path, ...], out_dir: Path, model_file: Path | None, train: bool,
        dedupe: bool, engine: str, memory_limit: str, temp_dir: Path | None,
        threads: int | None, quiet: bool) -> None:
    """Link FILES (CSV or Parquet: record_id, source, first_name, last_name, birth_date, zip,
    phone, email). One file is deduplicated; several (one per partner) are linked to each
    other, and also deduplicated with --dedupe.

    Writes pairs.csv (pairs at or above the review threshold, with their match probability
    and decision) and people.csv (each record and its estimated person). Neither holds any
    name or date: only record ids. Nothing is written when an input has a problem.
    """
    from pathways.core.csvwriter import frame_to_csv
    from pathways.core.errors import InputError
    from pathways.linkage import link_records, parse_model, person_model
    from pathways.linkage.files import read_people

    started = time.monotonic()

    def progress(stage: str, rows: int) -> None:
        if not quiet:
            click.echo(f"[{time.monotonic() - started:6.1f} s] {STAGES.get(stage, stage)}: "
                       f"{rows:,}", err=True)

    try:
        model = parse_model(model_file) if model_file else person_model()
        frames = read_people(list(files))
    except InputError as exc:
        raise click.ClickException(f"nothing was linked:\n{exc}") from exc
    # Both folders are made before the linkage, which may take minutes, not after it.
    for option, folder in (("--temp-dir", temp_dir), ("--out", out_dir)):
        if folder is None:
            continue
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise click.ClickException(f"{option} {folder}: cannot make the folder "
                                       f"({exc.strerror}); nothing was linked") from exc
    try:
        result = link_records(frames, model, train=train, dedupe=dedupe, engine=engine,
                              progress=progress, memory_limit=memory_limit,
                              temp_dir=str(temp_dir) if temp_dir else None, threads=threads)
    except ValueError as exc:  # a memory limit DuckDB or Java cannot read
        raise click.ClickException(str(exc)) from exc
    except ImportError as exc:
        raise click.ClickException(f"the {engine} engine is not installed: {exc}") from exc
    out_dir.mkdir(parents=True, exist_ok=True)
    frame_to_csv(result.pairs, out_dir / "pairs.csv")
    frame_to_csv(result.clusters, out_dir / "people.csv")
    records = sum(len(frame) for frame in frames)
    links = int((result.pairs["decision"] == "link").sum())
    reviews = len(result.pairs) - links
    click.echo(f"{records:,} records from {len(files)} file(s) -> {result.people:,} people "
               f"({links:,} linked pairs, {reviews:,} pairs to review) with model "
               f"{model.key} {model.version}")
    click.echo(f"Wrote {out_dir / 'pairs.csv'} and {out_dir / 'people.csv'}")


@linkage.command("validate")
@click.argument("model_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate(model_file: Path) -> None:
    """Check a linkage model YAML file; problems name the line and field."""
    from pathways.core.errors import InputError
    from pathways.linkage import parse_model

    try:
        model = parse_model(model_file)
    except InputError as exc:
        raise click.ClickException(f"{model_file} is not a valid linkage model:\n{exc}") from exc
    click.echo(f"{model_file}: {model.key} {model.version}, {len(model.comparisons)} "
               f"comparisons, {len(model.blocking)} blocking rules: valid")


@linkage.command("tokens")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--column", "columns", multiple=True, required=True,
              help="A column to replace by its keyed token (repeat for several).")
@click.option("--out", "out_file", required=True,
              type=click.Path(dir_okay=False, path_type=Path))
def tokens(file: Path, columns: tuple[str, ...], out_file: Path) -> None:
    """Copy FILE (CSV) to OUT with COLUMNs replaced by keyed tokens (HMAC-SHA256).

    The key comes from the environment variable PATHWAYS_LINKAGE_KEY, shared by the partners
    who will join on the tokens and by no one else.
    """
    import pandas as pd

    from pathways.core.csvwriter import frame_to_csv
    from pathways.linkage import token

    key = os.environ.get(KEY_VARIABLE, "").encode("utf-8")
    if len(key) < 16:
        raise click.ClickException(f"set {KEY_VARIABLE} to a secret of at least 16 characters")
    try:
        frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError as exc:
        raise click.ClickException(f"{file}: the file is empty: no header line") from exc
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{file}: cannot read the file: {exc}") from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise click.ClickException(f"{file}: no column {', '.join(map(repr, missing))}; "
                                   f"columns are {', '.join(frame.columns)}")
    if out_file.resolve() == file.resolve():
        raise click.ClickException("write the tokens to a new file, not over the input")
    for column in columns:
        frame[column] = [token(v, key) if v.strip() else "" for v in frame[column]]
    frame_to_csv(frame, out_file)
    click.echo(f"Wrote {out_file}: {len(frame):,} rows, {len(columns)} column(s) tokenised")
