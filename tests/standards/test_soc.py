from pathways.standards import Problems, read_soc_structure
from tests.standards.helpers import problems_of, source, write

PHYSICIANS = """
soc_group,soc_code,soc_title,soc_definition
Major,29-0000,Healthcare Practitioners and Technical Occupations,
Minor,29-1000,Healthcare Diagnosing or Treating Practitioners,
Broad,29-1210,Physicians,
Detailed,29-1218,Obstetricians and Gynecologists,"Provide care, including ""quoted"" words."
Detailed,29-1221,"Pediatricians, General",Diagnose and treat children.
Detailed,29-1229,"Physicians, All Other",All physicians not listed separately.
Broad,29-1240,Surgeons,
Detailed,29-1241,"Ophthalmologists, Except Pediatric",
Major,31-0000,Healthcare Support Occupations,
Minor,31-1100,"Home Health and Personal Care Aides; and Nursing Assistants, Orderlies",
Broad,31-1120,Home Health and Personal Care Aides,
Detailed,31-1121,Home Health Aides,
"""


def read(path):
    problems = Problems()
    groups = read_soc_structure(source(path), problems)
    assert not problems, problems.items
    return {g.code: g for g in groups}


def test_parents_follow_the_outline_not_the_digits(tmp_path):
    groups = read(write(tmp_path / "soc_2018_structure.csv", PHYSICIANS))
    # The digits would suggest a "29-1220" group; the outline puts them under Physicians.
    assert groups["29-1221"].parent == "29-1210"
    assert groups["29-1229"].parent == "29-1210"
    assert groups["29-1241"].parent == "29-1240"
    assert groups["29-1210"].parent == "29-1000"
    assert groups["29-1000"].parent == "29-0000"
    assert groups["29-0000"].parent is None
    assert groups["31-1121"].parent == "31-1120"
    assert groups["29-1229"].level == "detailed" and groups["29-1210"].level == "broad"
    assert groups["29-1218"].definition == 'Provide care, including "quoted" words.'


def test_a_level_left_out_attaches_to_the_next_group_up(tmp_path):
    # The bundled subset has no minor group 15-1200 between 15-0000 and 15-1250.
    text = ("soc_group,soc_code,soc_title\nMajor,15-0000,Computer and Mathematical\n"
            "Broad,15-1250,Software Developers\nDetailed,15-1252,Software Developers\n")
    groups = read(write(tmp_path / "soc.csv", text))
    assert groups["15-1250"].parent == "15-0000"
    assert groups["15-1252"].parent == "15-1250"


def test_bad_rows_name_file_line_and_column(tmp_path):
    text = ("soc_group,soc_code,soc_title\nMajor,29-0000,Healthcare\n"
            "Detailed,29-12X1,Bad code\nGroup,29-1000,Unknown level\n"
            "Detailed,31-1121,Outside its major group\nMajor,29-0000,Again\n")
    found = problems_of(read_soc_structure, source(write(tmp_path / "soc.csv", text)))
    where = [(p.source, p.line, p.field) for p in found]
    assert where == [("soc.csv", 3, "soc_code"), ("soc.csv", 4, "soc_group"),
                     ("soc.csv", 5, "soc_code"), ("soc.csv", 6, "soc_code")]
    assert "not a SOC code" in found[0].message
    assert "does not follow" in found[2].message
    assert "already appears on line 2" in found[3].message


def test_missing_column(tmp_path):
    path = write(tmp_path / "soc.csv", "soc_group,code_of_soc,soc_title\nMajor,29-0000,X\n")
    [problem] = problems_of(read_soc_structure, source(path))
    assert (problem.source, problem.line, problem.field) == ("soc.csv", 1, "soc_code")
    assert "missing column" in problem.message


def test_a_nul_character_is_refused_with_its_line_and_column(tmp_path):
    """PostgreSQL refuses a text value with byte 0: the reader names it instead."""
    text = PHYSICIANS.replace("Physicians,\n", "Physi\x00cians,\n", 1)
    path = write(tmp_path / "soc_2018_structure.csv", text)
    problems = Problems()
    read_soc_structure(source(path), problems)
    found = [str(p) for p in problems.items]
    assert any("NUL" in p and "line 4" in p and "soc_title" in p for p in found), found
