"""CTDL language maps (ADR 0042): the export writes each text in English and Spanish, the
import reads the Spanish values back, and a round trip keeps both languages."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.catalog.ctdl import to_document
from pathways.apps.catalog.models import Pathway, PathwayComponent
from pathways.apps.catalog.queries import catalog_access
from pathways.apps.catalog.translations import coverage, objects, texts
from pathways.apps.exchange.actions import export_ctdl, import_ctdl
from pathways.standards.ctdl import dumps
from tests.exchange.factories import SLUG, build_small_pathway

CATALOG = catalog_access(CONSOLE)

pytestmark = pytest.mark.django_db


def nodes(pathway: Pathway) -> dict[str, dict]:
    graph = json.loads(dumps(to_document(pathway)))["@graph"]
    return {node["@id"].rsplit("/", 1)[-1]: node for node in graph}


def spanish_everywhere(pathway: Pathway) -> dict[tuple[str, int, str], str]:
    """Give every text of the pathway a Spanish value; what was given, by (model, pk,
    field)."""
    given = {}
    for obj, name in [text for one in objects(pathway) for text in texts(one)]:
        value = f"ES {getattr(obj, f'{name}_en')}"
        type(obj).objects.filter(pk=obj.pk).update(**{f"{name}_es": value})
        given[(type(obj).__name__, obj.pk, name)] = value
    return given


def test_the_export_writes_language_maps_with_the_languages_that_have_a_value():
    pathway = Pathway.objects.get(slug="nursing-and-patient-care")
    algebra = PathwayComponent.objects.get(pathway=pathway, name_en="College Algebra")
    PathwayComponent.objects.filter(pk=algebra.pk).update(name_es="")
    with translation.override("es"):  # a Spanish-speaking editor exports: English stays English
        found = nodes(pathway)
    assert found[pathway.ctid]["ceterms:name"] == {
        "en-US": "Nursing and Patient Care", "es": "Enfermería y cuidado de pacientes"}
    assert found[algebra.ctid]["ceterms:name"] == {"en-US": "College Algebra"}
    level = found[pathway.levels.get(order=1).ctid]
    assert level["skos:prefLabel"] == {"en-US": "Bridge and basic skills",
                                       "es": "Puente y habilidades básicas"}
    cna = found[PathwayComponent.objects.get(pathway=pathway, name_en="Nurse aide training").ctid]
    condition = cna["ceterms:hasCondition"][0]
    assert condition["ceterms:name"]["es"] == "Listo para la capacitación de asistente de " \
        "enfermería"
    entries = {e["ceterms:name"]["en-US"]: e for e in
               found[PathwayComponent.objects.get(pathway=pathway, name_en="English for "
                                                  "Health Careers").ctid]["pathways:entryPoint"]}
    assert entries["English learners"]["ceterms:name"]["es"] == "Si estás aprendiendo inglés"
    service = next(n for n in found.values() if n.get("@type") == "ceterms:SupportService"
                   and n["ceterms:name"]["en-US"] == "Childcare assistance")
    assert service["ceterms:estimatedCost"][0]["ceterms:description"] == {
        "en-US": "Free for eligible families", "es": "Gratis para las familias que califican"}


def test_export_then_import_keeps_both_languages(tmp_path):
    pathway = build_small_pathway()
    given = spanish_everywhere(pathway)
    pathway.refresh_from_db()
    assert coverage(pathway).complete and len(given) > 20
    export_ctdl(CATALOG, [pathway], out_dir=tmp_path)
    path = tmp_path / f"{SLUG}.jsonld"
    exported = path.read_text()
    pathway.delete()
    with translation.override("es"):  # the importer's language changes nothing
        job = import_ctdl(CATALOG, [path])
    assert job.report["pathways"][0]["created"] is True and job.report["warnings"] == []
    restored = Pathway.objects.get(slug=SLUG)
    assert (restored.name_en, restored.name_es) == ("CTDL Test Pathway",
                                                    "ES CTDL Test Pathway")
    after = coverage(restored)
    assert after.complete, [(str(o), n) for o, n in after.missing]
    assert after.total == len(given)
    restored_texts = sorted(getattr(obj, f"{name}_es")
                            for one in objects(restored) for obj, name in texts(one))
    assert restored_texts == sorted(given.values())
    assert dumps(to_document(restored)) == exported


def test_an_import_without_spanish_leaves_no_stale_spanish(tmp_path):
    pathway = build_small_pathway()
    export_ctdl(CATALOG, [pathway], out_dir=tmp_path)  # exported before any Spanish
    spanish_everywhere(pathway)
    import_ctdl(CATALOG, [tmp_path / f"{SLUG}.jsonld"])
    pathway.refresh_from_db()
    assert pathway.name_es is None and pathway.name_en == "CTDL Test Pathway"
    assert not pathway.levels.exclude(name_es=None).exists()
