"""Programs, providers, credentials and services added from the workspace, scoped to the
partnership, with possible duplicates flagged before they are made."""

from __future__ import annotations

import pytest

from pathways.apps.catalog.models import Program, SupportService
from pathways.apps.workspace import queries
from pathways.apps.workspace.offerings import similar_names

pytestmark = pytest.mark.django_db


def test_similar_names():
    assert similar_names("Nurse Aide Training", ["Nurse aide training (CNA)", "Welding"]) == [
        "Nurse aide training (CNA)"]
    assert similar_names("Childcare vouchers", ["Child care vouchers"]) == ["Child care vouchers"]
    assert similar_names("Welding", ["Phlebotomy"]) == []


def test_add_a_program_flags_a_duplicate_first(client, editor, partnership):
    client.force_login(editor)
    provider = queries.providers_for(partnership.pk).order_by("pk").first()
    existing = provider.programs.first() or Program.objects.create(
        provider=provider, name="Existing program", length_weeks=4, cost=1,
        schedule="daytime", modality="online")
    page = client.get("/workspace/offerings/").content.decode()
    assert existing.name in page
    data = {"kind": "program", "program-name_en": existing.name + " II",
            "program-provider": provider.pk, "program-length_weeks": 10,
            "program-cost": "500", "program-schedule": "evening", "program-modality": "hybrid",
            "program-cip": "51.3902"}
    flagged = client.post("/workspace/offerings/", data)
    assert flagged.status_code == 400
    assert "This may already be there" in flagged.content.decode()
    assert not Program.objects.filter(name=existing.name + " II").exists()
    made = client.post("/workspace/offerings/", {**data, "program-anyway": "on"})
    assert made.status_code == 302
    program = Program.objects.get(name=existing.name + " II")
    assert program.cip_id == "51.3902" and program.schedule == "evening"


def test_a_provider_of_another_partnership_is_refused(client, editor):
    from pathways.apps.catalog.models import Provider

    client.force_login(editor)
    far = Provider.objects.create(name="Far Away Academy", kind="college")
    response = client.post("/workspace/offerings/", {
        "kind": "service", "service-name_en": "Rides", "service-category": "support:Transportation",
        "service-provider": far.pk})
    assert response.status_code == 400
    assert not SupportService.objects.filter(name="Rides").exists()


def test_cip_found_by_title_or_code_and_find_writes_nothing(client, editor, partnership):
    from pathways.apps.catalog.models import CipCode

    client.force_login(editor)
    cip = CipCode.objects.get(code="51.3902")
    by_title = client.get("/workspace/pick/cip/", {"program-cip_q": cip.title[:12]})
    assert cip.code in by_title.content.decode()
    by_code = client.get("/workspace/pick/cip/", {"program-cip_q": "51.39"})
    assert cip.title in by_code.content.decode()
    provider = queries.providers_for(partnership.pk).order_by("pk").first()
    before = Program.objects.count()
    found = client.post("/workspace/offerings/", {
        "kind": "program", "program-name_en": "Something new", "program-provider": provider.pk,
        "program-cip_q": "51.39", "find": "1"})
    assert found.status_code == 200
    assert f'value="{cip.code}"' in found.content.decode()
    assert Program.objects.count() == before
