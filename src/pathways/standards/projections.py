"""BLS Employment Projections, Table 1.2 (occupational projections, national).

Column names carry the years of the release (``employment_2024``, ``annual_openings_2024_34``),
so they are found by pattern and the period is read from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pathways.core.codes import soc_code
from pathways.standards.tables import Listed, Problems, SourceFile, Table, raises_problems

LINE_ITEM = "line item"  # summary rows repeat the groups; only line items are occupations


@dataclass(frozen=True, slots=True)
class ProjectionRecord:
    soc_code: str
    title: str
    period: str  # "2024-34"
    employment_base: Decimal | None  # thousands
    employment_target: Decimal | None
    change_percent: Decimal | None
    annual_openings: Decimal | None  # thousands a year
    typical_entry_education: str = ""
    work_experience: str = ""
    on_the_job_training: str = ""


def _clean_text(value: str) -> str:
    return "" if value in {"—", "-", "n/a"} else value


@raises_problems
def read_projections(source: SourceFile,
                     problems: Problems | None = None) -> list[ProjectionRecord]:
    """Read ``ep_YYYY_YY_occupations.csv``; Summary rows are left out."""
    table = Table(source, problems)
    code_col = table.column("soc_code", "2024 National Employment Matrix code")
    title_col = table.column("title")
    type_col = table.column("occupation_type", required=False)
    years = sorted(table.columns_matching(r"employment(\d{4})"), key=lambda c: c.header)
    change_cols = table.columns_matching(r"employmentchangepct\d*")
    openings_cols = table.columns_matching(r"annualopenings\d*")
    education_col = table.column("typical_entry_education", required=False)
    experience_col = table.column("work_experience_in_related_occupation", required=False)
    training_col = table.column("typical_on_the_job_training", required=False)
    for found, name in ((years, "employment_YYYY"), (change_cols, "employment_change_pct"),
                        (openings_cols, "annual_openings")):
        if not found:
            table.missing = True
            problems.add(f"missing column {name!r}", source.name, 1, name)
    if len(years) == 1:
        table.missing = True
        problems.add("needs a base-year and a target-year employment column", source.name, 1,
                     years[0].header)
    if table.missing:
        return []
    base, target = years[0], years[-1]
    period = f"{base.header[-4:]}-{target.header[-2:]}"

    records: list[ProjectionRecord] = []
    listed = Listed()
    for row in table.rows():
        if type_col is not None and row.text(type_col).lower() != LINE_ITEM:
            continue
        code = row.code(code_col, soc_code)
        record = ProjectionRecord(
            soc_code=code, title=row.text(title_col), period=period,
            employment_base=row.decimal(base, low=0),
            employment_target=row.decimal(target, low=0),
            change_percent=row.decimal(change_cols[0]),
            annual_openings=row.decimal(openings_cols[0], low=0),
            typical_entry_education=_clean_text(row.text(education_col)),
            work_experience=_clean_text(row.text(experience_col)),
            on_the_job_training=_clean_text(row.text(training_col)),
        )
        if not row.ok or not listed.once(row, code_col, code):
            continue
        records.append(record)
    return records
