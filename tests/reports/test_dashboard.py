"""The partnership dashboard: who may see it, what it shows, downloads."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from pathways.apps.accounts.models import Membership, Partnership, Profile, Role
from pathways.apps.reports.models import MeasureCell, MeasuresRun
from pathways.demo.region import demo_partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return demo_partnership()


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def person(username: str, role: str, partnership=None):
    user = get_user_model().objects.create_user(username=username, password="x")
    Profile.objects.create(user=user, role=role)
    if partnership is not None:
        Membership.objects.create(partnership=partnership, user=user)
    return user


def test_the_demo_has_a_stored_run_with_published_cells_only(partnership):
    run = MeasuresRun.objects.get(partnership=partnership)
    assert run.is_sample and run.threshold == 10 and run.periods == 4000
    ids = [m["id"] for m in run.measures]
    assert ids[:6] == ["employment_q2", "employment_q4", "median_earnings_q2",
                       "credential_attainment", "measurable_skill_gains",
                       "retention_same_employer"]
    hidden = MeasureCell.objects.filter(run=run, suppressed=True)
    assert hidden.exists()
    assert not hidden.exclude(denominator=None).exists()
    assert not MeasureCell.objects.filter(run=run, suppressed=False, denominator__lt=10,
                                          denominator__gt=0).exists()


def test_the_analyst_is_sent_to_the_dashboard_with_charts_gaps_and_suppressed_cells(
        client, partnership):
    login(client, "analyst")
    response = client.get(reverse("reports:index"))
    url = reverse("reports:dashboard", kwargs={"pk": partnership.pk})
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url + "?dimension=age_band").content.decode()
    assert "Employment rate, 2nd quarter after exit" in page
    assert page.count('<svg class="measure-chart" role="img"') >= 17
    assert "Equity gaps" in page and "badge-gap" in page
    assert "badge-hidden" in page  # suppressed cells are marked
    assert 'value="age_band" selected' in page
    assert "Compute a new run" in page  # the analyst may record runs


def test_partner_staff_of_the_partnership_see_it_but_may_not_record(client, partnership):
    login(client, "partner")
    url = reverse("reports:dashboard", kwargs={"pk": partnership.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert "Compute a new run" not in response.content.decode()
    assert client.get(reverse("reports:upload", kwargs={"pk": partnership.pk})
                      ).status_code == 403


@pytest.mark.parametrize("username", ["participant", "editor"])
def test_roles_without_the_permission_are_refused(client, partnership, username):
    login(client, username)
    assert client.get(reverse("reports:index")).status_code == 403
    assert client.get(reverse("reports:dashboard", kwargs={"pk": partnership.pk})
                      ).status_code == 403


def test_staff_of_another_partnership_cannot_see_this_one(client, partnership):
    other = Partnership.objects.create(name="Elsewhere Partnership", scope="local")
    outsider = person("outsider", Role.ANALYST, other)
    client.force_login(outsider)
    assert client.get(reverse("reports:dashboard", kwargs={"pk": partnership.pk})
                      ).status_code == 404
    page = client.get(reverse("reports:dashboard", kwargs={"pk": other.pk}))
    assert page.status_code == 200 and "No run of the shared measures" in page.content.decode()
    run = MeasuresRun.objects.get(partnership=partnership)
    url = reverse("reports:download", kwargs={"pk": partnership.pk, "run": run.pk,
                                              "fmt": "csv"})
    assert client.get(url).status_code == 404


def test_an_administrator_sees_every_partnership(client, partnership):
    Partnership.objects.create(name="Elsewhere Partnership", scope="local")
    login(client, "admin")
    page = client.get(reverse("reports:index")).content.decode()
    assert "Elsewhere Partnership" in page and partnership.name in page


def test_downloads_hold_the_published_table(client, partnership):
    login(client, "partner")
    run = MeasuresRun.objects.get(partnership=partnership)
    csv = client.get(reverse("reports:download", kwargs={"pk": partnership.pk, "run": run.pk,
                                                         "fmt": "csv"}))
    lines = csv.content.decode().splitlines()
    assert lines[0] == "measure,dimension,group,numerator,denominator,value,suppressed"
    assert len(lines) == run.cells.count() + 1
    assert any(line.endswith(",,,,True") for line in lines)
    ld = client.get(reverse("reports:download", kwargs={"pk": partnership.pk, "run": run.pk,
                                                        "fmt": "jsonld"}))
    doc = json.loads(ld.content)
    assert doc["@graph"][0]["@type"] == "qdata:DataSetProfile"
    assert client.get(reverse("reports:download", kwargs={
        "pk": partnership.pk, "run": run.pk, "fmt": "xml"})).status_code == 404


def test_the_menu_links_to_the_measures_for_those_who_may_see_them(client):
    login(client, "partner")
    assert 'href="/measures/"' in client.get("/").content.decode()
    login(client, "navigator")  # navigators follow their partnership's outcomes too
    assert 'href="/measures/"' in client.get("/").content.decode()
    login(client, "editor")
    assert 'href="/measures/"' not in client.get("/").content.decode()


def test_the_dashboard_speaks_spanish_down_to_measure_names_and_group_labels(
        client, partnership):
    login(client, "analyst")
    url = reverse("reports:dashboard", kwargs={"pk": partnership.pk})
    page = client.get(url + "?dimension=sex", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    # The run stored its definitions' English words; the page translates them.
    assert "Tasa de empleo, 2.º trimestre después de la salida" in page
    assert "Employment rate, 2nd quarter after exit" not in page
    assert "Con empleo T2" in page and "Personas que salieron del programa" in page
    assert ">Sexo</option>" in page and ">Individuals with disabilities<" not in page
    assert ">hombre</th>" in page and ">mujer</th>" in page
    age = client.get(url + "?dimension=age_band", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert ">menos de 16</th>" in age or ">60 o más</th>" in age
    english = client.get(url + "?dimension=sex").content.decode()
    assert ">male</th>" in english and "Employed Q2" in english


def test_a_run_s_page_is_built_once_per_dimension_and_language(client, partnership,
                                                                monkeypatch):
    from pathways.apps.reports import pages

    built = []
    real = pages.build
    monkeypatch.setattr(pages, "build", lambda run, dim: built.append(dim) or real(run, dim))
    login(client, "analyst")
    url = reverse("reports:dashboard", kwargs={"pk": partnership.pk})
    first = client.get(url).content.decode()
    again = client.get(url).content.decode()
    tokens = r'name="csrfmiddlewaretoken" value="[^"]+"'
    assert built == ["program"] and re.sub(tokens, "", first) == re.sub(tokens, "", again)
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    by_sex = client.get(url + "?dimension=sex").content.decode()
    assert built == ["program", "program", "sex"]
    assert "Resultados principales" in spanish and 'value="sex" selected' in by_sex
    client.get(url + "?dimension=no-such-thing")  # the default again: kept
    assert built == ["program", "program", "sex"]


def test_the_equity_gaps_table_can_become_cards_on_a_phone(client, partnership):
    """pathways.css lays a table.reflow out as cards at 40em and less (issue 20): every cell
    names its column, and the table keeps its roles."""
    login(client, "analyst")
    page = client.get(reverse("reports:dashboard", kwargs={"pk": partnership.pk})
                      ).content.decode()
    gaps = page[page.index('aria-labelledby="gaps-heading"'):]
    gaps = gaps[:gaps.index("</table>")]
    assert '<table class="data reflow" role="table">' in gaps
    rows = gaps.count('<tr role="row">') - 1  # less the header row
    assert rows > 0
    for label in ("Measure", "Dimension", "Group", "All"):
        assert gaps.count(f'data-label="{label}"') == rows
    assert gaps.count('role="rowheader"') == rows
