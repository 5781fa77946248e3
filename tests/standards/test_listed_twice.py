"""A code listed twice: every reader reports the repeat at its own file and line, and names
the file and line where the code was listed first."""

from __future__ import annotations

import pytest

from pathways.core.errors import InputError
from pathways.standards import (
    Problems,
    read_cip_codes,
    read_oews,
    read_projections,
    read_soc_structure,
)
from pathways.standards.tables import Listed, Table
from tests.standards.helpers import problems_of, source, write
from tests.standards.test_oews import AIDES
from tests.standards.test_oews import HEADER as OEWS_HEADER
from tests.standards.test_onet import TABLES, make, read
from tests.standards.test_projections import HEADER as PROJECTIONS_HEADER


def test_listed_once_within_a_file_and_across_files(tmp_path):
    problems, listed = Problems(), Listed()
    for name in ("a.csv", "b.csv"):
        table = Table(source(write(tmp_path / name, "code\nx\ny\nx\n")), problems)
        column = table.column("code")
        assert [listed.once(row, column, row.text(column)) for row in table.rows()] == (
            [True, True, False] if name == "a.csv" else [False, False, False])
    assert [(p.source, p.line, p.field, p.message) for p in problems.items] == [
        ("a.csv", 4, "code", "x already appears on line 2"),
        ("b.csv", 2, "code", "x already appears in a.csv line 2"),
        ("b.csv", 3, "code", "y already appears in a.csv line 3"),
        ("b.csv", 4, "code", "x already appears in a.csv line 2")]


def test_soc(tmp_path):
    text = ("soc_group,soc_code,soc_title\nMajor,29-0000,Healthcare\n"
            "Minor,29-1000,Practitioners\nMajor,29-0000,Healthcare again\n")
    [problem] = problems_of(read_soc_structure, source(write(tmp_path / "soc.csv", text)))
    assert (problem.line, problem.field, problem.message) == (
        4, "soc_code", "29-0000 already appears on line 2")


def test_cip(tmp_path):
    text = "cip_code,cip_title\n51.3801,Nursing\n51.3802,Nursing Admin\n51.3801,Again\n"
    [problem] = problems_of(read_cip_codes, source(write(tmp_path / "cip_2020.csv", text)))
    assert (problem.source, problem.line, problem.field, problem.message) == (
        "cip_2020.csv", 4, "cip_code", "51.3801 already appears on line 2")


def test_projections(tmp_path):
    row = "Aides,31-1120,Line item,4347.7,5087.5,739.8,17,765.8,34900,HS,,OJT\n"
    text = PROJECTIONS_HEADER + row + row.replace("Aides", "Aides again")
    [problem] = problems_of(read_projections, source(write(tmp_path / "ep.csv", text)))
    assert (problem.line, problem.field, problem.message) == (
        3, "soc_code", "31-1120 already appears on line 2")


def test_oews_in_one_file(tmp_path):
    text = OEWS_HEADER + AIDES * 2
    [problem] = problems_of(read_oews, source(write(tmp_path / "oews.csv", text)))
    assert (problem.line, problem.field, problem.message) == (
        3, "OCC_CODE", "area 21 occupation 31-1120 already appears on line 2")


# O*NET: each table names what it lists once.
ONET_REPEATS = [
    ("Occupation Data.txt", "31-1121.00|Home Health Aides|Monitor",
     "O*NET-SOC Code", "31-1121.00 already appears on line 3"),
    ("Job Zones.txt", "31-1121.00|2|08/2023|Analyst",
     "O*NET-SOC Code", "the job zone of 31-1121.00 already appears on line 3"),
    ("Education, Training, and Experience Categories.txt",
     "2.D.1|Required Level of Education|RL|6|Bachelor's Degree",
     "Category", "education category 6 already appears on line 5"),
    ("Education, Training, and Experience.txt",
     "31-1121.00|2.D.1|Required Level of Education|RL|3|50|20|||N|08/2023|Incumbent",
     "Category", "education category 3 of 31-1121.00 already appears on line 7"),
    ("Interests.txt", "29-1141.00|1.B.1.a|Realistic|OI|3.66|11/2023|Machine Learning",
     "Element ID", "interest R of 29-1141.00 already appears on line 3"),
    ("Skills.txt",
     "29-1141.00|2.A.2.a|Mathematics|LV|2.9|8|1.9|0|6|Y|N|08/2023|Analyst",
     "Scale ID", "the LV rating of 2.A.2.a for 29-1141.00 already appears on line 5"),
    ("Related Occupations.txt", "29-1141.00|31-1121.00|Primary-Long|2",
     "Related O*NET-SOC Code", "29-1141.00 -> 31-1121.00 already appears on line 3"),
]


@pytest.mark.parametrize(("name", "repeated", "column", "message"), ONET_REPEATS,
                         ids=[r[0] for r in ONET_REPEATS])
def test_onet(tmp_path, name, repeated, column, message):
    tables = dict(TABLES)
    tables[name] = tables[name] + repeated.replace("|", "\t") + "\n"
    with pytest.raises(InputError) as caught:
        read(make(tmp_path, tables))
    [problem] = caught.value.problems
    lines = len(tables[name].splitlines())
    assert (problem.source, problem.line, problem.field, problem.message) == (
        name, lines, column, message)
