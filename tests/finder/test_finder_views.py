"""The public finder page (issue 20) on the demo region: plain questions in English and
Spanish, results from the navigation engine, clear errors for bad answers, nothing kept."""

from __future__ import annotations

import pytest
import textstat
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import override_settings

from pathways.apps.catalog.models import Pathway
from pathways.apps.finder.matching import learner_for
from pathways.apps.finder.views import results_for
from pathways.navigation import plan_for
from tests.catalog.plain_text import as_prose, main_blocks
from tests.catalog.test_plain_language import (  # noqa: F401  (an autouse fixture)
    MAX_GRADE,
    _syllables_without_a_download,
    grade,
)

pytestmark = pytest.mark.django_db
URL = "/find/"
# A Spanish-speaking adult without a diploma, learning English, working, who likes helping.
LUCIA = {"education": "some_hs", "english": "simple", "working": "yes", "hours": "20",
         "months": "12", "pay": "15", "per": "hour", "likes": ["helping"]}


def test_the_questions_in_english(client):
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert response.status_code == 200
    for words in ("Find a pathway that fits", "How much school have you finished?",
                  "How well do you speak and read English?", "Do you have a job now?",
                  "How many hours a week do you have for classes?",
                  "How long can you train before you need a new job?",
                  "What pay do you need?", "Helping and caring for people",
                  "We do not save your answers."):
        assert words in text, words
    assert 'method="get"' in text and "csrfmiddlewaretoken" not in text


def test_the_questions_in_spanish(client):
    text = client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    for words in ("Encuentra una ruta que te sirva", "¿Cuánta escuela terminaste?",
                  "¿Qué tan bien hablas y lees inglés?", "Ayudar y cuidar a las personas",
                  "No guardamos tus respuestas."):
        assert words in text, words


def test_results_in_english_come_from_the_engine(client):
    response = client.get(URL, LUCIA, HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Pathways that fit you" in text
    assert "Nursing and Patient Care" in text and "Starts with: English for Health Careers" in text
    assert "to your first job" in text and "a year (" in text
    assert "Fits what you like: Helping and caring for people" in text
    assert "/talk-to-a-navigator/?pathway=nursing-and-patient-care" in text
    assert "Classes meet in the evening, so you can keep working." in text
    # The first result is the engine's route for the same person to the same job.
    answers = response.context["form"].answers()
    results, _talk = results_for(AnonymousUser(), answers)
    best = results.fits[0]
    assert best.key == "nursing-and-patient-care" and best.entry.name == "English learners"
    assert f"{best.first_job.annual:,}" in text
    plan = plan_for(best.graph, learner_for(answers), best.first_job.exit.id)
    option = next(o for o in plan.options if o.entry.id == best.entry.id)
    assert (best.first_job.weeks, best.first_job.cost) == (option.route.weeks,
                                                           option.route.cost)


def test_results_in_spanish(client):
    text = client.get(URL, LUCIA, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Rutas que te sirven" in text
    assert "Enfermería y cuidado de pacientes" in text
    assert "Empieza con: Inglés para carreras de salud" in text
    assert "hasta tu primer trabajo" in text and "Habla con un orientador" in text
    assert "Va con lo que te gusta: Ayudar y cuidar a las personas" in text


def test_nothing_fits_says_why_and_what_to_do(client):
    asked = {**LUCIA, "pay": "200000", "per": "year"}
    for language, words in (("en", ("Nothing fits everything you told us",
                                    "Their jobs pay less than you said you need.",
                                    "The nearest options", "Talk to a navigator")),
                            ("es", ("Nada cumple con todo lo que nos dijiste",
                                    "Sus trabajos pagan menos de lo que dijiste que necesitas.",
                                    "Lo más cercano", "Habla con un orientador"))):
        text = client.get(URL, asked, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        for word in words:
            assert word in text, (language, word)
        assert 'href="/talk-to-a-navigator/"' in text


@pytest.mark.parametrize(("asked", "field", "message"), [
    ({"english": "simple"}, "education", "Choose one of the answers."),
    ({"education": "phd", "english": "simple"}, "education", "Choose one of the answers."),
    ({"education": "hs", "english": "simple", "hours": "²"}, "hours",
     "Choose one of the answers."),
    ({"education": "hs", "english": "simple", "pay": "lots"}, "pay",
     "Write a number, like 18 or 40000."),
    ({"education": "hs", "english": "simple", "pay": "١٢"}, "pay",
     "Write a number, like 18 or 40000."),
    ({"education": "hs", "english": "simple", "pay": "9" * 40}, "pay",
     "Write a number, like 18 or 40000."),
    ({"education": "hs", "english": "simple", "pay": "900"}, "pay",
     "That is more than $500 an hour."),
    ({"education": "hs", "english": "simple", "pay": "20", "per": "year"}, "pay",
     "That is very little for a year."),
    ({"education": "hs", "english": "simple", "likes": ["flying"]}, "likes",
     "Choose from the list."),
    ({"education": "hs", "english": "simple", "per": "week"}, "per",
     "Choose one of the answers."),
])
def test_bad_answers_are_form_errors(client, asked, field, message):
    response = client.get(URL, asked, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    text = response.content.decode()
    assert "Please check your answers." in text and "Pathways that fit you" not in text


def test_pay_written_as_people_write_it(client):
    response = client.get(URL, {**LUCIA, "pay": "$40,000", "per": "year"})
    assert response.context["form"].answers().pay == 40000
    assert client.get(URL, {**LUCIA, "pay": " 17.50 "}).context["form"].answers().pay == 36400


def test_a_bad_answer_in_spanish(client):
    text = client.get(URL, {"english": "simple"}, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Revisa tus respuestas." in text and "Elige una de las respuestas." in text


@override_settings(PATHWAYS_PAGE_CACHE_SECONDS=300)
def test_answers_are_never_kept(client):
    """Nothing is stored: no row, no session, and the answered page is not kept by the page
    cache, a browser or a proxy."""
    from django.contrib.sessions.models import Session

    sessions = Session.objects.count()
    cache.clear()
    first = client.get(URL, LUCIA)
    again = client.get(URL, LUCIA)
    assert "no-store" in first["Cache-Control"] and "private" in first["Cache-Control"]
    assert again.get("X-Pathways-Page-Cache") is None
    assert not first.cookies and Session.objects.count() == sessions
    assert client.get(URL).status_code == 200  # the empty form may be kept like any page


def test_drafts_and_archived_pathways_are_left_out(client):
    nursing = Pathway.objects.get(slug="nursing-and-patient-care")
    nursing.status = Pathway.Status.ARCHIVED
    nursing.save(update_fields=["status"])
    text = client.get(URL, LUCIA, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Nursing and Patient Care" not in text


def test_when_no_way_in_is_open_it_says_which_and_why(client):
    """Someone with a diploma who is just starting English: the English ways in need a bit
    more English, the bridges are for people without a diploma."""
    asked = {"education": "hs", "english": "starting"}
    text = client.get(URL, asked, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    if "Nothing fits everything you told us" in text:
        assert "The ways in we looked at:" in text
        assert "You need a little more English first." in text
    es = client.get(URL, asked, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert ("Primero necesitas un poco más de inglés" in es) == (
        "You need a little more English first." in text)


def test_without_any_published_pathway(client):
    Pathway.objects.filter(status="published").update(status="archived")
    text = client.get(URL, LUCIA, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Nothing fits everything you told us" in text
    assert "No way in is open to you yet" in text


def test_linked_from_home_and_the_explainer(client):
    for page in ("/", "/what-is-a-career-pathway/"):
        assert f'href="{URL}"' in client.get(page).content.decode(), page



@override_settings(PATHWAYS_PAGE_CACHE_SECONDS=0)
def test_a_later_visit_reads_a_fixed_few_queries(client):
    """Each pathway's graph is kept between catalog changes (catalog.graph): after the first
    visit the page reads the pathways, the exits' interests and the first steps, whatever
    the number of pathways."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(URL, LUCIA)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, LUCIA).status_code == 200
    assert len(queries) <= 4, [q["sql"][:80] for q in queries]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("asked", [{}, LUCIA, {**LUCIA, "pay": "200000", "per": "year"}])
def test_the_page_and_its_results_read_at_grade_8_or_below(client, asked, language):
    # The same measure as every public page (tests/catalog/test_plain_language.py).
    textstat.set_lang(language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(URL, asked, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert grade(as_prose(main_blocks(page)), language) <= MAX_GRADE
