"""Referrals: consent first, then requested, accepted or rejected with a reason, under way,
completed, followed up; each step audited, and a step out of order refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.cases import actions
from pathways.apps.cases.models import Referral
from pathways.apps.catalog.models import SupportService
from tests.cases.conftest import about, audit_count, on

pytestmark = pytest.mark.django_db


def tutoring():
    return SupportService.objects.get(name="Tutoring center")


def test_no_referral_without_consent_for_that_organisation(client, users, paz):
    client.force_login(users["navigator"])
    share = paz.consents.get(purpose="share_record")  # given to the adult education centre
    count, audits = Referral.objects.count(), audit_count()
    response = client.post(f"/cases/participants/{paz.pk}/referrals/new/", {
        "kind": "service", "service": tutoring().pk, "consent": share.pk,
        "note": "Math help"})
    assert response.status_code == 400
    assert "Record consent for River Valley" in response.content.decode()
    response = client.post(f"/cases/participants/{paz.pk}/referrals/new/",
                           {"kind": "service", "service": tutoring().pk, "note": "Math help"})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    assert (Referral.objects.count(), audit_count()) == (count, audits)


def test_the_closed_loop(client, users, paz, college_staff):
    navigator = users["navigator"]
    client.force_login(navigator)
    college = tutoring().provider.organisation
    response = client.post(f"/cases/participants/{paz.pk}/consents/new/", {
        "organisation": college.pk, "purpose": "referral", "method": "verbal",
        "given_on": dt.date.today().isoformat()})
    assert response.status_code == 302
    consent = paz.consents.get(organisation=college)
    response = client.post(f"/cases/participants/{paz.pk}/referrals/new/", {
        "kind": "service", "service": tutoring().pk, "consent": consent.pk,
        "note": "Math help before CNA"})
    assert response.status_code == 302
    referral = Referral.objects.latest("pk")
    assert (referral.status, referral.organisation) == ("requested", college)
    assert referral.follow_up_due == dt.date.today() + dt.timedelta(days=14)

    client.force_login(college_staff)
    url = f"/cases/referrals/{referral.pk}/"
    page = client.get(url)
    offered = [value for value, _ in
               page.context["forms"]["update"].fields["status"].widget.choices]
    assert offered == ["accepted", "rejected", "cancelled"]
    refused = client.post(url, {"step": "update", "status": "rejected",
                                "expected": "requested"})
    assert refused.status_code == 400
    assert "Choose a reason." in refused.content.decode()
    assert client.post(url, {"step": "update", "status": "accepted",
                             "expected": "requested"}).status_code == 302
    too_early = client.post(url, {"step": "update", "status": "accepted",
                                  "expected": "requested"})
    assert too_early.status_code == 400 and "cannot become" in too_early.content.decode()
    assert client.post(url, {"step": "update", "status": "in-progress",
                             "expected": "accepted"}).status_code == 302
    assert client.post(url, {"step": "update", "status": "completed", "expected": "in-progress",
                             "delivered_on": dt.date.today().isoformat()}).status_code == 302
    client.force_login(navigator)
    assert client.post(url, {"step": "follow_up", "followed_up_on": dt.date.today().isoformat(),
                             "outcome_note": "Goes twice a week"}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == "completed" and referral.outcome_note == "Goes twice a week"
    assert referral.delivered_on == dt.date.today()
    actions_seen = list(AuditEntry.objects.filter(object_type="cases.referral",
                                                  object_id=str(referral.pk))
                        .order_by("pk").values_list("action", flat=True))
    assert actions_seen == ["cases.refer", "cases.referral_update", "cases.referral_update",
                            "cases.referral_update", "cases.referral_follow_up"]


def test_a_decline_keeps_its_reason_and_the_loop_still_closes(users, marco, college_staff):
    referral = marco.referrals.get()
    actions.update_referral(about(college_staff, referral), "rejected", "no-capacity",
                            "No laptops left")
    assert referral.status == "rejected" and referral.status_reason == "no-capacity"
    assert referral.status_reason_note == "No laptops left"
    with pytest.raises(ValidationError, match="cannot become"):
        actions.update_referral(about(college_staff, referral), "completed")
    actions.follow_up_referral(about(users["navigator"], referral), dt.date.today(),
                               "Found a library laptop instead")
    referral.refresh_from_db()
    assert referral.status == "rejected" and referral.followed_up_on == dt.date.today()


def test_the_receiver_who_declined_cannot_follow_up_by_posting(client, marco):
    """Issue 15's bug: a navigator at the organisation that declined a referral sees the
    referral but not the person; a POST to its follow-up was saved."""
    from tests.cases.conftest import make_user

    referral = marco.referrals.get()
    receiver = make_user("college-navigator", "navigator", "River Valley")
    actions.update_referral(about(receiver, referral), "rejected", "other", "No laptops")
    client.force_login(receiver)
    url = f"/cases/referrals/{referral.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and not page.context["may_follow_up"]
    assert not page.context["may_revise"]
    before = audit_count()
    response = client.post(url, {"step": "follow_up", "outcome_note": "Closed by us",
                                 "followed_up_on": dt.date.today().isoformat()})
    assert response.status_code == 403
    response = client.post(url, {"step": "revise", "status": "entered-in-error",
                                 "status_reason": "duplicate", "expected": "rejected"})
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.status == "rejected" and referral.outcome_note == ""
    assert audit_count() == before


def test_a_withdrawn_consent_cannot_carry_a_new_referral(users, paz):
    consent = paz.consents.get(purpose="referral")
    actions.withdraw_consent(on(users["navigator"], paz), consent, dt.date.today())
    with pytest.raises(ValidationError, match="Record the participant's consent first"):
        actions.send_referral(on(users["navigator"], paz), {
            "service": SupportService.objects.get(name="Childcare assistance"),
            "organisation": consent.organisation, "consent": consent})


def test_partner_inbox_lists_what_was_sent_to_them(client, marco, college_staff):
    client.force_login(college_staff)
    page = client.get("/cases/referrals/")
    assert page.status_code == 200
    assert list(page.context["incoming"]) == list(marco.referrals.all())


@pytest.mark.parametrize(("data", "message"), [
    ({"given_on": "2099-01-01"}, "This date is in the future."),
    ({"purpose": "everything"}, "Select a valid choice."),
    ({"organisation": "999999"}, "Select a valid choice."),
])
def test_bad_consent_changes_nothing(client, users, paz, data, message):
    client.force_login(users["navigator"])
    good = {"organisation": paz.enrolled_by_id, "purpose": "share_record", "method": "signed",
            "given_on": dt.date.today().isoformat()}
    count, audits = paz.consents.count(), audit_count()
    response = client.post(f"/cases/participants/{paz.pk}/consents/new/", {**good, **data})
    assert response.status_code == 400 and message in response.content.decode()
    assert (paz.consents.count(), audit_count()) == (count, audits)
