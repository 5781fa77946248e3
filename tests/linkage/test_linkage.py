"""The linkage engine on hand-made partner files: who is the same person, and why not."""

from __future__ import annotations

import pandas as pd
import pytest

from pathways.core.errors import InputError
from pathways.linkage import (
    candidates_for,
    clean_name,
    link_records,
    parse_model,
    person_model,
    shipped_models,
    standardise,
    token,
)
from pathways.linkage.model import DEFINITIONS_DIR

COLLEGE = pd.DataFrame([
    {"record_id": "A1", "source": "college", "first_name": "María", "last_name": "García-López",
     "birth_date": "1990-04-02", "zip": "40502-1234", "phone": "(859) 555-0101"},
    {"record_id": "A2", "source": "college", "first_name": "John", "last_name": "Smith",
     "birth_date": "19850101", "zip": "40503"},
    {"record_id": "A3", "source": "college", "first_name": "Ana", "last_name": "Lopez",
     "birth_date": "2000-12-12", "zip": "40511"},
])
ADULT_ED = pd.DataFrame([
    # The same María: no accents, no hyphen, U.S. date order, ZIP without +4.
    {"record_id": "B7", "source": "adulted", "first_name": "Maria", "last_name": "Garcia Lopez",
     "birth_date": "04/02/1990", "zip": "40502"},
    # The same John, a nickname spelling, no ZIP but the same birth date.
    {"record_id": "B8", "source": "adulted", "first_name": "Jon", "last_name": "Smith",
     "birth_date": "1985-01-01"},
    # Not Ana: same birth date and ZIP, different person.
    {"record_id": "B9", "source": "adulted", "first_name": "Luis", "last_name": "Perez",
     "birth_date": "2000-12-12", "zip": "40511"},
    # A typo in the birth date (one digit) with everything else the same as A3's name.
    {"record_id": "B10", "source": "adulted", "first_name": "Ana", "last_name": "Lopez",
     "birth_date": "2000-12-13", "zip": "40511"},
])


def clean(frame: pd.DataFrame, name: str = "file.csv") -> pd.DataFrame:
    problems = []
    out = standardise(frame, name, problems)
    assert problems == []
    return out


def test_names_dates_and_numbers_are_standardised():
    assert clean_name("  María-José  GARCÍA ") == "maria jose garcia"
    assert clean_name("O'Brien") == "o brien"
    assert clean_name("") is None
    out = clean(COLLEGE)
    assert list(out["birth_date"]) == ["1990-04-02", "1985-01-01", "2000-12-12"]
    assert out.loc[0, "zip"] == "40502"
    assert out.loc[0, "phone"] == "8595550101"
    assert list(out["unique_id"]) == ["college:A1", "college:A2", "college:A3"]


def test_two_partners_files_link_into_people():
    result = link_records([clean(COLLEGE), clean(ADULT_ED)], person_model())
    person = dict(zip(result.clusters["unique_id"], result.clusters["person_id"], strict=True))
    assert person["college:A1"] == person["adulted:B7"]  # María
    assert person["college:A2"] == person["adulted:B8"]  # John
    assert person["college:A3"] == person["adulted:B10"]  # Ana, birth date typo
    assert person["adulted:B9"] != person["college:A3"]  # Luis is not Ana
    assert result.people == 4
    linked = result.pairs[result.pairs["decision"] == "link"]
    assert {("adulted:B7", "college:A1"), ("adulted:B8", "college:A2")} <= set(
        zip(linked["unique_id_l"], linked["unique_id_r"], strict=True))


def test_outputs_hold_ids_and_probabilities_only():
    result = link_records([clean(COLLEGE), clean(ADULT_ED)], person_model())
    assert list(result.pairs.columns) == ["unique_id_l", "unique_id_r", "match_probability",
                                          "match_weight", "decision"]
    assert list(result.clusters.columns) == ["unique_id", "person_id"]


def test_one_file_is_deduplicated():
    twice = pd.concat([COLLEGE, COLLEGE.assign(record_id=["X1", "X2", "X3"])])
    result = link_records([clean(twice)], person_model())
    assert result.people == 3


def test_a_new_intake_record_finds_its_match_first():
    new = clean(pd.DataFrame([{"record_id": "new", "source": "intake", "first_name": "Maria",
                               "last_name": "Garcia-Lopez", "birth_date": "1990-04-02"}]))
    known = pd.concat([clean(COLLEGE), clean(ADULT_ED)], ignore_index=True)
    found = candidates_for(new, known, person_model())
    assert set(found["unique_id"][:2]) == {"adulted:B7", "college:A1"}
    assert (found["decision"] == "link").sum() == 2
    nobody = clean(pd.DataFrame([{"record_id": "n2", "source": "intake", "first_name": "Zed",
                                  "last_name": "Quill", "birth_date": "1970-07-07"}]))
    assert candidates_for(nobody, known, person_model()).empty


def test_bad_person_files_name_the_line_and_field():
    bad = pd.DataFrame([
        {"record_id": "1", "source": "s", "birth_date": "1990-13-45", "ssn": "x"},
        {"record_id": "1", "source": "s", "birth_date": "1990-01-01", "ssn": "y"},
        {"record_id": None, "source": "s", "birth_date": "", "ssn": "z"},
    ])
    problems = []
    standardise(bad, "people.csv", problems)
    text = [str(p) for p in problems]
    assert any("field 'ssn'" in t and "unknown column" in t for t in text)
    assert any("line 2" in t and "birth_date" in t and "not a date" in t for t in text)
    assert any("line 3" in t and "appears twice" in t for t in text)
    assert any("line 4" in t and "record_id is empty" in t for t in text)
    problems = []
    standardise(pd.DataFrame([{"first_name": "x"}]), "nosource.csv", problems)
    assert {p.field for p in problems} >= {"record_id", "source"}


def test_shipped_model_validates():
    assert [p.name for p in shipped_models()] == ["person.yaml"]
    model = person_model()
    assert model.link_threshold > model.review_threshold
    assert model.columns[:2] == ("first_name", "last_name")


BAD_MODEL = """format: 1
key: person
version: "1"
title: t
prior: {matched_share: 2, at_most: 0.1}
thresholds: {link: 0.5, review: 0.9}
blocking:
  - [shoe_size]
comparisons:
  - column: first_name
    method: name
    thresholds: [0.7, 0.9]
    m: [0.5, 0.5]
    u: [0.5, 0.5, 0.0, 0.0]
  - column: birth_date
    method: fuzzy
extra: 1
"""


def test_a_bad_model_lists_every_problem_with_its_line():
    with pytest.raises(InputError) as caught:
        parse_model(DEFINITIONS_DIR / "bad.yaml", BAD_MODEL)
    text = str(caught.value)
    # List entries are named by their place: the column of a rule, the probability at fault.
    for expected in ("line 5, field 'prior.matched_share'", "line 6, field 'thresholds.review'",
                     "line 8, field 'blocking[0][0]'", "field 'comparisons[0].thresholds'",
                     "line 13, field 'comparisons[0].m'", "line 14, field 'comparisons[0].u[2]'",
                     "line 16, field 'comparisons[1].method'", "line 17, field 'extra'"):
        assert expected in text, expected


def test_tokens_join_equal_values_and_hide_them():
    key = b"partnership-secret-1234"
    assert token("123-45-6789", key) == token("123 45 6789", key)
    assert token("123-45-6789", key) != token("123-45-6788", key)
    assert token("123-45-6789", key) != token("123-45-6789", b"another-secret-56789")
    assert "6789" not in token("123-45-6789", key)
    with pytest.raises(ValueError, match="at least 16 bytes"):
        token("1", b"short")


def test_a_broken_shipped_model_stops_start_up(tmp_path, monkeypatch):
    from pathways.apps.exchange.checks import check_linkage_models

    assert check_linkage_models() == []
    broken = tmp_path / "person.yaml"
    broken.write_text("format: 1\nkey: person\n")
    monkeypatch.setattr("pathways.linkage.shipped_models", lambda: [broken])
    errors = check_linkage_models()
    assert errors and {e.id for e in errors} == {"pathways.E004"}


def test_model_options_are_checked_where_they_apply():
    options = "    nicknames: true\n    changed_when_agree: [zip]\n"
    text = person_model_text().replace(
        "    method: date\n", "    method: date\n" + options, 1
    ).replace("changed_when_agree: [first_name, birth_date]",
              "changed_when_agree: [last_name, shoe]")
    with pytest.raises(InputError) as caught:
        parse_model(DEFINITIONS_DIR / "bad.yaml", text)
    message = str(caught.value)
    assert "only name comparisons have nicknames" in message
    assert "only name comparisons have changed_when_agree" in message
    assert "lists other columns, not the one compared" in message
    assert "changed_when_agree[1]" in message


def person_model_text() -> str:
    return (DEFINITIONS_DIR / "person.yaml").read_text(encoding="utf-8")


def test_a_day_and_month_swap_a_nickname_and_a_married_surname_are_their_own_levels():
    from pathways.linkage.comparisons import nickname_groups

    assert set(nickname_groups()["bill"]) & set(nickname_groups()["william"])
    model = person_model()
    levels = {item.column: item.levels for item in model.comparisons}
    assert levels["birth_date"] == 5 and levels["first_name"] == 5 and levels["last_name"] == 5
    known = clean(pd.DataFrame([
        {"record_id": "1", "source": "registry", "first_name": "William",
         "last_name": "Okonkwo", "birth_date": "1990-04-02", "zip": "40502"},
        {"record_id": "2", "source": "registry", "first_name": "Xiomara",
         "last_name": "Quintero", "birth_date": "1985-06-11", "zip": "40511"},
    ]))
    new = clean(pd.DataFrame([
        # Bill for William, and the birth date written day first.
        {"record_id": "a", "source": "agency", "first_name": "Bill", "last_name": "Okonkwo",
         "birth_date": "1990-02-04", "zip": "40502"},
        # Xiomara married and moved: only her rare first name and birth date agree.
        {"record_id": "b", "source": "agency", "first_name": "Xiomara",
         "last_name": "Benavides", "birth_date": "1985-06-11", "zip": "40999"},
    ]))
    result = link_records([new, known], model)
    links = result.pairs[result.pairs["decision"] == "link"]
    assert set(zip(links["unique_id_l"], links["unique_id_r"], strict=True)) == {
        ("agency:a", "registry:1"), ("agency:b", "registry:2")}
