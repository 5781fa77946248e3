"""The shapes files come in, and the inputs that must be refused with a clear error."""

from __future__ import annotations

import json

import pytest

from pathways.core.errors import InputError
from pathways.standards.ctdl import read_documents, read_files
from tests.standards.ctdl_helpers import ILLINOIS

CONTEXT = "https://credreg.net/ctdl/schema/context/json"


def prefixed() -> dict:
    return {"@context": CONTEXT, "@graph": [
        {"@id": "https://example.org/p", "@type": "ceterms:Pathway",
         "ceterms:name": {"en-US": "Welding"}, "ceterms:hasDestinationComponent":
             ["https://example.org/c2"]},
        {"@id": "https://example.org/c1", "@type": "ceterms:CourseComponent",
         "ceterms:name": {"en": "Welding I"},
         "ceterms:creditValue": [{"@type": "ceterms:ValueProfile", "schema:value": 3}]},
        {"@id": "https://example.org/c2", "@type": "ceterms:CredentialComponent",
         "ceterms:name": {"en-US": "Welding certificate"},
         "ceterms:hasCondition": [{"@type": "ceterms:ComponentCondition",
                                   "ceterms:requiredNumber": 1,
                                   "ceterms:targetComponent": ["https://example.org/c1"]}]},
    ]}


def unprefixed() -> list:
    """The same pathway: a bare list, plain strings, single values, un-prefixed terms."""
    return [
        {"@context": CONTEXT, "@id": "https://example.org/p", "@type": "Pathway",
         "name": "Welding", "hasDestinationComponent": "https://example.org/c2"},
        {"@id": "https://example.org/c1", "@type": "CourseComponent", "name": "Welding I",
         "creditValue": {"@type": "QuantitativeValue", "value": "3"}},
        {"@id": "https://example.org/c2", "@type": "CredentialComponent",
         "name": "Welding certificate",
         "hasCondition": {"@type": "ComponentCondition", "requiredNumber": "1",
                          "targetComponent": {"@id": "https://example.org/c1"}}},
    ]


def read(data: object, name: str = "test.json"):
    return read_documents([(name, json.dumps(data))])


def test_prefixed_and_unprefixed_forms_read_the_same():
    one, two = read(prefixed()), read(unprefixed())
    assert one.pathways == two.pathways
    doc = one.pathways[0]
    assert [c.name for c in doc.components] == ["Welding I", "Welding certificate"]
    assert doc.components[0].credit_value == 3
    assert doc.components[1].conditions[0].targets == [doc.components[0].ctid]
    assert one.report.unmapped == two.report.unmapped == {}


def test_a_single_node_document_and_language_preferences():
    data = {"@context": CONTEXT, "@type": "ceterms:Pathway", "@id": "https://example.org/p",
            "ceterms:name": {"es": "Soldadura", "en-US": "Welding", "fr": "Soudage"},
            "ceterms:description": {"en-US": "Joining metal.", "es-MX": "Unir metales.",
                                    "es": ""}}
    result = read(data)
    pathway = result.pathways[0]
    assert (pathway.name, pathway.description) == ("Welding", "Joining metal.")
    # Spanish is kept beside English (ADR 0042); an empty "es" gives way to "es-MX".
    assert pathway.translations == {"name": {"es": "Soldadura"},
                                    "description": {"es": "Unir metales."}}
    assert any("other languages dropped (fr)" in w for w in result.report.warnings)
    assert not any("(es" in w or " es)" in w for w in result.report.warnings)


def test_unmapped_terms_are_counted_by_term():
    data = prefixed()
    data["@graph"][0]["ceterms:keyword"] = ["weld"]
    data["@graph"][1]["ceterms:keyword"] = ["weld"]
    data["@graph"][1]["ceterms:pointValue"] = {"schema:value": 1}
    data["@graph"][2]["ceterms:hasCondition"][0]["ceterms:requiredConstraints"] = 1
    data["@graph"].append({"@id": "https://example.org/o", "@type": "ceterms:Organization"})
    report = read(data).report
    assert report.unmapped == {"ceterms:keyword": 2, "ceterms:pointValue": 1,
                               "ceterms:requiredConstraints": 1,
                               "@type ceterms:Organization": 1}


def test_references_to_records_not_in_the_file_are_reported():
    data = prefixed()
    data["@graph"][2]["ceterms:hasCondition"][0]["ceterms:targetComponent"].append(
        "https://example.org/elsewhere")
    result = read(data)
    assert result.report.unresolved == {
        "ceterms:targetComponent -> https://example.org/elsewhere": 1}
    assert len(result.pathways[0].components[1].conditions[0].targets) == 1


def test_malformed_json_names_file_and_line():
    with pytest.raises(InputError) as caught:
        read_documents([("broken.json", '{\n  "@graph": [\n    {"a": 1,}\n  ]\n}')])
    assert str(caught.value).startswith("broken.json, line 3: malformed JSON")


@pytest.mark.parametrize(("data", "message"), [
    ({"@context": "https://schema.org", "@type": "Person", "name": "Ada"},
     "not a CTDL document: @context is https://schema.org"),
    ({"hello": "world"}, "not JSON-LD: no @graph and no @type"),
    ([1, 2, 3], "not a CTDL document: no @context"),
    ("just text", "not JSON-LD: expected an object or a list of nodes, got str"),
    ({"@context": CONTEXT, "@graph": "nodes"}, "@graph must be a list of nodes"),
    ({"@context": CONTEXT, "@graph": [{"@type": "ceterms:Certification"}]},
     "no ceterms:Pathway node (found ceterms:Certification x1)"),
])
def test_json_that_is_not_ctdl_is_refused(data, message):
    with pytest.raises(InputError, match="^foreign.json") as caught:
        read(data, "foreign.json")
    assert message in str(caught.value)


def test_wrong_value_types_are_refused_with_every_problem():
    data = prefixed()
    data["@graph"][1]["ceterms:name"] = {"en-US": {"nested": True}}
    data["@graph"][2]["ceterms:hasCondition"][0]["ceterms:requiredNumber"] = "two"
    with pytest.raises(InputError) as caught:
        read(data)
    problems = [str(p) for p in caught.value.problems]
    assert problems == [
        "test.json, node https://example.org/c1, field '@graph[1] ceterms:name': "
        "expected text or a language map, got dict",
        "test.json, node https://example.org/c2, field '@graph[2] ceterms:hasCondition[0] "
        "ceterms:requiredNumber': expected a number, got 'two'"]


def test_the_illinois_draft_is_refused_as_pre_standard():
    with pytest.raises(InputError) as caught:
        read_files([ILLINOIS])
    message = str(caught.value)
    assert message.startswith("illinois-it-draft.json: a pre-standard pathway draft, not CTDL")
    assert "draft terms: hasRoot, isParentOf, isRootOf" in message
    assert "@context: http://examplePathway.org/" in message


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read the file"):
        read_files([tmp_path / "nope.json"])


def test_the_same_file_given_twice_reads_once():
    text = json.dumps(prefixed())
    result = read_documents([("a.json", text), ("b.json", text)])
    assert len(result.pathways) == 1 and len(result.pathways[0].components) == 2
    assert result.report.unmapped == {} and result.report.warnings == []


def test_records_written_inside_conditions_are_found():
    data = prefixed()
    del data["@graph"][1]
    data["@graph"][1]["ceterms:hasCondition"][0]["ceterms:targetComponent"] = [
        {"@id": "https://example.org/c1", "@type": "ceterms:CourseComponent",
         "ceterms:name": "Welding I"}]
    doc = read(data).pathways[0]
    assert [c.name for c in doc.components] == ["Welding certificate", "Welding I"]
    assert doc.components[0].conditions[0].targets == [doc.components[1].ctid]
