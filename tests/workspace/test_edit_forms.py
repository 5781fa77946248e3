"""Edit forms an editor needed the admin for: entry and exit points on the map, and the
partnership's providers, programs, credentials and services. Each works without JavaScript,
refuses a stale form (nothing written, entries kept) and refuses what is not the
partnership's to change."""

from __future__ import annotations

import pytest

from pathways.apps.catalog.models import (
    Credential,
    EntryPoint,
    Occupation,
    Program,
    SupportService,
)
from pathways.apps.catalog.queries import new_pathway_access
from pathways.apps.workspace import actions, offerings, queries
from pathways.apps.workspace.actions import StepInput
from tests.workspace.conftest import access_of

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def mapped(editor, draft):
    level = actions.add_level(access_of(editor, draft), draft.version, "One")
    step = actions.add_step(access_of(editor, draft), draft.version,
                            StepInput("Welding I", level_id=level.pk))
    entry = actions.add_entry(access_of(editor, draft), draft.version, step.pk,
                              actions.EntryInput("Walk in", "direct"))
    occupation = Occupation.objects.order_by("code").first()
    exit_point = actions.add_exit(access_of(editor, draft), draft.version, step.pk,
                                  actions.ExitInput(occupation.code))
    draft.refresh_from_db()
    return step, entry, exit_point


def test_an_entry_point_is_changed_with_a_plain_form(signed_in, draft, mapped):
    step, entry, _exit = mapped
    prefix = f"edit-entry-{entry.pk}"
    page = signed_in.get(f"/workspace/pathways/{draft.pk}/?edit={step.pk}").content.decode()
    assert f'id="entry-{entry.pk}"' in page and f'name="{prefix}-prerequisites_es"' in page
    response = signed_in.post(f"/workspace/pathways/{draft.pk}/do/edit-entry/{entry.pk}/", {
        f"{prefix}-opened_version": draft.version, f"{prefix}-name_en": "With a diploma",
        f"{prefix}-name_es": "Con diploma", f"{prefix}-kind": "bridge",
        f"{prefix}-description_en": "Adults", f"{prefix}-prerequisites_en": "A diploma"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#entry-{entry.pk}")
    entry.refresh_from_db()
    assert (entry.name_en, entry.name_es, entry.kind, entry.prerequisites_en) == (
        "With a diploma", "Con diploma", "bridge", "A diploma")
    draft.refresh_from_db()
    assert "entrypoint" in draft.changed_in


def test_a_stale_entry_form_is_refused_and_keeps_the_entries(signed_in, draft, mapped,
                                                             editor):
    _step, entry, _exit = mapped
    opened = draft.version
    actions.edit_entry(access_of(editor, draft), opened, entry.pk,
                       actions.EntryInput("Theirs", "direct"))
    prefix = f"edit-entry-{entry.pk}"
    response = signed_in.post(f"/workspace/pathways/{draft.pk}/do/edit-entry/{entry.pk}/", {
        f"{prefix}-opened_version": opened, f"{prefix}-name_en": "Mine",
        f"{prefix}-kind": "direct"})
    assert response.status_code == 409
    assert 'value="Mine"' in response.content.decode()
    assert EntryPoint.objects.get(pk=entry.pk).name_en == "Theirs"


def test_an_exit_point_is_changed_in_place_with_htmx(signed_in, draft, mapped):
    _step, _entry, exit_point = mapped
    other = Occupation.objects.order_by("-code").first()
    prefix = f"edit-exit-{exit_point.pk}"
    response = signed_in.post(f"/workspace/pathways/{draft.pk}/do/edit-exit/{exit_point.pk}/", {
        f"{prefix}-opened_version": draft.version, f"{prefix}-occupation": other.code,
        f"{prefix}-name_en": "Lead welder", f"{prefix}-name_es": "Soldador jefe"}, **HX)
    assert response.status_code == 200
    assert "Exit point saved: Lead welder" in response.content.decode()
    exit_point.refresh_from_db()
    assert (exit_point.occupation_id, exit_point.name_es) == (other.code, "Soldador jefe")


def test_an_exit_of_another_pathway_is_refused(signed_in, draft, mapped, editor, partnership):
    _step, _entry, exit_point = mapped
    access = new_pathway_access(editor, partnership.pk)
    other = actions.create_pathway(access, actions.PathwayInput("Other", draft.sector_id))
    with pytest.raises(actions.InputError):
        actions.edit_exit(access_of(editor, other), other.version, exit_point.pk,
                          actions.ExitInput(exit_point.occupation_id, "Moved"))


def _program(editor, partnership) -> Program:
    provider = queries.providers_for(partnership.pk).order_by("pk").first()
    return offerings.create_program(new_pathway_access(editor, partnership.pk),
                                    offerings.ProgramInput("Rigging", provider.pk, 4, 200,
                                                           "evening", "online"), True)


def _program_post(program, opened: str, **changes) -> dict:
    data = {"kind": "program", "edit": "1", "edit-program-item": program.pk,
            "edit-program-opened": opened, "edit-program-name_en": program.name_en,
            "edit-program-provider": program.provider_id, "edit-program-length_weeks": 6,
            "edit-program-cost": "250.00", "edit-program-schedule": "weekend",
            "edit-program-modality": "in_person", "edit-program-cip": "51.3902",
            "edit-program-credit_hours": "3.0", "edit-program-url": "https://example.org/in"}
    return {**data, **{f"edit-program-{k}": v for k, v in changes.items()}}


def test_a_program_is_changed_on_the_offerings_page(signed_in, editor, partnership):
    program = _program(editor, partnership)
    page = signed_in.get(f"/workspace/offerings/?edit=program-{program.pk}").content.decode()
    assert 'name="edit-program-opened"' in page and 'value="Rigging"' in page
    response = signed_in.post("/workspace/offerings/", _program_post(
        program, offerings.fingerprint(program), name_es="Aparejos"))
    assert response.status_code == 302 and response["Location"].endswith(f"#program-{program.pk}")
    program.refresh_from_db()
    assert (program.length_weeks, program.cost, program.schedule, program.modality,
            program.cip_id, program.name_es, program.url) == (
        6, 250, "weekend", "in_person", "51.3902", "Aparejos", "https://example.org/in")


def test_a_stale_program_form_is_refused_with_nothing_written(signed_in, editor, partnership):
    program = _program(editor, partnership)
    opened = offerings.fingerprint(program)
    Program.objects.filter(pk=program.pk).update(cost=999)  # someone else saved meanwhile
    response = signed_in.post("/workspace/offerings/", _program_post(program, opened))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this after you opened it" in html
    assert 'value="https://example.org/in"' in html  # the entries are kept
    program.refresh_from_db()
    assert (program.cost, program.length_weeks) == (999, 4)


def test_a_credential_stacks_into_another_and_a_loop_is_refused(editor, partnership):
    access = new_pathway_access(editor, partnership.pk)
    provider = queries.providers_for(partnership.pk).order_by("pk").first()
    low = offerings.create_credential(access, offerings.CredentialInput(
        "Level one badge", "ceterms:DigitalBadge", provider.pk), True)
    high = offerings.create_credential(access, offerings.CredentialInput(
        "Level two certificate", "ceterms:Certificate", provider.pk, stacks_into=()), True)
    offerings.edit_credential(access, low.pk, offerings.fingerprint(low),
                              offerings.CredentialInput("Level one badge",
                                                        "ceterms:DigitalBadge", provider.pk,
                                                        stacks_into=(high.pk,)))
    assert list(low.stacks_into.all()) == [high]
    with pytest.raises(offerings.InputError) as refused:
        offerings.edit_credential(access, high.pk, offerings.fingerprint(high),
                                  offerings.CredentialInput(
                                      "Level two certificate", "ceterms:Certificate",
                                      provider.pk, stacks_into=(low.pk,)))
    assert refused.value.problems[0].field == "stacks_into"


def test_a_shared_item_is_changed_only_by_an_administrator(signed_in, editor, partnership):
    shared = SupportService.objects.create(name_en="Statewide hotline",
                                           category="support:Transportation")
    credential = Credential.objects.create(name_en="State licence",
                                           credential_type="ceterms:License")
    access = new_pathway_access(editor, partnership.pk)
    with pytest.raises(offerings.InputError):
        offerings.edit_service(access, shared.pk, offerings.fingerprint(shared),
                               offerings.ServiceInput("Mine now", "support:Transportation"))
    with pytest.raises(offerings.InputError):
        offerings.edit_credential(access, credential.pk, offerings.fingerprint(credential),
                                  offerings.CredentialInput("Mine", "ceterms:License"))
    response = signed_in.post("/workspace/offerings/", {
        "kind": "service", "edit": "1", "edit-service-item": shared.pk,
        "edit-service-opened": offerings.fingerprint(shared), "edit-service-name_en": "X",
        "edit-service-category": "support:Transportation"})
    assert response.status_code == 400
    assert "only an administrator" in response.content.decode()
    shared.refresh_from_db()
    assert shared.name_en == "Statewide hotline"
