"""The HSDS 3.0 reader and writer (pathways.standards.hsds): JSON and CSV tables read into
the same dataclasses, every refusal naming its file, row (CSV line or JSON node) and field,
and what the writer writes reads back the same."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from pathways.core.errors import InputError
from pathways.standards.hsds import (
    csv_texts,
    read_json,
    read_path,
    read_tables,
    read_upload,
    to_json,
    to_zip,
)
from pathways.standards.hsds import messages as hsds_messages  # noqa: F401  (registers them)
from pathways.standards.hsds.taxonomy import category
from pathways.standards.hsds.writer import COLUMNS

HSDS = Path(__file__).parents[1] / "fixtures" / "hsds"
TABLES = HSDS / "tables"


def tables(**changed: str) -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in TABLES.glob("*.csv")}
    files.update({name: text.encode("utf-8") for name, text in changed.items()})
    return files


def problems(read, *args) -> list:
    with pytest.raises(InputError) as caught:
        read(*args)
    return caught.value.problems


def test_json_full_services_read_with_spanish_and_nested_objects():
    directory = read_path(HSDS / "directory.json")
    ride, food = directory.services
    assert (ride.name, ride.name_es) == ("Rides to Class", "Transporte a clases")
    assert ride.eligibility_description_es.startswith("Adultos")
    assert ride.organization_id == "org-river-211" and ride.minimum_age == 18
    assert ride.phones[0].languages == ["en", "es"]
    assert ride.schedules[0].byday == "MO,TU,WE,TH,FR"
    assert ride.schedules[0].description_es == "Lunes a viernes de 8 a 5"
    assert ride.cost_options[0].amount == 0 and ride.cost_options[0].currency == "USD"
    assert directory.locations["loc-1"].address.postal_code == "40507"
    assert directory.locations["loc-1"].name_es == "Oficina principal"
    # the second service links to the location nested in the first
    assert food.status == "temporarily closed"
    assert food.service_at_locations[0].location_id == "loc-1"
    assert category(ride.terms) == "support:Transportation"


def test_a_page_of_the_api_reads_too():
    services = json.loads((HSDS / "directory.json").read_text(encoding="utf-8"))
    page = json.dumps({"total_items": 2, "page": 1, "contents": services})
    assert len(read_json("page.json", page).services) == 2


def test_csv_tables_read_with_their_links():
    directory = read_path(TABLES)
    childcare, tutoring = directory.services
    assert childcare.name_es == "Cuidado infantil nocturno"
    assert childcare.phones[0].number == "+1 859 555 0100"
    assert childcare.schedules[0].byday == "MO,WE"
    assert str(childcare.cost_options[0].amount) == "25.50"
    assert childcare.service_at_locations[0].location_id == "loc-a"
    assert directory.locations["loc-a"].address.address_1 == "12 Oak Ave"
    assert category(childcare.terms) == "support:Childcare"
    assert category(tutoring.terms) == "support:Tutoring"


@pytest.mark.parametrize("text", ["not json", "{\"a\": 1}", "[1, 2]", "", "[]"])
def test_bad_json_is_refused_naming_the_file(text):
    found = problems(read_json, "211.json", text)
    assert found and all(p.source == "211.json" for p in found)


def test_json_missing_required_field_and_unknown_status_name_node_and_field():
    services = json.loads((HSDS / "directory.json").read_text(encoding="utf-8"))
    del services[0]["name"]
    services[1]["status"] = "open"
    found = problems(read_json, "211.json", json.dumps(services))
    where = {(p.node, p.field) for p in found}
    assert ("services[0]", "name") in where and ("services[1]", "status") in where
    status = next(p for p in found if p.field == "status")
    assert "active, inactive, defunct, temporarily closed" in status.message


def test_json_unknown_location_is_refused():
    services = json.loads((HSDS / "directory.json").read_text(encoding="utf-8"))
    services[1]["service_at_locations"][0]["location_id"] = "loc-nowhere"
    found = problems(read_json, "211.json", json.dumps(services))
    assert [(p.node, p.field) for p in found] == [
        ("services[1].service_at_locations[0]", "location_id")]
    assert "loc-nowhere" in found[0].message


def test_json_too_deep_is_refused():
    assert problems(read_json, "deep.json", "[" * 100 + "]" * 100)[0].source == "deep.json"


def test_csv_row_errors_name_file_row_and_field():
    found = problems(read_tables, "211.zip", tables(**{
        "services.csv": "id,organization_id,name,status\n"
                        "svc-a,org-a,Evening Childcare,active\n"
                        "svc-b,org-a,,closed\n",
        "schedules.csv": "id,service_id,freq,opens_at\nsch-a,svc-a,DAILY,25:00\n",
        "cost_options.csv": "id,service_id,amount,currency\nco-a,svc-a,lots,dollars\n"}))
    where = {(p.source, p.line, p.field) for p in found}
    assert ("211.zip/services.csv", 3, "name") in where
    assert ("211.zip/services.csv", 3, "status") in where
    assert ("211.zip/schedules.csv", 2, "freq") in where
    assert ("211.zip/schedules.csv", 2, "opens_at") in where
    assert ("211.zip/cost_options.csv", 2, "amount") in where
    assert ("211.zip/cost_options.csv", 2, "currency") in where


def test_csv_service_at_location_to_an_unknown_location_is_refused():
    found = problems(read_tables, "", tables(**{
        "service_at_locations.csv": "id,service_id,location_id\nsal-a,svc-a,loc-zzz\n"}))
    assert [(p.source, p.line, p.field) for p in found] == [
        ("service_at_locations.csv", 2, "location_id")]


def test_csv_unknown_service_and_organization_are_refused():
    found = problems(read_tables, "", tables(**{
        "phones.csv": "id,service_id,number\nph-a,svc-zzz,555\n",
        "services.csv": "id,organization_id,name,status\nsvc-a,org-zzz,A,active\n"}))
    assert {(p.source, p.line, p.field) for p in found} >= {
        ("phones.csv", 2, "service_id"), ("services.csv", 2, "organization_id")}


def test_csv_missing_column_and_missing_services_file():
    found = problems(read_tables, "", tables(**{"services.csv": "id,name\nsvc-a,A\n"}))
    assert [(p.source, p.line, p.message) for p in found] == [
        ("services.csv", 1, "the column status is missing")]
    files = tables()
    del files["services.csv"]
    assert "services.csv is missing" in problems(read_tables, "x.zip", files)[0].message


def test_bad_zip_and_not_utf8():
    assert problems(read_upload, "211.zip", b"PK\x03\x04 broken")[0].source == "211.zip"
    found = problems(read_tables, "", tables(**{"services.csv": "x"}) | {
        "phones.csv": b"id,number\n\xff\xfe\n"})
    assert found[0].source == "phones.csv"


@pytest.mark.parametrize("source", [HSDS / "directory.json", TABLES])
def test_what_is_written_reads_back_the_same(source):
    directory = read_path(source)
    again = read_json("again.json", to_json(directory))
    assert again.services == directory.services
    assert again.locations == directory.locations
    archive = read_upload("again.zip", to_zip(directory))
    assert archive.services == directory.services
    assert archive.organizations == directory.organizations


def test_csv_tables_have_the_hsds_columns_and_no_formula_cells():
    texts = csv_texts(read_path(TABLES))
    assert set(texts) == set(COLUMNS)
    assert texts["phones.csv"].splitlines()[1].startswith("ph-a,svc-a,'+1 859")
    with zipfile.ZipFile(io.BytesIO(to_zip(read_path(TABLES)))) as archive:
        assert "services.csv" in archive.namelist()


def test_csv_languages_of_an_organization_phone_are_not_a_problem():
    directory = read_tables("", tables(**{
        "phones.csv": "id,service_id,organization_id,number\nph-a,svc-a,,1\nph-o,,org-a,2\n",
        "languages.csv": "id,phone_id,code\nl1,ph-a,es\nl2,ph-o,en\n"}))
    assert directory.services[0].phones[0].languages == ["es"]


def test_csv_service_at_location_needs_its_service():
    found = problems(read_tables, "", tables(**{
        "service_at_locations.csv": "id,service_id,location_id\nsal-a,,loc-a\n"}))
    assert [(p.source, p.line, p.field) for p in found] == [
        ("service_at_locations.csv", 2, "service_id")]


@pytest.mark.parametrize(("code", "name", "expected"), [
    ("support:Mentoring", "", "support:Mentoring"),
    ("BT-4500.6500", "Bus fare", "support:Transportation"),
    ("NL-300.150", "Child Care Subsidies", "support:Childcare"),
    ("NL-6000", "", "support:BenefitsSupport"),
    ("", "Help Find Work", "support:JobPlacement"),
    ("BD-1800", "Food Pantries", None),
    ("BTX", "", None),
])
def test_taxonomy_terms_map_only_where_clear(code, name, expected):
    from pathways.standards.hsds.model import Term

    assert category([Term(code, name)]) == expected
