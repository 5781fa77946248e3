"""Places where classes meet (HSDS location and address): added and changed in the
workspace for the partnership's providers, the same address flagged first, chosen in a
program's form, and refused when they belong to another partnership."""

from __future__ import annotations

import re

import pytest

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.catalog.models import Location, Program, Provider
from pathways.apps.catalog.queries import new_pathway_access
from pathways.apps.workspace import offerings, queries
from pathways.apps.workspace.offerings import LocationInput
from pathways.core.errors import InputError

pytestmark = pytest.mark.django_db


def _place(provider, **changes):
    values = {"name_en": "North campus", "provider_id": provider.pk,
              "address_1": "100 College Dr", "city": "Bristol", "state": "va",
              "postal_code": "24201", "notes_en": "Room 104, evenings",
              "notes_es": "Salón 104, por la noche"}
    return LocationInput(**{**values, **changes})


@pytest.fixture
def provider(partnership):
    return queries.providers_for(partnership.pk).order_by("pk").first()


def test_add_a_place_then_the_same_address_is_flagged(client, editor, partnership, provider):
    client.force_login(editor)
    data = {"kind": "location", "location-name_en": "North campus",
            "location-name_es": "Campus norte", "location-provider": provider.pk,
            "location-address_1": "100 College Dr", "location-city": "Bristol",
            "location-state": "va", "location-postal_code": "24201",
            "location-notes_en": "Room 104, evenings"}
    made = client.post("/workspace/offerings/", data)
    assert made.status_code == 302
    place = Location.objects.get(name_en="North campus")
    assert (place.state, place.name_es, place.address) == (
        "VA", "Campus norte", "100 College Dr, Bristol, VA 24201")
    assert AuditEntry.objects.filter(action="workspace.create_location").exists()
    again = client.post("/workspace/offerings/", {
        **data, "location-name_en": "Main building", "location-address_1": "100 college dr."})
    assert again.status_code == 400
    assert "This address is there already: North campus, Bristol" in again.content.decode()
    forced = client.post("/workspace/offerings/", {
        **data, "location-name_en": "Main building", "location-address_1": "100 college dr.",
        "location-anyway": "on"})
    assert forced.status_code == 302
    page = client.get("/workspace/offerings/").content.decode()
    assert "Places where classes meet" in page and "100 College Dr, Bristol, VA 24201" in page


@pytest.mark.parametrize(("field", "value"), [("state", "Virginia"), ("postal_code", "2420"),
                                              ("address_1", " "), ("city", "")])
def test_a_bad_address_names_its_field(editor, partnership, provider, field, value):
    access = new_pathway_access(editor, partnership.pk)
    before = Location.objects.count()
    with pytest.raises(InputError) as caught:
        offerings.create_location(access, _place(provider, **{field: value}))
    assert caught.value.problems[0].field == field
    assert Location.objects.count() == before


def test_a_program_meets_at_chosen_places_and_edits_keep_them(client, editor, partnership,
                                                              provider):
    access = new_pathway_access(editor, partnership.pk)
    place = offerings.create_location(access, _place(provider))
    client.force_login(editor)
    page = client.get("/workspace/offerings/").content.decode()
    assert 'name="program-locations"' in page and "North campus – 100 College Dr" in page
    data = {"kind": "program", "program-name_en": "Evening welding", "program-anyway": "on",
            "program-provider": provider.pk, "program-length_weeks": 10, "program-cost": "500",
            "program-schedule": "evening", "program-modality": "in_person",
            "program-locations": [place.pk]}
    assert client.post("/workspace/offerings/", data).status_code == 302
    program = Program.objects.get(name_en="Evening welding")
    assert list(program.locations.all()) == [place]
    edit = client.get(f"/workspace/offerings/?edit=program-{program.pk}").content.decode()
    assert re.search(rf'name="edit-program-locations" value="{place.pk}"[^>]* checked', edit)
    entry = AuditEntry.objects.filter(action="workspace.create_program").latest("pk")
    assert entry.changes["locations"] == [place.pk]


def test_a_place_of_another_partnership_is_refused(editor, partnership, provider):
    far = Provider.objects.create(name="Far Away Academy (loc)", kind="college")
    elsewhere = Location.objects.create(provider=far, name="Far", address_1="1 Far Rd",
                                        city="Far", state="TX", postal_code="75001")
    access = new_pathway_access(editor, partnership.pk)
    with pytest.raises(InputError) as caught:
        offerings.create_location(access, _place(provider, provider_id=far.pk))
    assert caught.value.problems[0].field == "provider"
    with pytest.raises(InputError) as caught:
        offerings.create_program(access, offerings.ProgramInput(
            "Far program", provider.pk, 4, 1, "daytime", "in_person",
            location_ids=(elsewhere.pk,)), True)
    assert caught.value.problems[0].field == "locations"
    assert not Program.objects.filter(name_en="Far program").exists()


def test_edit_a_place_refuses_a_stale_form(editor, partnership, provider):
    access = new_pathway_access(editor, partnership.pk)
    place = offerings.create_location(access, _place(provider))
    seen = offerings.fingerprint(place)
    offerings.edit_location(access, place.pk, seen, _place(provider, name_en="North site"))
    with pytest.raises(offerings.StaleOffering):
        offerings.edit_location(access, place.pk, seen, _place(provider, name_en="Other"))
    place.refresh_from_db()
    assert place.name_en == "North site" and place.notes_es == "Salón 104, por la noche"
