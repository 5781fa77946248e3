"""Partner files, person keys after review and the joined dataset: no database."""

from __future__ import annotations

import datetime as dt

import pytest

from pathways.apps.linking.partner_files import (
    joined_inputs,
    keyed_wages,
    partner_ids,
    read_partner_file,
    read_partner_files,
)
from pathways.apps.linking.people import (
    MATCH,
    NOT_MATCH,
    compare,
    conflicts,
    masked,
    person_keys,
)
from pathways.core.errors import InputError
from pathways.linkage import link_records, person_model
from pathways.metrics import Window, run_measures
from tests.linking.files import ADULT_ED, COLLEGE, FILES, PAIRS


def problems_of(data: str, label: str = "college", name: str = "college.csv") -> list[str]:
    with pytest.raises(InputError) as caught:
        read_partner_file(data.encode(), label, name)
    return [str(p) for p in caught.value.problems]


def test_a_partner_file_splits_into_people_and_pirl_rows():
    [college, adulted, _ajc] = read_partner_files(FILES)
    assert list(college.people["unique_id"]) == ["college:A1", "college:A2", "college:A3"]
    assert college.people.loc[0, "last_name"] == "garcia lopez"
    assert college.people.loc[0, "zip"] == "40502"
    # No 100 in the file: each record is its own person until linkage joins it.
    assert list(college.pirl["100"]) == ["A1", "A2", "A3"] and not college.own_ids
    assert "910" in adulted.pirl.columns and "first_name" not in adulted.pirl.columns


def test_bad_partner_files_name_file_line_and_column():
    text = problems_of("record_id,first_name,birth_date,900,shoe\n"
                       "1,Ann,1990-13-01,20220101,x\n1,Bo,,2022-02-30,y\n")
    assert any("line 1" in t and "'shoe'" in t and "unknown column" in t for t in text)
    assert any("line 2" in t and "birth_date" in t and "not a date" in t for t in text)
    assert any("line 3" in t and "appears twice" in t for t in text)
    pirl = problems_of("record_id,900,903\nA,20220101,7\nB,,1\n")
    assert any("line 2" in t and "'903'" in t and "code" in t for t in pirl)
    assert any("line 3" in t and "'900'" in t and "blank" in t for t in pirl)
    assert any("header line but no records" in t
               for t in problems_of("record_id,900\n"))
    assert any("empty" in t for t in problems_of(""))
    with pytest.raises(InputError) as caught:
        read_partner_file(b"record_id,900\n\xe9,20220101\n", "college", "latin.csv")
    assert "not UTF-8" in str(caught.value.problems[0])
    wrong_source = problems_of("record_id,source,900\nA,adulted,20220101\n")
    assert any("line 2" in t and "source" in t and "'college'" in t for t in wrong_source)
    twice = problems_of("record_id,900,900\nA,20220101,20220101\n")
    assert any("appears twice in the header" in t for t in twice)
    assert any("lower-case" in t for t in problems_of(COLLEGE, label="The College"))


def test_two_files_may_not_share_a_label():
    with pytest.raises(InputError) as caught:
        read_partner_files([(COLLEGE.encode(), "x", "a.csv"), (ADULT_ED.encode(), "x",
                                                                "b.csv")])
    assert "also given for a.csv" in str(caught.value.problems[0])


def test_person_keys_follow_the_model_until_someone_decides():
    files = read_partner_files(FILES)
    result = link_records([f.people for f in files], person_model())
    records = [uid for f in files for uid in f.people["unique_id"]]
    pairs = [(p.unique_id_l, p.unique_id_r, p.decision, "")
             for p in result.pairs.itertuples()]
    keys = person_keys(records, pairs)
    assert keys == dict(zip(result.clusters["unique_id"], result.clusters["person_id"],
                            strict=True))
    # The reviewer's decisions, on the pairs the loop's tests fix (tests/linking/files.py).
    pairs = [(a, b, d, "") for a, b, _p, d in PAIRS]
    keys = person_keys(records, pairs)
    assert keys["workforce:W1"] == "workforce:W1"
    # The reviewer says Mary at the job center is María: one person in three records.
    decided = [(a, b, s, MATCH if (a, b) == ("adulted:B7", "workforce:W1") else "")
               for a, b, s, _d in pairs]
    keys = person_keys(records, decided)
    assert keys["workforce:W1"] == keys["college:A1"] == "adulted:B7"
    # A "not a match" cuts a model's link; another pair joining them is a conflict.
    cut = [(a, b, s, NOT_MATCH if (a, b) == ("adulted:B7", "college:A1") else d)
           for a, b, s, d in decided]
    keys = person_keys(records, cut)
    assert keys["college:A1"] == "college:A1" and keys["workforce:W1"] == "adulted:B7"
    assert conflicts(keys, cut) == []
    both = [*cut[:1], *[(a, b, s, MATCH if b == "workforce:W1" else d)
                        for a, b, s, d in cut[1:]]]
    keys = person_keys(records, both)
    assert conflicts(keys, both) == [("adulted:B7", "college:A1")]


def test_a_partners_own_person_id_joins_its_records():
    data = ("record_id,100,first_name,900,901\nR1,P9,Ann,20220101,20220301\n"
            "R2,P9,Anne,20230101,20230301\nR3,P8,Bo,20220101,\n")
    [file] = read_partner_files([(data.encode(), "college", "c.csv")])
    assert file.own_ids and partner_ids([file]) == [["college:R1", "college:R2"]]
    keys = person_keys(file.people["unique_id"], [], partner_ids([file]))
    assert keys["college:R2"] == "college:R1" and keys["college:R3"] == "college:R3"


def test_a_pair_is_compared_field_by_field_and_masked_for_most_roles():
    left = {"first_name": "maria", "last_name": "garcia lopez", "birth_date": "1990-04-02",
            "zip": "40502", "phone": "8595550101", "email": None}
    right = {"first_name": "mary", "last_name": "garcia", "birth_date": "1990-04-12",
             "zip": "40509", "phone": None, "email": "m@x.org"}
    rows = {f.field: f for f in compare(left, right, show=False)}
    assert rows["first_name"].agreement in {"close", "similar"}
    assert rows["birth_date"].agreement == "close"  # one typed digit
    swapped = compare({"birth_date": "2001-03-04"}, {"birth_date": "2001-04-03"}, True)
    assert swapped[2].agreement == "close"
    assert rows["zip"].agreement == "different" and rows["phone"].agreement == "unknown"
    assert rows["first_name"].left == "m••••" and rows["last_name"].left == "g••••• l••••"
    assert rows["birth_date"].right == "1990-••-••" and rows["zip"].left == "405••"
    assert rows["phone"].left == "••••••0101" and rows["email"].right == "m•••@x.org"
    full = {f.field: f for f in compare(left, right, show=True)}
    assert full["first_name"].left == "maria"
    assert masked("zip", None) == ""


def test_co_enrolled_people_are_one_participant_in_the_totals():
    files = read_partner_files(FILES)
    records = [uid for f in files for uid in f.people["unique_id"]]
    pairs = [(a, b, d, "") for a, b, _p, d in PAIRS]
    inputs = joined_inputs(files, person_keys(records, pairs), "joined")
    assert inputs.periods["e100"].nunique() == 6  # María, John, Ana, Luis, Mary?, Luis P.
    run = run_measures(inputs, None, Window(dt.date(2022, 7, 1), dt.date(2024, 6, 30),
                                            dt.date(2025, 1, 15)), threshold=1)
    table = run.unsuppressed
    cell = table[(table["measure"] == "employment_q2") & (table["dimension"] == "all")]
    # Nine records, six people; overlapping records of one person are one period.
    assert int(cell["denominator"].iloc[0]) == 6
    programs = table[(table["measure"] == "employment_q2")
                     & (table["dimension"] == "program")].set_index("group")
    # Each program still counts its own: María, John, Ana, Luis in adult education.
    assert int(programs.loc["adult_education", "denominator"]) == 4
    assert int(programs.loc["adult", "denominator"]) == 2
    providers = set(table[table["dimension"] == "provider"]["group"])
    assert providers <= {"college", "adulted", "workforce"} and providers


def test_wage_rows_of_any_of_a_persons_records_are_put_under_the_person_key():
    import pandas as pd

    wages = pd.DataFrame({"person": ["college:A1", "adulted:B7", "adulted:B7", "x:9"],
                          "q": [8090, 8090, 8091, 8090], "employer": ["E1", "E1", "E1", "E1"],
                          "cents": [100, 50, 70, 5]})
    keyed = keyed_wages(wages, {"college:A1": "adulted:B7", "adulted:B7": "adulted:B7"})
    rows = {(r.person, r.q): r.cents for r in keyed.itertuples()}
    assert rows == {("adulted:B7", 8090): 150, ("adulted:B7", 8091): 70, ("x:9", 8090): 5}
