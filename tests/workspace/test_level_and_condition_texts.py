"""A level's description and a condition group's name, edited in the workspace in both
languages and shown to readers (the description under the level's name, the group's name
in the preview sentence)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation

from pathways.apps.workspace import actions
from pathways.apps.workspace.actions import ANY, Group, StepInput
from pathways.apps.workspace.conditions import describe
from tests.workspace.conftest import access_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_after():
    """A Spanish request leaves Spanish active in this thread: later tests expect English."""
    yield
    translation.activate("en")
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def test_the_rename_form_saves_the_level_description_in_both_languages(signed_in, editor,
                                                                       draft):
    level = actions.add_level(access_of(editor, draft), draft.version, "Start")
    draft.refresh_from_db()
    prefix = f"rename-level-{level.pk}"
    page = signed_in.get(f"/workspace/pathways/{draft.pk}/").content.decode()
    assert f'name="{prefix}-description_es"' in page
    response = signed_in.post(f"/workspace/pathways/{draft.pk}/do/rename-level/{level.pk}/", {
        f"{prefix}-opened_version": draft.version, f"{prefix}-name_en": "Start",
        f"{prefix}-description_en": "Short classes to get ready.",
        f"{prefix}-description_es": "Clases cortas para prepararse."})
    assert response.status_code == 302
    level.refresh_from_db()
    assert level.description_en == "Short classes to get ready."
    assert level.description_es == "Clases cortas para prepararse."
    again = signed_in.get(f"/workspace/pathways/{draft.pk}/").content.decode()
    assert "Clases cortas para prepararse." in again  # the form opens on the stored values


def test_renaming_without_a_description_keeps_the_stored_one(editor, draft):
    level = actions.add_level(access_of(editor, draft), draft.version, "Start")
    draft.refresh_from_db()
    actions.rename_level(access_of(editor, draft), draft.version, level.pk, "Begin", "",
                         "Kept", "")
    draft.refresh_from_db()
    actions.rename_level(access_of(editor, draft), draft.version, level.pk, "Begin again")
    level.refresh_from_db()
    assert level.description_en == "Kept" and level.description_es is None


def test_a_named_group_is_saved_in_both_languages_and_said_in_the_preview(signed_in, editor,
                                                                         draft):
    steps = []
    for name in ("Nurse aide training", "CPR", "First aid", "Clinical"):
        draft.refresh_from_db()
        steps.append(actions.add_step(access_of(editor, draft), draft.version,
                                      StepInput(name)))
    draft.refresh_from_db()
    a, b, c, final = steps
    page = f"/workspace/pathways/{draft.pk}/steps/{final.pk}/conditions/"
    data = {"opened_version": draft.version, "g0_rule": "all", "g0_steps": [a.pk],
            "g1_rule": "any", "g1_steps": [b.pk, c.pk], "g1_name_en": "Safety card",
            "g1_name_es": "Tarjeta de seguridad", "g2_rule": "all", "g3_rule": "all"}
    preview = signed_in.post(page, {**data, "preview": "1"}, **HX).content.decode()
    assert "Needs: Nurse aide training and (Safety card: one of CPR or First aid)" in preview
    assert signed_in.post(page, data).status_code == 302
    sub = final.conditions.get().subconditions.get()
    assert (sub.name_en, sub.name_es) == ("Safety card", "Tarjeta de seguridad")
    again = signed_in.get(page).content.decode()
    assert 'value="Tarjeta de seguridad"' in again
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    spanish = signed_in.get(page).content.decode()
    assert "Tarjeta de seguridad: uno de CPR o First aid" in spanish


def test_a_group_without_a_spanish_name_says_the_english_one():
    group = Group(ANY, (1, 2), name="Safety card")
    with translation.override("es"):
        assert describe(group, {1: "CPR", 2: "Primeros auxilios"}).startswith("Safety card:")
    with translation.override("en"):
        assert describe(Group(ANY, (1, 2)), {1: "A", 2: "B"}) == "one of A or B"


def test_a_group_name_over_250_characters_is_refused(editor, draft):
    steps = []
    for name in ("A", "B"):
        draft.refresh_from_db()
        steps.append(actions.add_step(access_of(editor, draft), draft.version,
                                      StepInput(name)))
    draft.refresh_from_db()
    from pathways.core.errors import InputError

    with pytest.raises(InputError) as caught:
        actions.set_conditions(access_of(editor, draft), draft.version, steps[1].pk,
                               Group("all", (steps[0].pk,), name="x" * 251))
    assert caught.value.problems[0].field == "group-name"
