"""Workspace pages: every change works as a plain form (redirect to the map's anchor) and
as an htmx fragment (editor + checks panel out of band); refused changes keep the entries."""

from __future__ import annotations

import re

import pytest

from pathways.apps.catalog.models import Occupation, Pathway, PathwayComponent, SupportService
from pathways.apps.workspace import actions
from pathways.apps.workspace.actions import StepInput
from tests.workspace.conftest import access_of

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def url(pathway, op, target=0):
    return f"/workspace/pathways/{pathway.pk}/do/{op}/{target}/"


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def test_home_lists_the_partnership_pathways_with_state_wioa_and_last_change(signed_in,
                                                                             draft):
    page = signed_in.get("/workspace/").content.decode()
    assert "Welding basics" in page and "Draft" in page
    assert "of 7 met" in page
    assert "by Eli Editor" in page  # changed_by, by name
    assert 'href="/workspace/"' in page  # the header menu link


def test_workspace_is_closed_to_roles_without_catalog_edit(client, db):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="navigator"))
    assert client.get("/workspace/").status_code == 403


def test_new_pathway_in_one_page(signed_in, partnership):
    sector = partnership.pathways.first().sector
    response = signed_in.post("/workspace/new/", {
        "name_en": "Solar installer", "partnership": partnership.pk, "sector": sector.pk,
        "wage_area": "21", "description_en": "Roofs and panels"})
    made = Pathway.objects.get(name="Solar installer")
    assert response.status_code == 302 and response["Location"] == f"/workspace/pathways/{made.pk}/"
    assert made.slug == "solar-installer" and made.status == "draft"
    bad = signed_in.post("/workspace/new/", {"name_en": "", "partnership": partnership.pk,
                                              "sector": sector.pk, "wage_area": "abc"})
    assert bad.status_code == 400


def test_add_level_without_javascript_redirects_to_its_anchor(signed_in, draft):
    response = signed_in.post(url(draft, "add-level"), {
        "add-level-0-opened_version": draft.version, "add-level-0-name_en": "Get started"})
    level = draft.levels.get()
    assert response.status_code == 302
    assert response["Location"] == f"/workspace/pathways/{draft.pk}/#level-{level.pk}"
    page = signed_in.get(response["Location"]).content.decode()
    assert "Level 1: Get started" in page


def test_add_step_as_a_fragment_returns_the_editor_and_the_checks(signed_in, draft):
    level = actions.add_level(access_of(signed_in_user(signed_in), draft), draft.version,
                              "Start")
    draft.refresh_from_db()
    prefix = f"add-step-{level.pk}"
    response = signed_in.post(url(draft, "add-step", level.pk), {
        f"{prefix}-opened_version": draft.version, f"{prefix}-name_en": "Welding 101",
        f"{prefix}-component_type": "ceterms:CourseComponent", f"{prefix}-level": level.pk,
        f"{prefix}-cost": "1200"}, **HX)
    html = response.content.decode()
    step = PathwayComponent.objects.get(pathway=draft, name="Welding 101")
    assert response.status_code == 200
    assert '<div id="editor"' in html[:200]
    assert f'id="step-{step.pk}"' in html
    assert 'id="checks-panel"' in html and 'hx-swap-oob="true"' in html
    assert "The pathway has no entry point." in html
    assert "<html" not in html  # a fragment, not a page


def signed_in_user(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_a_refused_change_keeps_the_entries_and_names_the_field(signed_in, draft):
    prefix = "add-level-0"
    response = signed_in.post(url(draft, "add-level"), {
        f"{prefix}-opened_version": draft.version, f"{prefix}-name_en": "x" * 121})
    assert response.status_code == 400
    html = response.content.decode()
    assert "x" * 121 in html  # the person's entry is still there
    assert 'class="errorlist"' in html


def test_a_stale_form_is_refused_with_what_changed_and_the_entries_kept(signed_in, draft):
    opened = draft.version
    actions.add_level(access_of(signed_in_user(signed_in), draft), opened, "Someone else's")
    prefix = "add-level-0"
    for extra, status in (({}, 409), (HX, 200)):
        response = signed_in.post(url(draft, "add-level"), {
            f"{prefix}-opened_version": opened, f"{prefix}-name_en": "Mine"}, **extra)
        html = response.content.decode()
        assert response.status_code == status
        assert "Someone else saved this pathway" in html and "Progression levels" in html
        assert 'value="Mine"' in html
        draft.refresh_from_db()
        assert f'name="{prefix}-opened_version" value="{draft.version}"' in html
    assert list(draft.levels.values_list("name", flat=True)) == ["Someone else's"]


def test_an_unknown_change_is_not_found_and_a_published_pathway_refuses(signed_in, draft):
    assert signed_in.post(url(draft, "explode")).status_code == 404
    published = Pathway.objects.filter(status="published", partnership__isnull=False).first()
    response = signed_in.post(url(published, "add-level"), {
        "add-level-0-opened_version": published.version, "add-level-0-name_en": "No"})
    assert response.status_code == 403
    assert not published.levels.filter(name="No").exists()
    page = signed_in.get(f"/workspace/pathways/{published.pk}/").content.decode()
    assert "Add a level" not in page and "cannot be changed" in page


def test_another_partnership_pathway_is_not_found(client, draft):
    from tests.workspace.test_actions import outsider

    client.force_login(outsider())
    assert client.get(f"/workspace/pathways/{draft.pk}/").status_code == 404
    assert client.post(url(draft, "add-level"), {
        "add-level-0-opened_version": draft.version,
        "add-level-0-name_en": "Nope"}).status_code == 404
    assert not draft.levels.exists()


def test_pickers_are_scoped_and_search_occupations(signed_in, draft):
    occupation = Occupation.objects.filter(title__icontains="nurs").first()
    found = signed_in.get(f"/workspace/pathways/{draft.pk}/pick/occupation/",
                          {"add-exit-1-occupation_q": "nurs"}).content.decode()
    assert occupation.code in found and "<option" in found
    by_code = signed_in.get(f"/workspace/pathways/{draft.pk}/pick/occupation/",
                            {"x_q": occupation.code[:7]}).content.decode()
    assert occupation.title in by_code
    from pathways.apps.catalog.models import Provider

    far = Provider.objects.create(name="Far Away Institute", kind="college")
    SupportService.objects.create(name="Far away tutoring", category="support:Tutoring",
                                  provider=far)
    services = signed_in.get(f"/workspace/pathways/{draft.pk}/pick/service/",
                             {"q_q": "tutoring"}).content.decode()
    assert "Far away tutoring" not in services
    assert signed_in.get(f"/workspace/pathways/{draft.pk}/pick/secrets/").status_code == 404


def test_find_without_javascript_writes_nothing(signed_in, draft):
    step = actions.add_step(access_of(signed_in_user(signed_in), draft), draft.version,
                            StepInput("Job"))
    draft.refresh_from_db()
    prefix = f"add-exit-{step.pk}"
    response = signed_in.post(url(draft, "add-exit", step.pk), {
        f"{prefix}-opened_version": draft.version, f"{prefix}-occupation_q": "welder",
        "find": "1"})
    assert response.status_code == 200
    assert "Welders" in response.content.decode()
    assert not draft.exit_points.exists()


def test_checks_panel_shows_a_planted_self_loop_and_cycle_with_links(signed_in, draft):
    user = signed_in_user(signed_in)
    a = actions.add_step(access_of(user, draft), draft.version, StepInput("Alpha"))
    draft.refresh_from_db()
    b = actions.add_step(access_of(user, draft), draft.version, StepInput("Beta"))
    a.precedes.add(a)  # planted: the actions refuse this
    a.precedes.add(b)
    b.precedes.add(a)
    html = signed_in.get(f"/workspace/pathways/{draft.pk}/").content.decode()
    panel = html[html.index('id="checks-panel"'):]
    assert "Alpha leads to itself." in panel
    assert "These steps go round in a loop: Alpha → Beta → Alpha." in panel
    assert f'href="#step-{a.pk}"' in panel
    assert "Blocks publishing" in panel
    assert re.search(r'data-element="A"', panel)


def test_conditions_editor_previews_and_saves(signed_in, draft):
    user = signed_in_user(signed_in)
    names = ["Nurse aide training", "CPR", "First aid", "Clinical"]
    steps = []
    for name in names:
        draft.refresh_from_db()
        steps.append(actions.add_step(access_of(user, draft), draft.version, StepInput(name)))
    draft.refresh_from_db()
    a, b, c, final = steps
    page = f"/workspace/pathways/{draft.pk}/steps/{final.pk}/conditions/"
    data = {"opened_version": draft.version, "g0_rule": "all", "g0_steps": [a.pk],
            "g1_rule": "any", "g1_steps": [b.pk, c.pk], "g2_rule": "all", "g3_rule": "all"}
    preview = signed_in.post(page, {**data, "preview": "1"}, **HX).content.decode()
    assert "Needs: Nurse aide training and (one of CPR or First aid)" in preview
    assert not final.conditions.exists()
    response = signed_in.post(page, data)
    assert response.status_code == 302 and response["Location"].endswith(f"#step-{final.pk}")
    assert final.conditions.get().subconditions.count() == 1
    again = signed_in.get(page).content.decode()
    assert "Needs: Nurse aide training and (one of CPR or First aid)" in again


def test_the_workspace_speaks_spanish(signed_in, draft):
    from django.conf import settings

    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = signed_in.get(f"/workspace/pathways/{draft.pk}/").content.decode()
    assert "Agrega un nivel" in page and "Revisiones" in page
    opened = draft.version
    actions.add_level(access_of(signed_in_user(signed_in), draft), opened, "Uno")
    response = signed_in.post(url(draft, "add-level"), {
        "add-level-0-opened_version": opened, "add-level-0-name_en": "Dos"})
    assert "Alguien más guardó esta ruta" in response.content.decode()


def test_the_map_page_reads_in_a_fixed_number_of_queries(signed_in, draft):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = signed_in_user(signed_in)
    level = actions.add_level(access_of(user, draft), draft.version, "One")

    def add(n: int) -> None:
        for i in range(n):
            draft.refresh_from_db()
            step = actions.add_step(access_of(user, draft), draft.version,
                                    StepInput(f"Step {i}", level_id=level.pk))
            draft.refresh_from_db()
            actions.add_entry(access_of(user, draft), draft.version, step.pk,
                              actions.EntryInput(f"In {i}", "direct"))

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert signed_in.get(f"/workspace/pathways/{draft.pk}/").status_code == 200
        return len(seen)

    add(2)
    few = queries()
    add(8)
    assert queries() <= few + 2


def test_change_the_pathway_details(signed_in, draft, partnership):
    prefix = "edit-pathway-0"
    owner = partnership.organisations.order_by("pk").first()
    data = {f"{prefix}-opened_version": draft.version, f"{prefix}-name_en": "Welding and cutting",
            f"{prefix}-sector": draft.sector_id, f"{prefix}-owner": owner.pk,
            f"{prefix}-wage_area": "21", f"{prefix}-description_en": "New words"}
    response = signed_in.post(url(draft, "edit-pathway"), data, **HX)
    assert response["HX-Redirect"] == f"/workspace/pathways/{draft.pk}/#pathway-details"
    draft.refresh_from_db()
    assert (draft.name, draft.owner, draft.wage_area, draft.slug) == (
        "Welding and cutting", owner, "21", "welding-basics")
    assert {"name", "owner", "wage_area", "description"} <= set(draft.changed_in)
    stale = signed_in.post(url(draft, "edit-pathway"), {**data, f"{prefix}-name_en": "Other"})
    assert stale.status_code == 409
