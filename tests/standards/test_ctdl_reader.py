"""Reading the real CTDL examples: every component and condition, counted by hand.

CompTIA IT Networking Specialist (hand count of the file): 1 ceterms:BasicComponent and 8
ceterms:Certification nodes used as components; 8 ComponentConditions (one on the basic
component and one on each certification except A+), each requiring 1 target. The
progression model file holds 3 levels (Beginner -> Intermediate -> Advanced).

Bakersfield AS-T Computer Science: 1 CredentialComponent and 30 CourseComponent nodes (one
@id is used by two different nodes, both kept), 4 ComponentConditions (2, 2, 2 and 5
targets, 1 required each), 4 terms as levels, 96 credits in all.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from pathways.standards.ctdl import is_ctid, read_files
from tests.standards.ctdl_helpers import BAKERSFIELD, COMPTIA, COMPTIA_MODEL

COMPTIA_PATHWAY = "ce-cc62e516-f95d-4306-a11a-c0ecc39d835f"


def comptia():
    return read_files([COMPTIA, COMPTIA_MODEL])


def test_comptia_components_and_conditions():
    result = comptia()
    assert len(result.pathways) == 1
    doc = result.pathways[0]
    assert doc.ctid == COMPTIA_PATHWAY
    assert doc.name == "IT Networking Specialist Pathway"
    assert Counter(c.component_type for c in doc.components) == {
        "ceterms:BasicComponent": 1, "ceterms:CredentialComponent": 8}
    assert doc.condition_count() == 8
    assert [len(c.conditions) for c in doc.components] == [1, 1, 1, 1, 1, 1, 1, 1, 0]
    for component in doc.components:
        for condition in component.conditions:
            assert condition.required_number == 1 and len(condition.targets) == 1
            assert condition.targets[0] in component.children


def test_comptia_certifications_become_credential_components():
    doc = comptia().pathways[0]
    credentials = [c.credential for c in doc.components if c.credential]
    assert len(credentials) == 8
    assert {c.credential_type for c in credentials} == {"ceterms:Certification"}
    assert all(c.described for c in credentials)
    names = [c.name for c in credentials]
    assert names == ["CompTIA Cloud+", "CompTIA Server+", "CompTIA Linux+",
                     "CompTIA Cloud Essentials+", "CompTIA Project+", "CompTIA Security+",
                     "CompTIA Network+", "CompTIA A+"]
    # The component is a stand-in with its own CTID; the credential keeps the file's.
    cloud = doc.components[1]
    assert cloud.credential.ctid == "ce-1369d357-ac4f-49f9-8af2-c47376278896"
    assert cloud.ctid != cloud.credential.ctid and is_ctid(cloud.ctid)
    # Linux+ has a truncated ceterms:ctid: the one in its @id is used, with a warning.
    linux = doc.components[3].credential
    assert linux.ctid == "ce-cab3d216-e834-452d-bf83-60972afd3079"


def test_comptia_levels_come_from_the_separate_progression_model():
    doc = comptia().pathways[0]
    levels = doc.progression_model.levels
    assert [lv.name for lv in levels] == ["Beginner", "Intermediate", "Advanced"]
    by_level = Counter(next(lv.name for lv in levels if lv.ctid == c.level)
                       for c in doc.components if c.level)
    assert by_level == {"Beginner": 3, "Intermediate": 4, "Advanced": 1}
    assert doc.progression_model.ctid == "ce-cb87723a-b872-4fb5-b0e7-b25ce2ad5029"


def test_comptia_reports_what_it_could_not_map():
    report = comptia().report
    assert report.unmapped == {
        "ceterms:sourceData": 6, "ceterms:isDestinationComponentFor": 1,
        "ceterms:componentCategory": 1, "ceterms:occupationType": 3, "schema:skills": 3,
        "dcterms:title": 1, "dcterms:description": 1, "dcterms:creator": 1, "dcterms:created": 1}
    assert report.unresolved == {
        "ceterms:ownedBy -> https://credentialengineregistry.org/resources/"
        "ce-186fbc60-47e3-4616-b160-72cac9e78f54": 1}
    text = "\n".join(report.warnings)
    assert "'ce-cab3d216-e834-452d-bf83-60972afd307' is not a CTID" in text
    assert "did you mean ceterms:isDestinationComponentOf" in text
    assert "'Advanced'): ceterms:precedes points to itself" in text


def test_comptia_without_its_model_reports_the_levels_as_missing():
    result = read_files([COMPTIA])
    doc = result.pathways[0]
    assert doc.progression_model.levels == [] and all(c.level is None for c in doc.components)
    missing = {key.rsplit("/", 1)[1]: n for key, n in result.report.unresolved.items()
               if key.startswith("asn:hasProgressionLevel")}
    assert missing == {"ce-31f222ee-8921-4cbc-a480-347e8e90344e": 1,
                       "ce-c4340c23-7246-4c45-ad66-fb4584d93112": 4,
                       "ce-c8b24e1c-be0a-4139-82df-ff534b801b01": 3}


def test_bakersfield_components_conditions_and_levels():
    result = read_files([BAKERSFIELD])
    doc = result.pathways[0]
    kinds = Counter(c.component_type for c in doc.components)
    assert kinds == {"ceterms:CredentialComponent": 1, "ceterms:CourseComponent": 30}
    assert doc.condition_count() == 4
    conditions = [cond for c in doc.components for cond in c.conditions]
    assert [len(c.targets) for c in conditions] == [2, 2, 2, 5]
    assert {c.required_number for c in conditions} == {1}
    assert [lv.name for lv in doc.progression_model.levels] == [
        "1st Term", "2nd Term", "3rd Term", "4th Term"]
    assert sum(c.credit_value for c in doc.components if c.credit_value) == Decimal(96)
    degree = doc.components[0]
    assert degree.ctid == doc.destination
    assert len(degree.children) == 29  # 28 distinct @ids, one of them naming two nodes
    assert Counter(c.designation for c in doc.components if c.designation) == {
        "Core": 8, "General Education": 22}


def test_bakersfield_unprefixed_terms_and_quirks():
    result = read_files([BAKERSFIELD])
    doc, report = result.pathways[0], result.report
    by_name = {c.name: c for c in doc.components}
    first = by_name["Programming Concepts and Methology I"]
    assert sorted(by_name[n].ctid for n in (
        "Programming Concepts and Methology II", "Computer Architecture and Organization",
        "Discrete Structures")) == sorted(first.precedes)  # from ceterms:prerequisite
    macro = by_name["Principles of Economics-Macro"]  # only a programTerm, no level
    assert macro.level == doc.progression_model.levels[3].ctid
    unnamed = [c.name for c in doc.components if c.name.startswith("Selection of one course")]
    assert len(unnamed) == 4  # named after their condition's description
    assert report.unmapped == {"codeNotation": 26, "subjectWebPage": 1}
    assert "codeNotation is not a CTDL term; did you mean ceterms:codedNotation?" in \
        report.warnings
    assert any("is used by 2 different nodes" in w for w in report.warnings)
