"""A program's enrollment page travels in CTDL as ``ceterms:subjectWebpage`` on the
program's ``ceterms:LearningProgram`` record: exported, read back onto a program that has
none (https only), never replacing one the catalog has."""

from __future__ import annotations

import json

import pytest

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.catalog.models import Pathway, Program
from pathways.apps.catalog.queries import catalog_access
from pathways.apps.exchange.actions import export_ctdl, import_ctdl

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
