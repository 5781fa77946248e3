"""Fixtures for the self-assessment tests: the demo partnership (its rounds come from
demo_quality) and a second partnership that must never see the first one's data."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pathways.apps.accounts.models import Membership, Partnership, Profile, Role
from pathways.apps.quality.models import FrameworkVersion, Rating, Round
from pathways.demo.region import demo_partnership


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def user(username: str):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def demo(db) -> Partnership:
    return demo_partnership()


@pytest.fixture
def facilitator(db):
    return user("analyst")


@pytest.fixture
def member(db):
    return user("partner")


@pytest.fixture
def rounds(demo) -> dict[str, Round]:
    """autumn (closed 2025), spring (closed 2026, with a workshop), open (autumn 2026)."""
    found = {r.title: r for r in demo.quality_rounds.all()}
    return {"autumn": found["Autumn 2025 self-assessment"],
            "spring": found["Spring 2026 self-assessment"],
            "open": found["Autumn 2026 self-assessment"]}


def make_person(username: str, partnership: Partnership, facilitator: bool = False,
                role: str = Role.PARTNER_STAFF):
    person = get_user_model().objects.create_user(username=username, password=None)
    Profile.objects.create(user=person, role=role)
    Membership.objects.create(partnership=partnership, user=person, is_facilitator=facilitator)
    return person


@pytest.fixture
def other(db) -> dict:
    """A state partnership with its own facilitator, three members and an open round."""
    partnership = Partnership.objects.create(name="Other State System", scope="state",
                                             state="WA")
    lead = make_person("other-lead", partnership, facilitator=True)
    people = [make_person(f"other-{n}", partnership) for n in range(3)]
    version = FrameworkVersion.objects.get(key="aqcp-state", partnership__isnull=True)
    found = Round.objects.create(partnership=partnership, framework=version,
                                 framework_checksum=version.checksum, title="Other round")
    for person, value in zip(people, "124", strict=True):
        Rating.objects.create(round=found, member=person, indicator="c1-vision", value=value)
    return {"partnership": partnership, "lead": lead, "people": people, "round": found}
