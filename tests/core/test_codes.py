import pytest

from pathways.core import CodeError, cip_code, naics_code, onet_soc_code, soc_code, soc_of_onet


@pytest.mark.parametrize(("raw", "expected"), [
    ("51.3801", "51.3801"), ('="01.0101"', "01.0101"), ("1.0101", "01.0101"),
    ("5138", "51.38"), ("51", "51"), (" 11.0901 ", "11.0901"),
])
def test_cip_codes_in_the_forms_real_files_use(raw, expected):
    assert cip_code(raw) == expected


@pytest.mark.parametrize("bad", ["51.38011", "abc", "", "51-3801"])
def test_bad_cip_codes_name_the_value(bad):
    with pytest.raises(CodeError, match="not a CIP code"):
        cip_code(bad)


def test_soc_and_onet_codes():
    assert soc_code("29-1141") == "29-1141"
    assert soc_code("29-1141.01") == "29-1141"
    assert onet_soc_code("29-1141") == "29-1141.00"
    assert soc_of_onet("15-1252.00") == "15-1252"
    with pytest.raises(CodeError):
        soc_code("291141")
    with pytest.raises(CodeError):
        onet_soc_code("29-1141.1")


def test_naics():
    assert naics_code("5415") == "5415"
    with pytest.raises(CodeError):
        naics_code("5")
