"""Hypothesis strategies the fuzz tests share: nasty values, mutated documents and tables.

A fuzz test feeds an importer what people and other systems really send, and worse: a
shipped file with a few values replaced, removed or added, or a table with some cells
replaced. The property is always the same: the importer returns, or raises ``InputError``
naming where the problem is; nothing else escapes (no traceback, no half-written rows).
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.core.errors import InputError
from pathways.standards.sources import find_datasets
from pathways.standards.tables import SourceFile
from tests.metrics import fixture

CTDL = Path(__file__).parent / "fixtures" / "ctdl"
REFERENCE = Path(__file__).parents[1] / "src" / "pathways" / "data" / "reference"

# Modest by default so the suite stays quick; the `slow` twin of each test runs more (and
# PATHWAYS_FUZZ_EXAMPLES_SLOW=2000 runs a search worth leaving for an evening).
QUICK = int(os.environ.get("PATHWAYS_FUZZ_EXAMPLES", "25"))
MANY = int(os.environ.get("PATHWAYS_FUZZ_EXAMPLES_SLOW", "100"))

NASTY = st.sampled_from([
    "", " ", "²", "١٢٣", "３", "1e29", "-1", "1e999", "-0", "NaN", "inf", "0x10", "\x00",
    "=HYPERLINK(\"http://x\",\"y\")", "—", "9" * 40, "2023-02-30", "20231301", "ÿ", "\ufeff",
    "null", "true", "[]", "{}", "'", "\"", "\\", "\r\n", "a" * 5000, "%s%n", "<script>",
    "../../etc/passwd", "1,2", "00", "99999999", "2023-01-01T00:00:00",
])
TEXT = NASTY | st.text(max_size=40)
SCALAR = (st.none() | st.booleans() | st.integers(-(10**20), 10**20)
          | st.floats(allow_nan=True, allow_infinity=True) | TEXT)
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(TEXT, inner, max_size=4), max_leaves=12)


def _containers(node: Any, path: tuple = ()) -> list[tuple]:
    """Paths of every list and mapping in ``node``."""
    found = [path] if isinstance(node, dict | list) else []
    children = node.items() if isinstance(node, dict) else \
        enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        found += _containers(child, (*path, key))
    return found


def _at(node: Any, path: tuple) -> Any:
    for key in path:
        node = node[key]
    return node


@st.composite
def mutated(draw: st.DrawFn, document: Any, steps: int = 3) -> Any:
    """``document`` with one to ``steps`` values replaced, removed or added."""
    data = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, steps))):
        paths = _containers(data)
        if not paths:
            return draw(VALUE)
        target = _at(data, draw(st.sampled_from(paths)))
        keys = list(target.keys()) if isinstance(target, dict) else list(range(len(target)))
        operation = draw(st.sampled_from(["replace", "remove", "add"] if keys else ["add"]))
        if operation == "add":
            if isinstance(target, dict):
                target[draw(TEXT)] = draw(VALUE)
            else:
                target.insert(draw(st.integers(0, len(target))), draw(VALUE))
        else:
            key = draw(st.sampled_from(keys))
            if operation == "replace":
                target[key] = draw(VALUE)
            else:
                del target[key]
    return data


def as_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def as_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few characters or lines cut, doubled or replaced by nasty ones."""
    for _ in range(draw(st.integers(1, 3))):
        if not text:
            return draw(TEXT)
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start, min(len(text), start + 80)))
        operation = draw(st.sampled_from(["cut", "double", "replace"]))
        middle = {"cut": "", "double": text[start:end] * 2,
                  "replace": draw(TEXT)}[operation]
        text = text[:start] + middle + text[end:]
    return text


@st.composite
def mutated_table(draw: st.DrawFn, rows: list[list[str]], delimiter: str = ",") -> str:
    """A delimited table (header first) with a few cells replaced, rows dropped or cut."""
    rows = [list(r) for r in rows]
    for _ in range(draw(st.integers(1, 4))):
        if not rows:
            break
        index = draw(st.integers(0, len(rows) - 1))
        operation = draw(st.sampled_from(["cell", "cell", "cell", "drop", "cut", "extra"]))
        row = rows[index]
        if operation == "cell" and row:
            row[draw(st.integers(0, len(row) - 1))] = draw(TEXT)
        elif operation == "drop":
            del rows[index]
        elif operation == "cut" and row:
            del row[draw(st.integers(0, len(row) - 1)):]
        else:
            row.append(draw(TEXT))
    handle = io.StringIO()
    if delimiter == "\t":
        for row in rows:
            handle.write("\t".join(c.replace("\t", " ").replace("\n", " ") for c in row))
            handle.write("\n")
    else:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return handle.getvalue()


def read_rows(text: str, delimiter: str = ",", limit: int = 30) -> list[list[str]]:
    """The first ``limit`` rows of a table's text (enough to exercise every column)."""
    if delimiter == "\t":
        return [line.split("\t") for line in text.splitlines()[:limit]]
    return list(csv.reader(io.StringIO(text)))[:limit]


def fuzzed(strategy: st.SearchStrategy, quick: int | None = None, many: int | None = None
           ) -> Callable[[Callable], tuple[Callable, Callable]]:
    """Turn a property into two tests: a quick one (``quick`` examples, QUICK by default:
    fewer where one example takes long, to stay near 3 s) and a `slow` one with MANY
    examples (or ``many`` percent of MANY where one example takes about a second)."""

    def make(check: Callable) -> tuple[Callable, Callable]:
        def run(examples: int) -> Callable:
            def test(value: Any) -> None:
                check(value)

            # Named after the property, so that hypothesis keeps each one's examples apart.
            test.__name__ = test.__qualname__ = f"{check.__name__}_{examples}"
            return settings(max_examples=examples, deadline=None,
                            suppress_health_check=[HealthCheck.too_slow,
                                                   HealthCheck.data_too_large])(
                given(strategy)(test))

        share = MANY if many is None else max(1, MANY * many // 100)
        return run(QUICK if quick is None else min(quick, QUICK)), pytest.mark.slow(run(share))

    return make


# -- inputs the importer fuzz tests share ------------------------------------------------
def refused_cleanly(read, *args, source: str | None = None) -> None:
    """``read(*args)`` returns, or raises InputError whose problems name ``source``."""
    try:
        read(*args)
    except InputError as exc:
        assert exc.problems
        if source is not None:
            assert all(source in p.source for p in exc.problems if p.source), exc


CTDL_DOCUMENTS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CTDL.iterdir())]
CTDL_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(CTDL.iterdir())]
CTDL_INPUT = (st.sampled_from(CTDL_DOCUMENTS).flatmap(mutated).map(as_json)
              | st.sampled_from(CTDL_TEXTS).flatmap(mutated_text))


PIRL_ROWS = [[*fixture.COLUMNS, "provider"],
             *([row[c] for c in fixture.COLUMNS] + ["College"] for row in fixture.rows()[:20])]
WAGE_ROWS = [["person", "year", "quarter", "employer", "wages"],
             *([str(v) for v in row] for row in fixture.WAGES)]


PEOPLE_ROWS = [["record_id", "source", "first_name", "last_name", "birth_date", "zip",
                "phone", "email"],
               ["A1", "college", "María", "García", "1990-04-02", "40502-1234",
                "(859) 555-0101", "maria@example.org"],
               ["A2", "college", "John", "Smith", "19850101", "40503", "", ""],
               ["A3", "college", "Ana", "Lopez", "12/12/2000", "40511", "", "a@b.c"]]


def yaml_input(paths: list[Path]) -> st.SearchStrategy[str]:
    """Definition files with values changed, or their text cut and garbled."""
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return (st.sampled_from([yaml.safe_load(t) for t in texts]).flatmap(mutated).map(as_yaml)
            | st.sampled_from(texts).flatmap(mutated_text))


def _short(source: SourceFile) -> SourceFile:
    """The file's first rows only, kept in memory: enough for every column, and quick."""
    tabbed = source.name.endswith(".txt")
    rows = read_rows(source.text(), "\t" if tabbed else ",")
    text = "\n".join("\t".join(r) for r in rows) if tabbed else "\n".join(
        ",".join(f'"{c}"' for c in r) for r in rows)
    return dataclasses.replace(source, _raw=text.encode("utf-8"))


DATASETS = {name: dataclasses.replace(files, files={role: [_short(f) for f in found]
                                                    for role, found in files.files.items()})
            for name, files in find_datasets(REFERENCE).items()}
CHOICES = [(name, role, index) for name, files in DATASETS.items()
           for role, found in files.files.items() for index in range(len(found))
           if not found[index].base_name.lower().startswith("read me")]


@st.composite
def reference_input(draw: st.DrawFn) -> tuple[Any, str]:
    """One reference dataset's short files, one of them mutated (and that file's name)."""
    name, role, index = draw(st.sampled_from(CHOICES))
    files = DATASETS[name]
    source = files.files[role][index]
    tabbed = source.name.endswith(".txt")
    text = draw(mutated_table(read_rows(source.text(), "\t" if tabbed else ","),
                              "\t" if tabbed else ","))
    changed = dataclasses.replace(source, _raw=text.encode("utf-8", "surrogatepass"))
    found = [changed if i == index else f for i, f in enumerate(files.files[role])]
    return dataclasses.replace(files, files={**files.files, role: found}), source.name




HSDS = Path(__file__).parent / "fixtures" / "hsds"
HSDS_DOCUMENT = json.loads((HSDS / "directory.json").read_text(encoding="utf-8"))
HSDS_INPUT = (st.just(HSDS_DOCUMENT).flatmap(lambda d: mutated(d, 4)).map(as_json)
              | st.just((HSDS / "directory.json").read_text(encoding="utf-8"))
              .flatmap(mutated_text))
HSDS_TABLES = {p.name: read_rows(p.read_text(encoding="utf-8"))
               for p in sorted((HSDS / "tables").glob("*.csv"))}


@st.composite
def hsds_tables(draw: st.DrawFn) -> dict[str, bytes]:
    """The fixture's CSV tables with one or two of them mutated."""
    files = {name: _table_text(rows) for name, rows in HSDS_TABLES.items()}
    for name in draw(st.lists(st.sampled_from(sorted(files)), min_size=1, max_size=2)):
        files[name] = draw(mutated_table(HSDS_TABLES[name]))
    return {name: text.encode("utf-8", "surrogatepass") for name, text in files.items()}


def _table_text(rows: list[list[str]]) -> str:
    handle = io.StringIO()
    csv.writer(handle, lineterminator="\n").writerows(rows)
    return handle.getvalue()
