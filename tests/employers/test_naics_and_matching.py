"""NAICS 2022 codes are checked against the real sector and subsector list; typed employer
names match an organisation only when sure."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pathways.apps.employers import naics
from pathways.apps.employers.matching import index, normalise


@pytest.mark.parametrize("code", ["62", "622", "622110", "31", "33", "336111", "44", "45",
                                  "449210", "48", "493", "92", "813910"])
def test_real_codes_pass(code):
    assert naics.problem(code) is None


@pytest.mark.parametrize("code, why", [
    ("6", "2 to 6 digits"), ("6221101", "2 to 6 digits"), ("62a", "2 to 6 digits"),
    ("", "2 to 6 digits"), ("٦٢", "2 to 6 digits"),  # Arabic-Indic digits are not NAICS
    ("10", "10 is not a NAICS 2022 sector"), ("34", "34 is not a NAICS 2022 sector"),
    ("43", "43 is not a NAICS 2022 sector"),
    ("625", "625 is not a NAICS 2022 subsector"),
    # Retail was regrouped in 2022: the 2017 subsectors 442 and 452 are gone.
    ("442110", "442 is not a NAICS 2022 subsector"), ("452", "452 is not")])
def test_wrong_codes_say_why(code, why):
    assert why in naics.problem(code)


def test_titles_of_ranges_and_subsectors():
    assert naics.title_of("32") == "Manufacturing"
    assert naics.title_of("622110") == "Hospitals"
    assert naics.title_of("459") == ("Sporting Goods, Hobby, Musical Instrument, Book, and "
                                     "Miscellaneous Retailers")
    sectors = [c for c in naics.titles() if len(c) == 2]
    assert len(set(naics.titles()[c] for c in sectors)) == 20  # the 20 sectors of 2022


@pytest.mark.parametrize("typed", ["Riverton Castings", "riverton castings, inc.",
                                   "Riverton Castings LLC", "RIVERTON  CASTINGS, L.L.C.",
                                   "Riverton-Castings Inc", "Riverton Castings Co."])
def test_names_normalise_alike(typed):
    assert normalise(typed) == "riverton castings"


def test_what_is_not_the_same_name_stays_apart():
    assert normalise("Riverton Castings East") != normalise("Riverton Castings")
    assert normalise("A & B Tool") == normalise("A and B Tool, Inc.")
    assert normalise("Inc") == "inc"  # a name that is only a suffix keeps it


def test_a_name_two_organisations_share_matches_neither():
    one, two, three = (SimpleNamespace(name=n) for n in
                       ("Acme Tool, Inc.", "ACME TOOL LLC", "Baker Foods"))
    assert index([one, two, three]) == {"baker foods": three}
