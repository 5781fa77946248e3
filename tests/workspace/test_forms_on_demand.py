"""The map editor shows each step as a summary and its forms only when asked (issue 17:
the 200-step benchmark); a local change answers with its own level or step (ADR 0044)."""

from __future__ import annotations

import json

import pytest

from pathways.apps.catalog.models import PathwayComponent
from pathways.apps.workspace import actions
from pathways.apps.workspace.actions import StepInput
from tests.workspace.conftest import access_of

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def steps(editor, draft):
    level = actions.add_level(access_of(editor, draft), draft.version, "Start")
    made = []
    for name in ("Welding I", "Welding II", "Welding III"):
        made.append(actions.add_step(access_of(editor, draft), draft.version,
                                     StepInput(name, level_id=level.pk)))
    actions.connect(access_of(editor, draft), draft.version, made[0].pk, made[1].pk)
    draft.refresh_from_db()
    return level, made


def page_of(client, draft, query: str = "", **extra) -> str:
    response = client.get(f"/workspace/pathways/{draft.pk}/{query}", **extra)
    assert response.status_code == 200
    return response.content.decode()


def test_the_map_shows_summaries_and_an_edit_button_not_every_form(signed_in, draft, steps):
    _level, (first, second, third) = steps
    html = page_of(signed_in, draft)
    assert f'id="step-{first.pk}"' in html and "Edit Welding I<" in html
    assert f'href="/workspace/pathways/{draft.pk}/?edit={first.pk}#step-{first.pk}"' in html
    assert f'hx-get="/workspace/pathways/{draft.pk}/steps/{first.pk}/edit/"' in html
    for prefix in ("edit-step", "connect", "add-entry", "add-exit", "attach-service"):
        assert f'name="{prefix}-{first.pk}-opened_version"' not in html
    assert html.count('name="connect-') == 0  # no "next step" select on every step
    assert "Remove the link from Welding I to Welding II" in html  # summary keeps links


def test_without_javascript_the_map_opens_one_step(signed_in, draft, steps):
    _level, (first, second, _third) = steps
    html = page_of(signed_in, draft, f"?edit={second.pk}")
    assert f'name="edit-step-{second.pk}-name_en"' in html
    assert f'name="connect-{second.pk}-target"' in html
    assert f'name="edit-step-{first.pk}-name_en"' not in html
    assert page_of(signed_in, draft, "?edit=nonsense")  # ignored, not a 500
    redirect = signed_in.get(f"/workspace/pathways/{draft.pk}/steps/{second.pk}/edit/")
    assert redirect.status_code == 302
    assert redirect["Location"].endswith(f"?edit={second.pk}#step-{second.pk}")


def test_htmx_loads_one_step_with_its_forms_and_closes_it(signed_in, draft, steps):
    _level, (first, _second, _third) = steps
    there = f"/workspace/pathways/{draft.pk}/steps/{first.pk}/edit/"
    html = signed_in.get(there, **HX).content.decode()
    assert html.startswith(f'<li id="step-{first.pk}"') and "<html" not in html
    assert f'name="edit-step-{first.pk}-name_en"' in html
    assert "Close the forms of Welding I" in html
    closed = signed_in.get(there + "?close=1", **HX).content.decode()
    assert f'name="edit-step-{first.pk}-name_en"' not in closed and "Edit Welding I<" in closed
    assert signed_in.get(f"/workspace/pathways/{draft.pk}/steps/999999/edit/",
                         **HX).status_code == 404


def test_a_step_of_another_pathway_is_not_found(client, draft, steps, django_user_model):
    _level, (first, _second, _third) = steps
    client.force_login(django_user_model.objects.get(username="editor"))
    other = f"/workspace/pathways/{draft.pk + 1000}/steps/{first.pk}/edit/"
    assert client.get(other, **HX).status_code == 404


def test_renaming_a_level_answers_with_that_level_the_map_and_the_checks(signed_in, draft,
                                                                         steps):
    level, _made = steps
    prefix = f"rename-level-{level.pk}"
    response = signed_in.post(f"/workspace/pathways/{draft.pk}/do/rename-level/{level.pk}/", {
        f"{prefix}-opened_version": draft.version, f"{prefix}-name_en": "Begin"}, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#level-{level.pk}"
    assert response["HX-Reswap"] == "outerHTML"
    draft.refresh_from_db()  # the page's other forms take the new version (workspace.js)
    assert json.loads(response["HX-Trigger"]) == {"pathwayVersion": draft.version}
    assert html.startswith(f'{"<section"} id="level-{level.pk}"')
    assert "Level 1: Begin" in html and '<div id="editor"' not in html
    assert 'id="ws-map"' in html and 'id="checks-panel"' in html
    assert "Level renamed: Begin" in html  # the status line, out of band


def test_renaming_a_step_also_refreshes_the_steps_that_lead_to_it(signed_in, draft, steps):
    level, (first, second, third) = steps
    prefix = f"edit-step-{second.pk}"
    response = signed_in.post(f"/workspace/pathways/{draft.pk}/do/edit-step/{second.pk}/", {
        f"{prefix}-opened_version": draft.version, f"{prefix}-name_en": "Welding 2",
        f"{prefix}-component_type": "ceterms:CourseComponent", f"{prefix}-level": level.pk},
        **HX)
    html = response.content.decode()
    assert response.status_code == 200, html
    assert response["HX-Retarget"] == f"#step-{second.pk}"
    assert f'<li id="step-{first.pk}" class="ws-step" hx-swap-oob="true">' in html
    assert f'id="step-{third.pk}"' not in html  # does not name it
    assert PathwayComponent.objects.get(pk=second.pk).name_en == "Welding 2"


def test_moving_a_step_to_another_level_answers_with_the_whole_editor(signed_in, draft,
                                                                      steps, editor):
    _level, (first, _second, _third) = steps
    other = actions.add_level(access_of(editor, draft), draft.version, "Next")
    draft.refresh_from_db()
    prefix = f"edit-step-{first.pk}"
    response = signed_in.post(f"/workspace/pathways/{draft.pk}/do/edit-step/{first.pk}/", {
        f"{prefix}-opened_version": draft.version, f"{prefix}-name_en": "Welding I",
        f"{prefix}-component_type": "ceterms:CourseComponent", f"{prefix}-level": other.pk},
        **HX)
    assert response.status_code == 200
    assert "HX-Retarget" not in response
    assert '<div id="editor"' in response.content.decode()[:200]


def test_a_refused_step_edit_shows_that_step_open(signed_in, draft, steps):
    _level, (first, _second, _third) = steps
    prefix = f"edit-step-{first.pk}"
    response = signed_in.post(f"/workspace/pathways/{draft.pk}/do/edit-step/{first.pk}/", {
        f"{prefix}-opened_version": draft.version, f"{prefix}-name_en": "",
        f"{prefix}-component_type": "ceterms:CourseComponent"})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'name="edit-step-{first.pk}-name_en"' in html and 'class="errorlist"' in html
