from decimal import Decimal

from pathways.standards import Problems, read_projections
from tests.standards.helpers import problems_of, source, write

HEADER = ("title,soc_code,occupation_type,employment_2024,employment_2034,"
          "employment_change_2024_34,employment_change_pct_2024_34,annual_openings_2024_34,"
          "median_annual_wage_2024,typical_entry_education,"
          "work_experience_in_related_occupation,typical_on_the_job_training\n")


def test_line_items_only_with_period_from_the_headers(tmp_path):
    text = HEADER + (
        "Healthcare support,31-0000,Summary,7000,8000,1000,14.3,900,38000,—,—,—\n"
        "Home health and personal care aides,31-1120,Line item,4347.7,5087.5,739.8,17,765.8,"
        "34900,High school diploma or equivalent,,Short-term on-the-job training\n"
        'Physicians,29-1210,Line item,785.6,807.7,22.1,2.8,22.3,">=$239,200",'
        "Doctoral or professional degree,None,Internship/residency\n")
    problems = Problems()
    rows = read_projections(source(write(tmp_path / "ep_2024_34_occupations.csv", text)),
                            problems)
    assert not problems
    assert [r.soc_code for r in rows] == ["31-1120", "29-1210"]
    aides = rows[0]
    assert aides.period == "2024-34"
    assert aides.employment_base == Decimal("4347.7")
    assert aides.change_percent == Decimal("17")
    assert aides.annual_openings == Decimal("765.8")
    assert aides.work_experience == ""
    assert aides.on_the_job_training == "Short-term on-the-job training"


def test_malformed_number(tmp_path):
    text = HEADER + "Aides,31-1120,Line item,4347.7,lots,739.8,17,765.8,34900,HS,,OJT\n"
    [problem] = problems_of(read_projections, source(write(tmp_path / "ep.csv", text)))
    assert (problem.source, problem.line, problem.field) == ("ep.csv", 2, "employment_2034")
    assert "not a number: 'lots'" in problem.message


def test_missing_openings_column(tmp_path):
    text = HEADER.replace("annual_openings_2024_34", "openings") + "x\n"
    found = problems_of(read_projections, source(write(tmp_path / "ep.csv", text)))
    assert [(p.line, p.field) for p in found] == [(1, "annual_openings")]
