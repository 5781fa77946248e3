from pathways.standards import Problems, read_cip_codes, read_cip_soc_crosswalk
from tests.standards.helpers import problems_of, source, write

NCES = '''"CIPFamily","CIPCode","Action","TextChange","CIPTitle","CIPDefinition"
="51",="51","No substantive changes",yes,"HEALTH PROFESSIONS.","Programs in health."
="51",="51.38","No substantive changes",no,"Registered Nursing.","Nursing."
="51",="51.3801","No substantive changes",no,"Registered Nursing/Registered Nurse.","RN."
="01",="01.0309","Moved from",no,"Viticulture and Enology.","Moved from 01.0309 to 01.1004"
="01",="01.1004","Moved to",no,"Viticulture and Enology.","A program that focuses on wine."
="45",="45.14","Deleted",no,"Rural Sociology.","Deleted, Report under 45.1103"
="1",="1.0101","New",no,"Agricultural Business.","Leading zero lost."
'''


def test_reads_the_nces_file_with_excel_formula_codes(tmp_path):
    problems = Problems()
    codes = read_cip_codes(source(write(tmp_path / "CIPCode2020.csv", NCES)), problems)
    assert not problems
    # The old place of a moved code and a deleted code are left out; the new place stays.
    assert [(c.code, c.level) for c in codes] == [
        ("51", 2), ("51.38", 4), ("51.3801", 6), ("01.1004", 6), ("01.0101", 6)]
    assert codes[2].title == "Registered Nursing/Registered Nurse."


def test_crosswalk_skips_no_match_markers_and_repeats(tmp_path):
    text = ("cip2020_code,cip2020_title,soc2018_code,soc2018_title\n"
            "51.3801,RN,29-1141,Registered Nurses\n51.3801,RN,29-1141,Registered Nurses\n"
            "01.0508,Taxidermy,99-9999,NO MATCH\n99.9999,NO MATCH,11-1031,Legislators\n"
            '="51.0601",Dental assisting,31-9091,Dental Assistants\n')
    problems = Problems()
    links = read_cip_soc_crosswalk(source(write(tmp_path / "x.csv", text)), problems)
    assert not problems
    assert [(x.cip, x.soc) for x in links] == [("51.3801", "29-1141"), ("51.0601", "31-9091")]


def test_bad_codes_are_reported_with_line_and_column(tmp_path):
    text = ("cip2020_code,cip2020_title,soc2018_code,soc2018_title\n"
            "51.38O1,RN,29-1141,Registered Nurses\n51.3801,RN,291141,Registered Nurses\n")
    found = problems_of(read_cip_soc_crosswalk, source(write(tmp_path / "x.csv", text)))
    assert [(p.line, p.field) for p in found] == [(2, "cip2020_code"), (3, "soc2018_code")]
    assert "not a CIP code: '51.38O1'" in found[0].message


def test_codes_file_needs_a_title_column(tmp_path):
    path = write(tmp_path / "cip_2020.csv", "cip_code,title_of_program\n51.3801,RN\n")
    [problem] = problems_of(read_cip_codes, source(path))
    assert (problem.source, problem.line, problem.field) == ("cip_2020.csv", 1, "cip_title")
