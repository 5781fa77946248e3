"""An address holding a NUL character is a bad request, answered before any view reads it
(PostgreSQL cannot hold the character: found by the forms fuzz test)."""

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
