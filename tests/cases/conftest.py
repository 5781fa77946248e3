"""Shared by the cases tests: the demo's people and records, and a few extra accounts."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from pathways.apps.accounts.models import AuditEntry, Organisation, Profile
from pathways.apps.cases.auditing import VIEWED
from pathways.apps.cases.models import Participant
from pathways.apps.cases.queries import participant_access, referral_access


@pytest.fixture
def users():
    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def paz():
    return Participant.objects.get(first_name="Paz")


@pytest.fixture
def marco():
    return Participant.objects.get(first_name="Marco")


def make_user(username: str, role: str, org_name: str | None = None):
    user = get_user_model().objects.create_user(username=username, password="x-" + username)
    organisation = Organisation.objects.get(name__startswith=org_name) if org_name else None
    Profile.objects.create(user=user, role=role, organisation=organisation)
    return user


@pytest.fixture
def college_staff(db):
    return make_user("college-staff", "partner_staff", "River Valley")


def on(user, participant):
    """``user``'s access to ``participant``, as the cases actions take it."""
    return participant_access(user, participant)


def about(user, referral):
    """``user``'s access to ``referral``."""
    return referral_access(user, referral)


def audit_count() -> int:
    """Audit entries of changes (a page view writes its own entry, counted apart)."""
    return AuditEntry.objects.exclude(action=VIEWED).count()
