"""A draft pathway of the demo partnership, made in the workspace by the demo editor."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from pathways.apps.catalog.models import Sector
from pathways.apps.catalog.queries import new_pathway_access, pathway_access
from pathways.apps.workspace import actions
from pathways.demo.region import demo_partnership


@pytest.fixture
def editor(db):
    return get_user_model().objects.get(username="editor")


@pytest.fixture
def partnership(db):
    return demo_partnership()


@pytest.fixture
def draft(editor, partnership):
    access = new_pathway_access(editor, partnership.pk)
    return actions.create_pathway(access, actions.PathwayInput(
        name_en="Welding basics", sector_id=Sector.objects.order_by("pk").first().pk))


def access_of(user, pathway):
    pathway.refresh_from_db()
    return pathway_access(user, pathway)
