"""Review, versions and publishing (catalog.lifecycle, ADR 0041): a published pathway is
changed through a working copy that the public never sees; approval by another member
organisation publishes it onto the live rows, keeping what participants' plans point at."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils import translation

from pathways.apps.accounts.models import (
    AuditEntry,
    Membership,
    Organisation,
    Partnership,
    Profile,
    Role,
)
from pathways.apps.accounts.versioning import StaleEdit
from pathways.apps.cases.models import CareerPlan, Milestone, Participant, WorkActivity
from pathways.apps.cases.vocabulary import Source
from pathways.apps.catalog import lifecycle, queries, working_copies
from pathways.apps.catalog.models import (
    ComponentCondition,
    EntryPoint,
    ExitPoint,
    ImmutableVersion,
    Occupation,
    Pathway,
    PathwayComponent,
    PathwayVersion,
    ProgressionLevel,
    ReviewComment,
    Sector,
)
from pathways.core.errors import InputError
from pathways.demo.region import demo_partnership

pytestmark = pytest.mark.django_db


def person(username, role=Role.EDITOR, organisation=None, partnership=None):
    user = get_user_model().objects.create_user(username=username, password=None,
                                                is_superuser=role == Role.ADMINISTRATOR)
    Profile.objects.create(user=user, role=role, organisation=organisation)
    if partnership is not None:
        Membership.objects.create(user=user, partnership=partnership)
    return user


@pytest.fixture
def team():
    partnership = demo_partnership()
    college = Organisation.objects.create(name="Test College", kind="college")
    board = Organisation.objects.create(name="Test Board", kind="workforce_board")
    partnership.organisations.add(college, board)
    elsewhere = Organisation.objects.create(name="Elsewhere (t)", kind="college")
    return {
        "partnership": partnership,
        "editor": person("t-editor", organisation=college, partnership=partnership),
        "colleague": person("t-colleague", organisation=college, partnership=partnership),
        "reviewer": person("t-reviewer", organisation=board, partnership=partnership),
        "admin": person("t-admin", Role.ADMINISTRATOR, organisation=college,
                        partnership=partnership),
        "outsider": person("t-outsider", organisation=elsewhere, partnership=Partnership
                           .objects.create(name="Other (t)", scope="local")),
        "stranger": person("t-stranger", organisation=elsewhere, partnership=partnership),
    }


def on(user, pathway):
    return queries.pathway_access(user, Pathway.objects.get(pk=pathway.pk))


def live_with_milestones() -> Pathway:
    """The demo pathway whose steps participants' records name."""
    return Milestone.objects.filter(component__isnull=False).order_by("pk").first() \
        .component.pathway


def used_steps(pathway: Pathway) -> set[int]:
    return set(Milestone.objects.filter(component__pathway=pathway)
               .values_list("component_id", flat=True)) | set(
        WorkActivity.objects.filter(component__pathway=pathway)
        .values_list("component_id", flat=True))


def rows(pathway: Pathway) -> dict[str, list[tuple]]:
    """What a pathway holds, by key and CTID."""
    return {
        "levels": list(pathway.levels.order_by("pk").values_list("pk", "ctid", "order", "name")),
        "steps": list(PathwayComponent.objects.filter(pathway=pathway).order_by("pk")
                      .values_list("pk", "ctid", "name", "level_id")),
        "entries": list(pathway.entry_points.order_by("pk").values_list("pk", "component_id")),
        "exits": list(pathway.exit_points.order_by("pk").values_list("pk", "component_id")),
        "conditions": sorted(c.pk for c in working_copies.conditions_of(pathway)),
    }


def publish(team, live) -> PathwayVersion:
    copy = Pathway.objects.get(draft_of=live)
    lifecycle.submit_for_review(on(team["editor"], copy))
    return lifecycle.approve(on(team["reviewer"], copy))


def new_draft(team, name="Test welding") -> Pathway:
    """A small pathway built from nothing: two steps on two levels, an entry and an exit."""
    pathway = Pathway.objects.create(name=name, slug=name.lower().replace(" ", "-"),
                                     sector=Sector.objects.order_by("pk").first(),
                                     partnership=team["partnership"])
    one = ProgressionLevel.objects.create(pathway=pathway, order=1, name="Start")
    two = ProgressionLevel.objects.create(pathway=pathway, order=2, name="Job")
    first = PathwayComponent.objects.create(pathway=pathway, level=one, name="Welding I",
                                            component_type="ceterms:CourseComponent")
    job = PathwayComponent.objects.create(pathway=pathway, level=two, name="Welder",
                                          component_type="ceterms:JobComponent")
    first.precedes.add(job)
    EntryPoint.objects.create(pathway=pathway, component=first, name="Anyone",
                              kind="direct")
    ExitPoint.objects.create(pathway=pathway, component=job, name="Welder job",
                             occupation=Occupation.objects.filter(code__startswith="51-").order_by("code").first())
    return pathway


# -- working copies ---------------------------------------------------------------------------
def test_a_revision_is_a_copy_of_every_row_naming_its_origin(team):
    live = live_with_milestones()
    before = rows(live)
    copy = lifecycle.start_revision(on(team["editor"], live))
    assert copy.draft_of_id == live.pk and copy.status == Pathway.Status.DRAFT
    assert copy.slug == f"{live.slug}-draft" and copy.ctid != live.ctid
    assert copy.changed_by == team["editor"] and copy.name == live.name
    for model in working_copies.CHILDREN:
        originals = working_copies.rows_of(model, live)
        copies = working_copies.rows_of(model, copy)
        assert sorted(c.origin_id for c in copies) == sorted(o.pk for o in originals), model
    steps = {c.origin_id: c for c in PathwayComponent.objects.filter(pathway=copy)}
    assert not {c.ctid for c in steps.values()} & {s[1] for s in before["steps"]}
    for original in PathwayComponent.objects.filter(pathway=live):
        mine = steps[original.pk]
        assert {p.origin_id for p in mine.precedes.all()} == {p.pk for p in
                                                             original.precedes.all()}
        assert mine.level.pathway_id == copy.pk
        assert set(mine.support_services.all()) == set(original.support_services.all())
    copied = [t for c in working_copies.conditions_of(copy) for t in c.targets.all()]
    assert copied and all(t.pathway_id == copy.pk for t in copied)
    assert set(copy.support_services.all()) == set(live.support_services.all())
    assert rows(live) == before  # the live pathway is untouched
    # Asking again gives the same copy.
    assert lifecycle.start_revision(on(team["editor"], live)).pk == copy.pk
    assert AuditEntry.objects.filter(action="catalog.start_revision").count() == 1


def test_a_working_copy_is_never_listed_planned_or_exported(team, client):
    live = live_with_milestones()
    copy = lifecycle.start_revision(on(team["editor"], live))
    navigator = get_user_model().objects.get(username="navigator")
    for user in (navigator, team["editor"], get_user_model()()):
        assert copy not in queries.visible_pathways(user)
        assert copy not in queries.plannable_pathways(user)
        assert copy not in queries.pathways_by_slug(user)
    assert client.get(f"/pathways/{copy.slug}/").status_code == 404
    client.force_login(team["editor"])
    assert client.get(f"/pathways/{copy.slug}/ctdl.jsonld").status_code == 404


def test_the_public_sees_the_published_version_until_approval(team, client):
    live = live_with_milestones()
    page, ctdl = f"/pathways/{live.slug}/", f"/pathways/{live.slug}/ctdl.jsonld"
    shown, exported = client.get(page).content, client.get(ctdl).content
    copy = lifecycle.start_revision(on(team["editor"], live))
    step = PathwayComponent.objects.filter(pathway=copy).exclude(
        origin__in=used_steps(live)).order_by("pk").first()
    old_name = step.name
    step.name = "Renamed in the copy"
    step.save()
    lifecycle.submit_for_review(on(team["editor"], copy))
    assert client.get(page).content == shown and client.get(ctdl).content == exported
    assert b"Renamed in the copy" not in client.get(ctdl).content
    version = lifecycle.approve(on(team["reviewer"], copy))
    assert b"Renamed in the copy" in client.get(ctdl).content
    assert "Renamed in the copy" in client.get(page).content.decode()
    # the step's old name is gone (its program's record, named alike, keeps its own name)
    assert f'"en-US": "{old_name}"' not in version.document
    assert version.sentences == [f'Step "{old_name}" was renamed "Renamed in the copy".']
    # The version's own URL serves what was published, byte for byte.
    response = client.get(f"/pathways/{live.slug}/versions/{version.number}/ctdl.jsonld")
    assert response.status_code == 200 and response.content.decode() == version.document
    assert response["Content-Type"].startswith("application/ld+json")


def test_publishing_keeps_the_keys_participants_plans_point_at(team):
    live = live_with_milestones()
    leaf = PathwayComponent.objects.create(  # a step nothing leads from, that nobody took
        pathway=live, level=live.levels.order_by("order").first(), name="Old elective",
        component_type="ceterms:CourseComponent")
    before = rows(live)
    plans = list(CareerPlan.objects.filter(pathway=live).values_list("pk", "goal_id",
                                                                     "entry_point_id"))
    milestones = list(Milestone.objects.filter(component__pathway=live)
                      .values_list("pk", "component_id"))
    copy = lifecycle.start_revision(on(team["editor"], live))
    # Rename a step, move a level, add a level and a step after an existing one, remove
    # a step nobody's records name.
    used = used_steps(live)
    kept = PathwayComponent.objects.filter(pathway=copy, origin__in=used).order_by("pk").first()
    kept.name = kept.name + " (new name)"
    kept.save()
    removable = PathwayComponent.objects.get(pathway=copy, origin=leaf)
    removed_name, removed_origin = removable.name, removable.origin_id
    removable.delete()
    top = copy.levels.order_by("-order").first()
    level = ProgressionLevel.objects.create(pathway=copy, order=top.order + 1, name="Further")
    added = PathwayComponent.objects.create(pathway=copy, level=level, name="Added step",
                                            component_type="ceterms:BasicComponent")
    kept.precedes.add(added)
    condition = ComponentCondition.objects.create(component=added, name="After the kept one")
    condition.targets.add(kept)
    ExitPoint.objects.create(pathway=copy, component=added, name="New exit",
                             occupation=ExitPoint.objects.filter(pathway=copy).first()
                             .occupation)
    version = publish(team, live)

    after = rows(live)
    assert not Pathway.objects.filter(pk=copy.pk).exists()
    kept_keys = {s[0] for s in before["steps"]} - {removed_origin}
    assert {s[0] for s in after["steps"]} >= kept_keys
    assert removed_origin not in {s[0] for s in after["steps"]}
    assert {s[1] for s in before["steps"] if s[0] in kept_keys} <= {s[1] for s in
                                                                     after["steps"]}
    renamed = PathwayComponent.objects.get(pk=kept.origin_id)
    assert renamed.name == kept.name and renamed.ctid == dict(
        (s[0], s[1]) for s in before["steps"])[renamed.pk]
    new = PathwayComponent.objects.get(pathway=live, name="Added step")
    assert new.pk == added.pk and new.ctid == added.ctid and new.origin_id is None
    assert new.level.pathway_id == live.pk and new.level.name == "Further"
    assert list(renamed.precedes.filter(pk=new.pk)) == [new]
    assert [t.pk for t in new.conditions.get().targets.all()] == [renamed.pk]
    assert {lv[0] for lv in before["levels"]} <= {lv[0] for lv in after["levels"]}
    assert list(CareerPlan.objects.filter(pathway=live).values_list(
        "pk", "goal_id", "entry_point_id")) == plans
    assert list(Milestone.objects.filter(component__pathway=live)
                .values_list("pk", "component_id")) == milestones
    # The demo loads its pathways as version 1 (published through the lifecycle).
    assert version.number == 2 and live.versions.count() == 2
    assert live.versions.get(number=1).sentences == ["First published version."]
    sentences = version.sentences
    # The summary compares with version 1, which never had the step this test put in
    # place (outside the lifecycle), so its removal is no change the public saw.
    assert not any(removed_name in sentence for sentence in sentences)
    assert 'Step "Added step" was added.' in sentences
    assert 'Level "Further" was added.' in sentences
    assert 'Exit "New exit" was added.' in sentences
    assert f'Step "{kept.name.removesuffix(" (new name)")}" was renamed "{kept.name}".' \
        in sentences
    live.refresh_from_db()
    assert live.status == Pathway.Status.PUBLISHED and live.changed_by == team["reviewer"]
    assert not PathwayComponent.objects.filter(origin__isnull=False, pathway=live).exists()
    entry = AuditEntry.objects.get(action="catalog.approve")
    assert entry.changes == {"version": 2, "from_working_copy": True}
    # The next revision starts from the new published state, and numbers go on.
    lifecycle.start_revision(on(team["editor"], live))
    assert publish(team, live).number == 3
    assert live.versions.get(number=3).sentences == [
        "No changes that participants see since the last version."]


def test_a_step_participants_records_name_cannot_be_removed(team):
    live = live_with_milestones()
    leaf = PathwayComponent.objects.create(
        pathway=live, level=live.levels.order_by("order").first(), name="Old elective",
        component_type="ceterms:CourseComponent")
    Milestone.objects.create(participant=Participant.objects.order_by("pk").first(),
                             kind="completed", on=dt.date(2026, 1, 5), component=leaf,
                             source=Source.values[0])
    before = rows(live)
    copy = lifecycle.start_revision(on(team["editor"], live))
    PathwayComponent.objects.get(pathway=copy, origin=leaf).delete()
    lifecycle.submit_for_review(on(team["editor"], copy))
    with pytest.raises(InputError) as refused:
        lifecycle.approve(on(team["reviewer"], copy))
    assert str(refused.value).endswith(
        '"Old elective" cannot be removed: participants\' records (1) name it. Keep the step '
        "in this version.")
    assert rows(live) == before and Pathway.objects.filter(pk=copy.pk).exists()
    assert list(PathwayVersion.objects.filter(pathway=live).values_list("number", flat=True)
                ) == [1]  # the demo's own, nothing more


# -- review -----------------------------------------------------------------------------------
def test_a_reviewer_of_the_same_organisation_is_refused(team):
    live = live_with_milestones()
    copy = lifecycle.start_revision(on(team["editor"], live))
    lifecycle.submit_for_review(on(team["editor"], copy), note="Renamed nothing yet")
    for who in ("colleague", "editor"):
        access = on(team[who], copy)
        assert not access.may_review
        assert "another member organisation" in access.review_refusal
        with pytest.raises(PermissionDenied):
            lifecycle.approve(access)
    stranger = on(team["stranger"], copy)  # a member whose organisation is not a member
    assert "not a member of this partnership" in stranger.review_refusal
    with pytest.raises(PermissionDenied):
        lifecycle.approve(stranger)
    assert Pathway.objects.get(pk=copy.pk).status == Pathway.Status.IN_REVIEW
    assert ReviewComment.objects.get(pathway=copy).text == "Renamed nothing yet"


def test_asking_for_changes_sends_it_back_with_comments_on_steps(team):
    copy = lifecycle.start_revision(on(team["editor"], live_with_milestones()))
    lifecycle.submit_for_review(on(team["editor"], copy))
    step = PathwayComponent.objects.filter(pathway=copy).first()
    with pytest.raises(InputError, match="write a comment"):
        lifecycle.request_changes(on(team["reviewer"], copy), [(step, "  ")])
    other = PathwayComponent.objects.exclude(pathway=copy).first()
    with pytest.raises(InputError, match="is not in this pathway"):
        lifecycle.request_changes(on(team["reviewer"], copy), [(other, "Why?")])
    lifecycle.request_changes(on(team["reviewer"], copy),
                              [(step, "Say how long it takes."), (None, "Add a bridge.")])
    copy.refresh_from_db()
    assert copy.status == Pathway.Status.DRAFT and copy.changed_by == team["reviewer"]
    assert [(c.component, c.step_name, c.text, c.author) for c in
            queries.review_comments(copy)] == [
        (step, step.name, "Say how long it takes.", team["reviewer"]),
        (None, "", "Add a bridge.", team["reviewer"])]
    assert on(team["editor"], copy).may_edit
    assert AuditEntry.objects.get(action="catalog.request_changes").changes == {"comments": 2}


def test_blocking_problems_refuse_review_naming_them(team):
    copy = lifecycle.start_revision(on(team["editor"], live_with_milestones()))
    step = PathwayComponent.objects.filter(pathway=copy).order_by("pk").first()
    step.precedes.add(step)
    with pytest.raises(InputError) as refused:
        lifecycle.submit_for_review(on(team["editor"], copy))
    assert f"Fix this before sending it for review: {step.name} leads to itself." in \
        str(refused.value)
    step.precedes.remove(step)
    condition = ComponentCondition.objects.create(component=step, name="Elsewhere first")
    other = PathwayComponent.objects.exclude(pathway__in=[copy, copy.draft_of]).first()
    condition.targets.add(other)
    with pytest.raises(InputError) as refused:
        lifecycle.submit_for_review(on(team["editor"], copy))
    assert str(refused.value).endswith(f'review: "Elsewhere first" names "{other.name}", a '
                                       "step of another pathway.")
    assert Pathway.objects.get(pk=copy.pk).status == Pathway.Status.DRAFT


def test_a_stale_page_is_refused_with_what_changed(team):
    copy = lifecycle.start_revision(on(team["editor"], live_with_milestones()))
    opened = copy.version
    lifecycle.submit_for_review(on(team["editor"], copy), seen=opened)
    lifecycle.request_changes(on(team["reviewer"], copy), [(None, "More")])
    with pytest.raises(StaleEdit, match="changed: Status"):
        lifecycle.submit_for_review(on(team["editor"], copy), seen=opened)
    assert Pathway.objects.get(pk=copy.pk).status == Pathway.Status.DRAFT


def test_not_met_needs_an_administrator_and_a_reason(team):
    draft = new_draft(team)
    assert lifecycle.elements_not_met(draft), "the small pathway should miss an element"
    lifecycle.submit_for_review(on(team["editor"], draft))
    with pytest.raises(InputError, match="only a partnership administrator"):
        lifecycle.approve(on(team["reviewer"], draft))
    with pytest.raises(PermissionDenied):  # an editor, even of another organisation
        lifecycle.publish_with_reason(on(team["reviewer"], draft), "We know")
    with pytest.raises(InputError) as refused:
        lifecycle.publish_with_reason(on(team["admin"], draft), "  ")
    assert refused.value.problems[0].field == "reason"
    assert Pathway.objects.get(pk=draft.pk).status == Pathway.Status.IN_REVIEW
    version = lifecycle.publish_with_reason(on(team["admin"], draft),
                                            "Employer partners confirmed demand.")
    draft.refresh_from_db()
    assert draft.status == Pathway.Status.PUBLISHED and draft.draft_of_id is None
    assert version.number == 1 and version.sentences == ["First published version."]
    assert version.override_reason == "Employer partners confirmed demand."
    assert version.published_by == team["admin"]
    entry = AuditEntry.objects.get(action="catalog.publish_with_reason")
    assert entry.changes["reason"] == "Employer partners confirmed demand."
    rows_ = queries.workspace_pathways(team["editor"])
    mine = next(r for r in rows_ if r.pathway.pk == draft.pk)
    assert mine.override_reason == "Employer partners confirmed demand."
    assert mine.latest_version == 1 and mine.changed_by == team["admin"]


def test_a_version_never_changes(team):
    draft = new_draft(team)
    lifecycle.submit_for_review(on(team["editor"], draft))
    version = lifecycle.publish_with_reason(on(team["admin"], draft), "Reason")
    version.summary = []
    with pytest.raises(ImmutableVersion):
        version.save()
    with pytest.raises(ImmutableVersion):
        version.delete()
    assert PathwayVersion.objects.get(pk=version.pk).sentences == ["First published version."]
    with translation.override("es"):
        assert PathwayVersion.objects.get(pk=version.pk).sentences == [
            "Primera versión publicada."]
    Pathway.objects.filter(pk=draft.pk).delete()  # versions go only with their pathway
    assert not PathwayVersion.objects.filter(pk=version.pk).exists()


# -- archive, discard, copy, lists -------------------------------------------------------------
def test_archive_and_discard(team, client):
    live = live_with_milestones()
    copy = lifecycle.start_revision(on(team["editor"], live))
    with pytest.raises(InputError, match="publish or discard that first"):
        lifecycle.archive(on(team["editor"], live))
    with pytest.raises(PermissionDenied):
        lifecycle.discard_working_copy(on(team["outsider"], copy))
    assert lifecycle.discard_working_copy(on(team["editor"], copy)).pk == live.pk
    assert not Pathway.objects.filter(pk=copy.pk).exists()
    assert client.get(f"/pathways/{live.slug}/").status_code == 200
    lifecycle.archive(on(team["editor"], live))
    assert client.get(f"/pathways/{live.slug}/").status_code == 404
    assert live not in queries.plannable_pathways(team["editor"])
    assert live not in queries.visible_pathways(team["editor"])
    assert CareerPlan.objects.filter(pathway=live).exists()  # plans on it stay
    assert queries.get_pathway_for(team["editor"], live.slug) == live  # staff still open it
    with pytest.raises(PermissionDenied):
        lifecycle.start_revision(on(team["editor"], live))


def test_copy_makes_an_independent_draft_in_ones_partnership(team):
    live = live_with_milestones()
    copy = lifecycle.copy_pathway(on(team["outsider"], live), "Nursing, our way")
    assert copy.status == Pathway.Status.DRAFT and copy.draft_of_id is None
    assert copy.partnership == team["outsider"].memberships.get().partnership
    assert copy.slug == "nursing-our-way" and copy.owner.name == "Elsewhere (t)"
    assert not PathwayComponent.objects.filter(pathway=copy, origin__isnull=False).exists()
    assert PathwayComponent.objects.filter(pathway=copy).count() == \
        PathwayComponent.objects.filter(pathway=live).count()
    with pytest.raises(InputError) as refused:
        lifecycle.copy_pathway(on(team["outsider"], live), " ")
    assert refused.value.problems[0].field == "name"
    # It is theirs now: they edit it; the editors of the original do not.
    assert on(team["outsider"], copy).may_edit and not on(team["editor"], copy).may_edit


def test_the_workspace_lists_the_partnerships_pathways_with_their_copies(team):
    live = live_with_milestones()
    copy = lifecycle.start_revision(on(team["editor"], live))
    found = {r.pathway.pk: r for r in queries.workspace_pathways(team["editor"])}
    assert live.pk in found and copy.pk not in found
    row = found[live.pk]
    assert row.working_copy == copy and row.current == copy
    assert (row.state, row.changed_by) == ("draft", team["editor"])
    assert queries.workspace_pathways(team["outsider"]) == []
    assert queries.workspace_pathways(get_user_model().objects.get(username="navigator")) == []


def test_versions_are_public_for_a_published_pathway_only(team, client):
    draft = new_draft(team)
    lifecycle.submit_for_review(on(team["editor"], draft))
    version = lifecycle.publish_with_reason(on(team["admin"], draft), "Reason")
    draft.refresh_from_db()
    url = f"/pathways/{draft.slug}/versions/1/ctdl.jsonld"
    assert client.get(url).status_code == 200
    assert [v.number for v in queries.versions_of(get_user_model()(), draft)] == [1]
    for missing in ("2", "0", "99999999999999999999"):
        assert client.get(url.replace("/1/", f"/{missing}/")).status_code == 404
    lifecycle.archive(on(team["editor"], draft))
    draft.refresh_from_db()
    assert client.get(url).status_code == 404
    assert queries.versions_of(get_user_model()(), draft) == []
    assert version.document.startswith("{")


def test_every_rule_is_false_for_an_outsider(team):
    live = live_with_milestones()
    access = on(team["outsider"], live)
    assert not (access.may_revise or access.may_archive or access.may_review
                or access.may_submit or access.may_override or access.may_discard)
    assert access.may_copy
    with pytest.raises(PermissionDenied):
        lifecycle.start_revision(access)


def test_the_admin_shows_a_version_and_changes_nothing(team, client):
    draft = new_draft(team)
    lifecycle.submit_for_review(on(team["editor"], draft))
    version = lifecycle.publish_with_reason(on(team["admin"], draft), "Reason")
    client.force_login(get_user_model().objects.get(username="admin"))  # administrators only
    url = f"/admin/catalog/pathwayversion/{version.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and "First published version." in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    assert client.post(url, {"override_reason": "Changed"}).status_code == 403
    assert client.post(f"/admin/catalog/pathwayversion/{version.pk}/delete/",
                       {"post": "yes"}).status_code == 403
    assert PathwayVersion.objects.get(pk=version.pk).override_reason == "Reason"


def test_a_copy_of_a_pathway_changed_since_another_way_is_not_published(team):
    """Publishing the copy would silently undo a change made to the published pathway
    meanwhile (the admin, an import): refused, naming what changed."""
    live = live_with_milestones()
    copy = lifecycle.start_revision(on(team["editor"], live))
    lifecycle.submit_for_review(on(team["editor"], copy))
    changed = Pathway.objects.get(pk=live.pk)
    changed.description = "Changed in the admin"
    changed.note_changes(["description"])
    changed.save()
    with pytest.raises(InputError, match=r"changed after this copy was made \(Description\)"):
        lifecycle.approve(on(team["reviewer"], copy))
    assert Pathway.objects.get(pk=live.pk).description == "Changed in the admin"
