"""Wage look-up: exact code, roll-up through the SOC hierarchy, then the U.S. figure."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.catalog.models import SocGroup, Wage
from pathways.apps.catalog.queries import catalog_access
from pathways.apps.catalog.wages import wage_for, wages_for
from pathways.apps.exchange.reference import load_reference
from pathways.core.codes import CodeError

REFERENCE = catalog_access(CONSOLE)

pytestmark = pytest.mark.django_db

KENTUCKY = "21"


def test_an_exact_code_in_the_area():
    fact = wage_for("29-1141", KENTUCKY)
    assert (fact.area, fact.occ_code) == (KENTUCKY, "29-1141")
    assert not fact.rolled_up and not fact.national_fallback and fact.note == ""
    assert fact.wage.area_title == "Kentucky"


def test_home_health_aides_roll_up_to_the_broad_group():
    # OEWS publishes 31-1121 only inside 31-1120.
    fact = wage_for("31-1121", KENTUCKY)
    assert (fact.area, fact.occ_code) == (KENTUCKY, "31-1120")
    assert fact.rolled_up and not fact.national_fallback
    assert fact.wage.annual_median == 36440
    assert "broader group 31-1120 Home Health and Personal Care Aides" in fact.note
    national = wage_for("31-1121.00")  # O*NET-SOC codes work too
    assert (national.area, national.occ_code) == ("99", "31-1120")
    assert national.requested_code == "31-1121"


def test_assemblers_roll_up_to_51_2090():
    fact = wage_for("51-2092", KENTUCKY)
    assert fact.occ_code == "51-2090" and fact.area == KENTUCKY


def test_a_state_without_a_published_wage_falls_back_to_the_nation():
    # Kentucky's row for 15-1231 has every wage suppressed ("*").
    fact = wage_for("15-1231", KENTUCKY)
    assert (fact.area, fact.occ_code) == ("99", "15-1231")
    assert fact.national_fallback and not fact.rolled_up
    assert "U.S. wage shown" in fact.note
    # An area with no rows at all (Puerto Rico is not in the bundled file).
    assert wage_for("29-1141", "72").area == "99"


def test_the_hierarchy_not_the_digits_decides_the_roll_up(tmp_path):
    soc = tmp_path / "soc_2018_structure.csv"
    soc.write_text(
        "soc_group,soc_code,soc_title\n"
        "Major,29-0000,Healthcare Practitioners and Technical Occupations\n"
        "Minor,29-1000,Healthcare Diagnosing or Treating Practitioners\n"
        "Broad,29-1210,Physicians\nDetailed,29-1215,Family Medicine Physicians\n"
        "Detailed,29-1229,\"Physicians, All Other\"\n")
    load_reference(REFERENCE, soc)
    assert SocGroup.objects.get(code="29-1229").parent_id == "29-1210"
    Wage.objects.create(vintage="May 2025", area="99", area_title="U.S.", occ_code="29-1210",
                        occ_title="Physicians", annual_median=271090)
    fact = wage_for("29-1229")
    assert fact.occ_code == "29-1210" and fact.wage.annual_median == 271090


def test_top_coded_wages_count_as_published():
    Wage.objects.filter(area=KENTUCKY, occ_code="29-1141").update(
        annual_median=None, hourly_median=None, annual_mean=None,
        top_coded=["annual_median", "hourly_median", "annual_mean"])
    fact = wage_for("29-1141", KENTUCKY)
    assert fact.area == KENTUCKY and "annual_median" in fact.wage.top_coded


def test_major_groups_are_not_used():
    # 15-1252's chain is 15-1250 (broad) then 15-0000 (major): no state roll-up past broad.
    Wage.objects.filter(occ_code__in=["15-1252", "15-1250"]).delete()
    Wage.objects.create(vintage="May 2025", area=KENTUCKY, area_title="Kentucky",
                        occ_code="15-0000", occ_title="Computer and Mathematical Occupations",
                        annual_median=90000)
    assert wage_for("15-1252", KENTUCKY) is None


def test_many_codes_in_a_fixed_number_of_queries():
    codes = ["29-1141", "31-1121", "31-1122", "51-2092", "15-1231", "15-1252", "47-2111",
             "53-3032", "43-6013", "99-9999"]
    with CaptureQueriesContext(connection) as queries:
        facts = wages_for(codes, KENTUCKY)
    assert len(queries) <= 4
    assert set(facts) == set(codes) - {"99-9999"}  # no wage anywhere: left out
    assert facts["31-1122"].occ_code == "31-1120"
    assert facts["15-1231"].area == "99"
    with pytest.raises(CodeError):
        wage_for("nurse")
