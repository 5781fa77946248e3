import zipfile
from decimal import Decimal

import pytest

from pathways.core.errors import InputError
from pathways.standards import ONET, Problems, find_datasets, read_onet
from tests.standards.helpers import tsv, write

SKILL_HEAD = ("O*NET-SOC Code|Element ID|Element Name|Scale ID|Data Value|N|Standard Error|"
              "Lower CI Bound|Upper CI Bound|Recommend Suppress|Not Relevant|Date|Domain Source")
ETE_HEAD = ("O*NET-SOC Code|Element ID|Element Name|Scale ID|Category|Data Value|N|"
            "Standard Error|Lower CI Bound|Upper CI Bound|Recommend Suppress|Date|Domain Source")
TABLES = {
    "Occupation Data.txt": tsv(
        "O*NET-SOC Code|Title|Description",
        '29-1141.00|Registered Nurses|Assess patient health problems and "needs".',
        "31-1121.00|Home Health Aides|Monitor the health status of an individual."),
    "Job Zones.txt": tsv("O*NET-SOC Code|Job Zone|Date|Domain Source",
                         "29-1141.00|3|08/2023|Analyst", "31-1121.00|2|08/2023|Analyst"),
    "Education, Training, and Experience Categories.txt": tsv(
        "Element ID|Element Name|Scale ID|Category|Category Description",
        "2.D.1|Required Level of Education|RL|2|High School Diploma - or the equivalent (for "
        "example, GED)",
        "2.D.1|Required Level of Education|RL|3|Post-Secondary Certificate - awarded for",
        "2.D.1|Required Level of Education|RL|5|Associate's Degree (or other 2-year degree)",
        "2.D.1|Required Level of Education|RL|6|Bachelor's Degree",
        "3.A.1|Related Work Experience|RW|2|Up to and including 1 month"),
    "Education, Training, and Experience.txt": tsv(
        ETE_HEAD,
        "29-1141.00|2.D.1|Required Level of Education|RL|3|22.5|20|||N|08/2023|Incumbent",
        "29-1141.00|2.D.1|Required Level of Education|RL|5|30|20|||N|08/2023|Incumbent",
        "29-1141.00|2.D.1|Required Level of Education|RL|6|47.5|20|||N|08/2023|Incumbent",
        "29-1141.00|3.A.1|Related Work Experience|RW|2|60|20|||N|08/2023|Incumbent",
        "31-1121.00|2.D.1|Required Level of Education|RL|2|50|20|||N|08/2023|Incumbent",
        "31-1121.00|2.D.1|Required Level of Education|RL|3|50|20|||N|08/2023|Incumbent"),
    "Interests.txt": tsv(
        "O*NET-SOC Code|Element ID|Element Name|Scale ID|Data Value|Date|Domain Source",
        "29-1141.00|1.B.1.d|Social|OI|5.62|11/2023|Machine Learning",
        "29-1141.00|1.B.1.a|Realistic|OI|3.66|11/2023|Machine Learning",
        "29-1141.00|1.B.1.g|First Interest High-Point|IH|4|11/2023|Machine Learning"),
    "Skills.txt": tsv(
        SKILL_HEAD,
        "29-1141.00|2.A.1.a|Reading Comprehension|IM|4|8|0.1|3.8|4.2|N||08/2023|Analyst",
        "29-1141.00|2.A.1.a|Reading Comprehension|LV|4.38|8|0.1|4|4.7|N|N|08/2023|Analyst",
        "29-1141.00|2.A.2.a|Mathematics|IM|2.75|8|0.2|2.4|3.1|N||08/2023|Analyst",
        "29-1141.00|2.A.2.a|Mathematics|LV|2.9|8|1.9|0|6|Y|N|08/2023|Analyst"),
    "Related Occupations.txt": tsv(
        "O*NET-SOC Code|Related O*NET-SOC Code|Relatedness Tier|Index",
        "29-1141.00|29-2061.00|Primary-Short|1",  # not in this small set: kept as a code
        "29-1141.00|31-1121.00|Primary-Long|2"),
    "Alternate Titles.txt": tsv(
        "O*NET-SOC Code|Alternate Title|Short Title|Source(s)",
        "29-1141.00|Registered Nurse (RN)|RN|02,04",
        "29-1141.00|Staff Nurse||10",
        "29-1141.00|Registered Nurse (RN)|RN|08",  # O*NET lists some titles twice
        "31-1121.00|Home Care Aide||10"),
    "Read Me.txt": "O*NET 29.3 Database\nMay 2025 Release\n",
}


def make(folder, tables=TABLES, gz=()):
    for name, text in tables.items():
        write(folder / name, text, gz=name in gz)
    return folder


def read(path):
    problems = Problems()
    release = read_onet(find_datasets(path)[ONET], problems)
    problems.raise_if_any()
    return release


def test_reads_every_table(tmp_path):
    release = read(make(tmp_path, gz={"Skills.txt"}))
    assert release.version == "29.3"
    nurses, aides = release.occupations
    assert nurses.title == "Registered Nurses"
    assert nurses.description == 'Assess patient health problems and "needs".'
    assert nurses.job_zone == 3
    assert [(e.category, e.label, e.percent) for e in nurses.education] == [
        (3, "Post-Secondary Certificate", 22.5),
        (5, "Associate's Degree (or other 2-year degree)", 30.0),
        (6, "Bachelor's Degree", 47.5)]
    assert nurses.typical_education == "Bachelor's Degree"
    # A tie goes to the lower level.
    assert aides.typical_education == "High School Diploma or the equivalent"
    assert list(nurses.interests.items()) == [("R", 3.66), ("S", 5.62)]  # in RIASEC order
    skills = {s.element_id: s for s in release.skills}
    assert skills["2.A.1.a"].importance == Decimal("4")
    assert skills["2.A.1.a"].level == Decimal("4.38")
    assert skills["2.A.2.a"].level is None  # O*NET recommends suppressing this estimate
    assert [(r.related_code, r.tier, r.index) for r in release.related] == [
        ("29-2061.00", "Primary-Short", 1), ("31-1121.00", "Primary-Long", 2)]
    assert [(t.occupation, t.title, t.short_title) for t in release.alternate_titles] == [
        ("29-1141.00", "Registered Nurse (RN)", "RN"), ("29-1141.00", "Staff Nurse", ""),
        ("31-1121.00", "Home Care Aide", "")]  # a title listed twice is kept once


def test_reads_the_zip_as_downloaded(tmp_path):
    archive = tmp_path / "db_29_3_text.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, text in TABLES.items():
            if name != "Read Me.txt":
                zipped.writestr(f"db_29_3_text/{name}", text)
    release = read(archive)
    assert release.version == "29.3"  # from the zip's name when there is no read-me
    assert len(release.occupations) == 2 and len(release.skills) == 2


def bad(tmp_path, name, old, new):
    tables = dict(TABLES)
    tables[name] = tables[name].replace(old.replace("|", "\t"), new.replace("|", "\t"), 1)
    with pytest.raises(InputError) as caught:
        read(make(tmp_path, tables))
    return caught.value.problems


def test_malformed_number(tmp_path):
    [problem] = bad(tmp_path, "Skills.txt", "|4.38|", "|4,3x|")
    assert (problem.source, problem.line, problem.field) == ("Skills.txt", 3, "Data Value")


def test_value_outside_its_scale(tmp_path):
    [problem] = bad(tmp_path, "Skills.txt", "|IM|4|", "|IM|6|")
    assert (problem.line, problem.field) == (2, "Data Value")
    assert "outside 1-5" in problem.message


def test_bad_code(tmp_path):
    [problem] = bad(tmp_path, "Job Zones.txt", "31-1121.00|2", "31-1121.0|2")
    assert (problem.source, problem.line, problem.field) == (
        "Job Zones.txt", 3, "O*NET-SOC Code")


def test_rating_for_an_occupation_not_in_occupation_data(tmp_path):
    [problem] = bad(tmp_path, "Interests.txt", "29-1141.00|1.B.1.a", "11-1011.00|1.B.1.a")
    assert (problem.line, problem.field) == (3, "O*NET-SOC Code")
    assert "not in Occupation Data" in problem.message


def test_missing_column(tmp_path):
    [problem] = bad(tmp_path, "Occupation Data.txt", "|Title|", "|Name|")
    assert (problem.source, problem.line, problem.field) == ("Occupation Data.txt", 1, "Title")


def test_alternate_title_problems_name_file_line_and_field(tmp_path):
    [problem] = bad(tmp_path, "Alternate Titles.txt", "29-1141.00|Staff Nurse|",
                    "11-1011.00|Staff Nurse|")
    assert (problem.source, problem.line, problem.field) == (
        "Alternate Titles.txt", 3, "O*NET-SOC Code")
    assert "not in Occupation Data" in problem.message
    [problem] = bad(tmp_path, "Alternate Titles.txt", "|Staff Nurse|", "||")
    assert (problem.line, problem.field, problem.message) == (
        3, "Alternate Title", "empty alternate title")
    [problem] = bad(tmp_path, "Alternate Titles.txt", "|Staff Nurse|", "|" + "x" * 251 + "|")
    assert (problem.line, problem.field) == (3, "Alternate Title")
    assert "longer than 250" in problem.message


def test_alternate_titles_are_optional(tmp_path):
    tables = {k: v for k, v in TABLES.items() if k != "Alternate Titles.txt"}
    assert read(make(tmp_path, tables)).alternate_titles == []
