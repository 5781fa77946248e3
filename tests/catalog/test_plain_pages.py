"""Plain words on the public pages (issue 20): each exit's plain summary with O*NET's
description under "Official description", how to sign up for a program and where and when
it meets, reading levels in words, and codes behind "details"; in English and Spanish."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from pathways.apps.catalog import display
from pathways.apps.catalog.models import EntryPoint, ExitPoint, Program

pytestmark = pytest.mark.django_db

NURSING = "/pathways/nursing-and-patient-care/"
AIDE = "/occupations/31-1131.00/"


@pytest.fixture(autouse=True)
def _english_after():
    yield
    translation.activate("en")


def html_of(client, url: str, language: str = "en") -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def details_of(html: str) -> str:
    """Everything inside the page's <details> elements."""
    return " ".join(re.findall(r"<details.*?</details>", html, flags=re.S))


def outside_details(html: str) -> str:
    """The page's text without its <details> elements."""
    return text_of(re.sub(r"<details.*?</details>", " ", html, flags=re.S))


def test_every_demo_exit_has_a_plain_summary_in_both_languages():
    exits = ExitPoint.objects.filter(pathway__is_sample=True, pathway__draft_of__isnull=True)
    assert exits.count() >= 12
    assert all(e.summary_en and e.summary_es for e in exits)


def test_the_pathway_page_shows_each_exit_summary_and_the_official_one_behind_details(client):
    html = html_of(client, NURSING)
    assert "You take blood from people for tests." in text_of(html)
    assert "Official description" in html
    official = details_of(html)
    assert "Draw blood" in official  # O*NET's words, only inside <details>
    assert "Draw blood" not in outside_details(html)
    assert "From O*NET, by the U.S. Department of Labor." in official
    spanish = html_of(client, NURSING, "es")
    assert "Sacas sangre a las personas para hacer pruebas." in text_of(spanish)
    assert "Descripción oficial" in spanish
    assert '<p lang="en">' in details_of(spanish)  # O*NET is in English only


def test_the_job_page_leads_with_the_plain_summary(client):
    html = html_of(client, AIDE)
    lead = re.search(r'<p class="lead exit-summary">(.*?)</p>', html).group(1)
    assert lead.startswith("You help patients wash, dress, eat and move.")
    assert "basic care or support" in details_of(html)
    assert "O*NET-SOC code 31-1131.00" in details_of(html)
    assert "Job zone" not in html
    spanish = html_of(client, AIDE, "es")
    assert "Ayudas a los pacientes a bañarse" in text_of(spanish)


def test_a_job_without_a_summary_shows_the_official_description_and_says_so(client):
    ExitPoint.objects.filter(occupation_id="29-1141.00").update(summary_en="", summary_es=None)
    html = html_of(client, "/occupations/29-1141.00/")
    assert "exit-summary" not in html
    assert "This is the official description from O*NET" in html


def test_wages_say_most_people_earn_between_and_percentiles_wait_behind_details(client):
    html = html_of(client, AIDE)
    assert "Most people earn between $" in text_of(html)
    assert "percentile" not in outside_details(html)
    assert "10th percentile" in details_of(html)


def test_a_program_step_says_how_to_sign_up_and_where_and_when(client):
    html = html_of(client, NURSING)
    body = text_of(html)
    assert "How to sign up" in body
    assert ('href="https://example.org/rvctc/enroll/nurse-aide-training"' in html)
    assert "Sign up with River Valley Community and Technical College (sample)" in body
    assert "Where and when" in body
    assert "Downtown Learning Center: 215 Main Street, Riverton, KY 41888 " \
           "(Room 104, evenings)" in body
    assert "Evenings · In person" in body
    spanish = text_of(html_of(client, NURSING, "es"))
    assert "Cómo inscribirte" in spanish and "Dónde y cuándo" in spanish
    assert "(Salón 104, por la noche)" in spanish


def test_program_codes_and_the_wioa_check_wait_behind_details(client):
    html = html_of(client, NURSING)
    outside = outside_details(html)
    assert "CIP" not in outside and "51.3902" not in outside
    assert "CIP 51.3902" in details_of(html)
    assert "Sec. 3(7)" in details_of(html) and "Sec. 3(7)" not in outside


def test_reading_levels_are_said_as_school_grades_not_test_scores(client):
    bridge = EntryPoint.objects.get(pathway__slug="nursing-and-patient-care",
                                    name_en="Adult education bridge")
    assert "You read and do math at about a grade 4 to 12 level." in display.who_for(bridge)
    learners = EntryPoint.objects.get(pathway__slug="nursing-and-patient-care",
                                      name_en="English learners")
    assert "Your English: from beginning to advanced." in display.who_for(learners)
    body = text_of(html_of(client, NURSING))
    assert "CASAS" not in body and "ABE" not in body
    assert "You read at about a grade 4 level or higher." in body
    spanish = text_of(html_of(client, NURSING, "es"))
    assert "Tu inglés: de principiante a avanzado." in spanish


@pytest.mark.parametrize(("low", "high", "said"), [
    ("ABE4", "", "You read and do math at about a grade 6 level or higher."),
    ("", "ABE2", "You read and do math at about a grade 3 level or lower."),
    ("ESL4", "ESL5", "Your English: intermediate."),
    ("ESL2", "", "Your English: beginning or better."),
])
def test_each_level_in_words(low, high, said):
    entry = EntryPoint(kind=EntryPoint.Kind.ADULT_EDUCATION, min_efl=low, max_efl=high)
    assert said in display.who_for(entry)


def test_an_enrollment_page_must_be_https():
    program = Program.objects.filter(is_sample=True).first()
    program.url = "http://example.org/enroll"
    with pytest.raises(ValidationError) as caught:
        program.full_clean()
    assert "url" in caught.value.message_dict
    program.url = "https://example.org/enroll"
    program.full_clean()


def test_the_explainer_and_my_plan_show_the_plain_summary(client):
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from pathways.apps.cases.models import Participant

    explainer = text_of(html_of(client, "/what-is-a-career-pathway/"))
    shown = [e.summary_en for e in ExitPoint.objects.filter(
        pathway__slug="nursing-and-patient-care") if e.summary_en in explainer]
    assert shown  # the example's jobs say what the job is
    client.force_login(get_user_model().objects.get(username="participant"))
    for language in ("en", "es"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = text_of(html_of(client, "/cases/my-plan/", language))
        goal = Participant.objects.get(user__username="participant").plan.goal
        assert getattr(goal, f"summary_{language}") in page
