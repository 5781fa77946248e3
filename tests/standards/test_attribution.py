import pytest

import pathways.standards as standards
from pathways.standards import attribution_for, oews_attribution, onet_attribution


def test_onet_credit_is_the_prescribed_wording():
    text = onet_attribution("29.3").text
    assert text == (
        "This product includes information from the O*NET 29.3 Database by the U.S. "
        "Department of Labor, Employment and Training Administration (USDOL/ETA). Used under "
        "the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA.")
    changed = onet_attribution("29.3", modified_by="Pathways").text
    assert changed.endswith("Pathways has modified all or some of this information. "
                            "USDOL/ETA has not approved, endorsed, or tested these modifications.")


def test_bls_credit_says_bls_cannot_vouch():
    text = oews_attribution("May 2025").text
    assert text.startswith("Source: U.S. Bureau of Labor Statistics, Occupational Employment "
                           "and Wage Statistics, May 2025.")
    assert "BLS.gov cannot vouch for the data or analyses derived from these data" in text
    assert "Employment Projections 2024-34" in attribution_for("projections", "2024-34").text
    assert "National Center for Education Statistics" in attribution_for("cip").text
    assert "Standard Occupational Classification" in attribution_for("soc").text
    with pytest.raises(KeyError):
        attribution_for("scorecard")


def test_public_names_are_all_exported():
    assert sorted(standards.__all__) == sorted(set(standards.__all__))
    for name in standards.__all__:
        assert getattr(standards, name) is not None
