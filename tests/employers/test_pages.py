"""The employer pages: who may see and change what, what they show (never a FEIN), bad
input named on its field, and the audit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pathways.apps.accounts.models import AuditEntry, Organisation, Role
from pathways.apps.cases.crypto import unseal
from pathways.apps.catalog.models import Pathway
from pathways.apps.employers.models import Commitment, EmployerProfile
from tests.employers.conftest import login, person

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"employers:{name}", args=args)


def test_partner_staff_see_the_demo_employers_and_what_is_used(client, partnership):
    page = login(client, "partner").get(url("list", partnership.pk))
    assert page.status_code == 200
    text = page.content.decode()
    for name in ("Riverton Regional Hospital (sample)", "Riverton Castings (sample)",
                 "Riverton Plastics (sample)", "River Region Manufacturers Association"):
        assert name in text
    assert "1 of 4 used (registered apprenticeship slots)" in text
    assert "0 of 15 used (clinical placement slots)" in text
    assert "611234567" not in text  # the demo FEIN is on file, never shown
    assert "1 typed employer name to link" in text


def test_the_employer_page_masks_the_identifiers(client, partnership):
    castings = EmployerProfile.objects.get(organisation__name__startswith="Riverton Castings")
    page = login(client, "partner").get(url("employer", partnership.pk, castings.pk))
    text = page.content.decode()
    assert page.status_code == 200 and "••••" in text
    assert "611234567" not in text and "1234567" not in text
    assert "Iron Foundries" not in text and "Primary Metal Manufacturing" in text
    assert "NIMS Machining Level I" in text


def test_a_navigator_sees_but_cannot_change(client, partnership):
    login(client, "navigator")
    assert client.get(url("list", partnership.pk)).status_code == 200
    assert client.get(url("add", partnership.pk)).status_code == 403
    assert client.get(url("unmatched", partnership.pk)).status_code == 403


def test_another_partnerships_staff_get_not_found(client, partnership):
    outsider = person("staff-elsewhere", Role.PARTNER_STAFF)
    client.force_login(outsider)
    assert client.get(url("list", partnership.pk)).status_code == 404
    assert client.post(url("add", partnership.pk), {"name": "X"}).status_code == 404


def test_adding_an_employer_keeps_the_fein_encrypted_and_out_of_the_audit(client, partnership):
    page = login(client, "partner").post(url("add", partnership.pk), {
        "name": "Bluegrass Foods (test)", "website": "", "state": "ky", "naics": "311812",
        "size": "50-249", "locations": "Riverton, KY\nLexington, ky",
        "fein": "61-2345678", "ui_account": "", "ui_state": ""})
    assert page.status_code == 302
    profile = EmployerProfile.objects.get(organisation__name="Bluegrass Foods (test)")
    assert profile.fein == "612345678" and profile.organisation.state == "KY"
    assert [str(p) for p in profile.locations.all()] == ["Lexington, KY", "Riverton, KY"]
    assert profile.organisation in partnership.organisations.all()
    entry = AuditEntry.objects.get(action="employers.save_employer",
                                   object_id=str(profile.pk))
    assert entry.changes["fein"] == "recorded"
    assert "612345678" not in str(entry.changes) + entry.summary
    from django.db import connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT fein FROM employers_employerprofile WHERE id = %s", [profile.pk])
        stored = cursor.fetchone()[0]
    assert "612345678" not in stored and unseal(stored) == "612345678"


def test_changing_without_a_fein_keeps_the_one_on_file(client, partnership):
    castings = EmployerProfile.objects.get(organisation__name__startswith="Riverton Castings")
    page = login(client, "partner").post(url("change", partnership.pk, castings.pk), {
        "name": castings.organisation.name, "naics": "331511", "size": "1000+",
        "locations": "Riverton, KY", "fein": "", "ui_account": "", "ui_state": "KY"})
    assert page.status_code == 302
    castings.refresh_from_db()
    assert castings.fein == "611234567" and castings.size == "1000+"
    client.post(url("change", partnership.pk, castings.pk), {
        "name": castings.organisation.name, "naics": "331511", "size": "1000+",
        "locations": "Riverton, KY", "clear_fein": "on", "ui_state": "KY"})
    castings.refresh_from_db()
    assert castings.fein == "" and castings.ui_account == "1234567"


@pytest.mark.parametrize("field, value, message", [
    ("naics", "452", "Give a NAICS 2022 code"), ("naics", "9", "Give a NAICS 2022 code"),
    ("fein", "12345", "A FEIN has 9 digits."),
    ("locations", "Riverton, KY\nLexington", "Line 2: write the city"),
    ("state", "K1", "two-letter state code")])
def test_bad_input_is_named_on_its_field(client, partnership, field, value, message):
    data = {"name": "Bad Input (test)", "naics": "311", "size": "1-9", "locations": "",
            field: value}
    page = login(client, "partner").post(url("add", partnership.pk), data)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert not Organisation.objects.filter(name="Bad Input (test)").exists()


def test_a_commitment_is_added_and_checked(client, partnership):
    hospital = EmployerProfile.objects.get(organisation__name__startswith="Riverton Regional")
    nursing = Pathway.objects.get(slug="nursing-and-patient-care")
    welder = Pathway.objects.get(slug="advanced-manufacturing-technician").exit_points.get(
        name="Welder")
    login(client, "partner")
    data = {"employer": hospital.pk, "kind": "internship", "pathway": nursing.pk,
            "quantity": "", "starts_on": "2026-01-01", "ends_on": "2025-12-31",
            "status": "pledged", "exit_point": welder.pk}
    page = client.post(url("add_commitment", partnership.pk), data)
    text = page.content.decode()
    assert page.status_code == 400
    assert "say how many" in text and "the period ends before it starts" in text
    assert "this belongs to another pathway" in text
    data.update(quantity="3", ends_on="2026-12-31", exit_point="")
    assert client.post(url("add_commitment", partnership.pk), data).status_code == 302
    made = Commitment.objects.get(employer=hospital, kind="internship")
    assert made.quantity == 3 and not made.is_public
    assert AuditEntry.objects.filter(action="employers.save_commitment",
                                     object_id=str(made.pk)).exists()


def test_the_unmatched_names_page_links_a_typed_name(client, partnership):
    from pathways.apps.cases.models import Milestone

    typed = "River Region Manufacturers Association (sample) member"
    login(client, "partner")
    page = client.get(url("unmatched", partnership.pk))
    assert typed in page.content.decode()
    association = EmployerProfile.objects.get(organisation__name__startswith="River Region M")
    page = client.post(url("unmatched", partnership.pk),
                       {"name": typed, "employer": association.pk})
    assert page.status_code == 302
    milestone = Milestone.objects.get(employer=typed)
    assert milestone.employer_organisation == association.organisation
    assert typed not in client.get(url("unmatched", partnership.pk)).content.decode()
    entry = AuditEntry.objects.get(action="employers.resolve_name")
    assert entry.changes == {"name": typed, "records": 1}


def test_a_typed_name_can_become_a_new_employer(client, partnership):
    from pathways.apps.cases.models import Milestone

    typed = "River Region Manufacturers Association (sample) member"
    login(client, "partner")
    page = client.post(f"{url('add', partnership.pk)}?name={typed}", {
        "name": "Association Member Plant (test)", "naics": "332", "size": "10-49",
        "locations": ""})
    assert page.status_code == 302
    made = Organisation.objects.get(name="Association Member Plant (test)")
    assert Milestone.objects.get(employer=typed).employer_organisation == made


def test_public_page_shows_public_hiring_and_paid_training_only(client):
    page = client.get(reverse("catalog:pathway", args=["nursing-and-patient-care"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Employers who hire or pay for training" in text
    assert "Riverton Regional Hospital (sample)" in text
    assert "Plans to hire people from this pathway" in text
    assert "Helps pay for classes" in text
    assert "Clinical placement" not in text  # private, and not hiring or paid training
    assert "What employers ask for" in text and "State nurse aide registry listing" in text


def test_public_page_in_spanish(client):
    client.cookies["django_language"] = "es"
    page = client.get(reverse("catalog:pathway", args=["advanced-manufacturing-technician"]),
                      HTTP_ACCEPT_LANGUAGE="es")
    text = page.content.decode()
    assert "Empleadores que contratan o pagan la capacitación" in text
    assert "Riverton Castings (sample)" in text


def test_a_lapsed_or_private_commitment_leaves_the_public_page(client):
    Commitment.objects.filter(is_sample=True, pathway__slug="nursing-and-patient-care",
                              is_public=True).update(status="lapsed")
    text = client.get(reverse("catalog:pathway", args=["nursing-and-patient-care"])
                      ).content.decode()
    assert "Employers who hire or pay for training" not in text
    assert "State nurse aide registry listing" in text  # requirements stay on the exit


def test_linking_a_name_no_record_uses_any_more_says_so(client, partnership):
    association = EmployerProfile.objects.get(organisation__name__startswith="River Region M")
    page = login(client, "partner").post(url("unmatched", partnership.pk),
                                         {"name": "Nobody Typed This", "employer": association.pk})
    assert page.status_code == 400
    assert "no record of the partnership names this employer any more" in page.content.decode()


@pytest.mark.parametrize("page", ["list", "unmatched", "add", "add_commitment",
                                  "add_requirement"])
def test_staff_pages_have_unique_ids_and_labelled_fields(client, partnership, page):
    import re

    from pathways.apps.cases.models import Participant, WorkActivity

    WorkActivity.objects.create(participant=Participant.objects.get(first_name="Dee"),
                                kind="internship", organisation="Second Name Shop",
                                started_on="2026-01-02")
    text = login(client, "partner").get(url(page, partnership.pk)).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', text)
    assert len(ids) == len(set(ids))
    for tag in re.findall(r'<(?:select|textarea|input)[^>]*>', text):
        found = re.search(r'\sid="([^"]+)"', tag)
        if found and 'type="hidden"' not in tag:
            assert f'for="{found.group(1)}"' in text, tag


@pytest.mark.parametrize("method, page, query, data", [
    ("get", "add_commitment", "?employer=abc", {}),
    ("get", "add_requirement", "?employer=99999999", {}),
    ("post", "add_commitment", "", {"employer": "abc", "pathway": "-1", "kind": "nope",
                                    "starts_on": "2026-13-40", "quantity": "-3"}),
    ("post", "add_requirement", "", {"employer": "1e9", "exit_point": "x"}),
    ("post", "unmatched", "", {"name": "", "employer": "x"}),
    ("get", "add", "?name=" + "x" * 5000, {}),
])
def test_bad_requests_are_answered_without_a_server_error(client, partnership, method, page,
                                                          query, data):
    login(client, "partner")
    answer = getattr(client, method)(url(page, partnership.pk) + query, data)
    assert answer.status_code in (200, 400)
