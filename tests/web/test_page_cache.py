"""Public pages are kept for anonymous visitors and dropped when the catalog changes."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from pathways.apps.catalog.models import Pathway
from pathways.web.pagecache import CACHE_HEADER

pytestmark = pytest.mark.django_db


def kept(response) -> str:
    return response.get(CACHE_HEADER, "")


def test_an_anonymous_visitor_gets_the_kept_page_until_the_catalog_changes(
        client, django_capture_on_commit_callbacks):
    pathway = Pathway.objects.filter(status="published").order_by("slug").first()
    url = pathway.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200 and kept(first) == "miss"
    again = client.get(url)
    assert kept(again) == "hit" and again.content == first.content
    assert "Set-Cookie" not in again and "Accept-Language" in again["Vary"]
    with django_capture_on_commit_callbacks(execute=True):
        pathway.name = "Renamed for the test"
        pathway.save()
    fresh = client.get(url)
    assert kept(fresh) == "miss" and "Renamed for the test" in fresh.content.decode()


def test_each_language_has_its_own_page(client):
    url = "/pathways/"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert kept(spanish) == "miss" and 'lang="es"' in spanish.content.decode()
    assert kept(client.get(url, HTTP_ACCEPT_LANGUAGE="es")) == "hit"
    assert 'lang="en"' in english.content.decode()


def test_signed_in_people_and_private_pages_are_never_kept(client, django_user_model):
    editor = django_user_model.objects.get(username="editor")
    client.force_login(editor)
    assert kept(client.get("/pathways/")) == ""
    assert kept(client.get("/pathways/")) == ""
    anonymous = Client()
    login = anonymous.get("/accounts/login/")
    assert kept(login) == ""  # it hands out a CSRF token
    assert kept(anonymous.get("/quality/")) == ""  # a redirect to the login page


def test_a_missing_page_is_not_kept(client):
    assert kept(client.get("/pathways/no-such-thing/")) == ""
    assert kept(client.get("/pathways/no-such-thing/")) == ""


@override_settings(PATHWAYS_PAGE_CACHE_SECONDS=0)
def test_the_cache_can_be_turned_off(client):
    assert kept(client.get("/")) == "" and kept(client.get("/")) == ""


def test_inside_a_transaction_that_changed_the_catalog_nothing_kept_is_used(client):
    """A change is not committed yet (tests never commit): the same transaction must not
    be served the page or graph kept from before it."""
    from pathways.apps.catalog.graph import pathway_graph

    pathway = Pathway.objects.filter(status="published").order_by("slug").first()
    url = pathway.get_absolute_url()
    client.get(url)
    assert kept(client.get(url)) == "hit"
    before = pathway_graph(pathway)
    pathway.name = "Changed, not committed"
    pathway.save()
    assert pathway_graph(pathway).name == "Changed, not committed" != before.name
    fresh = client.get(url)
    assert kept(fresh) != "hit" and "Changed, not committed" in fresh.content.decode()


def test_pages_for_a_signed_in_person_are_kept_by_no_browser_or_proxy(client,
                                                                     django_user_model):
    navigator = django_user_model.objects.get(username="navigator")
    client.force_login(navigator)
    for url in ("/cases/", "/pathways/"):
        control = client.get(url)["Cache-Control"]
        assert "no-store" in control and "private" in control, url
    assert "no-store" not in Client().get("/pathways/").get("Cache-Control", "")
