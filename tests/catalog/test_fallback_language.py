"""English shown on a Spanish page (no Spanish value yet) is marked ``lang="en"`` so that a
screen reader speaks it as English: the ``text`` filter, the public pathway page and map,
and My plan's step names."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from pathways.apps.catalog.languages import fallback_texts, shown
from pathways.apps.catalog.models import Pathway, PathwayComponent, ProgressionLevel

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_after():
    """A Spanish request leaves Spanish active in this thread: later tests expect English."""
    yield
    translation.activate("en")

NURSING = "/pathways/nursing-and-patient-care/"


def render(source: str, **context) -> str:
    return Template("{% load languages %}" + source).render(Context(context))


def test_the_text_filter_marks_only_an_english_fallback():
    step = PathwayComponent(name_en="College <Algebra>", name_es=None,
                            description_en="Math", description_es="Matemáticas")
    with translation.override("es"):
        assert render('{{ s|text:"name" }}', s=step) == \
            '<span lang="en">College &lt;Algebra&gt;</span>'
        assert render('{{ s|text:"description" }}', s=step) == "Matemáticas"
        assert render('{{ s|text_lang:"name" }}|{{ s|text_lang:"description" }}',
                      s=step) == "en|"
        assert render('{{ s|text:"code" }}', s=PathwayComponent(code="MAT 150")) == "MAT 150"
        assert render('{{ s|text:"name" }}', s=PathwayComponent(name_en="", name_es=None)) == ""
    with translation.override("en"):
        assert render('{{ s|text:"name" }}', s=step) == "College &lt;Algebra&gt;"
        assert render('{{ s|text:"description" }}', s=step) == "Math"


def test_plain_strings_are_marked_when_they_fell_back():
    rows = [PathwayComponent(name_en="Welding I", name_es=None),
            PathwayComponent(name_en="CPR", name_es="RCP")]
    with translation.override("es"):
        found = fallback_texts(rows)
        assert found == frozenset({"Welding I"})
        assert shown(rows[1], "name") == ("RCP", "")
        html = render("{{ a|english_if_in:f }} {{ b|english_if_in:f }}", a="Welding I",
                      b="RCP", f=found)
    assert html == '<span lang="en">Welding I</span> RCP'
    with translation.override("en"):
        assert fallback_texts(rows) == frozenset()


def test_the_spanish_pathway_page_and_map_mark_english_names(client):
    pathway = Pathway.objects.get(slug="nursing-and-patient-care")
    step = PathwayComponent.objects.get(pathway=pathway, name_en="College Algebra")
    PathwayComponent.objects.filter(pk=step.pk).update(name_es=None)
    level = ProgressionLevel.objects.filter(pathway=pathway).order_by("order").first()
    ProgressionLevel.objects.filter(pk=level.pk).update(
        description_en="Short classes to get ready for college.", description_es=None)
    html = client.get(NURSING, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<h4><span lang="en">College Algebra</span></h4>' in html
    assert 'lang="en">College Algebra</text>' in html  # the map's box
    assert 'class="column-note"' in html and 'lang="en">Short classes to get ready' in html
    assert '<span lang="en">Short classes to get ready for college.</span>' in html
    english = client.get(NURSING, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en">College Algebra' not in english
    assert "Short classes to get ready" in english


def test_my_plan_marks_a_step_without_a_spanish_name(client):
    from django.contrib.auth import get_user_model

    step = PathwayComponent.objects.get(name_en="Healthcare Bridge with GED preparation")
    PathwayComponent.objects.filter(pk=step.pk).update(name_es=None)
    client.force_login(get_user_model().objects.get(username="participant"))
    html = client.get("/cases/my-plan/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<span lang="en">Healthcare Bridge with GED preparation</span>' in html
    client.cookies["django_language"] = "en"
    english = client.get("/cases/my-plan/").content.decode()
    assert "Healthcare Bridge with GED preparation" in english
    assert '<span lang="en">Healthcare' not in english
