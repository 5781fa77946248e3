"""CTDL import from the workspace (issue 17): a preview that writes nothing, an apply that
makes drafts only (never touching a published pathway), all or nothing, audited."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils import translation

from pathways.apps.accounts.models import AuditEntry, Membership, Partnership, Profile, Role
from pathways.apps.accounts.versioning import StaleEdit
from pathways.apps.catalog.ctdl import to_document
from pathways.apps.catalog.models import Pathway
from pathways.apps.exchange.actions import import_draft
from pathways.apps.exchange.ctdl_drafts import PublishedPathway
from pathways.apps.exchange.ctdl_preview import CHANGED, CREATED, REMOVED, preview_upload
from pathways.apps.exchange.models import ExchangeJob
from pathways.apps.exchange.queries import import_access
from pathways.demo.region import demo_partnership
from pathways.standards.ctdl import dumps, read_documents, to_jsonld
from tests.standards.ctdl_helpers import BAKERSFIELD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """Messages are compared in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield



def counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models()
            if m._meta.app_label in {"accounts", "catalog", "exchange"}}


def editor():
    return get_user_model().objects.get(username="editor")


def partnership() -> Partnership:
    return demo_partnership()


def a_pathway(status: str = Pathway.Status.DRAFT) -> Pathway:
    """A demo pathway (all are published), made a draft when asked."""
    found = Pathway.objects.filter(partnership=partnership()).order_by("slug").first()
    if status == Pathway.Status.DRAFT:
        Pathway.objects.filter(pk=found.pk).update(status=status)
        found.refresh_from_db()
    return found


def upload_of(pathway: Pathway) -> dict:
    return json.loads(dumps(to_document(pathway)))


def text(data: dict) -> bytes:
    return json.dumps(data).encode("utf-8")


def nodes(data: dict, kind: str) -> list[dict]:
    return [n for n in data["@graph"] if kind in str(n.get("@type"))]


def outsider():
    user = get_user_model().objects.create_user(username="editor-elsewhere")
    Profile.objects.create(user=user, role=Role.EDITOR)
    other = Partnership.objects.create(name="Another Region (test)", scope="local")
    Membership.objects.create(user=user, partnership=other)
    return user, other


# -- preview ---------------------------------------------------------------------------------
def test_an_unchanged_export_previews_as_no_change_and_writes_nothing():
    pathway = a_pathway()
    before = counts()
    preview = preview_upload(editor(), [("same.jsonld", text(upload_of(pathway)))])
    assert preview.ok and preview.errors == []
    [found] = preview.pathways
    assert found.existing == pathway and found.items == []
    assert preview.seen_versions() == {pathway.ctid: pathway.version}
    assert counts() == before


def test_the_preview_lists_exactly_what_is_created_changed_and_removed():
    pathway = a_pathway()
    doc = read_documents([("x", dumps(to_document(pathway)))]).pathways[0]
    first, second, removed = doc.components[0], doc.components[1], doc.components[-1]
    first.name = "Renamed step"
    second.credit_value = Decimal("99")
    doc.progression_model.levels[0].description = "New level text"
    doc.components.remove(removed)
    for comp in doc.components:
        comp.precedes = [c for c in comp.precedes if c != removed.ctid]
        comp.children = [c for c in comp.children if c != removed.ctid]
        for cond in comp.all_conditions():
            cond.targets = [c for c in cond.targets if c != removed.ctid]
    if doc.destination == removed.ctid:
        doc.destination = first.ctid
    new = copy.deepcopy(first)
    new.ctid, new.name = "ce-00000000-0000-4000-8000-000000000001", "A new step"
    new.entry_points, new.exit_points, new.conditions = [], [], []
    new.precedes, new.children = [], []
    doc.components.append(new)
    before = counts()
    preview = preview_upload(editor(), [("edited.jsonld", text(to_jsonld(doc)))])
    assert counts() == before
    assert preview.ok, preview.errors
    [found] = preview.pathways
    steps = {(i.action, i.name) for i in found.items if i.kind == "step"}
    assert (CREATED, "A new step") in steps and (REMOVED, removed.name) in steps
    changed = {i.name: {(c.field, c.old, c.new) for c in i.changes}
               for i in found.changed if i.kind == "step"}
    assert ("name", to_document(pathway).components[0].name, "Renamed step") \
        in changed["Renamed step"]
    assert any(c[0] == "credits" and c[2] == "99" for c in changed[second.name])
    [level] = [i for i in found.changed if i.kind == "level"]
    assert [(c.field, c.new) for c in level.changes] == [("description", "New level text")]
    removed_kinds = {i.kind for i in found.removed}
    assert "step" in removed_kinds
    assert all(i.action in {CREATED, CHANGED, REMOVED} for i in found.items)


def test_a_new_pathway_previews_as_all_created():
    preview = preview_upload(editor(), [("b.json", BAKERSFIELD.read_bytes())])
    assert preview.ok, preview.errors
    [found] = preview.pathways
    assert found.creates and found.existing is None
    assert {i.action for i in found.items} == {CREATED}
    kinds = {i.kind for i in found.items}
    assert {"pathway", "step", "condition"} <= kinds
    assert preview.unmapped  # the registry file carries terms we do not keep


def test_a_published_pathway_previews_as_a_new_working_copy_and_writes_nothing():
    pathway = a_pathway(Pathway.Status.PUBLISHED)
    data = upload_of(pathway)
    nodes(data, "Pathway")[0]["ceterms:name"] = {"en-US": "Next version"}
    before = counts()
    preview = preview_upload(editor(), [("p.jsonld", text(data))])
    assert preview.ok, preview.errors
    [found] = preview.pathways
    assert found.into_copy and found.new_copy and found.compared == pathway
    assert [(i.kind, i.action) for i in found.items] == [("pathway", CHANGED)]
    assert preview.seen_versions() == {pathway.ctid: pathway.version}
    assert counts() == before


def test_an_archived_or_in_review_pathway_is_an_error_in_the_preview():
    for status, said in ((Pathway.Status.ARCHIVED, "is archived"),
                         (Pathway.Status.IN_REVIEW, "is in review")):
        pathway = a_pathway(Pathway.Status.PUBLISHED)
        Pathway.objects.filter(pk=pathway.pk).update(status=status)
        preview = preview_upload(editor(), [("p.jsonld", text(upload_of(pathway)))])
        assert not preview.ok
        [problem] = preview.errors
        assert problem.message.startswith(f"{pathway.name} {said}")
        assert problem.node == pathway.ctid
        Pathway.objects.filter(pk=pathway.pk).update(status=Pathway.Status.PUBLISHED)


def test_a_pathway_of_another_partnership_is_an_error_in_the_preview():
    user, _other = outsider()
    preview = preview_upload(user, [("p.jsonld", text(upload_of(a_pathway())))])
    assert not preview.ok
    assert "not a member" in preview.errors[0].message


def test_a_bad_file_previews_its_problems_with_node_and_field():
    data = upload_of(a_pathway())
    step = nodes(data, "Component")[0]
    step["ceterms:name"] = 12
    preview = preview_upload(editor(), [("bad.jsonld", text(data))])
    assert not preview.ok and preview.pathways == []
    [problem] = preview.errors
    assert problem.node == step["@id"] and problem.field.endswith("ceterms:name")


# -- apply as draft --------------------------------------------------------------------------
def test_a_new_pathway_is_created_as_a_draft_of_the_partnership_and_audited():
    access = import_access(editor(), partnership().pk)
    job = import_draft(access, "b.json", BAKERSFIELD.read_bytes())
    assert job.status == ExchangeJob.Status.SUCCEEDED and job.started_by == editor()
    created = Pathway.objects.get(ctid=job.report["pathways"][0]["ctid"])
    assert created.status == Pathway.Status.DRAFT
    assert created.partnership == partnership()
    entry = AuditEntry.objects.filter(action="ctdl.import_draft").latest("pk")
    assert entry.summary.startswith("Created draft ")


def test_a_draft_is_updated_in_place():
    pathway = a_pathway()
    data = upload_of(pathway)
    nodes(data, "Pathway")[0]["ceterms:name"] = {"en-US": "Imported name"}
    import_draft(import_access(editor(), partnership().pk), "d.jsonld", text(data),
                 {pathway.ctid: pathway.version})
    updated = Pathway.objects.get(pk=pathway.pk)
    assert updated.name == "Imported name" and updated.status == Pathway.Status.DRAFT
    assert updated.version == pathway.version + 1


def test_a_set_with_one_refused_pathway_writes_none_of_them():
    refused = a_pathway(Pathway.Status.PUBLISHED)
    Pathway.objects.filter(pk=refused.pk).update(status=Pathway.Status.IN_REVIEW)
    published = upload_of(refused)
    new = json.loads(BAKERSFIELD.read_text())
    both = {"@context": published["@context"],
            "@graph": [*published["@graph"], *new["@graph"]]}
    before = counts()
    with pytest.raises(PublishedPathway, match="is in review"):
        import_draft(import_access(editor(), partnership().pk), "both.jsonld", text(both))
    after = counts()
    after["exchange.ExchangeJob"] -= 1  # the FAILED job saying why
    assert after == before
    assert ExchangeJob.objects.latest("pk").status == ExchangeJob.Status.FAILED


def test_a_draft_saved_since_the_preview_is_refused_naming_the_change():
    pathway = a_pathway()
    seen = pathway.version
    pathway.description = "Edited meanwhile"
    pathway.note_changes(["description"])
    pathway.save()
    with pytest.raises(StaleEdit, match="changed: Description"):
        import_draft(import_access(editor(), partnership().pk), "d.jsonld",
                     text(upload_of(pathway)), {pathway.ctid: seen})


def test_a_pathway_of_another_partnership_is_refused_and_nothing_written():
    user, other = outsider()
    data = upload_of(a_pathway())
    before = counts()
    with pytest.raises(PermissionDenied):
        import_draft(import_access(user, other.pk), "p.jsonld", text(data))
    assert counts() == before


# -- exactly what a preview lists --------------------------------------------------------------
CONTEXT = "https://credreg.net/ctdl/schema/context/json"
R = "https://credentialengineregistry.org/resources/"


def small(step_b_name: str = "Welding II", credits: int = 3, with_c: bool = True,
          with_d: bool = False, required: int = 1) -> dict:
    """A pathway of three steps in two levels; B needs `required` of A and C."""
    def ctid(n: int) -> str:
        return f"ce-00000000-0000-4000-8000-{n:012d}"

    steps = [
        {"@id": R + ctid(11), "@type": "ceterms:CourseComponent", "ceterms:ctid": ctid(11),
         "ceterms:name": {"en-US": "Welding I"}, "asn:hasProgressionLevel": [R + ctid(2)]},
        {"@id": R + ctid(12), "@type": "ceterms:CredentialComponent", "ceterms:ctid": ctid(12),
         "ceterms:name": {"en-US": step_b_name}, "asn:hasProgressionLevel": [R + ctid(3)],
         "ceterms:creditValue": [{"@type": "schema:QuantitativeValue", "schema:value": credits}],
         "ceterms:hasCondition": [{
             "@type": "ceterms:ComponentCondition", "ceterms:requiredNumber": required,
             "ceterms:targetComponent": [R + ctid(11)] + ([R + ctid(13)] if with_c else [])}]},
    ]
    if with_c:
        steps.append({"@id": R + ctid(13), "@type": "ceterms:CourseComponent",
                      "ceterms:ctid": ctid(13), "ceterms:name": {"en-US": "Blueprints"},
                      "asn:hasProgressionLevel": [R + ctid(2)]})
    if with_d:
        steps.append({"@id": R + ctid(14), "@type": "ceterms:CourseComponent",
                      "ceterms:ctid": ctid(14), "ceterms:name": {"en-US": "Safety"},
                      "asn:hasProgressionLevel": [R + ctid(2)], "ceasn:isChildOf": [R + ctid(12)]})
    return {"@context": CONTEXT, "@graph": [
        {"@id": R + ctid(1), "@type": "ceterms:Pathway", "ceterms:ctid": ctid(1),
         "ceterms:name": {"en-US": "Small welding"},
         "ceterms:hasDestinationComponent": [R + ctid(12)],
         "asn:hasProgressionModel": [R + ctid(9)]},
        {"@id": R + ctid(9), "@type": "asn:ProgressionModel", "ceterms:ctid": ctid(9),
         "skos:hasTopConcept": [R + ctid(2), R + ctid(3)]},
        {"@id": R + ctid(2), "@type": "asn:ProgressionLevel", "ceterms:ctid": ctid(2),
         "skos:prefLabel": {"en-US": "Start"}, "skos:notation": "1"},
        {"@id": R + ctid(3), "@type": "asn:ProgressionLevel", "ceterms:ctid": ctid(3),
         "skos:prefLabel": {"en-US": "Finish"}, "skos:notation": "2"},
        *steps]}


def test_the_preview_of_a_small_pathway_lists_exactly_its_changes():
    import_draft(import_access(editor(), partnership().pk), "small.json", text(small()))
    assert preview_upload(editor(), [("same.json", text(small()))]).pathways[0].items == []
    edited = small(step_b_name="Welding certificate", credits=4, with_c=False, with_d=True)
    before = counts()
    [found] = preview_upload(editor(), [("edited.json", text(edited))]).pathways
    assert counts() == before
    listed = sorted((i.action, i.kind, i.name, tuple((c.field, c.old, c.new) for c in i.changes))
                    for i in found.items)
    assert listed == sorted([
        (CREATED, "step", "Safety", ()),
        (CHANGED, "step", "Welding certificate", (
            ("name", "Welding II", "Welding certificate"), ("credits", "3", "4"),
            ("parts", "", "Safety"))),
        (CHANGED, "condition", "Welding certificate: condition 1", (
            ("targets", "Blueprints, Welding I", "Welding I"),)),
        (REMOVED, "step", "Blueprints", ()),
    ])
