"""Read JSON that people or other systems wrote, within limits, or say clearly why not.

Like ``yamldata`` for YAML: a file past a documented limit is refused with an
``InputError`` naming it, before a parser or a reader walking the result can run out of
memory or stack (``[[[[...]]]]`` ten thousand deep made Python's parser raise
``RecursionError``).

- more than ``MAX_BYTES`` bytes (a CTDL file of one partnership's pathways is far smaller);
- arrays and objects nested more than ``MAX_DEPTH`` deep (CTDL nests a few levels);
- text that is not UTF-8, or not JSON (with the line and column of the mistake).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pathways.core.errors import InputError, _, message

MAX_BYTES = 50_000_000
MAX_DEPTH = 64

CANNOT_READ = message(_("cannot read the file: %(reason)s"), "reason")
TOO_LARGE = message(_("is larger than %(limit)s bytes; split it into smaller files"), "limit")
NOT_UTF8 = message(_("not UTF-8 text (byte %(byte)s)"), "byte")
EMPTY = message(_("the file is empty"))
MALFORMED = message(_("malformed JSON: %(reason)s (column %(column)s)"), "reason", "column")
TOO_DEEP = message(_("is nested more than %(limit)s levels deep"), "limit")


def read_json_file(path: str | Path, max_bytes: int = MAX_BYTES,
                   max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value in the file at ``path``; every failure is an InputError naming it."""
    source = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(CANNOT_READ.problem(source, reason=exc.strerror)) from exc
    return load_json(source, data, max_bytes, max_depth)


def load_json(source: str, text: str | bytes, max_bytes: int = MAX_BYTES,
              max_depth: int = MAX_DEPTH) -> Any:
    """Parse ``text`` (bytes are read as UTF-8, with or without a byte-order mark)."""
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise InputError(TOO_LARGE.problem(source, limit=f"{max_bytes:,}"))
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(NOT_UTF8.problem(source, byte=exc.start + 1)) from exc
    if not text.strip():
        raise InputError(EMPTY.problem(source))
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(MALFORMED.problem(source, exc.lineno, reason=exc.msg,
                                           column=exc.colno)) from exc
    except RecursionError:
        raise InputError(TOO_DEEP.problem(source, limit=max_depth)) from None
    if depth(value) > max_depth:
        raise InputError(TOO_DEEP.problem(source, limit=max_depth))
    return value


def depth(value: Any) -> int:
    """How deep arrays and objects nest in ``value`` (a scalar is 0), without recursion."""
    deepest = 0
    pending = [(value, 1)]
    while pending:
        item, level = pending.pop()
        children = item.values() if isinstance(item, dict) else \
            item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        pending.extend((child, level + 1) for child in children
                       if isinstance(child, dict | list))
    return deepest
