"""Read partner person files (CSV or Parquet) for linkage, with file/line problems."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pathways.core.errors import InputError, InputProblem
from pathways.linkage.normalise import standardise


def read_people(paths: list[Path]) -> list[pd.DataFrame]:
    """Standardised person records from each file. A file without a ``source`` column gets
    its file name (without extension) as the source. Raises InputError with every problem
    of every file; nothing is returned from partly read data."""
    problems: list[InputProblem] = []
    frames = []
    for path in paths:
        name = str(path)
        try:
            if path.suffix.lower() == ".parquet":
                raw = pd.read_parquet(path)
            else:
                raw = pd.read_csv(path, dtype=str, keep_default_na=False,
                                  na_values=[""], encoding="utf-8-sig")
        except pd.errors.EmptyDataError:
            problems.append(InputProblem("the file is empty: no header line", name))
            continue
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            problems.append(InputProblem(f"cannot read the file: {exc}", name))
            continue
        if raw.empty:
            problems.append(InputProblem("has no records: there is nothing to link", name,
                                         1 if len(raw.columns) else None))
            continue
        if "source" not in raw.columns:
            raw.insert(1 if "record_id" in raw.columns else 0, "source", path.stem)
        frames.append(standardise(raw, name, problems))
    if problems:
        raise InputError(problems)
    seen: dict[str, str] = {}
    for path, frame in zip(paths, frames, strict=True):
        for source in frame["source"].unique():
            if source in seen and seen[source] != str(path):
                problems.append(InputProblem(
                    f"source {source!r} is also used by {seen[source]}; give each partner's "
                    "file its own source", str(path), None, "source"))
            seen.setdefault(source, str(path))
    if problems:
        raise InputError(problems)
    return frames
