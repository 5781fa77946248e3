"""Published outcomes: an analyst shows chosen cells of a stored run on a public pathway
page (plain words, English and Spanish, with period, source and definition) and in the
pathway's CTDL file as QData; suppressed cells never; a withdrawn run's figures disappear,
kept public pages included."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from types import SimpleNamespace

import pandas as pd
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse

from pathways.apps.accounts.models import AuditEntry, Role
from pathways.apps.catalog.models import Pathway
from pathways.apps.reports import actions, published
from pathways.apps.reports.models import PublishedFigure
from pathways.apps.reports.queries import measures_access
from pathways.core.errors import InputError
from pathways.demo.region import demo_partnership
from pathways.metrics import load_measures
from tests.reports.test_dashboard import person

pytestmark = pytest.mark.django_db

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "LOCATION": "published-figures"}}


@pytest.fixture
def partnership():
    return demo_partnership()


@pytest.fixture
def pathway(partnership):
    found = Pathway.objects.filter(partnership=partnership, status=Pathway.Status.PUBLISHED,
                                   draft_of__isnull=True).order_by("slug").first()
    assert found is not None
    return found


@pytest.fixture
def analyst():
    return get_user_model().objects.get(username="analyst")


def _run(partnership, pathway, analyst):
    """A stored run with known cells about the pathway: level 1 (shown), level 2
    (suppressed), one of its exit points, and an exit point of no pathway."""
    step = f"{pathway.slug}, level 1"
    exit_name = pathway.exit_points.order_by("position", "name").first().name
    rows = [
        ("employment_q2", "all", "all", 70, 100, Decimal("0.7000"), False),
        ("employment_q2", "pathway_step", step, 28, 40, Decimal("0.7000"), False),
        ("employment_q2", "pathway_step", f"{pathway.slug}, level 2", None, None, None, True),
        ("employment_q2", "pathway_step", f"{pathway.slug}, level not given", 7, 10,
         Decimal("0.7000"), False),
        ("employment_q2", "pathway", pathway.slug, 70, 100, Decimal("0.7000"), False),
        ("median_earnings_q2", "all", "all", None, 70, Decimal("9400.00"), False),
        ("median_earnings_q2", "exit_point", exit_name, None, 30, Decimal("9412.50"), False),
        ("employment_q2", "exit_point", "Astronaut", 20, 30, Decimal("0.6667"), False),
        ("step_completion", "pathway_step", "another-pathway, level 1", 5, 20,
         Decimal("0.2500"), False),
    ]
    table = pd.DataFrame(rows, columns=["measure", "dimension", "group", "numerator",
                                        "denominator", "value", "suppressed"])
    window = SimpleNamespace(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
                             as_of=dt.date(2025, 9, 30))
    measures = [m for m in load_measures() if m.id in {"employment_q2", "median_earnings_q2",
                                                       "step_completion"}]
    result = SimpleNamespace(threshold=10, table=table, window=window, engine="duckdb",
                             records=100, periods=100, wage_rows=0, measures=measures,
                             dimensions=["pathway", "pathway_step", "exit_point"],
                             skipped={})
    return actions.record_run(measures_access(analyst, partnership), result)


@pytest.fixture
def run(partnership, pathway, analyst):
    return _run(partnership, pathway, analyst)


def test_an_analyst_publishes_a_shown_cell_and_it_is_audited(run, pathway, analyst,
                                                             partnership):
    access = measures_access(analyst, partnership)
    figure = actions.publish_figure(access, run, pathway, "employment_q2", "pathway_step",
                                    f"{pathway.slug}, level 1")
    entry = AuditEntry.objects.get(action="measures.publish", object_id=str(figure.pk))
    assert entry.changes["measure"] == "employment_q2" and entry.changes["run"] == run.pk
    shown = [s for s in published.shown_for(pathway) if s.figure.run_id == run.pk]
    assert [s.figure for s in shown] == [figure]
    assert shown[0].sentence == ("Of 40 people who left level 1 of this pathway, about 7 in "
                                 "10 had a job half a year later (70%).")
    assert shown[0].period == "They left from Jan. 1, 2024 to Dec. 31, 2024. Counted on " \
        "Sept. 30, 2025."
    assert "Groups of fewer than 10 people are never shown." in shown[0].source


@pytest.mark.parametrize(("measure", "dimension", "group", "why"), [
    ("employment_q2", "pathway_step", "{slug}, level 2", "no such figure"),  # suppressed
    ("employment_q2", "all", "all", "no such figure"),  # not about a pathway
    ("step_completion", "pathway_step", "another-pathway, level 1", "not about the pathway"),
    ("employment_q2", "exit_point", "Astronaut", "not about the pathway"),
    ("employment_q2", "pathway_step", "{slug}, level not given", "not about the pathway"),
    ("i_do_not_exist", "pathway", "{slug}", "no such figure"),
])
def test_suppressed_or_foreign_cells_are_refused(run, pathway, analyst, partnership,
                                                 measure, dimension, group, why):
    access = measures_access(analyst, partnership)
    with pytest.raises(InputError, match=why):
        actions.publish_figure(access, run, pathway, measure, dimension,
                               group.format(slug=pathway.slug))
    assert not PublishedFigure.objects.filter(run=run).exists()


def test_only_those_who_may_publish_for_the_partnership_can(run, pathway, partnership):
    staff = person("staff-publish", Role.PARTNER_STAFF, partnership)
    with pytest.raises(PermissionDenied):
        actions.publish_figure(measures_access(staff, partnership), run, pathway,
                               "employment_q2", "pathway", pathway.slug)
    assert not PublishedFigure.objects.filter(run=run).exists()


def test_the_public_page_shows_figures_in_english_and_spanish(client, run, pathway,
                                                              analyst, partnership):
    access = measures_access(analyst, partnership)
    actions.publish_figure(access, run, pathway, "employment_q2", "pathway", pathway.slug)
    exit_name = pathway.exit_points.order_by("position", "name").first().name
    actions.publish_figure(access, run, pathway, "median_earnings_q2", "exit_point", exit_name)
    url = reverse("catalog:pathway", args=[pathway.slug])
    page = client.get(url).content.decode()
    assert "How people did" in page
    assert "Of 100 people who left this pathway, about 7 in 10 had a job half a year later " \
        "(70%)." in page
    assert f"Of 30 people who left this pathway at “{exit_name}” and had a job half a year " \
        "later, half earned more than $9,413 in 3 months." in page
    assert "How this is counted" in page
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "unas 7 de cada 10" in page


def test_withdrawing_the_run_takes_its_figures_off_the_kept_public_page(
        client, run, pathway, analyst, partnership):
    access = measures_access(analyst, partnership)
    url = reverse("catalog:pathway", args=[pathway.slug])
    ours = "Of 100 people who left this pathway, about 7 in 10"
    with override_settings(CACHES=LOCMEM, PATHWAYS_PAGE_CACHE_SECONDS=300):
        assert ours not in client.get(url).content.decode()
        assert ours not in client.get(url).content.decode()  # kept now
        actions.publish_figure(access, run, pathway, "employment_q2", "pathway", pathway.slug)
        # Publishing starts a new generation: the kept page is not served.
        assert ours in client.get(url).content.decode()
        assert ours in client.get(url).content.decode()  # kept now
        actions.withdraw_run(access, run, "The wrong file")
        assert ours not in client.get(url).content.decode()
    ctdl = client.get(reverse("catalog:pathway_ctdl", args=[pathway.slug])).json()
    assert not [n for n in ctdl["@graph"] if n["@id"].startswith(f"_:run-{run.pk}-")]
    assert [s for s in published.shown_for(pathway) if s.figure.run_id == run.pk] == []


def test_the_pathway_ctdl_file_carries_the_figures_as_qdata(client, run, pathway, analyst,
                                                            partnership):
    access = measures_access(analyst, partnership)
    actions.publish_figure(access, run, pathway, "employment_q2", "pathway_step",
                           f"{pathway.slug}, level 1")
    response = client.get(reverse("catalog:pathway_ctdl", args=[pathway.slug]))
    graph = json.loads(response.content)["@graph"]
    pathway_iri = graph[0]["@id"]
    ours = [n for n in graph if n["@id"].startswith(f"_:run-{run.pk}-")]
    profiles = [n for n in ours if n["@type"] == "qdata:DataSetProfile"]
    assert len(profiles) == 1
    assert profiles[0]["qdata:relevantDataSetFor"] == [pathway_iri]
    observations = [n for n in ours if n["@type"] == "qdata:Observation"]
    assert [(o["qdata:percentage"], o["qdata:sizeOfPopulation"]["schema:value"])
            for o in observations] == [(70.0, 40)]
    ids = [n["@id"] for n in graph]
    assert len(ids) == len(set(ids))


def test_the_publish_page_lists_shown_cells_only_and_removes_figures(client, run, pathway,
                                                                     analyst, partnership):
    client.force_login(analyst)
    url = reverse("reports:publish", kwargs={"pk": partnership.pk, "run": run.pk})
    page = client.get(url).content.decode()
    assert "level 2" not in page  # the suppressed cell is not offered
    cell = run.cells.get(measure="employment_q2", dimension="pathway")
    response = client.post(url, {"pathway": pathway.pk, "cell": cell.pk})
    assert response.status_code == 302
    figure = PublishedFigure.objects.get(run=run)
    suppressed = run.cells.get(suppressed=True)
    assert client.post(url, {"pathway": pathway.pk, "cell": suppressed.pk}).status_code == 400
    assert client.post(url, {"pathway": "x", "cell": "y"}).status_code == 400
    remove = reverse("reports:unpublish", kwargs={"pk": partnership.pk, "run": run.pk,
                                                  "figure": figure.pk})
    assert client.post(remove).status_code == 302
    assert not PublishedFigure.objects.filter(run=run).exists()
    assert AuditEntry.objects.filter(action="measures.unpublish").count() == 1


def test_the_ctdl_reader_still_reads_a_download_with_qdata(client, run, pathway, analyst,
                                                           partnership):
    from pathways.standards.ctdl import read_documents

    actions.publish_figure(measures_access(analyst, partnership), run, pathway,
                           "employment_q2", "pathway", pathway.slug)
    text = client.get(reverse("catalog:pathway_ctdl", args=[pathway.slug])).content
    result = read_documents([("download.jsonld", text)])
    assert [d.name for d in result.pathways] == [pathway.name]


def test_the_demo_shows_its_pathways_employment_and_earnings(client, pathway):
    figures = PublishedFigure.objects.filter(pathway=pathway, run__is_sample=True)
    assert {f.measure for f in figures} == {"employment_q2", "median_earnings_q2"}
    page = client.get(reverse("catalog:pathway", args=[pathway.slug])).content.decode()
    assert "How people did" in page and "had a job half a year later" in page


def test_the_dashboard_shows_the_measures_by_pathway_and_step(client, partnership, pathway):
    client.force_login(get_user_model().objects.get(username="analyst"))
    name = pathway.name
    url = reverse("reports:dashboard", kwargs={"pk": partnership.pk})
    page = client.get(url, {"dimension": "pathway_step"}).content.decode()
    assert "Pathway and step" in page
    assert f"{name}, level 1" in page
    assert "Completed the pathway step" in page and "Median days from entry" in page
    spanish = client.get(url, {"dimension": "pathway_step"},
                         HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert f"{name}, nivel 1" in spanish
    assert " días</td>" in spanish or " días<" in spanish
