"""The import preview shows a step's support services, matched by CTID and named."""

from __future__ import annotations

from django.utils import translation

from pathways.apps.exchange.ctdl_preview import CHANGED, diff
from pathways.standards.ctdl import SupportService
from tests.standards.ctdl_helpers import ctid, sample_document


def test_a_steps_services_changing_shows_on_the_step():
    before, after = sample_document(), sample_document()
    course = next(c for c in after.components if c.name == "Course step")
    after.step_services.append(SupportService(ctid("bus"), "Bus pass"))
    course.support_services = [ctid("bus")]
    changes = [c for c in diff(before, after) if c.kind == "step"]
    assert [(c.name, c.action) for c in changes] == [("Course step", CHANGED)]
    (field,) = changes[0].changes
    assert (field.field, field.old, field.new) == (
        "support_services", "Career advising, Childcare", "Bus pass")
    with translation.override("en"):
        assert field.label == "support services"


def test_a_renamed_service_is_no_change_of_the_step():
    before, after = sample_document(), sample_document()
    after.step_services[0].name = "Career coaching"
    assert [c for c in diff(before, after) if c.kind == "step"] == []
