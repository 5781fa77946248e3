"""Exporting pathways: identical bytes twice, and export -> import -> export loses nothing."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.catalog.ctdl import to_document
from pathways.apps.catalog.models import ComponentCondition, Pathway
from pathways.apps.catalog.queries import catalog_access
from pathways.apps.exchange.actions import export_ctdl, import_ctdl
from pathways.apps.exchange.models import ExchangeJob
from pathways.standards.ctdl import dumps
from tests.exchange.factories import SLUG, build_small_pathway, ctid
from tests.standards.ctdl_helpers import unknown_terms

CATALOG = catalog_access(CONSOLE)

pytestmark = pytest.mark.django_db


def all_conditions(pathway: Pathway) -> list[ComponentCondition]:
    found = list(ComponentCondition.objects.filter(component__pathway=pathway))
    frontier = found
    while frontier:
        frontier = list(ComponentCondition.objects.filter(parent__in=frontier))
        found += frontier
    return found


def export_text(pathway: Pathway) -> str:
    return dumps(to_document(pathway))


def test_export_twice_gives_identical_files(tmp_path):
    pathway = build_small_pathway()
    first = export_ctdl(CATALOG, [pathway], out_dir=tmp_path / "one")
    second = export_ctdl(CATALOG, [pathway], out_dir=tmp_path / "two")
    one = (tmp_path / "one" / f"{SLUG}.jsonld").read_bytes()
    assert one == (tmp_path / "two" / f"{SLUG}.jsonld").read_bytes()
    assert first.report["files"][0]["sha256"] == second.report["files"][0]["sha256"]
    assert first.kind == ExchangeJob.Kind.CTDL_EXPORT
    assert first.report["files"][0] | {"file": None, "sha256": None} == {
        "pathway": SLUG, "file": None, "sha256": None, "components": 14, "conditions": 7,
        "levels": 3, "entry_points": 3, "exit_points": 3, "support_services": 2}


def test_export_import_export_round_trip_after_deleting_the_pathway(tmp_path):
    pathway = build_small_pathway()
    export_ctdl(CATALOG, [pathway], out_dir=tmp_path)
    path = tmp_path / f"{SLUG}.jsonld"
    exported = path.read_text()
    pathway.delete()
    job = import_ctdl(CATALOG, [path])
    assert job.report["pathways"][0]["created"] is True
    assert job.report["unmapped"] == job.report["unmapped_values"] == {}
    assert job.report["warnings"] == [] and job.report["unknown_occupations"] == {}
    restored = Pathway.objects.get(ctid=ctid("pathway"))
    assert export_text(restored) == exported
    # and what came back is the real thing, not just the same text
    assert restored.slug == SLUG and restored.sector.naics_code == "6216"
    assert restored.owner.name == "CTDL Test Board" and restored.wage_area == "21"
    conditions = all_conditions(restored)
    assert Counter(c.logical_operator for c in conditions) == {"And": 4, "Or": 2, "Not": 1}
    credits = ComponentCondition.objects.get(name="Five credits")
    assert credits.required_credits == 5.5 and credits.parent.parent.name == "Admission"
    assert ComponentCondition.objects.get(name="Two of three").required_number == 2
    entries = restored.entry_points.order_by("position")
    assert [(e.kind, e.component.name) for e in entries] == [
        ("adult_education", "Health Careers Bridge"), ("english_learner",
                                                       "English for Health Careers"),
        ("direct", "Nurse aide certification")]
    assert entries[1].english_levels == ["limited", "intermediate"]
    exits = restored.exit_points.order_by("position")
    assert [(e.occupation_id, e.component.name, e.is_destination) for e in exits] == [
        ("31-1131.00", "Nursing assistant job", False),
        ("29-1141.00", "Registered nurse job", True),
        ("29-2061.00", "Nursing degree", False)]
    cert = restored.components.get(name="Nurse aide certification")
    assert cert.credential.name == "CTDL Test Nurse Aide" and cert.program.length_weeks == 6
    assert {s.name for s in restored.support_services.all()} == {
        "CTDL test childcare", "CTDL test tutoring"}


def test_export_uses_only_schema_terms_and_one_destination():
    data = json.loads(export_text(build_small_pathway()))
    assert unknown_terms(data) == []
    pathway_node = data["@graph"][0]
    rn_job = next(n for n in data["@graph"] if n.get("ceterms:name") ==
                  {"en-US": "Registered nurse job"})
    assert pathway_node["ceterms:hasDestinationComponent"] == rn_job["@id"]
    jobs = [n for n in data["@graph"] if n["@type"] == "ceterms:JobComponent"]
    # two job steps, and the exit reached after the degree as a derived job component
    assert len(jobs) == 3 and sum("pathways:exitPointOf" in n for n in jobs) == 1
    codes = [a["ceterms:codedNotation"] for a in pathway_node["ceterms:occupationType"]]
    assert codes == ["29-1141.00", "29-2061.00", "31-1131.00"]
    assert pathway_node["ceterms:industryType"][0]["ceterms:codedNotation"] == "6216"
    assert pathway_node["ceterms:instructionalProgramType"][0]["ceterms:codedNotation"] == \
        "51.3902"


def test_unknown_occupations_are_reported_not_invented(tmp_path):
    pathway = build_small_pathway()
    text = export_text(pathway).replace('"29-2061.00"', '"99-9999.00"')
    pathway.delete()
    path = tmp_path / "changed.jsonld"
    path.write_text(text)
    job = import_ctdl(CATALOG, [path])
    assert job.report["unknown_occupations"] == {"99-9999.00 Licensed Practical and "
                                                 "Licensed Vocational Nurses": 1}
    restored = Pathway.objects.get(ctid=ctid("pathway"))
    assert restored.exit_points.count() == 2
    assert any("'Licensed practical nurse' not created" in w for w in job.report["warnings"])


def test_the_whole_demo_region_exports_identically_twice_and_round_trips(tmp_path):
    demo = list(Pathway.objects.filter(is_sample=True))
    assert len(demo) == 3
    first = export_ctdl(CATALOG, demo, out_dir=tmp_path / "a")
    second = export_ctdl(CATALOG, demo, out_dir=tmp_path / "b")
    for item in first.report["files"]:
        name = f"{item['pathway']}.jsonld"
        text = (tmp_path / "a" / name).read_text()
        assert text == (tmp_path / "b" / name).read_text()
        assert unknown_terms(json.loads(text)) == []
    assert [f["sha256"] for f in first.report["files"]] == \
        [f["sha256"] for f in second.report["files"]]
    job = import_ctdl(CATALOG, sorted((tmp_path / "a").glob("*.jsonld")))
    assert [p["created"] for p in job.report["pathways"]] == [False, False, False]
    assert job.report["unmapped"] == {} and job.report["warnings"] == []
    for pathway in demo:
        assert export_text(pathway) == (tmp_path / "a" / f"{pathway.slug}.jsonld").read_text()
