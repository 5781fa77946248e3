"""Who may import whom (ADR 0003), read from the source: engines never import Django, the
catalog never imports exchange, the CTDL engine has no import circle, and every command
module imports on its own."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.layout import (
    DJANGO_SIDE,
    ENGINES,
    PACKAGE,
    SRC,
    find_cycle,
    imports,
    imports_within,
    modules,
)

pytestmark = pytest.mark.engine  # no database: run once, in the SQLite pass

DJANGO_ONLY = ("django", "pathways.apps", "pathways.web", "pathways.commands", "pathways.cli",
               "pathways.demo")


def _starts(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _python(code: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter that imports this checkout's source."""
    path = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": path}, timeout=120)


def test_every_package_is_an_engine_or_on_the_django_side():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert set(ENGINES) <= packages
    assert packages <= set(ENGINES) | set(DJANGO_SIDE), (
        "a new package: add it to ENGINES or DJANGO_SIDE in tests/layout.py (and ADR 0003)")


@pytest.mark.parametrize("engine", ENGINES)
def test_engines_never_import_django_or_the_apps(engine):
    found = [f"{path.relative_to(SRC)}:{i.line} imports {i.module}"
             for path in modules(PACKAGE / engine).values() for i in imports(path)
             if _starts(i.module, DJANGO_ONLY)]
    assert not found, found


def test_importing_every_engine_module_loads_no_django():
    """The source check above, confirmed by Python: nothing an engine imports (our code or
    a library) brings Django in."""
    names = sorted(name for engine in ENGINES for name in modules(PACKAGE / engine))
    code = ("import importlib, sys\n"
            f"for name in {names!r}:\n"
            "    importlib.import_module(name)\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'django')\n"
            "assert not loaded, loaded[:5]\n")
    result = _python(code)
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_catalog_never_imports_exchange():
    """Exchange imports the catalog (its jobs read and write catalog rows); never the reverse:
    reference loading and CTDL imports are exchange jobs (ADR 0003)."""
    catalog = PACKAGE / "apps" / "catalog"
    found = [f"{path.relative_to(SRC)}:{i.line} imports {i.module}"
             for path in modules(catalog).values() for i in imports(path)
             if _starts(i.module, ("pathways.apps.exchange",))]
    assert len(modules(catalog)) > 10
    assert not found, found


CTDL = PACKAGE / "standards" / "ctdl"


def test_the_ctdl_engine_has_no_import_circle():
    graph = imports_within(CTDL)
    assert {"pathways.standards.ctdl.reader", "pathways.standards.ctdl.assemble"} <= set(graph)
    assert "pathways.standards.ctdl.assemble" in graph["pathways.standards.ctdl.reader"]
    cycle = find_cycle(graph)
    assert not cycle, " -> ".join(cycle)


def test_the_ctdl_engine_imports_its_own_modules_at_the_top():
    """A function-level import of a sibling is how a circle hides; none is left."""
    found = [f"{path.relative_to(SRC)}:{i.line} imports {i.module} inside a function"
             for path in modules(CTDL).values() for i in imports(path)
             if i.lazy and _starts(i.module, ("pathways.standards.ctdl",))]
    assert not found, found


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


COMMANDS = sorted(modules(PACKAGE / "commands"))


@pytest.mark.parametrize("module", COMMANDS)
def test_each_command_module_imports_on_its_own(module):
    """A fresh interpreter, so nothing imported earlier (the CLI) can hide a circle."""
    result = _python(f"import {module}")
    assert result.returncode == 0, result.stderr[-2000:]
