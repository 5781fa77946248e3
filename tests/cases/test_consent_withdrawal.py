"""Withdrawing a consent from the participant's page: a date (today unless told), a
confirmation, and afterwards the partner it was given to no longer sees the record."""

from __future__ import annotations

import datetime as dt

import pytest

from pathways.apps.accounts.models import AuditEntry
from tests.cases.conftest import audit_count

pytestmark = pytest.mark.django_db


def share(paz):
    """Paz's consent to share her record with the adult education centre (the demo
    partner's organisation)."""
    return paz.consents.get(purpose="share_record")


def url(paz, consent) -> str:
    return f"/cases/participants/{paz.pk}/consents/{consent.pk}/withdraw/"


def test_the_record_page_offers_withdraw_for_each_active_consent(client, users, paz):
    client.force_login(users["navigator"])
    page = client.get(f"/cases/participants/{paz.pk}/").content.decode()
    for consent in paz.consents.all():
        assert url(paz, consent) in page
    client.force_login(users["partner"])  # partner staff do not record consent
    assert "/withdraw/" not in client.get(f"/cases/participants/{paz.pk}/").content.decode()


def test_after_withdrawal_the_partner_no_longer_sees_the_record(client, users, paz):
    consent = share(paz)
    client.force_login(users["partner"])
    assert client.get(f"/cases/participants/{paz.pk}/").status_code == 200

    client.force_login(users["navigator"])
    form = client.get(url(paz, consent))
    assert form.status_code == 200
    assert f'value="{dt.date.today().isoformat()}"' in form.content.decode()  # today
    before = audit_count()
    unconfirmed = client.post(url(paz, consent), {"withdrawn_on": dt.date.today()})
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm." in unconfirmed.content.decode()
    too_early = client.post(url(paz, consent), {
        "withdrawn_on": consent.given_on - dt.timedelta(days=1), "confirm": "on"})
    assert too_early.status_code == 400
    assert "cannot be withdrawn before it was given" in too_early.content.decode()
    assert audit_count() == before
    done = client.post(url(paz, consent), {"withdrawn_on": dt.date.today(), "confirm": "on"})
    assert done.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == dt.date.today()
    entry = AuditEntry.objects.filter(action="cases.withdraw_consent").latest("pk")
    assert entry.changes == {"withdrawn_on": [None, dt.date.today().isoformat()]}

    client.force_login(users["partner"])
    assert client.get(f"/cases/participants/{paz.pk}/").status_code == 404
    client.force_login(users["navigator"])
    again = client.get(url(paz, consent))  # nothing left to withdraw
    assert again.status_code == 302


def test_another_participants_consent_is_not_found(client, users, paz, marco):
    client.force_login(users["navigator"])
    assert client.get(url(marco, share(paz))).status_code == 404
