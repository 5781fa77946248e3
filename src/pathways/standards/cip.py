"""CIP 2020 codes and the NCES CIP 2020 - SOC 2018 crosswalk."""

from __future__ import annotations

from dataclasses import dataclass

from pathways.core.codes import cip_code, soc_code
from pathways.standards.tables import Listed, Problems, SourceFile, Table, raises_problems

# Rows with these actions are stubs for codes no longer in use. In NCES's file a "Moved from"
# row is the old code (its definition reads "Moved from 01.0309 to 01.1004") and the
# "Moved to" row is the code's new home, with the full definition, and the crosswalk uses it
# (01.1004 Viticulture and Enology, 01.8001 Veterinary Medicine). The data folder's README
# says the reverse; the file itself decides.
RETIRED_ACTIONS = ("moved from", "deleted")
NO_MATCH_SOC = "99-9999"
NO_MATCH_CIP = "99.9999"


@dataclass(frozen=True, slots=True)
class CipRecord:
    code: str
    title: str
    level: int  # 2, 4 or 6 digits
    definition: str = ""


@dataclass(frozen=True, slots=True)
class CipSocRecord:
    cip: str
    soc: str


def cip_level(code: str) -> int:
    """2, 4 or 6: how many digits a canonical CIP code has."""
    return len(code.replace(".", ""))


@raises_problems
def read_cip_codes(source: SourceFile, problems: Problems | None = None) -> list[CipRecord]:
    """Read ``cip_2020.csv`` or NCES's ``CIPCode2020.csv``, leaving out retired codes."""
    table = Table(source, problems)
    code_col = table.column("cip_code")
    title_col = table.column("cip_title")
    definition_col = table.column("cip_definition", required=False)
    action_col = table.column("action", required=False)
    if table.missing:
        return []

    records: list[CipRecord] = []
    listed = Listed()
    for row in table.rows():
        if row.text(action_col).lower().startswith(RETIRED_ACTIONS):
            continue
        code = row.code(code_col, cip_code)
        title = row.text(title_col)
        if not title:
            row.problem(title_col, "empty title")
        if not row.ok or not listed.once(row, code_col, code):
            continue
        records.append(CipRecord(code, title, cip_level(code), row.text(definition_col)))
    return records


@raises_problems
def read_cip_soc_crosswalk(source: SourceFile,
                           problems: Problems | None = None) -> list[CipSocRecord]:
    """Read the CIP-SOC sheet of the crosswalk; "no match" rows are left out."""
    table = Table(source, problems)
    cip_col = table.column("cip2020_code", "cip_code", "cipcode")
    soc_col = table.column("soc2018_code", "soc_code", "soccode")
    if table.missing:
        return []

    pairs: dict[tuple[str, str], None] = {}  # ordered and free of repeats
    for row in table.rows():
        cip = row.code(cip_col, cip_code)
        soc = row.code(soc_col, soc_code)
        if not row.ok or cip == NO_MATCH_CIP or soc == NO_MATCH_SOC:
            continue
        pairs[(cip, soc)] = None
    return [CipSocRecord(cip, soc) for cip, soc in pairs]
