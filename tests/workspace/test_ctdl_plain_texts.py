"""Issue 20's texts in CTDL. A program's enrollment page travels as ``ceterms:subjectWebpage``
on the program's ``ceterms:LearningProgram`` record: exported, read back onto a program that
has none (https only), never replacing one the catalog has. An exit's plain summary travels
as ``pathways:plainSummary`` in both languages, and a changed one is named among a
version's changes."""

from __future__ import annotations

import json

import pytest

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.catalog.ctdl import to_document
from pathways.apps.catalog.models import ExitPoint, Pathway, Program
from pathways.apps.catalog.queries import catalog_access
from pathways.apps.exchange.actions import export_ctdl, import_ctdl
from pathways.standards.ctdl import dumps, read_documents
from pathways.standards.ctdl.diff import describe_changes

pytestmark = pytest.mark.django_db
CATALOG = catalog_access(CONSOLE)
AIDE = "https://example.org/rvctc/enroll/nurse-aide-training"


def _export(tmp_path):
    pathway = Pathway.objects.get(slug="nursing-and-patient-care")
    export_ctdl(CATALOG, [pathway], out_dir=tmp_path)
    return tmp_path / f"{pathway.slug}.jsonld"


def _node(data: dict, program: Program) -> dict:
    return next(n for n in data["@graph"] if n.get("ceterms:ctid") == program.ctid)


def test_the_enrollment_page_is_exported_and_read_back(tmp_path):
    program = Program.objects.get(name_en="Nurse Aide Training")
    path = _export(tmp_path)
    node = _node(json.loads(path.read_text()), program)
    assert node["@type"] == "ceterms:LearningProgram"
    assert node["ceterms:subjectWebpage"] == AIDE
    Program.objects.filter(pk=program.pk).update(url="")
    job = import_ctdl(CATALOG, [path])
    assert job.report["warnings"] == []
    program.refresh_from_db()
    assert program.url == AIDE


def test_an_http_page_in_a_file_is_reported_and_one_the_catalog_has_is_kept(tmp_path):
    program = Program.objects.get(name_en="Nurse Aide Training")
    path = _export(tmp_path)
    data = json.loads(path.read_text())
    _node(data, program)["ceterms:subjectWebpage"] = "http://example.org/old"
    path.write_text(json.dumps(data))
    import_ctdl(CATALOG, [path])
    program.refresh_from_db()
    assert program.url == AIDE  # kept, not replaced
    Program.objects.filter(pk=program.pk).update(url="")
    job = import_ctdl(CATALOG, [path])
    assert any("http://example.org/old" in w and "https" in w
               for w in job.report["warnings"]), job.report["warnings"]
    program.refresh_from_db()
    assert program.url == ""


def test_the_plain_summary_is_exported_in_both_languages_and_read_back(tmp_path):
    nursing = Pathway.objects.get(slug="nursing-and-patient-care")
    phlebotomist = ExitPoint.objects.get(pathway=nursing, occupation_id="31-9097.00")
    before = (phlebotomist.summary_en, phlebotomist.summary_es)
    path = _export(tmp_path)
    data = json.loads(path.read_text())
    found = [e["pathways:plainSummary"] for n in data["@graph"]
             for e in n.get("pathways:exitPoint", [])
             if e["ceterms:name"]["en-US"] == "Phlebotomist"]
    assert found == [{"en-US": before[0], "es": before[1]}]
    ExitPoint.objects.filter(pk=phlebotomist.pk).update(summary_en="", summary_es=None)
    job = import_ctdl(CATALOG, [path])  # into the published pathway's working copy
    assert job.report["warnings"] == []
    copied = ExitPoint.objects.get(pathway__draft_of=nursing, occupation_id="31-9097.00")
    assert (copied.summary_en, copied.summary_es) == before


def test_a_changed_summary_is_named_among_the_changes():
    nursing = Pathway.objects.get(slug="nursing-and-patient-care")

    def document():
        return read_documents([("v.jsonld", dumps(to_document(nursing)))]).pathways[0]

    before = document()
    ExitPoint.objects.filter(pathway=nursing, occupation_id="31-9097.00").update(
        summary_es="Sacas sangre para pruebas.")
    changes = [str(c) for c in describe_changes(before, document())]
    assert 'The plain summary of exit "Phlebotomist" changed.' in changes
