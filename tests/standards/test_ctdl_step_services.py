"""A step's support services in CTDL (``pathways:hasSupportService`` on a component):
read back by CTID onto the step, once per service, and reported when they point nowhere."""

from __future__ import annotations

import json

from pathways.standards.ctdl import dumps, read_documents, to_jsonld
from tests.standards.ctdl_helpers import ctid, sample_document

REGISTRY = "https://credentialengineregistry.org/resources/"


def _read(data: dict):
    return read_documents([("steps.jsonld", json.dumps(data))])


def test_a_steps_services_are_read_by_ctid_and_each_service_once():
    result = _read(to_jsonld(sample_document()))
    doc = result.pathways[0]
    by = {c.name: c for c in doc.components}
    assert sorted(by["Course step"].support_services) == sorted([ctid("care"), ctid("advising")])
    assert by["Job step"].support_services == [ctid("advising")]
    assert by["Basic step"].support_services == []
    assert [s.ctid for s in doc.support_services] == [ctid("care")]
    assert [(s.ctid, s.name, s.category) for s in doc.step_services] == [
        (ctid("advising"), "Career advising", "support:CareerAdvising")]
    assert [s.ctid for s in doc.all_services()] == [ctid("care"), ctid("advising")]
    assert result.report.as_dict()["unmapped"] == {} and result.report.warnings == []


def test_a_step_naming_a_missing_service_or_another_node_is_reported():
    data = to_jsonld(sample_document())
    course = next(n for n in data["@graph"] if n["@type"] == "ceterms:CourseComponent")
    missing = REGISTRY + ctid("gone")
    course["pathways:hasSupportService"] = [missing, data["@graph"][0]["@id"],
                                            {"@id": REGISTRY + ctid("care")}]
    result = _read(data)
    by = {c.name: c for c in result.pathways[0].components}
    assert by["Course step"].support_services == [ctid("care")]
    unresolved = result.report.unresolved
    assert unresolved[f"pathways:hasSupportService -> {missing}"] == 1
    assert unresolved[f"pathways:hasSupportService -> {data['@graph'][0]['@id']}"] == 1


def test_a_service_named_only_by_steps_is_not_added_to_the_pathway():
    text = dumps(sample_document())
    again = read_documents([("a.jsonld", text)]).pathways[0]
    pathway = json.loads(dumps(again))["@graph"][0]
    assert pathway["ceterms:hasSupportService"] == [REGISTRY + ctid("care")]
    assert dumps(again) == text


def test_a_file_without_step_services_reads_none():
    doc = sample_document()
    for comp in doc.components:
        comp.support_services = []
    doc.step_services = []
    read = _read(to_jsonld(doc)).pathways[0]
    assert all(c.support_services == [] for c in read.components) and read.step_services == []
