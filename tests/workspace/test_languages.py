"""Content in two languages in the workspace: English and Spanish edited side by side and
stored by language (never through the interface language), English shown when Spanish is
missing, the translation panel's numbers and links, per-language unique names."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from pathways.apps.catalog.models import EntryPoint, ExitPoint, Occupation, Program
from pathways.apps.catalog.queries import new_pathway_access
from pathways.apps.catalog.translations import coverage
from pathways.apps.workspace import actions, offerings, queries
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


def test_a_form_shows_english_and_spanish_side_by_side(signed_in, draft):
    html = signed_in.get(f"/workspace/pathways/{draft.pk}/").content.decode()
    pair = re.search(r'<div class="ws-pair">(.*?)</div>\s*</div>', html, re.S).group(1)
    assert "Name (English)" in pair and "Name (Spanish)" in pair
    assert 'lang="es"' in html
    assert "Level name (English)" in html and "Level name (Spanish)" in html
    required = re.search(r'for="id_add-level-0-name_es">(.*?)</label>', html, re.S).group(1)
    assert "required" not in required  # Spanish is optional


def test_a_level_is_saved_in_both_languages_whatever_the_interface(signed_in, draft):
    signed_in.cookies["django_language"] = "es"
    response = signed_in.post(url(draft, "add-level"), {
        "add-level-0-opened_version": draft.version, "add-level-0-name_en": "Get started",
        "add-level-0-name_es": "Para empezar"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    level = draft.levels.get()
    assert (level.name_en, level.name_es) == ("Get started", "Para empezar")


def test_english_is_required_and_spanish_falls_back_to_english(signed_in, draft, editor):
    refused = signed_in.post(url(draft, "add-level"), {
        "add-level-0-opened_version": draft.version, "add-level-0-name_es": "Solo español"})
    assert refused.status_code == 400
    assert not draft.levels.exists()
    level = actions.add_level(access_of(editor, draft), draft.version, "Only English")
    assert level.name_es is None  # empty Spanish is stored as "not translated"
    with translation.override("es"):
        level.refresh_from_db()
        assert level.name == "Only English"


def test_a_step_entry_and_exit_keep_both_languages(editor, draft):
    level = actions.add_level(access_of(editor, draft), draft.version, "One", "Uno")
    step = actions.add_step(access_of(editor, draft), draft.version, StepInput(
        "Welding I", level_id=level.pk, description_en="Arc welding",
        name_es="Soldadura I", description_es="Soldadura por arco"))
    entry = actions.add_entry(access_of(editor, draft), draft.version, step.pk,
                              actions.EntryInput("With a diploma", "direct", "Adults",
                                                 "A diploma", "Con diploma", "Adultos",
                                                 "Un diploma"))
    occupation = Occupation.objects.order_by("code").first()
    exit_point = actions.add_exit(access_of(editor, draft), draft.version, step.pk,
                                  actions.ExitInput(occupation.code, "Welder", "Soldador"))
    with translation.override("es"):
        step.refresh_from_db()
        assert (step.name, step.description) == ("Soldadura I", "Soldadura por arco")
        entry = EntryPoint.objects.get(pk=entry.pk)
        assert (entry.name, entry.description, entry.prerequisites) == (
            "Con diploma", "Adultos", "Un diploma")
        assert ExitPoint.objects.get(pk=exit_point.pk).name == "Soldador"


def test_the_translation_panel_counts_and_links_each_untranslated_text(signed_in, draft,
                                                                       editor):
    level = actions.add_level(access_of(editor, draft), draft.version, "One", "Uno")
    step = actions.add_step(access_of(editor, draft), draft.version,
                            StepInput("Welding I", level_id=level.pk))
    draft.refresh_from_db()
    found = coverage(draft)
    html = signed_in.get(f"/workspace/pathways/{draft.pk}/").content.decode()
    assert 'id="coverage-panel"' in html
    assert found.describe() in html and found.translated < found.total
    assert f'href="#step-{step.pk}"' in html  # the step's name is not in Spanish yet
    assert f'href="#level-{level.pk}"' not in html  # the level's is
    assert 'href="#pathway-details"' in html
    assert "Step “Welding I”: name" in html


def test_the_panel_follows_each_change_out_of_band_until_n_of_n(signed_in, draft, editor):
    level = actions.add_level(access_of(editor, draft), draft.version, "One", "Uno")
    step = actions.add_step(access_of(editor, draft), draft.version,
                            StepInput("Welding I", level_id=level.pk, name_es="Soldadura I"))
    draft.refresh_from_db()
    prefix = "edit-pathway-0"
    signed_in.post(url(draft, "edit-pathway"), {
        f"{prefix}-opened_version": draft.version, f"{prefix}-name_en": draft.name_en,
        f"{prefix}-name_es": "Soldadura básica", f"{prefix}-sector": draft.sector_id,
        f"{prefix}-wage_area": ""}, **HX)
    draft.refresh_from_db()
    draft.sector.name_es = draft.sector.name_es or "Sector"
    draft.sector.save()
    prefix = f"edit-step-{step.pk}"
    response = signed_in.post(url(draft, "edit-step", step.pk), {
        f"{prefix}-opened_version": draft.version, f"{prefix}-name_en": "Welding I",
        f"{prefix}-name_es": "Soldadura I", f"{prefix}-component_type": step.component_type,
        f"{prefix}-level": level.pk}, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'id="checks-panel"[^>]*hx-swap-oob="true"', html)
    draft.refresh_from_db()
    total = coverage(draft).total
    assert f"{total} of {total} texts in Spanish" in html
    assert "Every text has a Spanish value." in html


def test_the_home_page_shows_the_count_per_pathway(signed_in, draft):
    page = signed_in.get("/workspace/").content.decode()
    assert coverage(draft).describe() in page


def test_a_spanish_name_taken_by_another_program_is_a_field_error(editor, partnership):
    access = new_pathway_access(editor, partnership.pk)
    provider = queries.providers_for(partnership.pk).order_by("pk").first()
    data = offerings.ProgramInput("Forklift basics", provider.pk, 4, 100, "evening", "online",
                                  name_es="Montacargas")
    offerings.create_program(access, data, True)
    with pytest.raises(offerings.InputError) as refused:
        offerings.create_program(access, offerings.ProgramInput(
            "Forklift advanced", provider.pk, 4, 100, "evening", "online",
            name_es="Montacargas"), True)
    assert refused.value.problems[0].field == "name_es"
    # two programs without a Spanish name do not collide (empty is stored as NULL)
    offerings.create_program(access, offerings.ProgramInput(
        "Pallet jack", provider.pk, 1, 10, "evening", "online"), True)
    offerings.create_program(access, offerings.ProgramInput(
        "Reach truck", provider.pk, 1, 10, "evening", "online"), True)
    assert Program.objects.filter(provider=provider, name_es__isnull=True).count() >= 2


def test_a_unique_clash_at_save_time_is_a_field_error_not_a_500(editor, partnership,
                                                               monkeypatch):
    """Two saves at once pass the checks before; the constraint still names the field."""
    access = new_pathway_access(editor, partnership.pk)
    provider = queries.providers_for(partnership.pk).order_by("pk").first()
    offerings.create_program(access, offerings.ProgramInput(
        "Crane safety", provider.pk, 4, 100, "evening", "online", name_es="Grúas"), True)
    monkeypatch.setattr(offerings, "_refuse_duplicate", lambda *a: None)
    real = offerings._program_fields

    def unchecked(access, data, current=None):  # as if the other save came in between
        fields = real(access, offerings.ProgramInput(
            "Crane safety 2", provider.pk, 4, 100, "evening", "online"), current)
        return {**fields, "name_es": "Grúas"}

    monkeypatch.setattr(offerings, "_program_fields", unchecked)
    with pytest.raises(offerings.InputError) as refused:
        offerings.create_program(access, offerings.ProgramInput(
            "Crane safety 2", provider.pk, 4, 100, "evening", "online"), True)
    assert refused.value.problems[0].field == "name_es"


def test_the_program_form_posts_both_languages(signed_in, partnership):
    provider = queries.providers_for(partnership.pk).order_by("pk").first()
    response = signed_in.post("/workspace/offerings/", {
        "kind": "program", "program-name_en": "Scaffold erector", "program-name_es":
        "Montador de andamios", "program-provider": provider.pk, "program-length_weeks": 6,
        "program-cost": "300", "program-schedule": "evening", "program-modality": "hybrid",
        "program-anyway": "on"})
    assert response.status_code == 302
    program = Program.objects.get(name_en="Scaffold erector")
    assert program.name_es == "Montador de andamios"
    page = signed_in.get("/workspace/offerings/").content.decode()
    assert "Program name (English)" in page and "Program name (Spanish)" in page
