"""Readability of the public pages and My plan: at or below grade 8, in English and Spanish.

Measured with textstat (PyPI) on the visible text of each page's ``<main>`` as a reader
sees it (tests/catalog/plain_text.py: each paragraph, list item, heading or cell is one
sentence; a closed ``<details>`` counts only by its summary; the SVG map and the
prescribed data credits are left out):

- English: the Flesch-Kincaid grade level, at most 8.
- Spanish: the Fernández-Huerta reading ease (the Spanish form of Flesch's reading ease,
  with Spanish syllable counts), turned into a grade with Flesch's own table, which
  Fernández-Huerta kept: 90 is 5th grade, 80 6th, 70 7th, 60 the end of 9th (the table's
  "8th-9th grade" band), 50 12th, 30 college. Between two points the grade is read on
  the straight line, so grade 8 is a reading ease of 65. Not chosen: Flesch-Kincaid on
  Spanish (Spanish words have more syllables: every page would read as grade 11-13),
  Crawford (calibrated only on primary-school texts, grades 1-6) and INFLESZ
  (Szigriszt-Pazos), whose scale names school stages (primaria, ESO), not grades.

Syllables are counted with Pyphen's hyphenation dictionaries in both languages (textstat's
own fallback): textstat's English default, NLTK's CMU dictionary, is downloaded at first
use, and a test run must not fetch anything.
"""

from __future__ import annotations

import pytest
import textstat
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from pathways.apps.catalog.models import ExitPoint, Pathway
from tests.catalog.plain_text import as_prose, main_blocks

pytestmark = pytest.mark.django_db

MAX_GRADE = 8
# Flesch's table, lowest reading ease of each band -> the grade it ends at.
FLESCH_TABLE = [(100, 4.0), (90, 5.0), (80, 6.0), (70, 7.0), (60, 9.0), (50, 12.0),
                (30, 16.0), (0, 18.0)]


def spanish_grade(reading_ease: float) -> float:
    """A Fernández-Huerta reading ease as a school grade (Flesch's table, straight lines
    between its points; above 100 is 4th grade, below 0 is 18)."""
    if reading_ease >= FLESCH_TABLE[0][0]:
        return FLESCH_TABLE[0][1]
    for (high, easier), (low, harder) in zip(FLESCH_TABLE, FLESCH_TABLE[1:], strict=False):
        if reading_ease >= low:
            return harder - (reading_ease - low) * (harder - easier) / (high - low)
    return FLESCH_TABLE[-1][1]


def grade(text: str, language: str) -> float:
    if language == "en":
        return textstat.textstat.flesch_kincaid_grade(text)
    return spanish_grade(textstat.textstat.fernandez_huerta(text))


@pytest.fixture(autouse=True)
def _syllables_without_a_download(monkeypatch):
    """Pyphen for English syllables too (see the module's docstring)."""
    from textstat.backend.counts import _count_syllables

    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda language: None)
    yield
    textstat.set_lang("en")
    translation.activate("en")


def public_pages() -> list[str]:
    """The demo region's public pages: home, the explainer, sectors, a sector, the list of
    pathways, every published demo pathway and a job that is one of their exits; also the
    finder, a job search, "Talk to a navigator", privacy and accessibility."""
    pathways = Pathway.objects.filter(is_sample=True, status=Pathway.Status.PUBLISHED,
                                      draft_of__isnull=True).order_by("slug")
    exit_point = ExitPoint.objects.filter(pathway__in=pathways).order_by("pk").first()
    return ["/", reverse("catalog:explainer"), reverse("catalog:sectors"),
            reverse("catalog:sector", args=[pathways[0].sector.slug]),
            reverse("catalog:pathways"), *[p.get_absolute_url() for p in pathways],
            reverse("catalog:occupation", args=[exit_point.occupation_id]),
            reverse("finder:find"), reverse("catalog:occupations") + "?q=nurse",
            reverse("contact:form"), reverse("catalog:privacy"),
            reverse("catalog:accessibility")]


def page_text(client: Client, url: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    assert response["Content-Language"] == language, url
    return as_prose(main_blocks(response.content.decode()))


def check(text: str, url: str, language: str) -> None:
    textstat.set_lang(language)
    assert textstat.lexicon_count(text) >= 20, f"{url}: too little text to measure"
    found = grade(text, language)
    if found > MAX_GRADE:
        hardest = sorted(((grade(s, language), s) for s in text.split(". ")
                          if textstat.lexicon_count(s) >= 8), reverse=True)[:5]
        lines = "\n".join(f"  {g:4.1f}  {s[:120]}" for g, s in hardest)
        pytest.fail(f"{url} ({language}) reads at grade {found:.1f}, above {MAX_GRADE}. "
                    f"Hardest sentences:\n{lines}")


@pytest.mark.parametrize("language", ["en", "es"])
def test_public_pages_read_at_grade_8_or_below(client, language):
    for url in public_pages():
        check(page_text(client, url, language), url, language)


@pytest.mark.parametrize("language", ["en", "es"])
def test_my_plan_reads_at_grade_8_or_below(client, language):
    client.force_login(get_user_model().objects.get(username="participant"))
    url = reverse("cases:my_plan")
    check(page_text(client, url, language), url, language)


def test_the_spanish_grade_follows_flesch_table():
    assert spanish_grade(90) == 5 and spanish_grade(70) == 7 and spanish_grade(60) == 9
    assert spanish_grade(65) == 8
    assert spanish_grade(120) == 4 and spanish_grade(-5) == 18


def test_the_measure_tells_hard_text_from_plain_text():
    """The measure itself: O*NET's wording reads far above grade 8, the demo's summary of
    the same job below it."""
    textstat.set_lang("en")
    onet = ("Provide or assist with basic care or support under the direction of onsite "
            "licensed nursing staff. Perform duties such as monitoring of health status, "
            "feeding, bathing, dressing, grooming, toileting, or ambulation of patients in a "
            "health or nursing facility.")
    plain = ExitPoint.objects.filter(occupation_id="31-1131.00", pathway__is_sample=True) \
        .first().summary_en
    assert grade(onet, "en") > 10 > MAX_GRADE >= grade(plain, "en")


def test_the_text_of_main_leaves_out_closed_details_but_keeps_their_summary():
    html = ("<header><p>Site name</p></header><main><h1>Title</h1><ul><li>One</li>"
            "<li>Two.</li></ul><details><summary>Official description</summary>"
            "<p>Hidden words</p></details><svg><text>Map</text></svg>"
            "<section class=\"sources\"><p>Credit</p></section><p>End</p></main>")
    assert main_blocks(html) == ["Title", "One", "Two.", "Official description", "End"]
    assert as_prose(["Title", "Two."]) == "Title. Two."
