"""Content in two languages (ADR 0042): public pages, My plan and the admin read the
reader's language and fall back to English; the workspace's count of what is translated."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from pathways.apps.catalog.models import (
    EntryPoint,
    Pathway,
    PathwayComponent,
    ProgressionLevel,
    SupportService,
)
from pathways.apps.catalog.translations import coverage

pytestmark = pytest.mark.django_db

NURSING = "/pathways/nursing-and-patient-care/"


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def nursing() -> Pathway:
    return Pathway.objects.get(slug="nursing-and-patient-care")


def test_a_spanish_reader_sees_spanish_content_and_english_where_it_is_missing(client):
    untranslated = PathwayComponent.objects.get(pathway=nursing(), name_en="College Algebra")
    PathwayComponent.objects.filter(pk=untranslated.pk).update(name_es=None)
    body = text_of(client.get(NURSING, HTTP_ACCEPT_LANGUAGE="es"))
    for spanish in ["Enfermería y cuidado de pacientes", "Puente y habilidades básicas",
                    "Capacitación de asistente de enfermería",
                    "Si estás aprendiendo inglés", "Asistente de enfermería registrado en el "
                    "estado de Kentucky",
                    "Enfermero práctico con licencia"]:
        assert spanish in body, spanish
    assert "College Algebra" in body  # no Spanish value: the English one, not a gap
    assert "Álgebra universitaria" not in body
    assert "Nursing and Patient Care" not in body and "Nurse aide training" not in body


def test_each_language_gets_its_own_kept_page_and_graph(client):
    spanish = client.get(NURSING, HTTP_ACCEPT_LANGUAGE="es")
    english = client.get(NURSING, HTTP_ACCEPT_LANGUAGE="en")
    again = client.get(NURSING, HTTP_ACCEPT_LANGUAGE="es")
    assert "Nurse aide training" in text_of(english)
    assert "Capacitación de asistente de enfermería" not in text_of(english)
    assert again["X-Pathways-Page-Cache"] == "hit"
    assert again.content == spanish.content


def test_the_public_lists_show_spanish_names(client):
    body = text_of(client.get("/", HTTP_ACCEPT_LANGUAGE="es"))
    assert "Salud" in body and "Manufactura avanzada" in body


def test_my_plan_in_spanish_names_the_steps_in_spanish(client):
    participant = get_user_model().objects.get(username="participant")
    client.force_login(participant)
    body = text_of(client.get("/cases/my-plan/", HTTP_ACCEPT_LANGUAGE="es"))
    assert "Puente a la salud con preparación para el GED" in body
    assert "Healthcare Bridge with GED preparation" not in body
    client.cookies["django_language"] = "en"
    body = text_of(client.get("/cases/my-plan/"))
    assert "Healthcare Bridge with GED preparation" in body


def test_a_plain_attribute_reads_the_language_and_falls_back_to_english():
    level = ProgressionLevel.objects.create(pathway=nursing(), order=9, name_en="Extra",
                                            description_en="Only in English")
    level.name_es = "Adicional"
    with translation.override("es"):
        assert (level.name, level.description) == ("Adicional", "Only in English")
    with translation.override("en"):
        assert level.name == "Extra"


def test_a_record_made_with_a_plain_name_in_spanish_still_has_an_english_value():
    """A record created while the reader's language is Spanish keeps a value to fall back
    to in English (MODELTRANSLATION_AUTO_POPULATE = "default")."""
    with translation.override("es"):
        service = SupportService.objects.create(name="Comedor", category="support:Childcare")
    service.refresh_from_db()
    assert (service.name_en, service.name_es) == ("Comedor", "Comedor")


def test_the_demo_pathways_are_fully_translated():
    for pathway in Pathway.objects.filter(is_sample=True):
        found = coverage(pathway)
        assert found.total > 40
        assert found.complete, [(str(obj), name) for obj, name in found.missing]


def test_coverage_counts_english_texts_and_names_the_untranslated_ones():
    pathway = nursing()
    before = coverage(pathway)
    entry = EntryPoint.objects.get(pathway=pathway, name_en="Direct entry")
    EntryPoint.objects.filter(pk=entry.pk).update(description_es="", name_es=None)
    level = pathway.levels.get(order=1)
    ProgressionLevel.objects.filter(pk=level.pk).update(description_en="New, English only")
    after = coverage(pathway)
    assert after.total == before.total + 1  # the level's new description is a text now
    assert after.translated == before.translated - 2
    assert [(type(obj).__name__, obj.pk, name) for obj, name in after.missing] == [
        ("ProgressionLevel", level.pk, "description"),
        ("EntryPoint", entry.pk, "name"), ("EntryPoint", entry.pk, "description")]
    assert not after.complete and 0 < after.percent < 100
    with translation.override("en"):
        assert after.describe() == f"{after.translated} of {after.total} texts in Spanish"
    with translation.override("es"):
        assert after.describe() == f"{after.translated} de {after.total} textos en español"


def test_the_admin_shows_both_languages_side_by_side_with_labels():
    editor = Client()  # the admin: administrators only (issue 17)
    editor.force_login(get_user_model().objects.get(username="admin"))
    page = editor.get(f"/admin/catalog/pathway/{nursing().pk}/change/").content.decode()
    for field in ("name", "description"):
        for language in ("en", "es"):
            assert re.search(f'<label[^>]* for="id_{field}_{language}">', page)
    assert 'for="id_name_en">Name (English):' in page
    assert 'for="id_name_es">Name (Spanish):' in page
    assert 'for="id_entry_points-0-prerequisites_es">Other prerequisites (Spanish):' in page
    assert 'value="Enfermería y cuidado de pacientes"' in page
    assert 'name="name"' not in page  # the plain field is not edited any more


def test_a_stale_save_names_the_language_changed_meanwhile():
    from tests.catalog.admin_forms import admin_form_data

    pathway = nursing()
    url = f"/admin/catalog/pathway/{pathway.pk}/change/"
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(get_user_model().objects.get(username="admin"))
    mine, theirs = admin_form_data(first.get(url)), admin_form_data(second.get(url))
    mine["name_es"] = "Enfermería"
    assert first.post(url, mine).status_code == 302
    theirs["description_es"] = "Otra descripción"
    refused = second.post(url, theirs)
    assert refused.status_code == 200
    assert "after you opened it and changed: Name (Spanish)." in refused.content.decode()
    pathway.refresh_from_db()
    assert (pathway.name_en, pathway.name_es) == ("Nursing and Patient Care", "Enfermería")
    assert pathway.description_es.startswith("De asistente de enfermería")


def test_the_occupation_sector_and_pathway_list_pages_in_spanish(client):
    pathway = nursing()
    for url in ("/occupations/29-1141.00/", f"/sectors/{pathway.sector.slug}/", "/pathways/"):
        body = text_of(client.get(url, HTTP_ACCEPT_LANGUAGE="es"))
        assert "Enfermería y cuidado de pacientes" in body, url
        assert "Nursing and Patient Care" not in body, url


def test_the_navigators_plan_form_offers_goals_and_entries_in_spanish():
    from pathways.apps.cases.models import Participant

    navigator = Client()
    navigator.force_login(get_user_model().objects.get(username="navigator"))
    paz = Participant.objects.get(first_name="Paz")
    body = text_of(navigator.get(f"/cases/participants/{paz.pk}/plan/",
                                 HTTP_ACCEPT_LANGUAGE="es"))
    assert "Enfermería y cuidado de pacientes: Enfermero práctico con licencia" in body
    assert "Técnico en manufactura avanzada: Si ya trabajas en manufactura" in body
    assert "Licensed practical nurse" not in body


def test_the_public_ctdl_file_is_the_same_in_every_language(client):
    url = NURSING + "ctdl.jsonld"
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content
    assert spanish == client.get(url, HTTP_ACCEPT_LANGUAGE="en").content
    assert '"en-US": "Nursing and Patient Care"' in spanish.decode()
    assert '"es": "Enfermería y cuidado de pacientes"' in spanish.decode()
