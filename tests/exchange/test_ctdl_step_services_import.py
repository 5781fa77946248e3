"""Importing a step's support services (``pathways:hasSupportService``): linked to the step
by CTID, created once when new, and left alone by a file that cannot carry them."""

from __future__ import annotations

import json

import pytest

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.catalog.models import Pathway, SupportService
from pathways.apps.catalog.queries import catalog_access
from pathways.apps.exchange.actions import import_ctdl
from pathways.standards.ctdl import CTDL_CONTEXT, resource_iri
from tests.standards.ctdl_helpers import ctid

pytestmark = pytest.mark.django_db
CATALOG = catalog_access(CONSOLE)
OURS = [CTDL_CONTEXT, {"pathways": "urn:pathways:terms:"}]


def pathway_file(context: object, step_services: list[str]) -> dict:
    service = {"@id": resource_iri(ctid("advising")), "@type": "ceterms:SupportService",
               "ceterms:ctid": ctid("advising"), "ceterms:name": {"en-US": "Career advising"},
               "ceterms:supportServiceType": [{"@type": "ceterms:CredentialAlignmentObject",
                                               "ceterms:targetNode": "support:CareerAdvising"}]}
    step = {"@id": resource_iri(ctid("intro")), "@type": "ceterms:CourseComponent",
            "ceterms:ctid": ctid("intro"), "ceterms:name": {"en-US": "Intro to welding"},
            "ceterms:isPartOf": [resource_iri(ctid("p"))]}
    if step_services:
        step["pathways:hasSupportService"] = step_services
    return {"@context": context, "@graph": [
        {"@id": resource_iri(ctid("p")), "@type": "ceterms:Pathway", "ceterms:ctid": ctid("p"),
         "ceterms:name": {"en-US": "Welding"}, "ceterms:hasPart": [step["@id"]]},
        step, service]}


def run(tmp_path, data: dict):
    path = tmp_path / "welding.jsonld"
    path.write_text(json.dumps(data))
    return import_ctdl(CATALOG, [path])


def test_a_steps_service_is_linked_to_the_step_not_the_pathway(tmp_path):
    job = run(tmp_path, pathway_file(OURS, [resource_iri(ctid("advising"))]))
    assert job.report["warnings"] == []
    pathway = Pathway.objects.get(ctid=ctid("p"))
    step = pathway.components.get()
    assert [s.ctid for s in step.support_services.all()] == [ctid("advising")]
    assert not pathway.support_services.exists()
    assert SupportService.objects.get(ctid=ctid("advising")).category == "support:CareerAdvising"
    run(tmp_path, pathway_file(OURS, []))  # our file without it: the step loses it
    assert not step.support_services.exists()
    assert SupportService.objects.filter(ctid=ctid("advising")).count() == 1


def test_a_file_from_elsewhere_leaves_the_steps_services(tmp_path):
    run(tmp_path, pathway_file(OURS, [resource_iri(ctid("advising"))]))
    run(tmp_path, pathway_file(CTDL_CONTEXT, []))
    step = Pathway.objects.get(ctid=ctid("p")).components.get()
    assert [s.ctid for s in step.support_services.all()] == [ctid("advising")]
