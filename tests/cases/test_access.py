"""Each role sees what the rule of ADR 0031 allows and is refused the rest, by URL and by id."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import resolve

from pathways.apps.accounts.roles import user_can
from pathways.apps.cases import actions, queries
from pathways.apps.cases.models import Milestone, Participant
from tests.cases.conftest import about, make_user, on

pytestmark = pytest.mark.django_db

RECORD_URLS = ["/cases/participants/{pk}/", "/cases/participants/{pk}/edit/",
               "/cases/participants/{pk}/assessment/", "/cases/participants/{pk}/plan/",
               "/cases/participants/{pk}/milestones/new/",
               "/cases/participants/{pk}/referrals/new/"]


def hidden(user, url):
    """How a record ``user`` may not see answers: 403 when the page's role rule already
    refuses them (for any record), else 404 (the record's existence is not revealed)."""
    rule = resolve(url).func.permissions
    return 404 if any(user_can(user, p) for p in rule) else 403


def status(client, user, url):
    client.force_login(user)
    return client.get(url).status_code


def test_navigator_sees_the_caseload_and_each_record(client, users, paz, marco):
    client.force_login(users["navigator"])
    page = client.get("/cases/")
    assert page.status_code == 200
    assert {r.participant.first_name for r in page.context["rows"]} == {
        "Paz", "Marco", "Lan", "Dee"}
    for url in RECORD_URLS:
        assert client.get(url.format(pk=marco.pk)).status_code == 200, url


def test_partner_staff_see_only_participants_related_to_their_organisation(
        client, users, paz, marco):
    partner = users["partner"]  # adult education centre: Paz shared her record with it
    assert set(queries.participants_for(partner)) == {paz}
    assert status(client, partner, f"/cases/participants/{paz.pk}/") == 200
    for url in RECORD_URLS:
        url = url.format(pk=marco.pk)
        assert status(client, partner, url) == hidden(partner, url), url
    with pytest.raises(Http404):
        queries.get_participant_for(partner, marco.pk)
    # Nor may they write to someone else's record by posting to it.
    client.force_login(partner)
    before = Milestone.objects.count()
    response = client.post(f"/cases/participants/{marco.pk}/milestones/new/",
                           {"kind": "employed", "on": "2026-01-05", "employer": "X",
                            "hourly_wage": "20", "source": "self"})
    assert response.status_code == 404 and Milestone.objects.count() == before
    # Partner staff do not take people in.
    assert status(client, partner, "/cases/participants/new/") == 403


def test_withdrawn_consent_ends_access(client, users, paz):
    consent = paz.consents.get(purpose="share_record")
    actions.withdraw_consent(on(users["navigator"], consent.participant), consent, dt.date.today())
    assert status(client, users["partner"], f"/cases/participants/{paz.pk}/") == 404


def test_a_sent_referral_shows_the_referral_not_the_record_until_accepted(
        client, users, marco, college_staff):
    referral = marco.referrals.get()
    assert status(client, college_staff, f"/cases/referrals/{referral.pk}/") == 200
    assert status(client, college_staff, f"/cases/participants/{marco.pk}/") == 404
    actions.update_referral(about(college_staff, referral), "accepted")
    assert status(client, college_staff, f"/cases/participants/{marco.pk}/") == 200
    # Another organisation's staff see neither.
    stranger = make_user("stranger", "partner_staff", "River Region Manufacturers")
    assert status(client, stranger, f"/cases/referrals/{referral.pk}/") == 404
    with pytest.raises(Http404):
        queries.get_referral_for(stranger, referral.pk)


def test_a_navigator_of_another_organisation_sees_nobody_here(client, marco):
    other = make_user("other-nav", "navigator", "Riverton Family Services")
    assert list(queries.caseload_for(other)) == []
    assert status(client, other, f"/cases/participants/{marco.pk}/") == 404


def test_a_participant_sees_only_their_own_plan(client, users, paz, marco):
    me = users["participant"]
    assert status(client, me, "/cases/my-plan/") == 200
    assert status(client, me, "/cases/") == 403
    assert status(client, me, "/cases/referrals/") == 403
    for url in RECORD_URLS:
        assert status(client, me, url.format(pk=paz.pk)) == 403, url  # not even their own
        assert status(client, me, url.format(pk=marco.pk)) == 403, url
    assert list(queries.participants_for(me)) == []
    # A second participant account sees its own record, not Paz's.
    lan_user = make_user("lan", "participant")
    lan = Participant.objects.get(first_name="Lan")
    actions.link_account(on(users["navigator"], lan), lan_user)
    client.force_login(lan_user)
    page = client.get("/cases/my-plan/")
    assert page.context["participant"] == lan and "Paz" not in page.content.decode()


def test_a_participant_account_without_a_record_gets_404(client):
    assert status(client, make_user("nobody", "participant"), "/cases/my-plan/") == 404


@pytest.mark.parametrize("username", ["editor", "analyst"])
def test_catalog_and_measures_roles_see_no_participants(client, users, marco, username):
    user = users[username]
    assert status(client, user, "/cases/") == 403
    assert status(client, user, f"/cases/participants/{marco.pk}/") == 403
    assert status(client, user, "/cases/my-plan/") == 403
    with pytest.raises(PermissionDenied):
        queries.caseload_for(user)


def test_administrators_see_everyone(users):
    assert queries.participants_for(users["admin"]).count() == Participant.objects.count()


def test_only_the_receiving_organisation_answers_a_referral(users, marco):
    referral = marco.referrals.get()
    with pytest.raises(PermissionDenied):
        actions.update_referral(about(users["navigator"], referral), "accepted")
