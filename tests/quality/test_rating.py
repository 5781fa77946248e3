"""Members rate: with the page's script (one indicator, JSON) or without it (the whole form);
bad values and closed rounds get a clear error and change nothing; every save is audited."""

from __future__ import annotations

import json

import pytest

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.quality import actions, queries
from pathways.apps.quality.models import Rating
from pathways.core import InputError
from tests.quality.conftest import login

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def rate_url(found, criterion="c1"):
    return f"/quality/rounds/{found.pk}/rate/{criterion}/"


def mine(found, person, indicator="c1-vision"):
    return Rating.objects.filter(round=found, member=person, indicator=indicator).first()


def test_the_script_saves_one_indicator_as_it_changes(rounds, member):
    client = login(member)
    response = client.post(rate_url(rounds["open"]), {
        "indicator": "c1-vision", "c1-vision-value": "3", "c1-vision-note": "Signed in May.",
        "c1-vision-contributes": ["strategy", "employers"], "c1-vision-attention": "data",
        "c1-vision-evidence": "https://example.org/agreement.pdf\n\n"}, **JSON)
    assert response.status_code == 200
    assert json.loads(response.content) == {"saved": ["c1-vision"], "message": "Saved"}
    saved = mine(rounds["open"], member)
    assert (saved.value, saved.note, saved.contributes, saved.attention, saved.evidence) == (
        "3", "Signed in May.", ["employers", "strategy"], ["data"],
        ["https://example.org/agreement.pdf"])
    entry = AuditEntry.objects.filter(action="quality.rating.save").first()
    assert entry.actor_label == "partner" and entry.changes == {"indicators": ["c1-vision"]}
    assert "3" not in json.dumps(entry.changes) and "Signed" not in entry.summary


def test_without_the_script_the_whole_criterion_is_saved(rounds, member):
    client = login(member)
    data = {f"{key}-value": "2" for key in ("c2-several", "c2-associations", "c2-skills")}
    data["go"] = "next"
    response = client.post(rate_url(rounds["open"], "c2"), data)
    assert response.status_code == 302 and response["Location"].endswith("/rate/c3/")
    assert Rating.objects.filter(round=rounds["open"], member=member).count() == 3
    page = client.get(rate_url(rounds["open"], "c2")).content.decode()
    assert 'name="c2-skills-value" value="2" checked' in page


def test_an_unknown_scale_value_is_refused_and_changes_nothing(rounds, member):
    client = login(member)
    client.post(rate_url(rounds["open"]), {"indicator": "c1-vision", "c1-vision-value": "2"},
                **JSON)
    audits = AuditEntry.objects.count()
    response = client.post(rate_url(rounds["open"]), {
        "indicator": "c1-vision", "c1-vision-value": "excellent",
        "c1-vision-note": "changed"}, **JSON)
    assert response.status_code == 400
    (error,) = json.loads(response.content)["errors"]
    assert error == {"field": "c1-vision.value", "message":
                     "unknown scale value 'excellent' for c1-vision (expected one of: 1, 2, 3, "
                     "4, dont_know)"}
    assert (mine(rounds["open"], member).value, mine(rounds["open"], member).note) == ("2", "")
    assert AuditEntry.objects.count() == audits
    page = client.post(rate_url(rounds["open"]), {"c1-vision-value": "9",
                                                  "c1-leaders-value": "3"})
    assert page.status_code == 400
    assert "unknown scale value &#x27;9&#x27;" in page.content.decode()
    assert mine(rounds["open"], member, "c1-leaders") is None  # all or nothing


def test_a_rating_on_a_closed_round_is_refused_and_changes_nothing(rounds, member):
    closed = rounds["spring"]
    before = mine(closed, member).value
    response = login(member).post(rate_url(closed), {"indicator": "c1-vision",
                                                     "c1-vision-value": "1"}, **JSON)
    assert response.status_code == 400
    assert json.loads(response.content)["errors"][0]["message"] == (
        "“Spring 2026 self-assessment” is closed; ratings can no longer be changed")
    page = login(member).post(rate_url(closed), {"c1-vision-value": "1"})
    assert page.status_code == 400 and "is closed" in page.content.decode()
    assert mine(closed, member).value == before
    assert 'disabled' in login(member).get(rate_url(closed)).content.decode()


def test_elements_evidence_and_unknown_indicators_are_checked(rounds, member):
    access = queries.get_round_for(member, rounds["open"].pk)
    bad = actions.RatingInput("c1-vision", "2", contributes=("data", "weather"),
                              attention=("data",), evidence=("javascript:alert(1)",))
    with pytest.raises(InputError) as info:
        actions.save_ratings(access, [bad, actions.RatingInput("nope", "1")])
    fields = [p.field for p in info.value.problems]
    assert fields == ["c1-vision.contributes", "c1-vision.attention", "c1-vision.evidence",
                      "indicator"]
    assert not Rating.objects.filter(round=rounds["open"], member=member).exists()


def test_clearing_an_indicator_removes_the_rating(rounds, member):
    client = login(member)
    client.post(rate_url(rounds["open"]), {"indicator": "c1-vision", "c1-vision-value": "2"},
                **JSON)
    client.post(rate_url(rounds["open"]), {"indicator": "c1-vision"}, **JSON)
    assert mine(rounds["open"], member) is None


def test_the_facilitator_closes_a_round_once(rounds, facilitator, member):
    url = f"/quality/rounds/{rounds['open'].pk}/close/"
    assert login(member).post(url).status_code == 403
    assert login(facilitator).post(url).status_code == 302
    rounds["open"].refresh_from_db()
    assert not rounds["open"].is_open and rounds["open"].closed_at is not None
    access = queries.get_round_for(facilitator, rounds["open"].pk)
    with pytest.raises(InputError, match="already closed"):
        actions.close_round(access)
    assert AuditEntry.objects.filter(action="quality.round.close").count() == 1


def test_round_page_shows_progress_and_only_the_facilitator_sees_names(rounds, facilitator,
                                                                       member):
    page = login(member).get(f"/quality/rounds/{rounds['open'].pk}/").content.decode()
    assert "3 of 10 members have rated so far." in page  # the demo reviewer joined
    assert "Carmen Cruz" not in page
    lead = login(facilitator).get(f"/quality/rounds/{rounds['open'].pk}/").content.decode()
    assert "Carmen Cruz" in lead and "Close the round" in lead
