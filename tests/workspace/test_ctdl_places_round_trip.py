"""Where programs meet survives CTDL: exported as ``ceterms:availableAt`` on the program's
record and read back onto the catalog's program, matched by street address (never
duplicated), with both languages; a place the catalog cannot hold is reported."""

from __future__ import annotations

import json

import pytest

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.catalog.models import Location, Pathway, Program
from pathways.apps.catalog.queries import catalog_access
from pathways.apps.exchange.actions import export_ctdl, import_ctdl

pytestmark = pytest.mark.django_db
CATALOG = catalog_access(CONSOLE)


def _export(tmp_path):
    pathway = Pathway.objects.get(slug="nursing-and-patient-care")
    export_ctdl(CATALOG, [pathway], out_dir=tmp_path)
    return tmp_path / f"{pathway.slug}.jsonld"


def _places(program: Program) -> list[tuple]:
    return sorted((p.name_en, p.name_es, p.address_1, p.city, p.state, p.postal_code,
                   p.notes_en, p.notes_es) for p in program.locations.all())


def test_places_come_back_from_ctdl_equal_and_are_not_duplicated(tmp_path):
    bridge = Program.objects.get(name_en="Healthcare Bridge (IET)")
    before = _places(bridge)
    assert before == [("Downtown Learning Center", "Centro de Aprendizaje del Centro",
                       "215 Main Street", "Riverton", "KY", "41888", "Room 104, evenings",
                       "Salón 104, por la noche")]
    path = _export(tmp_path)
    graph = json.loads(path.read_text())["@graph"]
    assert any(n["@type"] == "ceterms:LearningProgram" and n.get("ceterms:availableAt")
               for n in graph)
    count = Location.objects.count()
    job = import_ctdl(CATALOG, [path])  # the same places: matched, none added
    assert job.report["warnings"] == []
    assert Location.objects.count() == count and _places(bridge) == before

    place = bridge.locations.get()
    bridge.locations.clear()
    Program.locations.through.objects.filter(location=place).delete()
    place.delete()
    job = import_ctdl(CATALOG, [path])
    assert job.report["warnings"] == []
    assert _places(bridge) == before
    assert job.report["pathways"][0]["locations_created"] == 1


def test_a_place_without_a_zip_code_is_reported_not_kept(tmp_path):
    path = _export(tmp_path)
    data = json.loads(path.read_text())
    bridge = Program.objects.get(name_en="Healthcare Bridge (IET)")
    node = next(n for n in data["@graph"] if n.get("ceterms:ctid") == bridge.ctid)
    node["ceterms:availableAt"].append({
        "@type": "ceterms:Place", "ceterms:name": {"en-US": "Annex"},
        "ceterms:streetAddress": {"en-US": "9 River Road"},
        "ceterms:addressLocality": {"en-US": "Riverton"},
        "ceterms:addressRegion": {"en-US": "KY"}})
    path.write_text(json.dumps(data))
    job = import_ctdl(CATALOG, [path])
    assert any("Annex" in w and "missing ceterms:postalCode" in w
               for w in job.report["warnings"]), job.report["warnings"]
    assert not Location.objects.filter(address_1="9 River Road").exists()
