"""Load YAML definitions so that errors can name the file, line and field at fault.

Definitions are small files written by people, so ``load_yaml`` refuses what no such file
needs and what would make a reader run out of stack or time (each limit a clear
``InputError`` naming the file):

- more than ``MAX_CHARACTERS`` characters;
- collections nested more than ``MAX_DEPTH`` deep (``[[[[...]]]]``);
- more than ``MAX_NODES`` values, counting each use of an alias (``*name``) as a copy of
  what it names, so a few lines of aliases cannot stand for millions of values;
- keys that are lists or mappings, a key written twice, and values a tag makes unreadable
  (``!!int nope``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pathways.core.errors import InputError, InputProblem

MAX_CHARACTERS = 1_000_000
MAX_DEPTH = 50
MAX_NODES = 100_000


class LinedDict(dict):
    """A mapping that remembers the line (1-based) where each key was written."""

    lines: dict[str, int]
    line: int


class LinedList(list):
    lines: list[int]
    line: int


class _Beyond(yaml.MarkedYAMLError):
    """A file beyond one of the limits above (valid YAML, but not read)."""


class _Loader(yaml.SafeLoader):
    """A safe loader that keeps lines and counts depth and values as it composes."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.nodes = 0
        self.sizes: dict[int, int] = {}  # id(node) -> values under it, aliases expanded
        self.mark: yaml.Mark | None = None  # where the node being read starts

    def _count(self, size: int, mark: yaml.Mark) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            raise _Beyond(None, None, f"has more than {MAX_NODES:,} values (an alias counts "
                          "as a copy of what it names)", mark)

    def compose_node(self, parent: Any, index: Any) -> yaml.Node:
        event = self.peek_event()
        self.mark = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            named = self.anchors.get(event.anchor)
            self._count(self.sizes.get(id(named), 1), event.start_mark)
            return super().compose_node(parent, index)
        if self.depth >= MAX_DEPTH:
            raise _Beyond(None, None, f"is nested more than {MAX_DEPTH} levels deep",
                          event.start_mark)
        before = self.nodes
        self._count(1, event.start_mark)
        self.depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        self.sizes[id(node)] = self.nodes - before
        return node

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        self.mark = node.start_mark
        return super().construct_object(node, deep=deep)


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LinedDict:
    if not isinstance(node, yaml.MappingNode):
        raise yaml.constructor.ConstructorError(
            None, None, f"expected a mapping, found {node.id}", node.start_mark)
    result = LinedDict()
    result.lines = {}
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, list | dict | set):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a single value, not a list or mapping",
                key_node.start_mark)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LinedList:
    if not isinstance(node, yaml.SequenceNode):
        raise yaml.constructor.ConstructorError(
            None, None, f"expected a list, found {node.id}", node.start_mark)
    result = LinedList(loader.construct_object(child, deep=True) for child in node.value)
    result.lines = [child.start_mark.line + 1 for child in node.value]
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def read_text(path: str | Path) -> str:
    """The text of a definition file; unreadable, not UTF-8 or too large is an InputError."""
    source = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CHARACTERS * 4 + 1)  # UTF-8: at most 4 bytes a character
    except OSError as exc:
        raise InputError(InputProblem(f"cannot read: {exc.strerror}", source)) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(InputProblem(f"not UTF-8 text (byte {exc.start + 1})", source)) \
            from exc


def load_yaml(path: str | Path, text: str | None = None) -> Any:
    """Parse a YAML file (or ``text`` standing for it); every failure becomes InputError."""
    source = str(path)
    if text is None:
        text = read_text(path)
    if len(text) > MAX_CHARACTERS:
        raise InputError(InputProblem(
            f"is larger than {MAX_CHARACTERS:,} characters; a definition file never needs to be",
            source))
    loader: _Loader | None = None
    try:
        loader = _Loader(text)  # checks the characters first
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        if not isinstance(exc, _Beyond):
            problem = f"not valid YAML: {problem}"
        raise InputError(InputProblem(problem, source, line)) from exc
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        # PyYAML's own constructors fail this way on a value they cannot make: a date with
        # month 13, a number too long to read, a tag that does not fit (``!!bool maybe``).
        line = loader.mark.line + 1 if loader and loader.mark else None
        why = str(exc) if type(exc) is ValueError else "its tag does not fit it"
        raise InputError(InputProblem(f"not a readable value: {why}", source, line)) from exc
    finally:
        if loader is not None:
            loader.dispose()


def line_of(container: Any, key: str | int | None = None) -> int | None:
    """The line where ``key`` sits in ``container`` (or where the container starts)."""
    if key is None:
        return getattr(container, "line", None)
    lines = getattr(container, "lines", None)
    if isinstance(lines, dict):
        return lines.get(key)
    if isinstance(lines, list) and isinstance(key, int) and key < len(lines):
        return lines[key]
    return getattr(container, "line", None)
