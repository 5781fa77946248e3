"""The Django admin is for administrators (``admin_roles``); editors work in the workspace
(issue 17); other roles cannot use it; every change is audited."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.catalog.models import Pathway
from tests.catalog.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


def login(client, username: str) -> None:
    client.force_login(get_user_model().objects.get(username=username))


def test_administrator_changes_a_pathway_and_the_change_is_audited(client):
    login(client, "admin")
    pathway = Pathway.objects.get(slug="it-support-and-networking")
    url = f"/admin/catalog/pathway/{pathway.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = admin_form_data(page)
    data["description_en"] = "Updated by the administrator."  # each language has its field
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    pathway.refresh_from_db()
    assert pathway.description == "Updated by the administrator."
    entry = AuditEntry.objects.filter(action="admin.change", object_id=str(pathway.pk)).first()
    assert entry is not None and entry.actor_label == "admin"
    assert "description_en" in entry.changes["fields"]


@pytest.mark.parametrize("username", ["editor", "navigator", "partner", "analyst",
                                      "participant"])
def test_other_roles_cannot_open_the_catalog_admin(client, username):
    login(client, username)
    response = client.get("/admin/catalog/pathway/")
    assert response.status_code in {302, 403}


@pytest.mark.parametrize("username", ["editor", "navigator"])
def test_no_change_by_direct_id_outside_admin_roles(client, username):
    login(client, username)
    pathway = Pathway.objects.get(slug="it-support-and-networking")
    response = client.post(f"/admin/catalog/pathway/{pathway.pk}/change/",
                           {"name": "Hijacked"})
    assert response.status_code in {302, 403}
    pathway.refresh_from_db()
    assert pathway.name == "IT Support and Networking"


def test_an_editor_is_refused_even_with_staff_status(client):
    """Staff status alone (a leftover from before issue 17) does not open the admin."""
    user = get_user_model().objects.get(username="editor")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    pathway = Pathway.objects.get(slug="it-support-and-networking")
    assert client.get("/admin/catalog/pathway/").status_code == 403
    response = client.post(f"/admin/catalog/pathway/{pathway.pk}/change/", {"name": "No"})
    assert response.status_code == 403
    assert Pathway.objects.get(pk=pathway.pk).name == "IT Support and Networking"


def test_reference_data_is_read_only_in_the_admin(client):
    login(client, "admin")
    assert client.get("/admin/catalog/occupation/").status_code == 200
    assert client.get("/admin/catalog/occupation/add/").status_code == 403


def test_audit_log_is_for_administrators_only(client):
    login(client, "editor")  # not staff: sent to the admin's login
    assert client.get("/admin/accounts/auditentry/").status_code in {302, 403}
    login(client, "admin")
    assert client.get("/admin/accounts/auditentry/").status_code == 200
