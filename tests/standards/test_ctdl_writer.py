"""Writing CTDL: deterministic bytes, registry identifiers, only terms the schema defines."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pathways.standards.ctdl import CTDL_CONTEXT, dumps, read_documents, read_files, to_jsonld
from pathways.standards.ctdl.vocab import (
    EXTENSION_CLASSES,
    EXTENSION_CONCEPTS,
    EXTENSION_PROPERTIES,
)
from tests.standards.ctdl_helpers import (
    BAKERSFIELD,
    COMPTIA,
    COMPTIA_MODEL,
    ctid,
    sample_document,
    unknown_terms,
)

CTID = re.compile(r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
REGISTRY = "https://credentialengineregistry.org/resources/"


def test_writing_twice_gives_the_same_bytes_and_reading_back_loses_nothing():
    text = dumps(sample_document())
    assert dumps(sample_document()) == text
    again = read_documents([("sample.jsonld", text)])
    doc, original = again.pathways[0], sample_document()
    assert dumps(doc) == text
    for field in ("ctid", "name", "destination", "progression_model", "support_services",
                  "step_services", "occupations", "industries", "owner", "wage_area"):
        assert getattr(doc, field) == getattr(original, field), field
    for read_back, written in zip(doc.components, original.components, strict=True):
        assert (read_back.ctid, read_back.component_type, read_back.level) == \
            (written.ctid, written.component_type, written.level)
        assert read_back.entry_points == written.entry_points
        assert read_back.exit_points == written.exit_points
        assert sorted(read_back.children) == sorted(written.children)
        assert sorted(read_back.support_services) == sorted(written.support_services)
    assert doc.condition_count() == original.condition_count() == 5
    assert again.report.as_dict()["unmapped"] == {} and again.report.warnings == []


def test_context_identifiers_and_key_order():
    text = dumps(sample_document())
    data = json.loads(text)
    assert data["@context"][0] == CTDL_CONTEXT
    assert data["@context"][1] == {"pathways": "urn:pathways:terms:"}
    for node in data["@graph"]:
        assert CTID.match(node["ceterms:ctid"]), node
        assert node["@id"] == REGISTRY + node["ceterms:ctid"]

    def keys_sorted(value: object) -> bool:
        if isinstance(value, dict):
            return list(value) == sorted(value) and all(map(keys_sorted, value.values()))
        return all(map(keys_sorted, value)) if isinstance(value, list) else True

    assert keys_sorted(data)
    kinds = [node["@type"] for node in data["@graph"]]
    assert kinds[:4] == ["ceterms:Pathway", "asn:ProgressionModel", "asn:ProgressionLevel",
                         "asn:ProgressionLevel"]
    assert kinds[-3:] == ["ceterms:SupportService", "ceterms:SupportService",
                          "ceterms:CredentialOrganization"]


def test_every_exported_term_is_in_the_vendored_schema_or_our_extension():
    assert unknown_terms(to_jsonld(sample_document())) == []
    for files in ([COMPTIA, COMPTIA_MODEL], [BAKERSFIELD]):
        assert unknown_terms(to_jsonld(read_files(files).pathways[0])) == []


def test_conditions_constraints_and_operators():
    graph = to_jsonld(sample_document())["@graph"]
    credential = next(n for n in graph if n["@type"] == "ceterms:CredentialComponent")
    any_of, none_of, all_of = credential["ceterms:hasCondition"]
    assert any_of["ceterms:logicalOperator"] == "logic:Or"
    assert none_of["ceterms:logicalOperator"] == "pathways:Not"  # CTDL has no Not
    count, credits = all_of["ceterms:hasCondition"]
    assert count["ceterms:requiredNumber"] == 1
    assert credits["ceterms:hasConstraint"] == [{
        "@type": "ceterms:Constraint", "ceterms:comparator": "compare:GTEQ",
        "ceterms:leftAction": "array:Sum", "ceterms:leftSource": ["ceterms:creditValue"],
        "ceterms:rightSource": ["4.5"]}]


def test_one_destination_and_exits_as_job_components():
    graph = to_jsonld(sample_document())["@graph"]
    pathway = graph[0]
    jobs = [n for n in graph if n["@type"] == "ceterms:JobComponent"]
    # The Job step carries its own exit; the credential's exit gets a derived job node,
    # which is the destination because that exit is marked as the destination.
    derived = [n for n in jobs if "pathways:exitPointOf" in n]
    assert len(jobs) == 2 and len(derived) == 1
    assert pathway["ceterms:hasDestinationComponent"] == derived[0]["@id"]
    assert derived[0]["ceterms:isDestinationComponentOf"] == [pathway["@id"]]
    assert derived[0]["ceterms:occupationType"][0]["ceterms:codedNotation"] == "29-1141.00"
    assert sum("ceterms:isDestinationComponentOf" in n for n in graph) == 1
    assert set(pathway["ceterms:hasPart"]) >= {n["@id"] for n in jobs}


def test_entry_points_ride_on_their_first_step():
    graph = to_jsonld(sample_document())["@graph"]
    course = next(n for n in graph if n["@type"] == "ceterms:CourseComponent")
    assert course["pathways:entryPoint"] == [{
        "@type": "pathways:EntryPoint", "ceterms:name": {"en-US": "Adult education"},
        "pathways:entryKind": "adult_education", "pathways:maxEducation": "some_hs",
        "pathways:maxEFL": "ABE6", "pathways:minEFL": "ABE3", "pathways:position": 0}]
    assert course["ceterms:identifier"][0]["ceterms:identifierValueCode"] == "BIO 137"
    assert course["ceterms:creditValue"] == [{"@type": "ceterms:ValueProfile",
                                              "schema:value": 4}]


def test_a_steps_services_reference_the_pathways_service_nodes():
    graph = to_jsonld(sample_document())["@graph"]
    pathway, course = graph[0], next(n for n in graph if n["@type"] == "ceterms:CourseComponent")
    services = [n for n in graph if n["@type"] == "ceterms:SupportService"]
    care, advising = (REGISTRY + ctid(name) for name in ("care", "advising"))
    # one node per service; the pathway lists only its own, the step names both
    assert sorted(n["@id"] for n in services) == sorted([care, advising])
    assert pathway["ceterms:hasSupportService"] == [care]
    assert course["pathways:hasSupportService"] == sorted([care, advising])
    # CTDL's hasSupportService is not defined on components, so it is never written there
    assert not any("ceterms:hasSupportService" in n for n in graph[1:])
    assert all("pathways:hasSupportService" not in n for n in graph
               if n["@type"] in ("ceterms:BasicComponent", "ceterms:CredentialComponent"))


def test_every_extension_term_is_documented():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "ctdl.md").read_text()
    terms = EXTENSION_CLASSES | EXTENSION_PROPERTIES | EXTENSION_CONCEPTS
    assert sorted(t for t in terms if f"`{t}`" not in docs) == []
