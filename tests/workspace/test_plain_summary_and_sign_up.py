"""An exit's plain summary and a program's enrollment page, written in the workspace
(issue 20): the exit form takes the summary in English and Spanish, the public pages show
it; the enrollment page must be an https address."""

from __future__ import annotations

import pytest
from django.utils import translation

from pathways.apps.catalog.models import ExitPoint, Occupation, Program
from pathways.apps.catalog.queries import new_pathway_access
from pathways.apps.workspace import actions, offerings, queries
from pathways.apps.workspace.actions import StepInput
from pathways.core.errors import InputError
from tests.workspace.conftest import access_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_after():
    yield
    translation.activate("en")


@pytest.fixture
def exit_point(editor, draft):
    level = actions.add_level(access_of(editor, draft), draft.version, "One")
    step = actions.add_step(access_of(editor, draft), draft.version,
                            StepInput("Welding I", level_id=level.pk))
    occupation = Occupation.objects.get(code="51-4121.00")
    found = actions.add_exit(access_of(editor, draft), draft.version, step.pk,
                             actions.ExitInput(occupation.code))
    draft.refresh_from_db()
    return found


def test_the_exit_form_saves_a_plain_summary_in_both_languages(client, editor, draft,
                                                                exit_point):
    client.force_login(editor)
    prefix = f"edit-exit-{exit_point.pk}"
    page = client.get(f"/workspace/pathways/{draft.pk}/?edit={exit_point.component_id}")
    html = page.content.decode()
    assert f'name="{prefix}-summary_en"' in html and f'name="{prefix}-summary_es"' in html
    assert "Plain summary (English)" in html
    response = client.post(f"/workspace/pathways/{draft.pk}/do/edit-exit/{exit_point.pk}/", {
        f"{prefix}-opened_version": draft.version, f"{prefix}-occupation": "51-4121.00",
        f"{prefix}-summary_en": "You join metal parts with heat.",
        f"{prefix}-summary_es": "Unes piezas de metal con calor."})
    assert response.status_code == 302
    exit_point.refresh_from_db()
    assert (exit_point.summary_en, exit_point.summary_es) == (
        "You join metal parts with heat.", "Unes piezas de metal con calor.")
    shown = client.get(f"/pathways/{draft.slug}/", HTTP_ACCEPT_LANGUAGE="es")
    assert "Unes piezas de metal con calor." in shown.content.decode()


def test_a_summary_too_long_is_refused_with_a_clear_message(editor, draft, exit_point):
    with pytest.raises(InputError) as caught:
        actions.edit_exit(access_of(editor, draft), draft.version, exit_point.pk,
                          actions.ExitInput("51-4121.00", summary_en="word " * 200))
    assert "Keep it under 600 characters." in str(caught.value)
    assert ExitPoint.objects.get(pk=exit_point.pk).summary_en == ""


def _program_data(partnership, url: str) -> offerings.ProgramInput:
    provider = queries.providers_for(partnership.pk).order_by("pk").first()
    return offerings.ProgramInput("Rigging", provider.pk, 4, 200, "evening", "online",
                                  url=url)


@pytest.mark.parametrize("url", ["http://example.org/enroll", "ftp://example.org/x",
                                 "https://", "javascript:alert(1)"])
def test_an_enrollment_page_that_is_not_https_is_refused(editor, partnership, url):
    with pytest.raises(InputError) as caught:
        offerings.create_program(new_pathway_access(editor, partnership.pk),
                                 _program_data(partnership, url), True)
    assert "Give a web address that starts with https://" in str(caught.value)
    assert not Program.objects.filter(name_en="Rigging").exists()


def test_an_https_enrollment_page_is_kept(editor, partnership):
    program = offerings.create_program(new_pathway_access(editor, partnership.pk),
                                       _program_data(partnership, " https://example.org/in "),
                                       True)
    assert program.url == "https://example.org/in"


def test_the_offerings_form_refuses_an_http_enrollment_page(client, editor, partnership):
    client.force_login(editor)
    provider = queries.providers_for(partnership.pk).order_by("pk").first()
    response = client.post("/workspace/offerings/", {
        "kind": "program", "program-name_en": "Rigging basics", "program-provider": provider.pk,
        "program-length_weeks": 4, "program-cost": "200", "program-schedule": "evening",
        "program-modality": "online", "program-url": "http://example.org/enroll",
        "program-anyway": "on"})
    assert response.status_code == 400
    assert "Give a web address that starts with https://" in response.content.decode()
    assert not Program.objects.filter(name_en="Rigging basics").exists()
