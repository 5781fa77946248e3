"""The footer of every page and its two pages, privacy and accessibility (issue 20): public,
plain, in English and Spanish."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A Spanish request leaves Spanish active in this thread; later tests expect English."""
    yield
    translation.deactivate()


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize(("path", "language", "says"), [
    ("/privacy/", "en", ["Privacy: what Pathways keeps about you", "stored in code (encrypted)",
                         "Who can see your record", "take that back at any time",
                         "Erasing your records", "three years"]),
    ("/privacy/", "es", ["Privacidad: qué guarda Pathways sobre ti", "cifrados",
                         "Quién puede ver tu expediente", "Borrar tus datos", "tres años"]),
    ("/accessibility/", "en", ["WCAG) 2.1, level AA", "axe", "360 pixels", "1280 pixels",
                               "What does not work well yet", "Tell us about a problem"]),
    ("/accessibility/", "es", ["WCAG) 2.1, nivel AA", "axe", "360 píxeles",
                               "Qué no funciona bien todavía", "Avísanos de un problema"]),
])
def test_the_footer_pages_open_for_anyone(client, path, language, says):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    text = text_of(response)
    for words in says:
        assert words in text, words
    assert 'href="/talk-to-a-navigator/"' in response.content.decode()


@pytest.mark.parametrize(("language", "links"), [
    ("en", ["Contact us", "Privacy", "Accessibility"]),
    ("es", ["Contáctanos", "Privacidad", "Accesibilidad"]),
])
@pytest.mark.parametrize("path", ["/", "/pathways/", "/accounts/login/", "/no-such-page/"])
def test_every_page_has_the_footer(client, path, language, links):
    html = client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    footer = html[html.index('<footer class="site-footer">'):]
    for words in links:
        assert words in footer
    for url in ("/talk-to-a-navigator/", "/privacy/", "/accessibility/"):
        assert f'href="{url}"' in footer


@override_settings(PATHWAYS_CONTACT_EMAIL="help@region.example")
def test_the_partnership_address_shows_when_set(client):
    html = client.get("/privacy/").content.decode()
    assert html.count('href="mailto:help@region.example"') == 2  # the footer and the page


def test_without_an_address_none_is_shown(client):
    assert "mailto:" not in client.get("/accessibility/").content.decode()
