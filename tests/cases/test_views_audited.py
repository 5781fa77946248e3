"""Every page that shows a participant's record writes exactly one audit entry of the view:
who, when, which participant (by id) and which page, and never a value from the record."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import URLPattern

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.cases import actions, urls
from pathways.apps.cases.auditing import VIEWED
from tests.cases.conftest import on

pytestmark = pytest.mark.django_db

# Every page under participants/<pk>/ opens the record (a new one fails below until
# ``path_of`` knows its path); so do these two.
RECORD_PAGES = {p.name for p in urls.urlpatterns
                if isinstance(p, URLPattern) and "participants/<int:pk>/" in str(p.pattern)}
OTHER_PAGES = {"referral", "my_plan"}


def personal_values(participant) -> list[str]:
    born = participant.date_of_birth
    return [participant.first_name, participant.last_name, participant.email,
            participant.phone, born.isoformat(), born.strftime("%m/%d/%Y"),
            *participant.assessment.barriers]


def views_of(participant) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=VIEWED, object_id=str(participant.pk)))


def path_of(name: str, paz) -> tuple[str, str]:
    """The page's path for Paz and who opens it."""
    who = {"erase": "admin", "my_plan": "participant"}.get(name, "navigator")
    if name == "my_plan":
        return "/cases/my-plan/", who
    if name == "referral":
        return f"/cases/referrals/{paz.referrals.get().pk}/", who
    suffix = {"participant": "", "edit": "edit/", "account": "account/",
              "assessment": "assessment/", "prior_job": "work-history/", "plan": "plan/",
              "milestone": "milestones/new/", "activity": "activities/new/",
              "consent": "consents/new/", "refer": "referrals/new/", "erase": "erase/",
              "password": "password/",
              "activity_edit": "activities/{activity}/",
              "withdraw_consent": "consents/{consent}/withdraw/"}[name]
    return f"/cases/participants/{paz.pk}/" + suffix.format(
        activity=getattr(paz.activities.first(), "pk", 0),
        consent=paz.consents.first().pk), who


@pytest.mark.parametrize("name", sorted(RECORD_PAGES | OTHER_PAGES))
def test_each_page_of_a_record_is_audited_once_without_personal_values(client, users, paz,
                                                                       name):
    if name == "activity_edit":
        actions.record_activity(on(users["navigator"], paz), {
            "kind": "job_search", "organisation": "Job Center",
            "started_on": dt.date.today()})
    path, who = path_of(name, paz)
    client.force_login(users[who])
    before = len(views_of(paz))
    response = client.get(path)
    assert response.status_code == 200, (name, path)
    entries = views_of(paz)
    assert len(entries) == before + 1, name
    entry = entries[0]  # newest first
    assert entry.actor == users[who] and entry.object_type == "cases.participant"
    assert entry.changes["page"] == name
    written = json.dumps([entry.summary, entry.changes, entry.actor_label])
    for value in personal_values(paz):
        assert value not in written, (name, value)


def test_a_record_one_may_not_see_writes_no_view(client, users, marco, college_staff):
    client.force_login(college_staff)
    before = AuditEntry.objects.filter(action=VIEWED).count()
    assert client.get(f"/cases/participants/{marco.pk}/").status_code == 404
    assert AuditEntry.objects.filter(action=VIEWED).count() == before


def test_possible_duplicates_shown_at_intake_are_one_view_of_those_records(client, users, paz):
    client.force_login(users["navigator"])
    before = AuditEntry.objects.filter(action=VIEWED).count()
    response = client.post("/cases/participants/new/", {
        "first_name": "Paz", "last_name": "Participant", "date_of_birth": "1994-03-08",
        "email": "paz.participant@example.org", "preferred_language": "es"})
    assert "Is this someone you already know?" in response.content.decode()
    (entry,) = AuditEntry.objects.filter(action=VIEWED).order_by("-pk")[
        :AuditEntry.objects.filter(action=VIEWED).count() - before]
    assert entry.changes == {"page": "intake", "participants": [paz.pk]}
    assert "Paz" not in entry.summary


def test_lists_are_not_views_of_a_record(client, users):
    """The caseload and the referral lists show names and goals, not records."""
    client.force_login(users["navigator"])
    before = AuditEntry.objects.filter(action=VIEWED).count()
    assert client.get("/cases/").status_code == 200
    assert client.get("/cases/referrals/").status_code == 200
    assert AuditEntry.objects.filter(action=VIEWED).count() == before


def test_a_refused_record_is_audited_with_who_and_which_id(client, django_user_model):
    """Asking for records one may not see leaves a trace (ASVS 7.2.2), with ids only."""
    from pathways.apps.cases.auditing import REFUSED
    from pathways.apps.cases.models import Participant

    partner = django_user_model.objects.get(username="partner")
    marco = Participant.objects.get(first_name="Marco")
    client.force_login(partner)
    assert client.get(f"/cases/participants/{marco.pk}/").status_code == 404
    assert client.get("/cases/referrals/987654/").status_code == 404
    entries = list(AuditEntry.objects.filter(action=REFUSED, actor=partner).order_by("pk"))
    assert [e.changes for e in entries] == [
        {"page": "participant", "participant": str(marco.pk)},
        {"page": "referral", "referral": "987654"}]
    assert "Marco" not in str([e.summary for e in entries])
