"""An administrator erases a participant's records with a reason: everything hanging from
the person goes, the audit log keeps that its entries existed but not what they said, and
one entry records the erasure."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.cases.erasure import records_of
from pathways.apps.cases.models import (
    Assessment,
    CareerPlan,
    Consent,
    Milestone,
    Participant,
    PriorJob,
    Referral,
)

pytestmark = pytest.mark.django_db
REASON = "Asked to be forgotten (request 2026-14); no open program year"


def about(records: dict[str, list[int]]) -> list[AuditEntry]:
    return [entry for entry in AuditEntry.objects.exclude(action="cases.erase")
            if int(entry.object_id or 0) in records.get(entry.object_type, [])]


def test_only_administrators_may_erase(client, users, paz):
    for role in ("navigator", "partner", "participant"):
        client.force_login(users[role])
        assert client.get(f"/cases/participants/{paz.pk}/erase/").status_code == 403
    client.force_login(users["navigator"])
    page = client.get(f"/cases/participants/{paz.pk}/").content.decode()
    assert "/erase/" not in page
    client.force_login(users["admin"])
    assert f"/cases/participants/{paz.pk}/erase/" in client.get(
        f"/cases/participants/{paz.pk}/").content.decode()


def test_erasing_deletes_everything_of_the_person_and_scrubs_the_log(client, users, paz):
    client.force_login(users["participant"])  # Paz has looked at her plan
    assert client.get("/cases/my-plan/").status_code == 200
    records = records_of(paz)
    account = paz.user
    entries_before = {e.pk for e in about(records)}
    assert len(entries_before) > 5
    others = Participant.objects.exclude(pk=paz.pk).count()

    client.force_login(users["admin"])
    page = client.get(f"/cases/participants/{paz.pk}/erase/")
    assert page.status_code == 200
    assert "2 consents and 1 referrals" in page.content.decode()
    unconfirmed = client.post(f"/cases/participants/{paz.pk}/erase/", {"reason": REASON})
    assert unconfirmed.status_code == 400 and Participant.objects.filter(pk=paz.pk).exists()
    no_reason = client.post(f"/cases/participants/{paz.pk}/erase/",
                            {"reason": " ", "confirm": "on"})
    assert no_reason.status_code == 400 and Participant.objects.filter(pk=paz.pk).exists()
    done = client.post(f"/cases/participants/{paz.pk}/erase/",
                       {"reason": REASON, "confirm": "on"})
    assert done.status_code == 302 and done["Location"] == "/cases/"

    assert not Participant.objects.filter(pk=paz.pk).exists()
    assert Participant.objects.count() == others
    for model in (Assessment, PriorJob, CareerPlan, Milestone, Consent, Referral):
        assert not model.objects.filter(pk__in=records[model._meta.label_lower]).exists()
    assert not get_user_model().objects.filter(pk=account.pk).exists()
    signed = Client().post("/accounts/login/", {"username": "participant",
                                                "password": "pathways-demo"})
    assert signed.status_code == 200 and "_auth_user_id" not in signed.client.session

    kept = about(records)
    # The entries are still there (with the administrator's views of the erase page)...
    assert {e.pk for e in kept} >= entries_before
    for entry in kept:  # ...without what they said
        assert set(entry.changes.values()) <= {"erased"}, entry.changes
        assert entry.summary == f"{entry.action} about participant {paz.pk} (erased)"
    written = json.dumps([[e.summary, e.changes, e.actor_label] for e in kept])
    for value in ["Paz", "paz.participant", "555-0110", "1994", "Childcare", "Riverton",
                  "Two children", '"participant"']:
        assert value not in written, value
    views = [e for e in kept if e.action == "cases.view" and e.actor_id is None]
    assert views and {e.actor_label for e in views} == {f"participant {paz.pk} (erased)"}

    erasure = AuditEntry.objects.get(action="cases.erase")
    assert erasure.object_id == str(paz.pk) and erasure.actor == users["admin"]
    assert erasure.summary == f"Participant {paz.pk} erased"
    assert erasure.changes["reason"] == REASON
    assert erasure.changes["deleted"] == {
        "cases.participant": 1, "cases.assessment": 1, "cases.priorjob": 1,
        "cases.careerplan": 1, "cases.milestone": 1, "cases.workactivity": 0,
        "cases.consent": 2, "cases.referral": 1, "cases.contactrequest": 0,
        "accounts.user": 1}
    assert erasure.changes["audit_entries_scrubbed"] == len(kept)


def test_a_staff_account_linked_by_mistake_is_not_deleted(users, marco):
    from pathways.apps.cases import actions
    from pathways.apps.cases.queries import participant_access

    marco.user = users["editor"]
    marco.save()
    actions.erase_participant(participant_access(users["admin"], marco), REASON)
    assert get_user_model().objects.filter(pk=users["editor"].pk).exists()
    assert "accounts.user" not in AuditEntry.objects.get(action="cases.erase").changes[
        "deleted"]
