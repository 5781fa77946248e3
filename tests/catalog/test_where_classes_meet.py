"""Where a program's classes meet, on the public pathway page in plain words and in both
languages (the demo region's programs meet at its providers' campuses)."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from pathways.apps.catalog.models import Location, Program

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_after():
    """A Spanish request leaves Spanish active in this thread: later tests expect English."""
    yield
    translation.activate("en")

NURSING = "/pathways/nursing-and-patient-care/"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_demo_programs_meet_at_their_providers_places():
    bridge = Program.objects.get(name_en="Healthcare Bridge (IET)")
    assert [p.name_en for p in bridge.locations.all()] == ["Downtown Learning Center"]
    assert all(p.locations.exists() for p in Program.objects.filter(is_sample=True))
    assert set(Location.objects.filter(is_sample=True, programs__isnull=True)) == set()


def test_the_pathway_page_says_where_classes_meet_in_both_languages(client):
    english = text_of(client.get(NURSING))
    assert "Where and when" in english
    assert "Downtown Learning Center: 215 Main Street, Riverton, KY 41888 " \
           "(Room 104, evenings)" in english
    spanish = text_of(client.get(NURSING, HTTP_ACCEPT_LANGUAGE="es"))
    assert "Centro de Aprendizaje del Centro: 215 Main Street, Riverton, KY 41888 " \
           "(Salón 104, por la noche)" in spanish
    assert "Dónde y cuándo" in spanish


def test_a_place_without_a_spanish_name_is_marked_english(client):
    Location.objects.filter(name_en="Downtown Learning Center").update(name_es=None)
    html = client.get(NURSING, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<span lang="en">Downtown Learning Center</span>: 215 Main Street' in html


def test_an_administrator_corrects_a_place_in_the_admin(client, django_user_model):
    client.force_login(django_user_model.objects.get(username="admin"))
    place = Location.objects.get(name_en="Technical Center")
    listed = client.get("/admin/catalog/location/?q=Industrial")
    assert listed.status_code == 200 and "Technical Center" in listed.content.decode()
    page = client.get(f"/admin/catalog/location/{place.pk}/change/")
    assert page.status_code == 200 and 'name="name_es"' in page.content.decode()
