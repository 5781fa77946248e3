"""A CTDL import into a working copy matches the steps' conditions to the copy's rows
(issue 17): an unchanged condition keeps its row and its ``origin``, so publishing the copy
updates the live condition rather than removing it and adding another."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from pathways.apps.catalog import lifecycle
from pathways.apps.catalog.ctdl import to_document
from pathways.apps.catalog.models import ComponentCondition, Pathway
from pathways.apps.catalog.working_copies import conditions_of
from pathways.apps.exchange.actions import import_draft
from pathways.apps.exchange.queries import import_access
from pathways.standards.ctdl import dumps
from tests.catalog.test_lifecycle import live_with_milestones, on, rows, team  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def imported(team, data: dict) -> dict:  # noqa: F811
    job = import_draft(import_access(team["editor"], team["partnership"].pk), "live.jsonld",
                       json.dumps(data).encode())
    return job.report["pathways"][0]


def conditions_in(data: dict) -> list[tuple[dict, dict]]:
    """(step node, condition) for each top-level condition of the exported steps."""
    return [(node, condition) for node in data["@graph"]
            for condition in node.get("ceterms:hasCondition", [])]


def summary(counts: dict) -> dict:
    return {what: counts[f"conditions_{what}"]
            for what in ("created", "changed", "unchanged", "removed")}


def test_the_same_file_changes_no_condition_of_the_working_copy(team):  # noqa: F811
    live = live_with_milestones()
    live_conditions = rows(live)["conditions"]
    assert len(live_conditions) >= 2
    copy = lifecycle.start_revision(on(team["editor"], live))
    copied = sorted(c.pk for c in conditions_of(copy))
    data = json.loads(dumps(to_document(live)))
    counts = imported(team, data)
    assert summary(counts) == {"created": 0, "changed": 0, "removed": 0,
                               "unchanged": len(live_conditions)}
    kept = conditions_of(copy)
    assert sorted(c.pk for c in kept) == copied
    assert sorted(c.origin_id for c in kept) == live_conditions


def test_one_changed_condition_is_the_only_one_reported(team, client):  # noqa: F811
    live = live_with_milestones()
    live_conditions = rows(live)["conditions"]
    copy = lifecycle.start_revision(on(team["editor"], live))
    data = json.loads(dumps(to_document(live)))
    step, condition = conditions_in(data)[0]
    condition["ceterms:requiredNumber"] = 1
    condition["ceterms:name"] = {"en-US": "Any one of these first"}
    counts = imported(team, data)
    assert summary(counts) == {"created": 0, "changed": 1, "removed": 0,
                               "unchanged": len(live_conditions) - 1}
    changed = ComponentCondition.objects.get(component__pathway=copy,
                                             name="Any one of these first")
    assert changed.origin_id in live_conditions and changed.required_number == 1

    lifecycle.submit_for_review(on(team["editor"], copy))
    lifecycle.approve(on(team["reviewer"], copy))
    assert rows(live)["conditions"] == live_conditions  # the same live rows, updated
    assert ComponentCondition.objects.get(pk=changed.origin_id).name == "Any one of these first"
    version = Pathway.objects.get(pk=live.pk).versions.order_by("number").last()
    needs = [s for s in version.summary if "needs first" in str(s)]
    step_name = step["ceterms:name"]["en-US"] if isinstance(step["ceterms:name"], dict) \
        else step["ceterms:name"]
    assert len(needs) == 1 and step_name in str(needs[0])


def test_a_condition_with_other_targets_is_removed_and_another_created(team):  # noqa: F811
    live = live_with_milestones()
    live_conditions = rows(live)["conditions"]
    copy = lifecycle.start_revision(on(team["editor"], live))
    data = json.loads(dumps(to_document(live)))
    _step, condition = next((s, c) for s, c in conditions_in(data)
                            if len(c.get("ceterms:targetComponent", [])) >= 2)
    condition["ceterms:targetComponent"] = condition["ceterms:targetComponent"][:1]
    counts = imported(team, data)
    assert counts["conditions_created"] >= 1 and counts["conditions_removed"] >= 1
    assert counts["conditions_changed"] == 0
    assert len([c for c in conditions_of(copy) if c.origin_id is None]) \
        == counts["conditions_created"]
    assert len(conditions_of(copy)) == len(live_conditions) + counts["conditions_created"] \
        - counts["conditions_removed"]
