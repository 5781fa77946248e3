""""What is a career pathway?" (issue 20): plain, in English and Spanish, with one of the
region's own published pathways as the example, and still useful without any."""

from __future__ import annotations

import pytest

from pathways.apps.catalog.explainer import example_pathway
from pathways.apps.catalog.models import Pathway

pytestmark = pytest.mark.django_db
URL = "/what-is-a-career-pathway/"


def test_the_example_is_chosen_from_the_published_pathways():
    found = example_pathway()
    assert found is not None and found.is_published
    assert found.support_services.count() == max(
        p.support_services.count() for p in Pathway.objects.filter(status="published"))
    assert found.slug == "nursing-and-patient-care"  # in the demo, the one with most help


def test_it_shows_the_example_in_english(client):
    found = example_pathway()
    text = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "What is a career pathway?" in text and found.name in text
    assert 'role="img"' in text and "<title" in text and "<desc" in text
    exit_title = found.exit_points.first().occupation.title
    assert exit_title in text and "Half of workers earn more than" in text
    entry = found.entry_points.first()
    assert entry.name in text
    assert "What a navigator does" in text and "/talk-to-a-navigator/?pathway=" in text
    service = found.support_services.first()
    if service is not None:
        assert service.name in text


def test_it_shows_the_example_in_spanish(client):
    found = example_pathway()
    text = client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "¿Qué es una ruta profesional?" in text
    assert (found.name_es or found.name) in text
    assert "Qué hace un orientador" in text


def test_it_is_linked_from_home_and_the_menu(client):
    text = client.get("/").content.decode()
    assert text.count(f'href="{URL}"') >= 2


def test_without_any_published_pathway(client):
    Pathway.objects.filter(status="published").update(status="archived")
    for language in ("en", "es"):
        response = client.get(URL, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        assert "An example from here" not in response.content.decode()
        assert "Un ejemplo de aquí" not in response.content.decode()
