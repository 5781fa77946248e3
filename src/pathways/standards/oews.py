"""BLS Occupational Employment and Wage Statistics (OEWS): national and state wages.

Markers as published: ``*`` wage not available, ``**`` employment not available, ``#`` wage
at or above the top code ($115.00/hour, $239,200/year in May 2025). A top-coded value is
kept as None and its field is named in ``top_coded``, so a page can say "$239,200 or more".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pathways.core.codes import soc_code
from pathways.core.numbers import is_digits
from pathways.standards.tables import (
    Column,
    Listed,
    Problems,
    Row,
    SourceFile,
    Table,
    raises_problems,
)

NATIONAL = "99"
KEPT_AREA_TYPES = {"1": "national", "2": "state"}  # metro and nonmetro areas are not loaded
TOP_CODED = "#"
_SUPPRESSED = frozenset({"", "*", "**"})
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True, slots=True)
class WageRecord:
    area: str
    area_title: str
    occ_code: str
    occ_title: str
    group: str  # OEWS O_GROUP: total, major, minor, broad or detailed
    employment: int | None
    hourly_median: Decimal | None
    annual_mean: int | None
    annual_p10: int | None
    annual_p25: int | None
    annual_median: int | None
    annual_p75: int | None
    annual_p90: int | None
    top_coded: tuple[str, ...] = ()  # field names published as "#"
    hourly_only: bool = False
    annual_only: bool = False


# field name -> official column
ANNUAL_FIELDS = {
    "annual_mean": "A_MEAN",
    "annual_p10": "A_PCT10",
    "annual_p25": "A_PCT25",
    "annual_median": "A_MEDIAN",
    "annual_p75": "A_PCT75",
    "annual_p90": "A_PCT90",
}


def vintage_of(file_name: str) -> str:
    """``oews_may2025_national.csv`` -> ``May 2025``; otherwise the bare file name."""
    match = re.search(r"(" + "|".join(_MONTHS) + r")[a-z]*[_ -]?(\d{4})", file_name.lower())
    if match:
        return f"{match.group(1).title()} {match.group(2)}"
    return file_name.split(".")[0][:16]


def _wage(row: Row, column: Column, field: str, top: list[str], *, whole: bool
          ) -> Decimal | int | None:
    if row.values[column.index].strip() == TOP_CODED:
        top.append(field)
        return None
    if whole:
        value = row.decimal(column, low=0, missing=_SUPPRESSED)
        return int(value.to_integral_value()) if value is not None else None
    return row.decimal(column, low=0, missing=_SUPPRESSED)


@raises_problems
def read_oews(source: SourceFile, problems: Problems | None = None,
              listed: Listed | None = None) -> list[WageRecord]:
    """Read an OEWS file in the official "all data" layout; national and state rows only.

    ``listed`` carries (area, occupation) keys across several files (national plus state),
    so that the same row given twice is reported rather than loaded twice.
    """
    listed = Listed() if listed is None else listed
    table = Table(source, problems)
    area_col = table.column("AREA")
    area_title_col = table.column("AREA_TITLE")
    area_type_col = table.column("AREA_TYPE")
    occ_col = table.column("OCC_CODE")
    occ_title_col = table.column("OCC_TITLE")
    group_col = table.column("O_GROUP", "OCC_GROUP", required=False)
    employment_col = table.column("TOT_EMP")
    hourly_median_col = table.column("H_MEDIAN")
    annual_cols = {name: table.column(header) for name, header in ANNUAL_FIELDS.items()}
    annual_flag = table.column("ANNUAL", required=False)
    hourly_flag = table.column("HOURLY", required=False)
    # The official all-data file mixes industries and ownerships: keep the cross-industry,
    # all-ownership rows, as in the files BLS publishes per area.
    naics_col = table.column("NAICS", required=False)
    own_col = table.column("OWN_CODE", required=False)
    if table.missing:
        return []

    records: list[WageRecord] = []
    for row in table.rows():
        area_type = row.text(area_type_col)
        if area_type not in KEPT_AREA_TYPES:
            if not area_type:
                row.problem(area_type_col, "empty area type")
            continue
        if naics_col and row.text(naics_col) not in {"", "000000"}:
            continue
        if own_col and row.text(own_col) not in {"", "1235"}:
            continue
        area = row.text(area_col)
        if not is_digits(area):
            row.problem(area_col, f"not an area code: {area!r}")
        elif area_type == "2":
            area = area.zfill(2)  # spreadsheets drop the leading zero of FIPS 01-09
        occ = row.code(occ_col, soc_code)
        top: list[str] = []
        hourly_median = _wage(row, hourly_median_col, "hourly_median", top, whole=False)
        annual = {name: _wage(row, col, name, top, whole=True)
                  for name, col in annual_cols.items()}
        employment = row.integer(employment_col, low=0, missing=_SUPPRESSED)
        annual_only, hourly_only = row.flag(annual_flag), row.flag(hourly_flag)
        if not row.ok:
            continue
        if not listed.once(row, occ_col, (area, occ), f"area {area} occupation {occ}"):
            continue
        records.append(WageRecord(
            area=area, area_title=row.text(area_title_col), occ_code=occ,
            occ_title=row.text(occ_title_col), group=row.text(group_col).lower(),
            employment=employment, hourly_median=hourly_median, top_coded=tuple(top),
            hourly_only=hourly_only, annual_only=annual_only, **annual,
        ))
    return records
