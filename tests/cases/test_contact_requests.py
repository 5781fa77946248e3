"""The public "talk to a navigator" form (issue 20): a request lands in the queue of the
pathway's partnership; spam and floods are refused with nothing stored; no personal value
reaches a URL or the audit log; navigators work the queue."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core import signing
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.cases import contact, frontdoor
from pathways.apps.cases.models import ContactRequest, Participant
from pathways.apps.catalog.models import Pathway
from pathways.web.pagecache import CACHE_HEADER
from tests.cases.conftest import make_user

pytestmark = pytest.mark.django_db
FORM = "/talk-to-a-navigator/"
SENT = "/talk-to-a-navigator/sent/"
NAME, PHONE, EMAIL = "Rosa Quintanilla", "859 555 0142", "rosa.q@example.org"


def nursing() -> Pathway:
    return Pathway.objects.get(slug="nursing-and-patient-care", draft_of__isnull=True)


def shown_before(seconds: int = 60) -> str:
    """The signed time of a form shown ``seconds`` ago."""
    return signing.TimestampSigner(salt=frontdoor.SALT).sign(str(int(time.time()) - seconds))


def posted(**changes) -> dict:
    data = {"name": NAME, "phone": PHONE, "email": EMAIL, "preferred_language": "es",
            "best_time": "evening", "pathway": str(nursing().pk), "consent": "on",
            "website": "", "started": shown_before()}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def send(client, **changes):
    return client.post(FORM, posted(**changes))


def test_a_request_lands_in_the_queue_of_the_pathways_partnership(client):
    response = send(client)
    assert response.status_code == 302 and response["Location"] == SENT
    found = ContactRequest.objects.get()
    assert found.partnership == nursing().partnership and found.pathway == nursing()
    assert (found.name, found.phone, found.email) == (NAME, PHONE, EMAIL)
    assert (found.preferred_language, found.best_time, found.status) == ("es", "evening", "new")
    with connection.cursor() as cursor:  # encrypted at rest
        cursor.execute("SELECT name, phone, email FROM cases_contactrequest")
        stored = " ".join(cursor.fetchone())
    assert NAME not in stored and "555" not in stored and "rosa" not in stored
    page = client.get(SENT)
    assert page.status_code == 200 and "private" in page["Cache-Control"]
    organisation = contact.who_calls(nursing())
    assert f"A navigator from {organisation} will call or write within 2 working days" in \
        page.content.decode()


def test_the_audit_keeps_no_personal_value(client):
    send(client)
    entry = AuditEntry.objects.get(action="cases.contact_request")
    text = str(entry.changes) + entry.summary + entry.actor_label
    for value in (NAME, "Rosa", PHONE, "0142", EMAIL):
        assert value not in text
    assert entry.changes["name"] == "changed" and entry.changes["best_time"][1] == "evening"


def test_the_honeypot_is_refused_and_nothing_stored(client):
    response = send(client, website="http://spam.example")
    assert response.status_code == 400
    assert "leave the last box empty" in response.content.decode()
    assert not ContactRequest.objects.exists()


@pytest.mark.parametrize("started", [None, "", "junk", "1:bad:sig"])
def test_a_form_without_our_time_is_refused(client, started):
    response = send(client, started=started)
    assert response.status_code == 400 and "very fast" in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_a_form_sent_too_fast_is_refused_then_goes_through(client):
    response = client.post(FORM, posted(started=frontdoor.started_token()))
    assert response.status_code == 400 and "very fast" in response.content.decode()
    assert not ContactRequest.objects.exists()
    # The page comes back with the person's input and a new time to send again.
    assert NAME in response.content.decode()
    assert send(client).status_code == 302


@override_settings(PATHWAYS_CONTACT_LIMIT=2)
def test_too_many_from_one_address_are_refused(client):
    assert send(client).status_code == 302
    assert send(client).status_code == 302
    response = send(client)
    assert response.status_code == 429 and "Too many requests" in response.content.decode()
    assert ContactRequest.objects.count() == 2
    # Another address is not held back.
    assert client.post(FORM, posted(), REMOTE_ADDR="10.9.8.7").status_code == 302


@override_settings(PATHWAYS_CONTACT_LIMIT=1, PATHWAYS_PROXY_COUNT=1)
def test_behind_the_proxy_the_trusted_address_is_counted(client):
    assert client.post(FORM, posted(), HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 302
    assert client.post(FORM, posted(), HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert client.post(FORM, posted(), HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 302


def test_a_window_slides(client, monkeypatch):
    with override_settings(PATHWAYS_CONTACT_LIMIT=1, PATHWAYS_CONTACT_WINDOW_SECONDS=60):
        assert send(client).status_code == 302
        assert send(client).status_code == 429
        later = time.time() + 61
        monkeypatch.setattr(frontdoor.time, "time", lambda: later)
        assert send(client, started=signing.TimestampSigner(salt=frontdoor.SALT).sign(
            str(int(later) - 60))).status_code == 302


def test_a_way_to_reach_the_person_is_needed(client):
    response = send(client, phone="", email="")
    assert response.status_code == 400
    assert "Give a phone number or an email" in response.content.decode()
    assert not ContactRequest.objects.exists()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("phone", "12", "at least 7 digits"),
    ("email", "not-an-email", "valid email"),
    ("consent", None, "Tick the box"),
    ("name", "   ", "required"),
])
def test_each_field_says_what_to_fix(client, field, value, message):
    response = send(client, **{field: value})
    assert response.status_code == 400 and message in response.content.decode()
    assert not ContactRequest.objects.exists()


@pytest.mark.parametrize("pathway", ["999999", "abc", "", "draft"])
def test_a_bad_pathway_is_refused(client, pathway):
    if pathway == "draft":
        draft = Pathway.objects.exclude(status="published").first()
        pathway = str(draft.pk) if draft else "999998"
    response = send(client, pathway=pathway)
    assert response.status_code == 400
    assert not ContactRequest.objects.exists()


def test_the_form_comes_prefilled_and_is_never_kept(client):
    page = client.get(FORM + "?pathway=nursing-and-patient-care", HTTP_ACCEPT_LANGUAGE="es")
    text = page.content.decode()
    assert page.status_code == 200 and "private" in page["Cache-Control"]
    assert f'<option value="{nursing().pk}" selected>' in text
    assert 'value="es"' in text and "csrfmiddlewaretoken" in text
    # With a CSRF cookie already set, the page hands out no cookie: still not kept.
    again = client.get(FORM + "?pathway=nursing-and-patient-care")
    assert CACHE_HEADER not in again
    assert client.get(FORM + "?pathway=no-such-thing").status_code == 200


def test_the_pathway_page_and_search_link_to_the_form(client):
    link = f'{reverse("contact:form")}?pathway=nursing-and-patient-care'
    assert link in client.get(nursing().get_absolute_url()).content.decode()
    found = client.get("/occupations/?q=nurse").content.decode()
    assert link in found


def test_no_personal_value_in_a_url(client):
    response = send(client)
    assert "?" not in response["Location"]
    assert client.get(FORM, {"name": NAME}).status_code == 200  # a GET stores nothing
    assert not ContactRequest.objects.exclude(pk=ContactRequest.objects.get().pk).exists()


class NeverA500(HypothesisTestCase):
    @settings(max_examples=40, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.dictionaries(
        st.sampled_from(["name", "phone", "email", "preferred_language", "best_time",
                         "pathway", "consent", "website", "started"]),
        st.text(max_size=300)))
    def test_any_input(self, junk):
        from django.core.cache import cache

        cache.clear()
        data = posted()
        data.update(junk)
        response = self.client.post(FORM, data)
        assert response.status_code in {302, 400, 429}


# -- the navigators' side -------------------------------------------------------------
@pytest.fixture
def request_sent(client):
    send(client)
    return ContactRequest.objects.get()


def test_the_caseload_shows_new_requests(client, users, request_sent):
    client.force_login(users["navigator"])
    page = client.get("/cases/").content.decode()
    assert "New requests (1)" in page
    queue = client.get("/cases/requests/").content.decode()
    assert NAME in queue and "Nursing" in queue


def test_a_navigator_marks_contacted_then_closes(client, users, request_sent):
    client.force_login(users["navigator"])
    url = request_sent.get_absolute_url()
    assert PHONE in client.get(url).content.decode()
    assert client.post(url, {"do": "contacted"}).status_code == 302
    request_sent.refresh_from_db()
    assert request_sent.status == "contacted" and request_sent.handled_by == users["navigator"]
    assert client.post(url, {"do": "close", "reason": "bogus"}).status_code == 400
    assert client.post(url, {"do": "close", "reason": "unreachable"}).status_code == 302
    request_sent.refresh_from_db()
    assert (request_sent.status, request_sent.close_reason) == ("closed", "unreachable")
    entries = AuditEntry.objects.filter(object_type="cases.contactrequest")
    assert {e.action for e in entries} >= {"cases.contacted", "cases.close_contact_request"}
    assert all(NAME not in str(e.changes) for e in entries)
    # Closed is closed.
    assert client.post(url, {"do": "contacted"}).status_code == 403


def test_enrol_from_a_request(client, users, request_sent):
    client.force_login(users["navigator"])
    url = reverse("cases:enrol_from_request", args=[request_sent.pk])
    form = client.get(url).content.decode()
    assert 'value="Rosa"' in form and 'value="Quintanilla"' in form and PHONE in form
    response = client.post(url, {"first_name": "Rosa", "last_name": "Quintanilla",
                                 "email": EMAIL, "phone": PHONE, "date_of_birth": "1988-04-02",
                                 "preferred_language": "es", "government_id_kind": "",
                                 "version": "0"})
    assert response.status_code == 302
    request_sent.refresh_from_db()
    participant = Participant.objects.get(pk=request_sent.participant_id)
    assert request_sent.status == "enrolled" and participant.navigator == users["navigator"]


def test_enrolling_someone_known_asks_first(client, users, request_sent):
    from pathways.apps.cases.models import Participant

    known = Participant.objects.get(first_name="Paz")
    client.force_login(users["navigator"])
    url = reverse("cases:enrol_from_request", args=[request_sent.pk])
    data = {"first_name": known.first_name, "last_name": known.last_name,
            "date_of_birth": known.date_of_birth.isoformat(), "preferred_language": "es",
            "government_id_kind": "", "version": "0"}
    page = client.post(url, data)
    assert "Is this someone you already know?" in page.content.decode()
    request_sent.refresh_from_db()
    assert request_sent.status == "new"
    assert client.post(url, {**data, "not_a_duplicate": "1"}).status_code == 302
    request_sent.refresh_from_db()
    assert request_sent.status == "enrolled"


def test_erasing_the_participant_deletes_the_request(users, request_sent):
    from pathways.apps.cases.erasure import erase_participant
    from pathways.apps.cases.queries import participant_access

    nav = users["navigator"]
    participant = contact.enrol_from_request(
        contact.contact_request_access(nav, request_sent),
        {"first_name": "Rosa", "last_name": "Q", "date_of_birth": dt.date(1988, 4, 2)})
    counts = erase_participant(participant_access(users["admin"], participant), "Asked to")
    assert counts["cases.contactrequest"] == 1
    assert not ContactRequest.objects.filter(pk=request_sent.pk).exists()


def test_only_the_partnerships_navigators_see_a_request(client, users, request_sent):
    outsider = make_user("nav-far", "navigator")  # no organisation
    client.force_login(outsider)
    assert client.get(request_sent.get_absolute_url()).status_code == 404
    assert NAME not in client.get("/cases/requests/").content.decode()
    client.force_login(make_user("learner", "participant"))
    assert client.get("/cases/requests/").status_code == 403
    assert client.post(request_sent.get_absolute_url(), {"do": "contacted"}).status_code == 403
    client.logout()
    assert client.get("/cases/requests/").status_code == 302
    request_sent.refresh_from_db()
    assert request_sent.status == "new"
