"""Evidence for criterion 3 (resources and braided funding): the funding map of each
published pathway, its gaps by name, and the totals awarded by stream, from the funding
app; and the same coverage as a row of the state view."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pathways.apps.catalog.models import Pathway
from pathways.apps.funding.fundingmap import coverage, funding_map
from pathways.apps.quality import evidence
from pathways.apps.quality.models import Rating
from tests.quality.conftest import login

pytestmark = pytest.mark.django_db


def c3(rounds, demo) -> list[evidence.Item]:
    return evidence.evidence_for(demo, "aqcp-local", rounds["open"].definition().criterion("c3"))


def test_criterion_3_shows_each_published_pathways_funding_map(rounds, member, demo):
    before = Rating.objects.count()
    text = login(member).get(reverse("quality:rate", args=[rounds["open"].pk, "c3"])
                             ).content.decode()
    published = Pathway.objects.filter(partnership=demo, draft_of=None,
                                       status=Pathway.Status.PUBLISHED).order_by("name")
    for pathway in published:
        found = coverage(pathway)
        assert f"Funding map: {pathway.name}" in text
        assert f"{found.covered} of {found.costed} steps and services with a cost" in text
        assert reverse("funding:pathway_map", args=[pathway.slug]) in text
    assert "Awards recorded on participants" in text  # the demo's WIOA Adult awards
    assert Rating.objects.count() == before  # shown, never scored


def test_the_counts_agree_with_the_funding_map(rounds, demo):
    pathway = Pathway.objects.filter(partnership=demo, status=Pathway.Status.PUBLISHED,
                                     draft_of=None).order_by("name").first()
    lines = funding_map(pathway)
    found = coverage(pathway)
    assert found.costed == len(lines)
    assert found.gaps == [line.name for line in lines if line.gap]
    assert found.covered == sum(1 for line in lines if not line.gap)


def test_a_gap_is_named_and_flagged(rounds, demo, monkeypatch):
    """With no stream at all, every step and service with a cost is a gap, named."""
    monkeypatch.setattr("pathways.apps.funding.fundingmap.streams_for", lambda ids: {})
    pathway = Pathway.objects.filter(partnership=demo, status=Pathway.Status.PUBLISHED,
                                     draft_of=None).order_by("name").first()
    names = [line.name for line in funding_map(pathway)]
    assert names and coverage(pathway).covered == 0
    item = next(i for i in c3(rounds, demo) if pathway.name in i.label)
    assert item.warning
    assert all(name in item.detail for name in names)


def test_the_state_view_shows_funding_coverage(client, demo):
    from django.contrib.auth import get_user_model

    from pathways.apps.accounts.models import Partnership

    kentucky = Partnership.objects.get(name="Kentucky Career Pathways (sample)")
    client.force_login(get_user_model().objects.get(username="admin"))
    text = client.get(reverse("partnership:state", args=[kentucky.pk])).content.decode()
    assert "Funding coverage of published pathways" in text
    first = coverage(Pathway.objects.filter(partnership=demo, draft_of=None,
                                            status=Pathway.Status.PUBLISHED)
                     .order_by("name").first())
    assert f"{first.covered} of {first.costed} costs covered" in text
