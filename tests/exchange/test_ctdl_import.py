"""Importing the real CTDL examples through the action, and refusing what cannot be used."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal

import pytest

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.accounts.models import AuditEntry
from pathways.apps.catalog import working_copies
from pathways.apps.catalog.models import (
    ComponentCondition,
    Credential,
    EntryPoint,
    ExitPoint,
    Pathway,
    PathwayComponent,
    ProgressionLevel,
    Sector,
    SupportService,
)
from pathways.apps.catalog.queries import catalog_access
from pathways.apps.exchange import ctdl_apply, ctdl_points
from pathways.apps.exchange.actions import import_ctdl
from pathways.apps.exchange.models import ExchangeJob
from pathways.core.errors import InputError
from tests.standards.ctdl_helpers import BAKERSFIELD, COMPTIA, COMPTIA_MODEL, ILLINOIS

CATALOG = catalog_access(CONSOLE)

pytestmark = pytest.mark.django_db

COMPTIA_CTID = "ce-cc62e516-f95d-4306-a11a-c0ecc39d835f"
TABLES = (Pathway, ProgressionLevel, PathwayComponent, ComponentCondition, EntryPoint, ExitPoint,
          Credential, SupportService, Sector, AuditEntry)


def snapshot() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


def test_comptia_pathway_with_its_progression_model():
    job = import_ctdl(CATALOG, [COMPTIA, COMPTIA_MODEL])
    assert job.status == ExchangeJob.Status.SUCCEEDED
    pathway = Pathway.objects.get(ctid=COMPTIA_CTID)
    components = pathway.components.all()
    assert Counter(c.component_type for c in components) == {
        "ceterms:BasicComponent": 1, "ceterms:CredentialComponent": 8}
    assert ComponentCondition.objects.filter(component__pathway=pathway).count() == 8
    assert set(ComponentCondition.objects.filter(component__pathway=pathway)
               .values_list("required_number", flat=True)) == {1}
    assert [lv.name for lv in pathway.levels.order_by("order")] == [
        "Beginner", "Intermediate", "Advanced"]
    credentials = [c.credential for c in components if c.credential]
    assert len(credentials) == 8
    assert {c.credential_type for c in credentials} == {"ceterms:Certification"}
    a_plus = components.get(name="CompTIA A+")
    assert a_plus.level.name == "Beginner" and a_plus.parents.get().name == "CompTIA Network+"
    assert pathway.sector.name == ctdl_apply.IMPORTED_SECTOR
    assert pathway.status == Pathway.Status.DRAFT
    report = job.report
    assert report["pathways"][0] | {"slug": None} == {
        "ctid": COMPTIA_CTID, "slug": None, "name": "IT Networking Specialist Pathway",
        "created": True, "components": 9, "conditions": 8, "conditions_created": 8,
        "conditions_changed": 0, "conditions_unchanged": 0, "conditions_removed": 0,
        "levels": 3, "entry_points": 0,
        "exit_points": 0, "support_services": 0, "credentials_created": 8}
    assert report["unmapped"] == {
        "ceterms:componentCategory": 1, "ceterms:isDestinationComponentFor": 1,
        "ceterms:occupationType": 3, "ceterms:sourceData": 6, "dcterms:created": 1,
        "dcterms:creator": 1, "dcterms:description": 1, "dcterms:title": 1, "schema:skills": 3}
    audit = AuditEntry.objects.get(action="ctdl.import", object_id=str(pathway.pk))
    assert audit.changes["components"] == 9


def test_bakersfield_transfer_pathway():
    job = import_ctdl(CATALOG, [BAKERSFIELD])
    pathway = Pathway.objects.get(slug=job.report["pathways"][0]["slug"])
    components = pathway.components.all()
    assert Counter(c.component_type for c in components) == {
        "ceterms:CredentialComponent": 1, "ceterms:CourseComponent": 30}
    conditions = ComponentCondition.objects.filter(component__pathway=pathway)
    assert sorted(c.targets.count() for c in conditions) == [2, 2, 2, 5]
    assert sum(c.credit_value for c in components if c.credit_value) == Decimal(96)
    assert Counter(c.designation for c in components) == {"Core": 8, "": 23}
    degree = components.get(component_type="ceterms:CredentialComponent")
    assert degree.children.count() == 29
    assert degree.credential is None  # a component with no credential record behind it
    assert [lv.name for lv in pathway.levels.order_by("order")] == [
        "1st Term", "2nd Term", "3rd Term", "4th Term"]
    assert job.report["unmapped"] == {"codeNotation": 26, "subjectWebPage": 1}
    assert job.report["unmapped_values"] == {
        "ceterms:componentDesignation = General Education": 22}


def test_reimporting_the_same_ctids_updates_in_place(tmp_path):
    import_ctdl(CATALOG, [COMPTIA, COMPTIA_MODEL])
    pathway = Pathway.objects.get(ctid=COMPTIA_CTID)
    ids = sorted(pathway.components.values_list("pk", flat=True))
    before = snapshot()
    data = json.loads(COMPTIA.read_text())
    data["@graph"][0]["ceterms:name"] = {"en-US": "IT Networking Specialist (2026)"}
    changed = tmp_path / "comptia.jsonld"
    changed.write_text(json.dumps(data))
    job = import_ctdl(CATALOG, [changed, COMPTIA_MODEL])
    assert job.report["pathways"][0]["created"] is False
    assert job.report["pathways"][0].get("credentials_created", 0) == 0
    after = snapshot()
    assert after.pop("AuditEntry") == before.pop("AuditEntry") + 1
    assert after == before
    pathway.refresh_from_db()
    assert pathway.name == "IT Networking Specialist (2026)"
    assert sorted(pathway.components.values_list("pk", flat=True)) == ids


@pytest.mark.parametrize(("content", "name", "expected"), [
    ('{"@context": "https://credreg.net/ctdl/schema/context/json", "@graph": [',
     "broken.json", "broken.json, line 1: malformed JSON"),
    ('{"@context": "https://schema.org", "@type": "Course", "name": "Welding"}',
     "foreign.json", "foreign.json: not a CTDL document"),
    ('{"@context": "https://credreg.net/ctdl/schema/context/json", "@graph": '
     '[{"@type": "ceterms:Pathway", "ceterms:name": true}]}',
     "types.json", "types.json, field '@graph[0] ceterms:name': expected text"),
])
def test_unusable_files_change_nothing_and_leave_a_failed_job(tmp_path, content, name, expected):
    path = tmp_path / name
    path.write_text(content)
    before = snapshot()
    with pytest.raises(InputError) as caught:
        import_ctdl(CATALOG, [BAKERSFIELD, path])  # a good file alongside changes nothing either
    assert str(caught.value).startswith(expected)
    assert snapshot() == before
    job = ExchangeJob.objects.latest("pk")
    assert job.status == ExchangeJob.Status.FAILED and job.report["error"].startswith(expected)


def test_the_illinois_draft_changes_nothing():
    before = snapshot()
    with pytest.raises(InputError, match="pre-standard pathway draft"):
        import_ctdl(CATALOG, [ILLINOIS])
    assert snapshot() == before


def test_a_failure_while_writing_rolls_everything_back(monkeypatch):
    def fail(*args):
        raise RuntimeError("disk full")

    # the last step of writing a pathway: everything before it must be undone
    monkeypatch.setattr(ctdl_points, "write_services", fail)
    before = snapshot()
    with pytest.raises(RuntimeError):
        import_ctdl(CATALOG, [COMPTIA, COMPTIA_MODEL])
    assert snapshot() == before
    assert not Pathway.objects.filter(ctid=COMPTIA_CTID).exists()
    assert ExchangeJob.objects.latest("pk").status == ExchangeJob.Status.FAILED


def test_a_file_from_elsewhere_gets_its_sector_and_exits_from_codes(tmp_path):
    """No Pathways extension: NAICS picks the sector, job components with a known O*NET-SOC
    code become exit points, and the destination's exit is the main one."""
    nurse = {"@type": "ceterms:CredentialAlignmentObject", "ceterms:codedNotation": "29-1141.00"}
    data = {"@context": "https://credreg.net/ctdl/schema/context/json", "@graph": [
        {"@id": "https://example.org/p", "@type": "ceterms:Pathway", "ceterms:name": "Nursing",
         "ceterms:hasDestinationComponent": "https://example.org/rn",
         "ceterms:industryType": [{"@type": "ceterms:CredentialAlignmentObject",
                                   "ceterms:codedNotation": "62"}]},
        {"@id": "https://example.org/adn", "@type": "ceterms:CredentialComponent",
         "ceterms:name": "Nursing degree"},
        {"@id": "https://example.org/rn", "@type": "ceterms:JobComponent",
         "ceterms:name": "Registered nurse", "ceterms:occupationType": [nurse],
         "ceterms:hasCondition": [{"@type": "ceterms:ComponentCondition",
                                   "ceterms:targetComponent": ["https://example.org/adn"]}]},
        {"@id": "https://example.org/x", "@type": "ceterms:JobComponent",
         "ceterms:name": "Astronaut", "ceterms:occupationType": [
             {"@type": "ceterms:CredentialAlignmentObject", "ceterms:codedNotation": "11-9999.99",
              "ceterms:targetNodeName": "Astronauts"}]},
    ]}
    path = tmp_path / "nursing.jsonld"
    path.write_text(json.dumps(data))
    job = import_ctdl(CATALOG, [path])
    pathway = Pathway.objects.get(slug=job.report["pathways"][0]["slug"])
    assert pathway.sector.slug == "healthcare"  # the demo's NAICS 62 sector
    exit_point = pathway.exit_points.get()
    assert (exit_point.name, exit_point.occupation_id, exit_point.is_destination) == (
        "Registered nurse", "29-1141.00", True)
    assert job.report["unknown_occupations"] == {"11-9999.99 Astronauts": 1}


def test_reimporting_keeps_the_ways_in_and_out_that_career_plans_point_at(tmp_path):
    from pathways.apps.cases.models import CareerPlan
    from pathways.apps.exchange.actions import export_ctdl

    pathway = Pathway.objects.get(slug="nursing-and-patient-care")
    plans = list(CareerPlan.objects.filter(pathway=pathway).order_by("pk"))
    assert {plan.goal.name for plan in plans} == {"Licensed practical nurse",
                                                  "Nursing assistant"}
    aiming_at_lpn = next(p for p in plans if p.goal.name == "Licensed practical nurse")
    other = next(p for p in plans if p is not aiming_at_lpn)
    other.entry_point = pathway.entry_points.get(kind=EntryPoint.Kind.ENGLISH_LEARNER)
    other.save()
    export_ctdl(CATALOG, [pathway], out_dir=tmp_path)
    path = tmp_path / f"{pathway.slug}.jsonld"

    def state() -> tuple:
        return ({p.pk: (p.goal_id, p.entry_point_id)
                 for p in CareerPlan.objects.filter(pathway=pathway)},
                set(pathway.exit_points.values_list("pk", flat=True)),
                set(pathway.entry_points.values_list("pk", flat=True)))

    before = state()
    import_ctdl(CATALOG, [path])
    assert state() == before  # published: the import went into a working copy
    copy = Pathway.objects.get(draft_of=pathway)
    assert set(copy.exit_points.values_list("origin_id", flat=True)) == before[1]
    assert set(copy.entry_points.values_list("origin_id", flat=True)) == before[2]

    data = json.loads(path.read_text())
    for node in data["@graph"]:
        node["pathways:exitPoint"] = [
            e for e in node.get("pathways:exitPoint", [])
            if e["ceterms:name"]["en-US"] != "Licensed practical nurse"]
        if not node["pathways:exitPoint"]:
            del node["pathways:exitPoint"]
    path.write_text(json.dumps(data))
    job = import_ctdl(CATALOG, [path])
    assert job.report["pathways"][0]["working_copy_of"] == pathway.slug
    assert Pathway.objects.filter(draft_of=pathway).count() == 1  # the same copy, updated
    assert state() == before
    working_copies.apply_copy(Pathway.objects.get(draft_of=pathway), pathway)  # publishing
    plans_after, exits_after, entries_after = state()
    assert plans_after[aiming_at_lpn.pk] == (None, None)  # its exit is gone: choose again
    assert plans_after[other.pk] == before[0][other.pk]
    assert exits_after == before[1] - {aiming_at_lpn.goal_id}
    assert entries_after == before[2]
