"""The lifecycle in the workspace (issue 17, ADR 0041, 0044): each button shown and allowed
only under its rule, a stale page refused naming what changed, comments on a step shown
beside it, the reason for publishing anyway required and shown, the versions page, and
the public page's version line. The demo's editor works at the workforce board, its
reviewer at the college: two member organisations of the demo partnership."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pathways.apps.accounts.models import Membership, Organisation, Partnership, Profile, Role
from pathways.apps.catalog import lifecycle
from pathways.apps.catalog.models import (
    EntryPoint,
    ExitPoint,
    Occupation,
    Pathway,
    PathwayComponent,
    PathwayVersion,
    ProgressionLevel,
    ReviewComment,
    Sector,
)
from pathways.apps.catalog.queries import pathway_access
from pathways.demo.region import demo_partnership

pytestmark = pytest.mark.django_db


def client_of(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def user(username: str):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def live() -> Pathway:
    return (Pathway.objects.filter(is_sample=True, draft_of=None,
                                   status=Pathway.Status.PUBLISHED).order_by("slug").first())


def fresh(pathway: Pathway) -> Pathway:
    return Pathway.objects.get(pk=pathway.pk)


def page_of(client: Client, pathway: Pathway) -> str:
    response = client.get(f"/workspace/pathways/{pathway.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def post(client: Client, pathway: Pathway, what: str, seen: int | None = None, **data):
    prefix = {"request-changes": "changes", "publish-anyway": "anyway"}.get(what, what)
    fields = {f"{prefix}-opened_version": seen if seen is not None else fresh(pathway).version}
    fields.update({f"{prefix}-{k}": v for k, v in data.items()})
    return client.post(f"/workspace/pathways/{pathway.pk}/{what}/", fields)


def revised(live: Pathway) -> Pathway:
    """The demo editor's working copy of ``live``, made through the page."""
    response = post(client_of("editor"), live, "revise")
    assert response.status_code == 302
    return Pathway.objects.get(draft_of=live)


def in_review(live: Pathway) -> Pathway:
    copy = revised(live)
    assert post(client_of("editor"), copy, "submit", note="Renamed the bridge").status_code \
        == 302
    return fresh(copy)


# -- the demo has what review needs --------------------------------------------------------
def test_the_demo_has_a_reviewer_at_another_member_organisation_and_versions(live):
    editor, reviewer = user("editor"), user("reviewer")
    assert editor.pathways_profile.organisation != reviewer.pathways_profile.organisation
    partnership = demo_partnership()
    assert Membership.objects.filter(user=reviewer, partnership=partnership).exists()
    assert reviewer.pathways_profile.organisation in partnership.organisations.all()
    version = live.versions.get()
    assert version.number == 1 and version.sentences == ["First published version."]
    assert live.name in version.document


# -- change a published pathway ------------------------------------------------------------
def test_change_this_pathway_opens_a_working_copy_and_then_links_to_it(live):
    editor = client_of("editor")
    assert "Change this pathway" in page_of(editor, live)
    response = post(editor, live, "revise")
    copy = Pathway.objects.get(draft_of=live)
    assert response.status_code == 302
    assert response["Location"] == f"/workspace/pathways/{copy.pk}/#lifecycle"
    shown = page_of(editor, live)
    assert "Change this pathway" not in shown and "Open the next version" in shown
    assert f"/workspace/pathways/{copy.pk}/" in shown
    copy_page = page_of(editor, copy)
    assert "This is the next version of the published pathway" in copy_page
    assert "Send for review" in copy_page and "Discard this next version" in copy_page


def test_a_stale_page_is_refused_naming_what_changed(live):
    editor = client_of("editor")
    seen = live.version
    lifecycle.start_revision(pathway_access(user("editor"), live))  # someone else, meanwhile
    lifecycle.discard_working_copy(pathway_access(user("editor"),
                                                  Pathway.objects.get(draft_of=live)))
    response = post(editor, live, "revise", seen=seen)
    assert response.status_code == 409
    assert "Someone else saved this pathway after you opened it" in response.content.decode()
    assert not Pathway.objects.filter(draft_of=live).exists()


def test_people_outside_the_rules_cannot_press_the_buttons(live):
    navigator = client_of("navigator")  # no catalog.edit: the URL refuses
    assert post(navigator, live, "revise").status_code == 403
    copy = in_review(live)
    editor = client_of("editor")  # sent it: may not review it
    shown = page_of(editor, copy)
    assert "Approve and publish" not in shown and "Ask for changes" not in shown
    assert "A reviewer from another member organisation" in shown
    assert post(editor, copy, "approve").status_code == 403
    assert post(editor, copy, "request-changes", comment_1="Me").status_code == 403
    assert fresh(copy).status == Pathway.Status.IN_REVIEW
    elsewhere = Partnership.objects.create(name="Elsewhere (t)", scope="local")
    outsider = get_user_model().objects.create_user("t-outsider")
    Profile.objects.create(user=outsider, role=Role.EDITOR,
                           organisation=Organisation.objects.create(name="O (t)",
                                                                    kind="college"))
    Membership.objects.create(user=outsider, partnership=elsewhere)
    assert post(client_of("t-outsider"), copy, "approve").status_code == 404
    open_copy = post(client_of("reviewer"), live, "archive")
    assert open_copy.status_code == 400 and fresh(live).status == Pathway.Status.PUBLISHED
    assert "Its next version is being edited" in open_copy.content.decode()


# -- send for review, ask for changes, approve ---------------------------------------------
def test_blocking_problems_are_shown_and_refuse_sending(live):
    copy = revised(live)
    editor = client_of("editor")
    ExitPoint.objects.filter(pathway=copy).delete()
    EntryPoint.objects.filter(pathway=copy).delete()
    shown = page_of(editor, copy)
    assert "Fix this before sending it for review:" in shown
    response = post(editor, copy, "submit")
    assert response.status_code == 400
    assert "Fix this before sending it for review:" in response.content.decode()
    assert fresh(copy).status == Pathway.Status.DRAFT


def test_a_reviewer_asks_for_changes_on_a_step_and_the_editor_sees_it_there(live):
    copy = in_review(live)
    reviewer = client_of("reviewer")
    shown = page_of(reviewer, copy)
    assert "Waiting for your review" in shown and "Approve and publish" in shown
    step = PathwayComponent.objects.filter(pathway=copy).order_by("pk").first()
    label = f"{step.level.name}: {step.name}"
    assert label in shown  # the step select, labelled with its level
    empty = post(reviewer, copy, "request-changes")
    assert empty.status_code == 400 and "Say what should change" in empty.content.decode()
    response = post(reviewer, copy, "request-changes", step_1=step.pk,
                    comment_1="Say that classes are in the evening.",
                    comment_2="Check the costs.")
    assert response.status_code == 302
    copy = fresh(copy)
    assert copy.status == Pathway.Status.DRAFT
    comments = {c.text: c.component_id for c in ReviewComment.objects.filter(pathway=copy)}
    assert comments["Say that classes are in the evening."] == step.pk
    assert comments["Check the costs."] is None
    mine = page_of(client_of("editor"), copy)
    block = mine[mine.index(f'id="step-{step.pk}"'):]
    block = block[:block.index("</li>\n", block.index("ws-step-comments"))]
    assert "Say that classes are in the evening." in block  # beside its step
    listed = mine[mine.index('id="review-comments"'):]
    assert "Check the costs." in listed and "About the whole pathway" in listed
    assert f"About the step {step.name}" in listed


def test_the_reviewer_approves_and_the_public_sees_the_new_version(live):
    copy = in_review(live)
    step = PathwayComponent.objects.filter(pathway=copy, origin__isnull=False).first()
    PathwayComponent.objects.filter(pk=step.pk).update(name_en="Renamed in review")
    response = post(client_of("reviewer"), copy, "approve")
    assert response.status_code == 302
    assert response["Location"] == f"/workspace/pathways/{live.pk}/#lifecycle"
    assert not Pathway.objects.filter(pk=copy.pk).exists()
    version = live.versions.get(number=2)
    assert version.published_by == user("reviewer")
    public = Client().get(live.get_absolute_url()).content.decode()
    assert "Renamed in review" in public
    assert "Version 2, published" in public
    assert f"/pathways/{live.slug}/versions/2/ctdl.jsonld" in public
    spanish = Client().get(live.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es")
    assert "Versión 2, publicada" in spanish.content.decode()


def test_the_versions_page_lists_each_version_with_its_summary_and_ctdl(live):
    copy = in_review(live)
    step = PathwayComponent.objects.filter(pathway=copy).order_by("pk").first()
    PathwayComponent.objects.filter(pk=step.pk).update(name_en="A new name")
    post(client_of("reviewer"), copy, "approve")
    editor = client_of("editor")
    shown = editor.get(f"/workspace/pathways/{live.pk}/versions/").content.decode()
    assert "Version 2" in shown and "Version 1" in shown
    assert "Rosa Reviewer" in shown
    assert "First published version." in shown
    assert "was renamed &quot;A new name&quot;." in shown
    assert f"/pathways/{live.slug}/versions/1/ctdl.jsonld" in shown
    assert f"/pathways/{live.slug}/versions/2/ctdl.jsonld" in shown
    spanish = editor.get(f"/workspace/pathways/{live.pk}/versions/",
                         HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Versión 2" in spanish and "First published version." not in spanish
    ctdl = Client().get(f"/pathways/{live.slug}/versions/2/ctdl.jsonld")
    assert ctdl.status_code == 200 and "A new name" in ctdl.content.decode()


# -- publish anyway ------------------------------------------------------------------------
def small_draft() -> Pathway:
    """A small pathway with no blocking problem that misses a WIOA element."""
    pathway = Pathway.objects.create(name="Test welding", slug="test-welding",
                                     sector=Sector.objects.order_by("pk").first(),
                                     partnership=demo_partnership())
    one = ProgressionLevel.objects.create(pathway=pathway, order=1, name="Start")
    two = ProgressionLevel.objects.create(pathway=pathway, order=2, name="Job")
    first = PathwayComponent.objects.create(pathway=pathway, level=one, name="Welding I",
                                            component_type="ceterms:CourseComponent")
    job = PathwayComponent.objects.create(pathway=pathway, level=two, name="Welder",
                                          component_type="ceterms:JobComponent")
    first.precedes.add(job)
    EntryPoint.objects.create(pathway=pathway, component=first, name="Anyone", kind="direct")
    ExitPoint.objects.create(pathway=pathway, component=job, name="Welder job",
                             occupation=Occupation.objects.filter(code__startswith="51-")
                             .order_by("code").first())
    return pathway


def test_publish_anyway_needs_an_administrator_and_a_reason_which_is_shown():
    draft = small_draft()
    assert lifecycle.elements_not_met(draft)
    assert post(client_of("editor"), draft, "submit").status_code == 302
    reviewer = client_of("reviewer")
    shown = page_of(reviewer, draft)
    assert "Approve and publish" not in shown and "Publish anyway" not in shown
    assert "only a partnership administrator can publish this pathway" in shown
    refused = post(reviewer, draft, "approve")  # not offered; the action refuses it too
    assert refused.status_code == 400
    assert "only a partnership administrator" in refused.content.decode()
    assert post(reviewer, draft, "publish-anyway", reason="We know").status_code == 403
    admin = client_of("admin")
    assert "Publish anyway" in page_of(admin, draft)
    empty = post(admin, draft, "publish-anyway", reason="  ")
    assert empty.status_code == 400
    assert not PathwayVersion.objects.filter(pathway=draft).exists()
    done = post(admin, draft, "publish-anyway", reason="Employers confirmed the demand.")
    assert done.status_code == 302
    assert fresh(draft).status == Pathway.Status.PUBLISHED
    assert draft.versions.get().override_reason == "Employers confirmed the demand."
    for shown in (page_of(admin, draft), client_of("editor").get("/workspace/").content
                  .decode()):
        assert "Published with a WIOA element not met. Reason given: Employers confirmed " \
               "the demand." in shown


# -- archive and discard (confirmation pages, no JavaScript) -------------------------------
def test_discard_asks_first_and_leaves_the_published_pathway(live):
    copy = revised(live)
    editor = client_of("editor")
    confirm = editor.get(f"/workspace/pathways/{copy.pk}/discard/")
    assert confirm.status_code == 200
    assert "Discard the next version of" in confirm.content.decode()
    assert Pathway.objects.filter(pk=copy.pk).exists()  # asking changes nothing
    response = post(editor, copy, "discard")
    assert response.status_code == 302
    assert response["Location"] == f"/workspace/pathways/{live.pk}/#lifecycle"
    assert not Pathway.objects.filter(pk=copy.pk).exists()
    assert fresh(live).status == Pathway.Status.PUBLISHED
    assert client_of("navigator").get(f"/workspace/pathways/{live.pk}/discard/") \
        .status_code == 403


def test_archive_asks_first_and_takes_the_pathway_off_the_public_site(live):
    reviewer = client_of("reviewer")
    assert "Archive this pathway" in page_of(reviewer, live)
    assert reviewer.get(f"/workspace/pathways/{live.pk}/archive/").status_code == 200
    stale = post(reviewer, live, "archive", seen=live.version + 1)
    assert stale.status_code == 409
    assert post(reviewer, live, "archive").status_code == 302
    assert fresh(live).status == Pathway.Status.ARCHIVED
    assert Client().get(live.get_absolute_url()).status_code == 404


# -- home ----------------------------------------------------------------------------------
def test_home_lists_working_copies_and_what_waits_for_my_review(live):
    copy = in_review(live)
    reviewer = client_of("reviewer").get("/workspace/").content.decode()
    waiting = reviewer[reviewer.index('id="waiting-heading"'):reviewer.index("</section>",
                                                               reviewer.index("waiting-heading"))]
    assert live.name in waiting and f"/workspace/pathways/{copy.pk}/" in waiting
    assert "sent by Eli Editor" in waiting
    assert 'class="ws-row-waiting"' in reviewer
    editor = client_of("editor").get("/workspace/").content.decode()
    assert 'id="waiting-heading"' not in editor  # the editor sent it: not theirs to review
    assert "Next version" in editor and "In review" in editor
    assert "Version 1 is public" in editor
    assert "by Eli Editor" in editor  # who changed the working copy last


def test_an_htmx_edit_keeps_the_comments_beside_their_step(live):
    copy = in_review(live)
    step = PathwayComponent.objects.filter(pathway=copy).order_by("pk").first()
    post(client_of("reviewer"), copy, "request-changes", step_1=step.pk,
         comment_1="Name the evening class.")
    copy = fresh(copy)
    response = client_of("editor").post(
        f"/workspace/pathways/{copy.pk}/do/add-level/0/",
        {"add-level-0-opened_version": copy.version, "add-level-0-name": "Later"},
        HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    fragment = response.content.decode()
    assert 'id="lifecycle"' not in fragment
    assert "Name the evening class." in fragment[fragment.index(f'id="step-{step.pk}"'):]
