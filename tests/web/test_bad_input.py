"""Addresses no page can answer are refused before any view reads them: a NUL character
(PostgreSQL cannot hold it) is a bad request, a record number past what a database holds
is not found. Both were found by the forms fuzz test."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/occupations/%00/", "/occupations/?q=%00",
                                  "/occupations/?q=a%00b", "/pathways/?x%00=1",
                                  "/occupations/?q=ok&q=%00"])
def test_a_nul_character_in_the_address_is_a_bad_request(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert "No pudimos leer esa solicitud" in response.content.decode()


def test_addresses_without_one_are_untouched(client):
    assert client.get("/occupations/?q=nurse").status_code == 200


@pytest.mark.parametrize("path", ["/quality/p/99999999999999999999/",
                                  "/quality/p/9223372036854775808/actions/new/",
                                  "/measures/1/runs/123456789012345678901234567890/measures.csv"])
def test_a_record_number_no_database_holds_is_not_found(client, path):
    """Found by the forms fuzz test: SQLite cannot compare such a number (a 500)."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="analyst"))
    assert client.get(path).status_code == 404
