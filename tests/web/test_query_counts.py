"""Every main page reads a bounded number of queries, whatever the data (no N+1).

Counted with nothing kept (the page cache and kept graphs would hide the render), as a
first visitor after a change would cause. The bounds have some room above today's counts;
a page that needs more should say why here.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from pathways.apps.cases.models import Participant
from pathways.demo.region import demo_partnership

pytestmark = pytest.mark.django_db

PUBLIC = {
    "/": 5,
    "/pathways/": 5,
    # the graph, wages, the WIOA check, version; employers and hiring requirements (2);
    # where programs meet (one prefetch); 4 for "Ways to pay" (the funding map); 2 for
    # "How people did" (the published figures, then all their cells at once)
    "/pathways/nursing-and-patient-care/": 55,
    "/occupations/29-1141.00/": 15,
    # The first search after a change builds the search index again (about 20 of these:
    # documents and the engine's index in batches); later searches read 8.
    "/occupations/?q=nurse": 30,
    # The finder: the pathways, each one's graph (about 18 queries for each of the demo's 3;
    # kept in the cache after that, when the page reads 3: tests/finder), the exits' O*NET
    # interests and the first steps' programs.
    "/find/?education=some_hs&english=simple&likes=helping&months=12": 66,
}


def count(client, url: str) -> int:
    client.get(url)  # Django's own first-use caches (content types, translations)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@override_settings(PATHWAYS_PAGE_CACHE_SECONDS=0)
@pytest.mark.parametrize(("url", "most"), PUBLIC.items())
def test_public_pages(client, url, most):
    assert count(client, url) <= most


def staff_pages() -> list[tuple[str, str, int]]:
    marco = Participant.objects.get(first_name="Marco").pk
    demo = demo_partnership().pk
    return [("navigator", "/cases/", 8),  # the flags come with the participants
            ("navigator", f"/cases/participants/{marco}/", 50),  # the plan reads the graph
            ("navigator", "/cases/referrals/", 10),
            ("analyst", f"/measures/{demo}/", 12),
            ("analyst", f"/quality/p/{demo}/", 20),
            # one count per counted commitment (slots, hires): a partnership has a few dozen
            ("partner", f"/employers/{demo}/", 25)]


@override_settings(PATHWAYS_PAGE_CACHE_SECONDS=0)
def test_staff_pages(client, django_user_model):
    over = []
    for username, url, most in staff_pages():
        client.force_login(django_user_model.objects.get(username=username))
        found = count(client, url)
        if found > most:
            over.append((url, found, most))
    assert not over, over


@override_settings(PATHWAYS_PAGE_CACHE_SECONDS=0)
def test_more_participants_cost_no_more_queries_on_the_caseload(client, django_user_model):
    """The caseload's flags come from the participants' one query: ten more people, same
    queries."""
    from pathways.apps.cases import actions
    from pathways.apps.cases.queries import intake_access

    navigator = django_user_model.objects.get(username="navigator")
    client.force_login(navigator)
    before = count(client, "/cases/")
    for n in range(10):
        actions.enrol_participant(intake_access(navigator), {
            "first_name": f"Extra{n}", "last_name": "Person",
            "date_of_birth": "1990-01-01"})
    assert count(client, "/cases/") == before
