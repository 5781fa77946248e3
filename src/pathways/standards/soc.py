"""SOC 2018 structure: major groups, minor groups, broad and detailed occupations.

Parents come from the outline order of the file, never from the digits: the detailed codes
29-1221 to 29-1229 sit under broad group 29-1210 (Physicians), not a "29-1220".
"""

from __future__ import annotations

from dataclasses import dataclass

from pathways.core.codes import soc_code
from pathways.standards.tables import Listed, Problems, SourceFile, Table, raises_problems

LEVELS: tuple[str, ...] = ("major", "minor", "broad", "detailed")


@dataclass(frozen=True, slots=True)
class SocGroupRecord:
    code: str
    title: str
    level: str  # major, minor, broad or detailed
    parent: str | None
    definition: str = ""


@raises_problems
def read_soc_structure(source: SourceFile,
                       problems: Problems | None = None) -> list[SocGroupRecord]:
    """Read ``soc_2018_structure.csv`` (columns soc_group, soc_code, soc_title, soc_definition)."""
    table = Table(source, problems)
    level_col = table.column("soc_group", "level")
    code_col = table.column("soc_code", "code")
    title_col = table.column("soc_title", "title")
    definition_col = table.column("soc_definition", "definition", required=False)
    if table.missing:
        return []

    records: list[SocGroupRecord] = []
    listed = Listed()
    latest: dict[str, str] = {}  # the last code seen at each level: the open outline
    for row in table.rows():
        code = row.code(code_col, soc_code)
        raw_level = row.text(level_col)
        level = raw_level.split(" ")[0].lower()
        if level not in LEVELS:
            row.problem(level_col, f"unknown SOC level {raw_level!r} "
                                   "(expected Major, Minor, Broad or Detailed)")
        title = row.text(title_col)
        if not title:
            row.problem(title_col, "empty title")
        if not row.ok or not listed.once(row, code_col, code):
            continue

        depth = LEVELS.index(level)
        # The nearest open group above: a cut-down file may leave a level out (the bundled
        # subset has no minor group 15-1200), and the next group up is still the right one.
        parent = next((latest[up] for up in reversed(LEVELS[:depth]) if up in latest), None)
        if depth and (parent is None or parent[:2] != code[:2]):
            row.problem(code_col, f"{level} {code} does not follow a group of "
                                  f"major group {code[:2]}")
            continue
        latest[level] = code
        for deeper in LEVELS[depth + 1:]:
            latest.pop(deeper, None)  # a new group closes the groups below the last one
        records.append(SocGroupRecord(code, title, level, parent, row.text(definition_col)))
    return records
