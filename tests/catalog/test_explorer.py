"""The public explorer, through the Django test client, on the demo region."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from pathways.apps.catalog.display import usd
from pathways.apps.catalog.models import Occupation, Pathway, Wage

pytestmark = pytest.mark.django_db

NURSING = "/pathways/nursing-and-patient-care/"


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_home_lists_the_three_sectors_without_a_login(client):
    page = client.get("/")
    assert page.status_code == 200
    body = text_of(page)
    for sector in ("Healthcare", "Advanced Manufacturing", "Information Technology"):
        assert sector in body
    assert "3 pathways" not in body  # each sector has one
    assert "1 pathway" in body


def test_sector_and_pathway_lists(client):
    sector = Pathway.objects.get(slug="nursing-and-patient-care").sector
    page = client.get(f"/sectors/{sector.slug}/")
    assert page.status_code == 200
    assert "Nursing and Patient Care" in text_of(page)
    listing = text_of(client.get("/pathways/"))
    assert all(p.name in listing for p in Pathway.objects.filter(is_sample=True))


def test_pathway_page_shows_map_steps_entries_exits_and_wages(client):
    page = client.get(NURSING)
    assert page.status_code == 200
    html = page.content.decode()
    body = text_of(page)
    pathway = Pathway.objects.get(slug="nursing-and-patient-care")
    # The map is inline SVG with a title and a description, and a text version follows.
    assert re.search(r'<svg class="pathway-map"[^>]*role="img"', html)
    assert "<desc id=\"map-desc\">" in html
    for component in pathway.components.all():
        assert component.name in body
    for entry in pathway.entry_points.all():
        assert entry.name in body
    # Each exit shows the Kentucky median from the OEWS rows loaded.
    for exit_point in pathway.exit_points.select_related("occupation"):
        wage = Wage.objects.get(area="21", occ_code=exit_point.occupation.soc_code)
        assert exit_point.occupation.title in body
        assert usd(wage.annual_median) in body
    assert "Kentucky" in body
    assert "Sample data" in body
    assert "O*NET" in body and "CC BY 4.0" in body  # attribution wherever O*NET data shows


def test_pathway_page_has_the_wioa_panel_with_seven_elements(client):
    html = client.get(NURSING).content.decode()
    panel = html[html.index('id="wioa"'):]
    panel = panel[:panel.index("</section>")]
    for element in "ABCDEFG":
        assert f"({element})" in panel
    assert panel.count('class="wioa-item"') == 7
    assert "academic advising" in panel  # support categories in words, not codes


@override_settings(PATHWAYS_PAGE_CACHE_SECONDS=0)  # count the render, not the kept page
def test_pathway_page_reads_a_fixed_number_of_queries(client):
    from django.core.cache import cache

    client.get(NURSING)  # warm Django's own caches (content types)
    cache.clear()  # nothing kept: the graph is read from the rows
    with CaptureQueriesContext(connection) as first:
        client.get(NURSING)
    with CaptureQueriesContext(connection) as kept:
        client.get(NURSING)
    with CaptureQueriesContext(connection) as again:
        client.get("/pathways/it-support-and-networking/")
    assert len(first) < 60
    assert len(kept) <= len(first) - 10  # the graph is kept between requests
    # A different pathway does not cost more queries per step (no N+1 on components).
    assert abs(len(first) - len(again)) <= 10


def test_drafts_are_hidden_from_the_public_and_shown_to_editors(client):
    pathway = Pathway.objects.get(slug="it-support-and-networking")
    pathway.status = Pathway.Status.DRAFT
    pathway.save()
    assert client.get(f"/pathways/{pathway.slug}/").status_code == 404
    assert client.get(f"/pathways/{pathway.slug}/ctdl.jsonld").status_code == 404
    assert pathway.name not in text_of(client.get("/pathways/"))
    client.force_login(get_user_model().objects.get(username="editor"))
    page = client.get(f"/pathways/{pathway.slug}/")
    assert page.status_code == 200
    assert "Draft" in text_of(page)


def test_unknown_pages_are_404(client):
    assert client.get("/pathways/no-such-pathway/").status_code == 404
    assert client.get("/sectors/no-such-sector/").status_code == 404
    assert client.get("/occupations/99-9999.99/").status_code == 404


def test_occupation_page_shows_wages_education_related_pathways_and_programs(client):
    page = client.get("/occupations/29-1141.00/")
    assert page.status_code == 200
    body = text_of(page)
    national = Wage.objects.get(area="99", occ_code="29-1141")
    for figure in (national.annual_median, national.annual_p10, national.annual_p90):
        assert usd(figure) in body
    occupation = Occupation.objects.get(code="29-1141.00")
    assert occupation.description[:60] in body
    assert "Considerable preparation needed" in body  # O*NET's job zone 4, in words
    assert "Nursing and Patient Care" in body  # a pathway that leads here
    assert "Associate Degree Nursing" in body  # a program through the CIP-SOC crosswalk
    assert "O*NET" in body and "Bureau of Labor Statistics" in body


def test_occupation_search_by_title_and_by_code(client):
    by_title = text_of(client.get("/occupations/", {"q": "nurse"}))
    assert "Registered Nurses" in by_title
    by_code = text_of(client.get("/occupations/", {"q": "29-1141"}))
    assert "Registered Nurses" in by_code
    nothing = text_of(client.get("/occupations/", {"q": "zzzzqqqq"}))
    assert "No job matches" in nothing


def test_ctdl_download_is_the_pathway_as_json_ld(client):
    pathway = Pathway.objects.get(slug="nursing-and-patient-care")
    response = client.get(f"{NURSING}ctdl.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(response.content)
    ids = [node.get("ceterms:ctid") for node in document["@graph"]]
    assert pathway.ctid in ids


def test_pages_are_in_spanish_when_asked(client):
    page = client.get(NURSING, HTTP_ACCEPT_LANGUAGE="es")
    assert page.status_code == 200
    assert 'lang="es"' in page.content.decode()


def test_login_page_renders_and_names_its_fields(client):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'for="id_username"' in html and 'for="id_password"' in html
    bad = client.post("/accounts/login/", {"username": "editor", "password": "wrong"})
    assert bad.status_code == 200
    assert 'role="alert"' in bad.content.decode()
