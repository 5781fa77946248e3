"""Where a program is given, in CTDL: the program a course stands for is written as a
``ceterms:LearningProgram`` with ``ceterms:availableAt`` places (CTDL gives availableAt to
learning opportunities, not to pathway components), read back with both languages, and
a wrong place names its node and field."""

from __future__ import annotations

import json

import pytest

from pathways.core.errors import InputError
from pathways.standards.ctdl import (
    Place,
    ProgramRecord,
    dumps,
    read_documents,
    resource_iri,
    to_jsonld,
)
from tests.standards.ctdl_helpers import ctid, sample_document

PROGRAM = resource_iri(ctid("welding-program"))


def _document():
    doc = sample_document()
    course = next(c for c in doc.components if c.component_type == "ceterms:CourseComponent")
    course.program = PROGRAM
    course.credential = None
    course.program_record = ProgramRecord(
        iri=PROGRAM, ctid=ctid("welding-program"), name="Welding Certificate",
        translations={"name": {"es": "Certificado de soldadura"}},
        places=[Place("Technical Center", "450 Industrial Parkway", "Riverton", "KY", "41889",
                      "Building B",
                      translations={"name": {"es": "Centro Técnico"},
                                    "description": {"es": "Edificio B"}})])
    return doc


def _read(data: dict):
    return read_documents([("places.jsonld", json.dumps(data))])


def test_the_program_record_is_written_with_its_places():
    data = to_jsonld(_document())
    [node] = [n for n in data["@graph"] if n["@type"] == "ceterms:LearningProgram"]
    assert node["@id"] == PROGRAM and node["ceterms:ctid"] == ctid("welding-program")
    assert node["ceterms:availableAt"] == [{
        "@type": "ceterms:Place",
        "ceterms:name": {"en-US": "Technical Center", "es": "Centro Técnico"},
        "ceterms:streetAddress": {"en-US": "450 Industrial Parkway"},
        "ceterms:addressLocality": {"en-US": "Riverton"},
        "ceterms:addressRegion": {"en-US": "KY"}, "ceterms:postalCode": "41889",
        "ceterms:description": {"en-US": "Building B", "es": "Edificio B"}}]
    course = next(n for n in data["@graph"] if n["@type"] == "ceterms:CourseComponent")
    assert course["ceterms:proxyFor"] == PROGRAM and "ceterms:availableAt" not in course
    assert dumps(_document()) == dumps(_document())  # the same bytes each time


def test_places_are_read_back_equal_and_nothing_is_left_unmapped():
    result = _read(to_jsonld(_document()))
    course = next(c for c in result.pathways[0].components
                  if c.component_type == "ceterms:CourseComponent")
    expected = next(c for c in _document().components
                    if c.component_type == "ceterms:CourseComponent").program_record
    assert course.program_record == expected
    assert course.program_record.places[0].translations["description"] == {"es": "Edificio B"}
    assert result.report.as_dict()["unmapped"] == {} and result.report.warnings == []


def test_a_place_given_by_reference_is_read_and_a_missing_one_reported():
    data = to_jsonld(_document())
    program = next(n for n in data["@graph"] if n["@type"] == "ceterms:LearningProgram")
    place = {**program["ceterms:availableAt"][0], "@id": "https://example.org/places/tc"}
    program["ceterms:availableAt"] = ["https://example.org/places/tc",
                                      {"@id": "https://example.org/places/gone"}]
    data["@graph"].append(place)
    result = _read(data)
    course = next(c for c in result.pathways[0].components
                  if c.component_type == "ceterms:CourseComponent")
    assert [p.street_address for p in course.program_record.places] == [
        "450 Industrial Parkway"]
    assert result.report.unresolved == {
        "ceterms:availableAt -> https://example.org/places/gone": 1}


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"@type": "ceterms:Organization"}, "ceterms:availableAt[0] @type",
     "expected a ceterms:Place, got ceterms:Organization"),
    ({"ceterms:name": None, "ceterms:streetAddress": None}, "ceterms:availableAt[0] "
     "ceterms:streetAddress", "a place needs a name or a street address"),
    ({"ceterms:postalCode": {"zip": 41889}}, "ceterms:availableAt[0] ceterms:postalCode",
     "expected text or a language map"),
])
def test_a_wrong_place_names_its_node_and_field(change, field, words):
    data = to_jsonld(_document())
    program = next(n for n in data["@graph"] if n["@type"] == "ceterms:LearningProgram")
    place = {k: v for k, v in {**program["ceterms:availableAt"][0], **change}.items()
             if v is not None}
    program["ceterms:availableAt"] = [place]
    with pytest.raises(InputError) as caught:
        _read(data)
    [problem] = caught.value.problems
    assert problem.field.endswith(field), problem.field
    assert words in problem.message
    assert problem.node == PROGRAM


def test_an_available_at_that_is_not_an_object_or_iri_is_refused():
    data = to_jsonld(_document())
    program = next(n for n in data["@graph"] if n["@type"] == "ceterms:LearningProgram")
    program["ceterms:availableAt"] = [42]
    with pytest.raises(InputError) as caught:
        _read(data)
    [problem] = caught.value.problems
    assert problem.field.endswith("ceterms:availableAt")
    assert "expected a ceterms:Place, got int" in problem.message
