"""Withdrawing a stored run found wrong: kept for the record, no longer shown as the latest
nor handed out, and audited."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from pathways.apps.accounts.access import CONSOLE
from pathways.apps.accounts.models import AuditEntry, Partnership, Role
from pathways.apps.reports import actions
from pathways.apps.reports.models import MeasuresRun
from pathways.apps.reports.queries import measures_access
from pathways.core.errors import InputError
from pathways.demo.region import demo_partnership
from tests.reports.test_dashboard import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return demo_partnership()


@pytest.fixture
def runs(partnership):
    """(earlier, latest): the demo run and a later copy of it, stored with its cells."""
    earlier = MeasuresRun.objects.get(partnership=partnership)
    cells = list(earlier.cells.all())
    latest = MeasuresRun.objects.get(pk=earlier.pk)
    latest.pk = None
    latest.source = "wrong-file.csv"
    latest.save()
    for cell in cells:
        cell.pk = None
        cell.run = latest
    latest.cells.model.objects.bulk_create(cells)
    return earlier, latest


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def url(partnership, run):
    return reverse("reports:withdraw", kwargs={"pk": partnership.pk, "run": run.pk})


def dashboard(partnership):
    return reverse("reports:dashboard", kwargs={"pk": partnership.pk})


def test_the_analyst_withdraws_the_latest_run_and_the_earlier_one_is_shown_again(
        client, partnership, runs):
    earlier, latest = runs
    login(client, "analyst")
    page = client.get(dashboard(partnership)).content.decode()
    assert url(partnership, latest) in page  # the latest is shown, with its withdraw link
    assert "Withdraw a run" in client.get(url(partnership, latest)).content.decode()
    response = client.post(url(partnership, latest), {"reason": "The wrong PIRL file"})
    assert response.status_code == 302 and response["Location"] == dashboard(partnership)
    latest.refresh_from_db()
    assert latest.is_withdrawn and latest.withdrawn_reason == "The wrong PIRL file"
    assert latest.withdrawn_by.username == "analyst"
    assert latest.cells.exists()  # kept for the record
    entry = AuditEntry.objects.get(action="measures.withdraw")
    assert entry.object_id == str(latest.pk) and entry.changes["reason"] == "The wrong PIRL file"
    page = client.get(dashboard(partnership)).content.decode()
    assert f"?run={latest.pk}" in page and "withdrawn" in page  # listed, marked
    assert url(partnership, earlier) in page  # the earlier run is the one shown now


def console(run):
    return measures_access(CONSOLE, run.partnership)


def test_a_withdrawn_run_can_be_read_with_its_reason_but_not_downloaded(
        client, partnership, runs):
    _earlier, latest = runs
    actions.withdraw_run(console(latest), latest, "Wrong reporting period")
    login(client, "partner")
    page = client.get(dashboard(partnership) + f"?run={latest.pk}").content.decode()
    assert "This run was withdrawn on" in page and "Wrong reporting period" in page
    assert "Download the table (CSV)" not in page
    spanish = client.get(dashboard(partnership) + f"?run={latest.pk}",
                         HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Este cálculo se retiró el" in spanish
    for fmt in ("csv", "jsonld"):
        download = reverse("reports:download",
                           kwargs={"pk": partnership.pk, "run": latest.pk, "fmt": fmt})
        assert client.get(download).status_code == 404


def test_a_reason_is_required_and_a_refusal_changes_nothing(client, partnership, runs):
    _earlier, latest = runs
    login(client, "analyst")
    response = client.post(url(partnership, latest), {"reason": "   "})
    assert response.status_code == 400
    latest.refresh_from_db()
    assert not latest.is_withdrawn
    assert not AuditEntry.objects.filter(action="measures.withdraw").exists()
    too_long = client.post(url(partnership, latest), {"reason": "x" * 301})
    assert too_long.status_code == 400 and "(it has 301)" in too_long.content.decode()
    latest.refresh_from_db()
    assert not latest.is_withdrawn
    assert not AuditEntry.objects.filter(action="measures.withdraw").exists()
    with pytest.raises(InputError, match="say why"):
        actions.withdraw_run(console(latest), latest, "")
    with pytest.raises(InputError, match="longer than 300"):
        actions.withdraw_run(console(latest), latest, "x" * 301)


def test_a_run_is_withdrawn_once(client, partnership, runs):
    _earlier, latest = runs
    actions.withdraw_run(console(latest), latest, "Wrong file")
    with pytest.raises(InputError, match="already withdrawn"):
        actions.withdraw_run(console(latest), latest, "Again")
    login(client, "analyst")
    page = client.get(url(partnership, latest))
    assert page.status_code == 200 and "<form" not in page.content.decode().split("</h1>")[1]
    assert client.post(url(partnership, latest), {"reason": "Again"}).status_code == 200
    assert AuditEntry.objects.filter(action="measures.withdraw").count() == 1


def test_when_every_run_is_withdrawn_the_dashboard_says_so(client, partnership):
    run = MeasuresRun.objects.get(partnership=partnership)
    actions.withdraw_run(console(run), run, "Not this data")
    login(client, "analyst")
    page = client.get(dashboard(partnership)).content.decode()
    assert "Every run stored for this partnership has been withdrawn." in page
    assert f"?run={run.pk}" in page


def test_only_those_who_may_record_may_withdraw(client, partnership, runs):
    _earlier, latest = runs
    login(client, "partner")
    assert client.get(url(partnership, latest)).status_code == 403
    assert client.post(url(partnership, latest), {"reason": "x"}).status_code == 403
    other = Partnership.objects.create(name="Elsewhere Partnership", scope="local")
    client.force_login(person("outsider", Role.ANALYST, other))
    assert client.post(url(partnership, latest), {"reason": "x"}).status_code == 404
    latest.refresh_from_db()
    assert not latest.is_withdrawn
