"""Two editors on one pathway in the admin: the later save of a stale form is refused with
what changed meanwhile, the editor's entries kept; saving again after looking goes through."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pathways.apps.accounts.versioning import StaleEdit
from pathways.apps.catalog.models import Pathway, ProgressionLevel, Sector
from tests.catalog.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def pathway() -> Pathway:
    """A small pathway (one level), so that its admin page is quick to render."""
    found = Pathway.objects.create(name="Welding", slug="welding-versions",
                                   sector=Sector.objects.order_by("pk").first())
    ProgressionLevel.objects.create(pathway=found, order=1, name="Entry level")
    return found


def editor() -> Client:
    """An administrator in the admin (editors work in the workspace, issue 17)."""
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def test_a_stale_save_is_refused_naming_what_changed_and_keeping_the_entries(pathway):
    url = f"/admin/catalog/pathway/{pathway.pk}/change/"
    first, second = editor(), editor()
    mine, theirs = admin_form_data(first.get(url)), admin_form_data(second.get(url))
    assert mine["opened_version"] == theirs["opened_version"] == pathway.version

    mine["description_en"] = "The first editor's words."
    mine["levels-0-name_en"] = "Entry level, renamed"
    assert first.post(url, mine).status_code == 302

    theirs["name_en"] = "The second editor's name"
    refused = second.post(url, theirs)
    page = refused.content.decode()
    assert refused.status_code == 200
    assert ("Someone else saved this pathway after you opened it and changed: "
            "Description (English), Progression levels.") in page
    assert "The second editor&#x27;s name" in page  # the entries are still in the form
    assert refused.context["adminform"].form["opened_version"].value() == str(pathway.version + 1)
    pathway.refresh_from_db()
    assert (pathway.name, pathway.description) != ("The second editor's name", "")
    assert pathway.description == "The first editor's words."

    theirs["opened_version"] = pathway.version  # saved again after looking: it goes through
    theirs["description_en"] = pathway.description
    theirs["levels-0-name_en"] = "Entry level, renamed"
    assert second.post(url, theirs).status_code == 302
    pathway.refresh_from_db()
    assert (pathway.name, pathway.description) == ("The second editor's name",
                                                   "The first editor's words.")


def test_a_form_without_its_version_is_refused(pathway):
    url = f"/admin/catalog/pathway/{pathway.pk}/change/"
    client = editor()
    data = admin_form_data(client.get(url))
    for value in ("", "²", "-1"):
        data["opened_version"] = value
        response = client.post(url, data)
        assert response.status_code == 200
        assert "The form arrived incomplete: open the pathway again." in \
            response.content.decode()
    assert Pathway.objects.get(pk=pathway.pk).version == pathway.version


def test_every_save_moves_the_version_and_a_save_of_an_old_copy_is_refused(pathway):
    old = Pathway.objects.get(pk=pathway.pk)
    pathway.note_changes(["description"])
    pathway.description = "New"
    pathway.save()
    assert pathway.version == old.version + 1
    assert pathway.changed_in["description"] == pathway.version
    old.name = "Stale"
    with pytest.raises(StaleEdit) as caught:
        old.save()
    assert caught.value.changed == ["Description"]
    assert Pathway.objects.get(pk=pathway.pk).name != "Stale"
