"""The state view: a state partnership's local partnerships side by side, with only what
each has published or shared; who may open it; how a local partnership names its state."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pathways.apps.accounts.models import Membership, Partnership, Profile, Role
from pathways.apps.catalog.models import Pathway
from pathways.apps.partnership import queries, state
from pathways.apps.quality.models import FrameworkVersion, Rating, Round
from pathways.core.errors import InputError
from pathways.demo import partnership as demo_file
from pathways.demo.region import demo_partnership

pytestmark = pytest.mark.django_db
STATE = "Kentucky Career Pathways (sample)"
OTHER_LOCAL = "Lake Cumberland Career Pathways Partnership (sample)"


def login(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def person(username: str, role: str, *partnerships: Partnership):
    found = get_user_model().objects.create_user(username)
    Profile.objects.create(user=found, role=role)
    for partnership in partnerships:
        Membership.objects.create(user=found, partnership=partnership)
    return found


@pytest.fixture
def kentucky() -> Partnership:
    return Partnership.objects.get(name=STATE)


def url(partnership: Partnership) -> str:
    return reverse("partnership:state", args=[partnership.pk])


def test_the_demo_region_is_a_local_of_the_demo_state(kentucky):
    assert kentucky.scope == "state" and kentucky.is_sample
    assert [p.name for p in kentucky.local_partnerships.order_by("name")] == [
        demo_partnership().name, OTHER_LOCAL]
    assert not kentucky.memberships.exists()  # each demo account keeps one partnership


@pytest.fixture
def state_analyst(kentucky):
    """An analyst who is a member of the state partnership only."""
    return person("state-analyst", Role.ANALYST, kentucky)


def test_a_member_analyst_sees_each_local_side_by_side(kentucky, state_analyst):
    demo = demo_partnership()
    page = login("state-analyst").get(url(kentucky))
    assert page.status_code == 200
    text = page.content.decode()
    assert demo.name in text and OTHER_LOCAL in text
    for pathway in Pathway.objects.filter(partnership=demo, status="published",
                                          draft_of__isnull=True):
        assert pathway.name in text
    assert "of 7 WIOA elements met" in text
    # commitments counted from records, in totals only
    assert f"{demo.commitments.count()} commitments" in text
    assert "slots and hires used" in text
    # the latest closed round, never the open one
    assert "Spring 2026 self-assessment" in text
    assert "Autumn 2026 self-assessment" not in text
    run = demo.measure_runs.get()
    assert run.measures[0]["name"] in text
    # the other local has shared nothing yet
    assert "None published." in text and "No closed round yet." in text
    assert "No measures run published yet." in text
    # the state partnership's page links here for this person
    assert url(kentucky) in login("state-analyst").get(
        reverse("partnership:page", args=[kentucky.pk])).content.decode()


def test_no_drafts_no_withdrawn_runs_no_people(kentucky, state_analyst):
    demo = demo_partnership()
    hidden = Pathway.objects.filter(partnership=demo, status="published",
                                    draft_of__isnull=True).first()
    Pathway.objects.filter(pk=hidden.pk).update(status=Pathway.Status.DRAFT)
    demo.measure_runs.update(withdrawn_at=timezone.now(), withdrawn_reason="wrong file")
    text = login("state-analyst").get(url(kentucky)).content.decode()
    assert hidden.name not in text
    assert demo.measure_runs.get().measures[0]["name"] not in text
    from pathways.apps.cases.models import Participant

    for participant in Participant.objects.all()[:5]:
        assert participant.last_name not in text


def test_too_few_raters_are_withheld_with_the_members_minimum_cell(kentucky, state_analyst):
    local = Partnership.objects.get(name=OTHER_LOCAL)
    version = FrameworkVersion.objects.get(key="aqcp-local", partnership__isnull=True)
    found = Round.objects.create(partnership=local, framework=version, title="Lake round",
                                 framework_checksum=version.checksum, status="closed",
                                 closed_at=timezone.now())
    raters = [person(f"lake-{n}", Role.PARTNER_STAFF, local) for n in range(4)]
    for rater in raters[:2]:  # two people rate criterion 1: withheld
        Rating.objects.create(round=found, member=rater, indicator="c1-vision", value="3")
    for rater in raters[:3]:  # three rate criterion 2: shown
        Rating.objects.create(round=found, member=rater, indicator="c2-several", value="2")
    access = queries.get_state_access(state_analyst,
                                      kentucky.pk)
    lake = next(s for s in state.summaries(access) if s.partnership == local)
    assert lake.round == found
    assert [(c.shown, c.people) for c in lake.criteria[:2]] == [(False, 0), (True, 3)]
    text = login("state-analyst").get(url(kentucky)).content.decode()
    assert "withheld: fewer than 3 people rated it" in text and "Lake round" in text


def test_who_may_open_the_state_view(kentucky):
    demo = demo_partnership()
    assert login("admin").get(url(kentucky)).status_code == 200
    # a local member without the permission
    assert login("partner").get(url(kentucky)).status_code == 403
    # an analyst of the local partnership who is not in the state partnership
    person("local-analyst", Role.ANALYST, demo)
    assert login("local-analyst").get(url(kentucky)).status_code == 404
    # an analyst of another state partnership
    other = Partnership.objects.create(name="Ohio system (test)", scope="state", state="OH")
    person("ohio-analyst", Role.ANALYST, other)
    assert login("ohio-analyst").get(url(kentucky)).status_code == 404
    assert login("ohio-analyst").get(url(other)).status_code == 200
    # a local partnership has no state view, even for administrators
    assert login("admin").get(url(demo)).status_code == 404
    # and the link is not offered to someone who may not open it
    assert url(kentucky) not in login("admin").get(
        reverse("partnership:page", args=[demo.pk])).content.decode()


def test_only_a_local_names_a_state_partnership(kentucky):
    demo = demo_partnership()
    kentucky.state_partnership = kentucky
    with pytest.raises(ValidationError):
        kentucky.full_clean()
    other_local = Partnership.objects.get(name=OTHER_LOCAL)
    demo.state_partnership = other_local
    with pytest.raises(ValidationError) as refused:
        demo.full_clean()
    assert "state_partnership" in refused.value.message_dict


def test_administrators_set_the_state_partnership_in_the_admin(kentucky):
    other = Partnership.objects.create(name="Test local", scope="local")
    client = login("admin")
    change = reverse("admin:accounts_partnership_change", args=[other.pk])
    assert 'name="state_partnership"' in client.get(change).content.decode()
    answer = client.post(change, {"name": other.name, "scope": "local", "state": "KY",
                                  "state_partnership": kentucky.pk})
    assert answer.status_code == 302
    other.refresh_from_db()
    assert other.state_partnership == kentucky
    assert login("editor").get(change).status_code in {302, 403}


def test_the_demo_file_names_unknown_state_members(tmp_path):
    text = (demo_file.DATA / demo_file.FILE).read_text().replace(
        "  name: Kentucky Career Pathways (sample)\n",
        "  name: Kentucky Career Pathways (sample)\n  members: [analyst, nobody]\n")
    bad = tmp_path / demo_file.FILE
    bad.write_text(text)
    with pytest.raises(InputError) as refused:
        demo_file.check(bad)
    assert any(p.field == "state.members[1]" and "nobody" in p.message
               for p in refused.value.problems)


def test_the_state_view_in_spanish(kentucky, state_analyst):
    text = login("state-analyst").get(url(kentucky), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Alianzas locales de" in text and "elementos de WIOA" in text
    assert "Todavía no hay ninguna ronda cerrada." in text
