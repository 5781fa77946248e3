"""403, 404 and 500 look like the site, speak the reader's language and lead somewhere."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from pathways.demo.region import demo_partnership

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "heading", "link"), [
    ("en", "We cannot find that page", "See all career pathways"),
    ("es", "No encontramos esa página", "Ver todas las rutas profesionales"),
])
def test_a_missing_page_is_styled_translated_and_leads_on(client, language, heading, link):
    response = client.get("/pathways/no-such-pathway/", HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert response.status_code == 404
    assert heading in page and link in page
    assert "pathways/pathways.css" in page
    assert 'class="wrap site-nav"' in page


def test_a_refused_page_says_why_and_offers_the_person_s_own_pages(client, django_user_model):
    from pathways.apps.accounts.models import Profile

    user = django_user_model.objects.create_user("pp", password=None)
    Profile.objects.create(user=user, role="participant")
    client.force_login(user)
    response = client.get("/cases/", HTTP_ACCEPT_LANGUAGE="es")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Tu cuenta no puede abrir esta página" in page
    assert "/cases/my-plan/" in page  # their own page, from the menu of their role
    assert 'class="wrap site-nav"' in page and "¿Qué es una ruta?" in page
    assert "Privacidad" in page and "Accesibilidad" in page  # the footer


@pytest.mark.parametrize(("language", "nav", "footer"), [
    ("en", "What is a pathway?", "Privacy"), ("es", "¿Qué es una ruta?", "Privacidad")])
def test_a_refused_visitor_gets_the_navigation_in_their_language(client, language, nav, footer):
    response = client.get("/cases/my-plan/", HTTP_ACCEPT_LANGUAGE=language, follow=False)
    if response.status_code == 302:  # a visitor is sent to log in; a signed-in role is refused
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username="analyst"))
        response = client.get("/cases/", HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert response.status_code == 403
    assert 'class="wrap site-nav"' in page and nav in page and footer in page


@override_settings(ROOT_URLCONF="tests.web.error_urls")
def test_a_failure_shows_a_plain_page_without_details():
    client = Client(raise_request_exception=False)
    response = client.get("/broken/", HTTP_ACCEPT_LANGUAGE="es")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Algo salió mal de nuestro lado" in page and "RuntimeError" not in page
    assert "a failure the person must not see" not in page and 'href="/"' in page
    assert 'class="wrap site-nav"' in page and "¿Qué es una ruta?" in page
    assert 'href="/pathways/"' in page and "Privacidad" in page and "Accesibilidad" in page


def test_an_expired_form_is_explained(django_user_model):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "The form has expired" in response.content.decode()


@pytest.mark.parametrize(("language", "heading"), [
    ("en", "We could not read that request"), ("es", "No pudimos leer esa solicitud")])
def test_a_bad_request_is_styled_translated_and_leads_on(client, language, heading):
    from django.contrib.auth import get_user_model


    client.force_login(get_user_model().objects.get(username="analyst"))
    partnership = demo_partnership()
    response = client.get(f"/measures/{partnership.pk}/?run=²", HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert response.status_code == 400
    assert heading in page and 'class="wrap site-nav"' in page
    assert '<ul class="next-steps">' in page and 'href="/"' in page
