"""Occupations are found by title, O*NET alternate title or SOC code (issue 17): in the
workspace's occupation picker and on the public occupation search."""

from __future__ import annotations

import pytest

from pathways.apps.catalog.models import Occupation, OccupationAltTitle
from pathways.apps.catalog.queries import search_occupations
from pathways.apps.workspace.queries import find_occupations

pytestmark = pytest.mark.django_db
AIDES = "31-1131.00"  # Nursing Assistants


@pytest.mark.parametrize("query", ["CNA", "cna", "Nurse Aide", "nurse aide", "Nursing",
                                   "Certified Nursing Assistant", "31-1131", AIDES])
def test_nursing_assistants_are_found_by_every_name_and_code(query):
    assert AIDES in set(find_occupations(query).values_list("code", flat=True))
    assert AIDES in set(search_occupations(query).values_list("code", flat=True))


def test_an_alternate_title_finds_each_occupation_once_and_nothing_else_is_invented():
    found = list(find_occupations("CNA").values_list("code", flat=True))
    assert len(found) == len(set(found))  # many CNA titles: still one row per occupation
    codes = set(OccupationAltTitle.objects.filter(title__icontains="CNA")
                .values_list("occupation_id", flat=True)) | set(
        OccupationAltTitle.objects.filter(short_title__icontains="CNA")
        .values_list("occupation_id", flat=True)) | set(
        Occupation.objects.filter(title__icontains="CNA").values_list("code", flat=True))
    assert set(found) == codes
    assert not find_occupations("   ").exists()
    assert not find_occupations("zzzz-no-such-job").exists()


def test_the_picker_and_the_public_search_show_it(client, editor, draft):
    client.force_login(editor)
    page = client.get(f"/workspace/pathways/{draft.pk}/pick/occupation/",
                      {"add-exit-1-occupation_q": "Nurse Aide"}).content.decode()
    assert f"Nursing Assistants ({AIDES})" in page
    client.logout()
    assert "Nursing Assistants" in client.get("/occupations/", {"q": "CNA"}).content.decode()
