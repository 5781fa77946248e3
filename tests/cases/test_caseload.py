"""The navigator's caseload filters and a participant's timeline, on the demo caseload."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.cases.models import Participant
from pathways.apps.cases.timeline import timeline

pytestmark = pytest.mark.django_db


def names(client, show: str) -> set[str]:
    page = client.get(f"/cases/?show={show}")
    assert page.status_code == 200
    return {row.participant.first_name for row in page.context["rows"]}


def test_filters(client, users):
    client.force_login(users["navigator"])
    assert names(client, "due") == {"Paz"}  # next step due in 5 days
    assert names(client, "stalled") == {"Lan"}  # enrolled 90 days ago, nothing since
    assert names(client, "referral") == {"Marco"}  # sent, no answer yet
    assert names(client, "everything") == {"Paz", "Marco", "Lan", "Dee"}


def test_timeline_of_a_record(paz):
    kinds = [event.kind for event in timeline(paz)]
    assert {"Intake", "Assessment", "Plan", "Enrolled", "Consent", "Referral"} <= set(kinds)
    dates = [event.on for event in timeline(paz)]
    assert dates == sorted(dates, reverse=True)


def test_demo_records_are_sample_data_built_through_audited_actions(users):
    people = Participant.objects.filter(is_sample=True)
    assert people.count() == 4
    assert Participant.objects.get(first_name="Paz").user == users["participant"]
    assert all(p.navigator == users["navigator"] for p in people)
    assert all(hasattr(p, "assessment") and hasattr(p, "plan") for p in people)
    assert AuditEntry.objects.filter(action="cases.enrol").count() >= 4


def test_every_page_of_a_record_renders(client, users, paz):
    client.force_login(users["navigator"])
    for url in ["", "edit/", "assessment/", "work-history/", "plan/", "milestones/new/",
                "activities/new/", "consents/new/", "referrals/new/"]:
        response = client.get(f"/cases/participants/{paz.pk}/{url}")
        assert response.status_code == 200, url
    referral = paz.referrals.get()
    assert client.get(f"/cases/referrals/{referral.pk}/").status_code == 200


@pytest.mark.parametrize(("language", "label"), [("en", "Next step due"),
                                                 ("es", None)])
def test_the_caseload_table_can_become_cards_on_a_phone(client, users, language, label):
    """pathways.css lays a table.reflow out as cards at 40em and less; every cell carries its
    column's name, and every part its table role (kept when the display changes)."""
    client.force_login(users["navigator"])
    html = client.get("/cases/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    translation.deactivate()  # the request left its language active in this thread
    assert '<table class="data reflow" role="table">' in html
    cells = re.findall(r'<td role="cell" data-label="([^"]+)"', html)
    assert len(cells) == 4 * 4  # four people, four cells after the name
    assert html.count('role="rowheader"') == 4
    if label:
        assert label in cells
    else:
        assert "Next step due" not in cells  # translated
