from decimal import Decimal

from pathways.standards import Problems, read_oews
from pathways.standards.oews import vintage_of
from pathways.standards.tables import Listed
from tests.standards.helpers import problems_of, source, write

HEADER = ("AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,"
          "H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,"
          "A_MEDIAN,A_PCT75,A_PCT90,JOBS_1000,LOC_QUOTIENT,ANNUAL,HOURLY,FOOTNOTES\n")
AIDES = ("21,Kentucky,2,KY,31-1120,Home Health and Personal Care Aides,detailed,31260,3.0,"
         "18.53,38540,1.9,13.52,14.88,17.52,21.85,23.60,28110,30950,36440,45450,49080,"
         "15.630,0.56,,,\n")


def read(tmp_path, body, name="oews_may2025_state.csv"):
    problems = Problems()
    rows = read_oews(source(write(tmp_path / name, HEADER + body)), problems)
    assert not problems, problems.items
    return rows


def test_a_plain_row(tmp_path):
    [row] = read(tmp_path, AIDES)
    assert (row.area, row.occ_code, row.employment) == ("21", "31-1120", 31260)
    assert row.hourly_median == Decimal("17.52")
    assert (row.annual_p10, row.annual_median, row.annual_p90) == (28110, 36440, 49080)
    assert row.top_coded == () and not row.hourly_only and not row.annual_only


def test_markers_and_flags(tmp_path):
    body = (
        # '#' = at or above the top code; '**' = employment not released
        "1,Alabama,2,AL,29-1214,Emergency Medicine Physicians,detailed,**,1.1,#,#,0.1,"
        "#,#,#,#,#,#,#,#,#,#,0.041,0.19,,,5\n"
        # only hourly wages published (actors); '*' = not available
        "99,U.S.,1,US,27-2011,Actors,detailed,55000,17.7,58.29,*,8.4,16.50,20.34,29.05,"
        "97.95,143.68,*,*,*,*,*,,,,TRUE,4\n"
        # only annual wages published (teachers)
        "99,U.S.,1,US,25-1000,Postsecondary Teachers,minor,1370560,0.2,*,103470,0.3,*,*,*,"
        "*,*,48230,62500,82250,125700,177070,,,TRUE,,4\n"
        # metro areas are not loaded
        "10180,\"Abilene, TX\",4,TX,31-1120,Aides,detailed,100,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
        "1,1,,,\n")
    surgeons, actors, teachers = read(tmp_path, body)
    assert surgeons.area == "01"  # a FIPS code that lost its leading zero
    assert surgeons.employment is None and surgeons.annual_median is None
    assert "annual_median" in surgeons.top_coded and "hourly_median" in surgeons.top_coded
    assert actors.hourly_only and actors.annual_median is None
    assert actors.hourly_median == Decimal("29.05") and actors.top_coded == ()
    assert teachers.annual_only and teachers.annual_median == 82250
    assert teachers.hourly_median is None


def test_malformed_number_and_bad_code(tmp_path):
    body = AIDES.replace("36440", "3644O") + AIDES.replace("31-1120", "31-112")
    found = problems_of(read_oews, source(write(tmp_path / "oews.csv", HEADER + body)))
    assert [(p.source, p.line, p.field) for p in found] == [
        ("oews.csv", 2, "A_MEDIAN"), ("oews.csv", 3, "OCC_CODE")]
    assert "not a number: '3644O'" in found[0].message


def test_negative_wage_and_bad_flag(tmp_path):
    body = AIDES.replace("28110", "-5").replace(",,,\n", ",maybe,,\n")
    found = problems_of(read_oews, source(write(tmp_path / "oews.csv", HEADER + body)))
    assert [(p.line, p.field) for p in found] == [(2, "A_PCT10"), (2, "ANNUAL")]


def test_missing_column(tmp_path):
    path = write(tmp_path / "oews.csv", HEADER.replace("A_MEDIAN", "A_MIDDLE") + AIDES)
    [problem] = problems_of(read_oews, source(path))
    assert (problem.line, problem.field) == (1, "A_MEDIAN")


def test_the_same_row_in_two_files_is_reported(tmp_path):
    problems, listed = Problems(), Listed()
    read_oews(source(write(tmp_path / "a.csv", HEADER + AIDES)), problems, listed)
    read_oews(source(write(tmp_path / "b.csv", HEADER + AIDES)), problems, listed)
    [problem] = problems.items
    assert (problem.source, problem.line) == ("b.csv", 2)
    assert "already appears in a.csv line 2" in problem.message


def test_vintage_from_the_file_name():
    assert vintage_of("oews_may2025_national.csv") == "May 2025"
    assert vintage_of("state_M2024_dl.csv") == "state_M2024_dl"
