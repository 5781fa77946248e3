"""Shared by the employers tests: the demo partnership, its people, and people elsewhere."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from pathways.apps.accounts.models import Membership, Profile
from pathways.demo.region import demo_partnership


@pytest.fixture
def partnership(db):
    return demo_partnership()


def user(username: str):
    return get_user_model().objects.get(username=username)


def login(client, username: str):
    client.force_login(user(username))
    return client


def person(username: str, role: str, partnership=None):
    found = get_user_model().objects.create_user(username=username, password="x")
    Profile.objects.create(user=found, role=role)
    if partnership is not None:
        Membership.objects.create(partnership=partnership, user=found)
    return found
