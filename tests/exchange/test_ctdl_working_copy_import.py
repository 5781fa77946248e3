"""A CTDL import of a published pathway goes into its working copy (issue 17, ADR 0041):
levels and steps matched through the copy's ``origin``, the published version unchanged
until a reviewer of another organisation approves the copy."""

from __future__ import annotations

import json

import pytest
from django.forms.models import model_to_dict
from django.utils import translation

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.catalog import lifecycle
from pathways.apps.catalog.ctdl import to_document
from pathways.apps.catalog.models import Pathway, PathwayComponent, ProgressionLevel
from pathways.apps.exchange.actions import import_draft
from pathways.apps.exchange.ctdl_preview import CHANGED, preview_upload
from pathways.apps.exchange.queries import import_access
from pathways.core.errors import InputError
from pathways.standards.ctdl import dumps
from tests.catalog.test_lifecycle import live_with_milestones, on, rows, team  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def document(pathway: Pathway, name: str, step_name: str) -> tuple[bytes, str]:
    """The pathway's export with a new name and its first step renamed."""
    data = json.loads(dumps(to_document(pathway)))
    graph = data["@graph"]
    next(n for n in graph if n.get("@type") == "ceterms:Pathway")["ceterms:name"] = {
        "en-US": name}
    step = next(n for n in graph if "Component" in str(n.get("@type")))
    step["ceterms:name"] = {"en-US": step_name}
    return json.dumps(data).encode(), step["ceterms:ctid"]


def snapshot(client, live: Pathway) -> tuple:
    page, ctdl = f"/pathways/{live.slug}/", f"/pathways/{live.slug}/ctdl.jsonld"
    return (model_to_dict(Pathway.objects.get(pk=live.pk)), rows(live),
            client.get(page).content, client.get(ctdl).content)


def test_an_import_goes_into_a_working_copy_until_approved(team, client):  # noqa: F811
    live = live_with_milestones()
    editor = team["editor"]
    data, step_ctid = document(live, "Imported next version", "Imported step name")
    before = snapshot(client, live)
    live_step = PathwayComponent.objects.get(ctid=step_ctid)

    preview = preview_upload(editor, [("next.jsonld", data)])
    assert preview.ok, preview.errors
    [found] = preview.pathways
    assert found.new_copy
    assert {(i.kind, i.action) for i in found.items} == {("pathway", CHANGED),
                                                          ("step", CHANGED)}
    assert not Pathway.objects.filter(draft_of=live).exists()

    access = import_access(editor, team["partnership"].pk)
    job = import_draft(access, "next.jsonld", data, preview.seen_versions())
    assert snapshot(client, live) == before  # the published version did not change
    copy = Pathway.objects.get(draft_of=live)
    assert job.report["pathways"][0]["working_copy_of"] == live.slug
    assert copy.name == "Imported next version" and copy.status == Pathway.Status.DRAFT
    # Levels and steps were updated in the copy, not recreated: each names its live row.
    for model in (ProgressionLevel, PathwayComponent):
        assert sorted(model.objects.filter(pathway=copy).values_list("origin_id", flat=True)) \
            == sorted(model.objects.filter(pathway=live).values_list("pk", flat=True))
    assert PathwayComponent.objects.get(pathway=copy, origin=live_step).name == \
        "Imported step name"
    assert AuditEntry.objects.filter(action="ctdl.import_draft").latest("pk").summary \
        .startswith("Updated the working copy of ")

    # A second upload is compared with the working copy and updates the same rows.
    steps = sorted(PathwayComponent.objects.filter(pathway=copy).values_list("pk", flat=True))
    again = preview_upload(editor, [("next.jsonld", data)])
    [second] = again.pathways
    assert second.into_copy and not second.new_copy and second.compared == copy
    assert second.items == []
    assert again.seen_versions() == {copy.ctid: copy.version}
    import_draft(access, "next.jsonld", data, again.seen_versions())
    assert Pathway.objects.filter(draft_of=live).count() == 1
    assert sorted(PathwayComponent.objects.filter(pathway=copy).values_list(
        "pk", flat=True)) == steps
    assert snapshot(client, live) == before

    lifecycle.submit_for_review(on(editor, copy))
    lifecycle.approve(on(team["reviewer"], copy))
    live.refresh_from_db()
    assert live.name == "Imported next version"
    assert PathwayComponent.objects.get(pk=live_step.pk).name == "Imported step name"
    assert PathwayComponent.objects.get(pk=live_step.pk).ctid == step_ctid
    assert "Imported step name" in client.get(f"/pathways/{live.slug}/").content.decode()
    assert b"Imported next version" in client.get(f"/pathways/{live.slug}/ctdl.jsonld").content


def test_a_working_copy_started_after_the_preview_is_refused(team):  # noqa: F811
    live = live_with_milestones()
    data, _ctid = document(live, "Imported next version", "Imported step name")
    preview = preview_upload(team["editor"], [("next.jsonld", data)])
    lifecycle.start_revision(on(team["colleague"], live))
    copy = Pathway.objects.get(draft_of=live)
    with pytest.raises(InputError, match="started the next version"):
        import_draft(import_access(team["editor"], team["partnership"].pk), "next.jsonld",
                     data, preview.seen_versions())
    copy.refresh_from_db()
    assert copy.name == live.name


def test_a_level_removed_from_the_copy_comes_back_naming_its_live_row(team):  # noqa: F811
    live = live_with_milestones()
    copy = lifecycle.start_revision(on(team["editor"], live))
    level = ProgressionLevel.objects.filter(pathway=copy).order_by("order").last()
    origin = level.origin
    PathwayComponent.objects.filter(level=level).update(level=None)
    level.delete()
    data = dumps(to_document(live)).encode()
    import_draft(import_access(team["editor"], team["partnership"].pk), "live.jsonld", data)
    back = ProgressionLevel.objects.get(pathway=copy, origin=origin)
    assert back.ctid != origin.ctid and back.name == origin.name
