"""The pathway's step facts a record page reads, kept for the catalog's generation."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pathways.apps.catalog.models import Pathway, PathwayComponent
from pathways.apps.catalog.steps import pathway_steps
from pathways.demo import ctid

pytestmark = pytest.mark.django_db

SLUG = "nursing-and-patient-care"


def test_steps_carry_the_credential_of_the_step_or_its_program():
    pathway = Pathway.objects.get(slug=SLUG)
    steps = pathway_steps(pathway.pk)
    for component in PathwayComponent.objects.filter(pathway=pathway).select_related(
            "program__provider__organisation"):
        step = steps[component.ctid]
        assert step.pk == component.pk
        expected = component.credential_id or (
            component.program.credential_id if component.program_id else None)
        assert step.credential_id == expected
        assert step.is_apprenticeship == component.is_apprenticeship
        organisation = component.program.provider.organisation if component.program_id \
            else None
        assert step.provider_kind == (organisation.kind if organisation else None)


def test_a_second_read_costs_no_query_and_a_catalog_change_is_seen_at_once(
        django_capture_on_commit_callbacks):
    pathway = Pathway.objects.get(slug=SLUG)
    pathway_steps(pathway.pk)
    with CaptureQueriesContext(connection) as queries:
        pathway_steps(pathway.pk)
    assert len(queries) == 0
    bridge = PathwayComponent.objects.get(ctid=ctid("component", SLUG, "bridge"))
    with django_capture_on_commit_callbacks(execute=True):
        bridge.is_apprenticeship = not bridge.is_apprenticeship
        bridge.save()
    assert pathway_steps(pathway.pk)[bridge.ctid].is_apprenticeship == bridge.is_apprenticeship
