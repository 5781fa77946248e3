"""What a CTDL upload may hold: past these, the reader refuses with the file, node and field.

Chosen from the real files (docs/ctdl.md, ADR 0043): the largest registry pathway we have
seen is under 1 MB with about 200 nodes, names are under 200 characters and descriptions
under 3,000. The limits leave ample room for those and stop a file that would tie up a
web worker, fill the database with one text, or run a reader out of stack.
"""

from __future__ import annotations

from pathways.core.jsondata import MAX_DEPTH

MAX_FILE_BYTES = 20_000_000  # per file
MAX_NODES = 10_000  # top-level nodes across the files read together
MAX_NAME_CHARS = 500  # a name or label (ceterms:name, skos:prefLabel, ceasn:name)
MAX_TEXT_CHARS = 10_000  # any other text: a description, a definition
MAX_NESTING = MAX_DEPTH  # arrays and objects nested in one another (64)

NAME_TERMS = frozenset({"ceterms:name", "skos:prefLabel", "ceasn:name",
                        "ceterms:targetNodeName"})

__all__ = ["MAX_FILE_BYTES", "MAX_NAME_CHARS", "MAX_NESTING", "MAX_NODES", "MAX_TEXT_CHARS",
           "NAME_TERMS"]
