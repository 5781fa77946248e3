"""The project's layout as the tests see it: which packages are engines, and what each module
imports, read from its source with ``ast`` (nothing is imported or run).

ADR 0003 names the engines; this is the one list of them the tests use (``conftest.py``
marks their tests, ``test_layout.py`` checks their imports).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "pathways"

# Plain Python over plain data: never Django (ADR 0003).
ENGINES = ("core", "standards", "navigation", "frameworks", "metrics", "linkage", "funding")
# The Django side: the apps, the web project, the command line and the demo region.
DJANGO_SIDE = ("apps", "web", "commands", "demo")


@dataclass(frozen=True)
class Import:
    module: str  # absolute dotted name of what is imported ("pathways.standards.ctdl.parts")
    line: int
    lazy: bool  # written inside a function: runs only when the function is called


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(folder: Path) -> dict[str, Path]:
    """Every module under ``folder``, by dotted name."""
    return {module_name(path): path for path in sorted(folder.rglob("*.py"))}


def _is_module(name: str) -> bool:
    path = SRC.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


@cache
def imports(path: Path) -> tuple[Import, ...]:
    """What the module at ``path`` imports. ``from a import b`` counts as importing ``a.b``
    when that is a module of ours, else as importing ``a``; relative imports are resolved."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = lazy or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.Import):
                found.extend(Import(alias.name, child.lineno, lazy) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[:len(package.split(".")) - child.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in child.names:
                    sub = f"{base}.{alias.name}"
                    found.append(Import(sub if _is_module(sub) else base, child.lineno, lazy))
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), False)
    return tuple(found)


def imports_within(folder: Path) -> dict[str, set[str]]:
    """The import graph of the modules under ``folder``: each module and those of the same
    folder it imports."""
    found = modules(folder)
    return {name: {i.module for i in imports(path) if i.module in found and i.module != name}
            for name, path in found.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph (its modules in order, the first repeated at the end), or []."""
    done: set[str] = set()
    path: list[str] = []

    def walk(node: str) -> list[str]:
        if node in path:
            return [*path[path.index(node):], node]
        if node in done:
            return []
        path.append(node)
        for target in sorted(graph.get(node, ())):
            cycle = walk(target)
            if cycle:
                return cycle
        path.pop()
        done.add(node)
        return []

    for start in sorted(graph):
        cycle = walk(start)
        if cycle:
            return cycle
    return []
