"""Small hand-made input files for the reader tests."""

from __future__ import annotations

import gzip
from pathlib import Path

from pathways.core.errors import InputError
from pathways.standards import Problems, SourceFile


def write(path: Path, text: str, *, gz: bool = False) -> Path:
    """Write ``text`` to ``path`` (gzipped, with ``.gz`` added, when asked)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.lstrip("\n").encode()
    if gz:
        path = path.with_name(path.name + ".gz")
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


def tsv(*rows: str) -> str:
    """O*NET-style text: fields written with ``|`` become tabs."""
    return "".join(row.replace("|", "\t") + "\n" for row in rows)


def source(path: Path) -> SourceFile:
    return SourceFile(path.name, path)


def problems_of(read, *args) -> list:
    """Run a reader and return the problems it found (the reader must find some)."""
    problems = Problems()
    read(*args, problems)
    try:
        problems.raise_if_any()
    except InputError as exc:
        return exc.problems
    raise AssertionError("no problem reported")
