"""Typed employer names on today's records: the migration links the sure matches and leaves
the rest; the milestone and work experience forms offer the partnership's employers."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from pathways.apps.accounts.models import Organisation
from pathways.apps.cases.models import Milestone, Participant, WorkActivity
from pathways.apps.employers.queries import unmatched_names
from tests.employers.conftest import login

pytestmark = pytest.mark.django_db

link = importlib.import_module(
    "pathways.apps.employers.migrations.0002_match_free_text_employers").link


def test_the_migration_links_sure_matches_only(partnership):
    dee = Participant.objects.get(first_name="Dee")
    castings = Organisation.objects.get(name="Riverton Castings (sample)")
    Organisation.objects.create(name="Twin Tool, Inc.", kind="employer")
    Organisation.objects.create(name="TWIN TOOL LLC", kind="employer")
    Organisation.objects.create(name="Riverton Bakery", kind="community")  # not an employer
    WorkActivity.objects.filter(participant=dee).update(employer_organisation=None)
    sure = Milestone.objects.create(participant=dee, kind="employed", on=dt.date(2026, 1, 5),
                                    employer="riverton castings (sample), inc.",
                                    source="employer")
    shared = Milestone.objects.create(participant=dee, kind="employed", on=dt.date(2026, 1, 6),
                                      employer="Twin Tool", source="employer")
    other = Milestone.objects.create(participant=dee, kind="employed", on=dt.date(2026, 1, 7),
                                     employer="Riverton Bakery", source="employer")
    link(apps, None)
    activity = WorkActivity.objects.get(participant=dee)
    assert activity.employer_organisation == castings  # "Riverton Castings (sample)"
    assert activity.organisation == "Riverton Castings (sample)"  # the text stays
    for row, expected in ((sure, castings), (shared, None), (other, None)):
        row.refresh_from_db()
        assert row.employer_organisation == expected, row.employer
    names = {u.name: u.records for u in unmatched_names(partnership)}
    assert names["Twin Tool"] == 1 and names["Riverton Bakery"] == 1
    assert "riverton castings (sample), inc." not in names


def test_the_milestone_form_offers_the_partnerships_employers(client):
    dee = Participant.objects.get(first_name="Dee")
    login(client, "navigator")
    page = client.get(reverse("cases:milestone", args=[dee.pk]))
    text = page.content.decode()
    assert "Riverton Castings (sample)" in text and "Employer (if not a partner)" in text
    castings = Organisation.objects.get(name="Riverton Castings (sample)")
    page = client.post(reverse("cases:milestone", args=[dee.pk]), {
        "kind": "employed", "on": "2026-01-10", "employer_organisation": castings.pk,
        "employer": "", "hourly_wage": "19.00", "source": "employer"})
    assert page.status_code == 302, page.content.decode()
    made = Milestone.objects.filter(participant=dee).order_by("-id").first()
    assert made.employer_organisation == castings
    assert made.employer == "Riverton Castings (sample)"  # kept as text too, for history


def test_a_work_experience_needs_a_partner_or_a_typed_name(client):
    dee = Participant.objects.get(first_name="Dee")
    login(client, "navigator")
    data = {"kind": "clinical", "started_on": "2026-01-10", "outcome": "ongoing",
            "organisation": "", "employer_organisation": ""}
    page = client.post(reverse("cases:activity", args=[dee.pk]), data)
    assert page.status_code in (200, 400)
    assert "Choose the employer partner or type the employer or provider." in \
        page.content.decode()
    data["organisation"] = "Somewhere Else Clinic"
    assert client.post(reverse("cases:activity", args=[dee.pk]), data).status_code == 302
    made = WorkActivity.objects.filter(participant=dee).order_by("-id").first()
    assert made.employer_organisation is None and made.kind == "clinical"
