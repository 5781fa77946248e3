"""The pathway map on a phone (issue 20): levels top to bottom, steps as cards, ways in and
jobs marked, built in the same pass as the wide drawing (pathway_map.layout_map)."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from pathways.apps.catalog.display import usd
from pathways.apps.catalog.models import Pathway, Wage
from pathways.apps.catalog.pathway_map import layout_map, load_parts

pytestmark = pytest.mark.django_db
NURSING = "/pathways/nursing-and-patient-care/"


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A Spanish request leaves Spanish active in this thread; later tests expect English."""
    yield
    translation.deactivate()


def narrow(html: str) -> str:
    """The text of the phone's map only."""
    start = html.index('<div class="map-narrow">')
    part = html[start:html.index('<div class="map-wide">')]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part))


def test_the_rows_are_the_levels_and_the_cards_the_boxes():
    pathway = Pathway.objects.get(slug="nursing-and-patient-care")
    parts = load_parts(pathway)
    drawn = layout_map(parts)
    assert [row.level_id for row in drawn.rows] == [level.pk for level in parts.levels]
    carded = [card.component_id for row in drawn.rows for card in row.cards]
    assert sorted(carded) == sorted(box.component_id for box in drawn.boxes)
    assert sum(len(card.entries) for row in drawn.rows for card in row.cards) \
        == len(parts.entries)
    assert sum(len(card.exits) for row in drawn.rows for card in row.cards) == len(parts.exits)
    # Where the drawing has an arrow for "leads to", the card says "then" in words.
    leads = sum(1 for arrow in drawn.arrows if arrow.kind == "leads")
    assert sum(len(card.then) for row in drawn.rows for card in row.cards) == leads > 0


def test_the_phone_map_shows_every_level_step_way_in_and_job_with_pay(client):
    html = client.get(NURSING, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    text = narrow(html)
    pathway = Pathway.objects.get(slug="nursing-and-patient-care")
    for n, level in enumerate(pathway.levels.order_by("order"), start=1):
        assert f"Level {n}: {level.name}" in text
    for component in pathway.components.all():
        assert component.name in text
    for entry in pathway.entry_points.all():
        kind = entry.get_kind_display()
        assert (f"Start here: {entry.name} ({kind})" if kind != entry.name
                else f"Start here: {entry.name}") in text
    for exit_point in pathway.exit_points.select_related("occupation"):
        assert f"Job: {exit_point.occupation.title}" in text
        wage = Wage.objects.filter(occ_code=exit_point.occupation.soc_code,
                                   area="21").first()
        if wage and wage.annual_median:
            assert usd(wage.annual_median) in text
    assert "Then:" in text and "How long" in text and "Cost" in text and "Where" in text
    assert "Levels go from top to bottom." in text
    # The wide drawing is still on the page, for wider screens, and only one map title.
    assert html.count('<svg class="pathway-map"') == 1
    assert '<div class="map-wide">' in html


def test_the_phone_map_in_spanish(client):
    html = client.get(NURSING, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    text = narrow(html)
    assert "Nivel 1:" in text and "Empieza aquí:" in text and "Trabajo:" in text
    assert "Después:" in text and "Los niveles van de arriba abajo." in text
    first = Pathway.objects.get(slug="nursing-and-patient-care").levels.order_by("order")[0]
    assert first.name_es and first.name_es in text  # the region's own Spanish


def test_the_stylesheet_shows_one_map_by_width():
    """No inline style (CSP): the switch is in the site's stylesheet."""
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("pathways/pathways.css")).read_text(encoding="utf-8")
    assert ".map-wide { display: none; }" in css
    block = css[css.index("@media (min-width: 48rem) {\n  .map-narrow"):]
    assert ".map-narrow { display: none; }" in block.split("}\n}")[0] + "}"


def test_the_wage_table_can_become_cards_on_a_phone(client):
    html = client.get("/occupations/29-1141.00/").content.decode()
    table = html[html.index('<table class="data reflow" role="table">'):]
    table = table[:table.index("</table>")]
    rows = table.count('<th scope="row" role="rowheader">')
    assert rows >= 2  # the U.S. and Kentucky
    for label in ("Median", "10th percentile", "90th percentile", "Hourly median", "Jobs"):
        assert table.count(f'data-label="{label}"') == rows
