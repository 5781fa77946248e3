"""Review, versions and publishing (catalog.lifecycle, ADR 0041)."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client

from pathways.apps.accounts.models import AuditEntry, Membership, Organisation, Partnership, Profile, Role
from pathways.apps.accounts.versioning import StaleEdit
from pathways.apps.cases.models import CareerPlan, Milestone
from pathways.apps.catalog import lifecycle, queries
from pathways.apps.catalog.ctdl import to_document
from pathways.apps.catalog.models import (
    ComponentCondition,
    EntryPoint,
    ExitPoint,
    ImmutableVersion,
    Pathway,
    PathwayComponent,
    PathwayVersion,
    ProgressionLevel,
    ReviewComment,
)
from pathways.core.errors import InputError
from pathways.standards.ctdl import dumps

pytestmark = pytest.mark.django_db


def person(username, role=Role.EDITOR, organisation=None, partnership=None):
    user = get_user_model().objects.create_user(username=username, password=None,
                                                is_superuser=role == Role.ADMINISTRATOR)
    Profile.objects.create(user=user, role=role, organisation=organisation)
    if partnership is not None:
        Membership.objects.create(user=user, partnership=partnership)
    return user


@pytest.fixture
def team():
    partnership = Partnership.objects.get(is_sample=True)
    college = Organisation.objects.create(name="Test College", kind="college")
    board = Organisation.objects.create(name="Test Board", kind="workforce_board")
    partnership.organisations.add(college, board)
    return {
        "partnership": partnership,
        "editor": person("t-editor", organisation=college, partnership=partnership),
        "colleague": person("t-colleague", organisation=college, partnership=partnership),
        "reviewer": person("t-reviewer", organisation=board, partnership=partnership),
        "admin": person("t-admin", Role.ADMINISTRATOR, organisation=board,
                        partnership=partnership),
        "outsider": person("t-outsider", organisation=Organisation.objects.create(
            name="Elsewhere (t)", kind="college"), partnership=Partnership.objects.create(
            name="Other (t)", scope="local")),
    }



def access(user, pathway):
    return queries.pathway_access(user, Pathway.objects.get(pk=pathway.pk))


def test_smoke(team):
    live = CareerPlan.objects.order_by("pk").first().pathway
    copy = lifecycle.start_revision(access(team["editor"], live))
    assert copy.draft_of_id == live.pk
    print(lifecycle.publishing_problems(copy), lifecycle.elements_not_met(copy))
    lifecycle.submit_for_review(access(team["editor"], copy))
    version = lifecycle.approve(access(team["reviewer"], copy))
    print(version.number, version.summary)
