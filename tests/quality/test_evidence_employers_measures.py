"""Evidence for criteria 2 (employer commitments, from the employers app) and 5 (the latest
published measures run, from the reports app) beside the indicators a team rates: shown,
never scored."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from pathways.apps.quality import evidence
from pathways.apps.quality.models import Rating
from tests.quality.conftest import login

pytestmark = pytest.mark.django_db


def rate_page(rounds, member, criterion: str) -> str:
    page = login(member).get(reverse("quality:rate", args=[rounds["open"].pk, criterion]))
    assert page.status_code == 200
    return page.content.decode()


def test_criterion_2_shows_each_commitment_with_its_fulfilment(rounds, member, demo):
    text = rate_page(rounds, member, "c2")
    assert "Records that bear on this criterion" in text
    assert "Clinical placement slots" in text and "of 15 used (clinical placement slots)" in text
    assert "5 promised (not counted from records)" in text  # tuition: nothing to count
    commitment = demo.commitments.get(kind="clinical")
    assert reverse("employers:commitment", args=[demo.pk, commitment.pk]) in text


def test_criterion_2_without_commitments_says_so(rounds, demo):
    demo.commitments.all().delete()
    found = evidence.evidence_for(demo, "aqcp-local", rounds["open"].definition().criterion("c2"))
    assert [(i.warning, i.detail) for i in found] == [
        (True, "No employer commitments recorded yet.")]


def test_criterion_5_shows_the_latest_published_run_and_its_measures(rounds, member, demo):
    run = demo.measure_runs.get()
    text = rate_page(rounds, member, "c5")
    assert "Latest published measures run" in text
    assert f"Reporting period {run.window_start.isoformat()} to {run.window_end.isoformat()}" \
        in text
    assert f"Measures computed ({len(run.measures)})" in text
    assert (run.measures[0].get("short_name") or run.measures[0]["name"]) in text


def test_a_withdrawn_run_is_not_evidence(rounds, member, demo):
    demo.measure_runs.update(withdrawn_at=timezone.now(), withdrawn_reason="wrong file")
    text = rate_page(rounds, member, "c5")
    assert "Latest published measures run" not in text
    assert "No measures run has been published yet." in text


def test_evidence_scores_nothing(rounds, member):
    before = Rating.objects.count()
    rate_page(rounds, member, "c2")
    rate_page(rounds, member, "c5")
    assert Rating.objects.count() == before
    assert not Rating.objects.filter(round=rounds["open"], member=member).exists()
