"""Funding on the Django side: facts from the record, awards (form, action, audit),
partnership streams (upload refused whole on a bad file), totals, and the plan's budget."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from pathways.apps.accounts.models import AuditEntry, Organisation, Partnership, Profile
from pathways.apps.cases.models import Participant
from pathways.apps.cases.planview import plan_view
from pathways.apps.funding.budgetview import budget_for
from pathways.apps.funding.intake import age_on, person_facts
from pathways.apps.funding.models import Award, PartnershipStream

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def user(name: str):
    return get_user_model().objects.get(username=name)


def partnership() -> Partnership:
    return Partnership.objects.get(memberships__user__username="analyst")


def paz() -> Participant:
    return Participant.objects.get(first_name="Paz")


def marco() -> Participant:
    return Participant.objects.get(first_name="Marco")


def test_age_counts_the_birthday():
    assert age_on(dt.date(2000, 6, 2), dt.date(2026, 6, 1)) == 25
    assert age_on(dt.date(2000, 6, 2), dt.date(2026, 6, 2)) == 26
    assert age_on(None, dt.date(2026, 6, 2)) is None


def test_facts_come_from_the_record_and_the_rest_stays_unknown():
    facts = person_facts(paz(), dt.date(2026, 12, 7))
    assert facts["age"] == 32  # born 1994-03-08
    assert facts["education"] == "some_hs" and facts["has_diploma"] is False
    assert facts["employment"] == "unemployed"
    assert facts["low_income"] is True and facts["pregnant_or_parenting"] is True
    assert facts["english_learner"] is False  # intermediate English
    # Never recorded: left out, so rules that need them answer "unknown".
    assert not {"receives_tanf", "receives_snap", "dislocated", "pell_need"} & set(facts)


def test_the_demo_plan_counts_the_recorded_awards_first():
    found = paz()
    budget = budget_for(found, plan_view(found.plan))
    by_name = {s.name: s for s in budget.steps}
    cna, pn = by_name["Nurse aide training"], by_name["Practical nursing diploma"]
    # Nurse aide training costs 1,200 and WIOA Adult awarded 1,200: nothing left.
    assert (cna.cost, cna.awarded, cna.net) == (Decimal(1200), Decimal(1200), Decimal(0))
    # Practical nursing: 9,500 - 2,500 awarded = 7,000, no other stream known to pay.
    assert (pn.cost, pn.awarded, pn.net) == (Decimal(9500), Decimal(2500), Decimal(7000))
    assert "Licensed practical nurse" not in by_name  # the job: no cost recorded
    # Pell is unknown for Paz: no FAFSA result is recorded.
    unknown = {line.title for step in budget.steps for line in step.unknown}
    assert "Federal Pell Grant" in unknown
    assert budget.net == budget.cost - budget.paid


def test_the_navigator_page_shows_the_budget(client):
    client.force_login(user("navigator"))
    page = client.get(paz().get_absolute_url()).content.decode()
    assert "Braided budget" in page
    assert "Likely net cost" in page
    assert "WIOA Title I Adult: $1,200.00" in page
    assert "Record an award" in page
    assert "is not recorded." in page


def test_the_participant_sees_the_budget_in_spanish(client):
    client.force_login(user("participant"))  # Paz, who told intake she prefers Spanish
    page = client.get(reverse("cases:my_plan")).content.decode()
    assert "Cómo pagar tus pasos" in page
    assert "Lo que te queda por pagar" in page
    assert "Otorgada" in page
    assert "Remove" not in page and "Record an award" not in page


def award_form(**changes) -> dict:
    data = {"stream": "pell", "amount": "300.00", "component": "",
            "awarded_on": TODAY.isoformat(), "period_from": "", "period_to": ""}
    data.update(changes)
    return data


def test_a_navigator_records_an_award_and_the_log_keeps_no_amount(client):
    client.force_login(user("navigator"))
    found = marco()
    response = client.post(reverse("funding:award", args=[found.pk]), award_form())
    assert response.status_code == 302
    award = Award.objects.get(participant=found, stream="pell")
    assert award.amount == Decimal("300.00")
    entry = AuditEntry.objects.filter(action="funding.record_award").latest("pk")
    assert entry.changes["stream"] == [None, "pell"]
    assert entry.changes["amount"] == "changed"
    assert "300" not in str(entry.changes) + entry.summary


@pytest.mark.parametrize("changes", [
    {"stream": "no-such-stream"},
    {"amount": "0"},
    {"period_from": "2026-05-01", "period_to": "2026-04-01"},
    {"awarded_on": "yesterday"},
])
def test_a_bad_award_is_refused_and_nothing_saved(client, changes):
    client.force_login(user("navigator"))
    before = Award.objects.count()
    response = client.post(reverse("funding:award", args=[marco().pk]), award_form(**changes))
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert Award.objects.count() == before


def test_a_step_of_another_pathway_is_not_offered(client):
    from pathways.apps.catalog.models import PathwayComponent

    other = PathwayComponent.objects.exclude(pathway=marco().plan.pathway).first()
    client.force_login(user("navigator"))
    response = client.post(reverse("funding:award", args=[marco().pk]),
                           award_form(component=str(other.pk)))
    assert response.status_code == 400


def test_an_award_is_removed_by_post_only(client):
    found = marco()
    award = Award.objects.create(participant=found, stream="pell", amount=Decimal(10),
                                 awarded_on=TODAY)
    client.force_login(user("navigator"))
    url = reverse("funding:remove_award", args=[found.pk, award.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Award.objects.filter(pk=award.pk).exists()
    other = Award.objects.filter(participant=paz()).first()
    wrong = reverse("funding:remove_award", args=[found.pk, other.pk])
    assert client.post(wrong).status_code == 404  # Paz's award through Marco's record
    assert Award.objects.filter(pk=other.pk).exists()


def test_someone_who_cannot_see_the_record_gets_404(client):
    outsider = get_user_model().objects.create_user("nav-far", password=None)
    far = Organisation.objects.create(name="Far Away Services (test)", kind="community")
    Profile.objects.create(user=outsider, role="navigator", organisation=far)
    client.force_login(outsider)
    assert client.get(reverse("funding:award", args=[marco().pk])).status_code == 404
    client.force_login(user("participant"))
    assert client.get(reverse("funding:award", args=[marco().pk])).status_code == 403


BAD = """\
format: 1
key: county-scholarship
title: County scholarship
kind: local
source: County board resolution 2026-14
eligibility:
  source: Resolution 2026-14 sec. 2
  condition:
    fact: low_incomes
    is: true
pays:
  - {kind: tuition_fees, source: Resolution 2026-14 sec. 3}
order: {rank: 45, source: Resolution 2026-14 sec. 5}
"""
GOOD = BAD.replace("low_incomes", "low_income")


def test_a_bad_stream_file_is_refused_whole_naming_file_line_and_field(client):
    client.force_login(user("analyst"))
    url = reverse("funding:partnership", args=[partnership().pk])
    response = client.post(url, {"text": BAD})
    assert response.status_code == 400
    page = response.content.decode()
    assert "pasted text, line 9, field &#x27;eligibility.condition.fact&#x27;" in page
    assert "unknown fact" in page
    assert not PartnershipStream.objects.exists()


def test_a_partnership_stream_is_braided_into_its_participants_plans(client):
    client.force_login(user("analyst"))
    url = reverse("funding:partnership", args=[partnership().pk])
    assert client.post(url, {"text": GOOD}).status_code == 302
    assert PartnershipStream.objects.get().key == "county-scholarship"
    found = marco()  # low-income, enrolled by a member organisation
    budget = budget_for(found, plan_view(found.plan))
    payers = {p.title for step in budget.steps for p in step.payments}
    assert "County scholarship" in payers
    client.force_login(user("navigator"))
    form = client.get(reverse("funding:award", args=[found.pk])).content.decode()
    assert 'value="county-scholarship"' in form


def test_only_staff_with_the_permission_may_upload(client):
    client.force_login(user("navigator"))  # a member, without funding.streams
    url = reverse("funding:partnership", args=[partnership().pk])
    assert "Add or replace a stream" not in client.get(url).content.decode()
    assert client.post(url, {"text": GOOD}).status_code == 403
    assert not PartnershipStream.objects.exists()


def test_the_partnership_sees_totals_by_stream(client):
    client.force_login(user("analyst"))
    page = client.get(reverse("funding:partnership", args=[partnership().pk])).content.decode()
    # The demo's two awards to Paz: 1,200 + 2,500 = 3,700 from WIOA Adult, one person.
    assert "<th scope=\"row\">WIOA Title I Adult</th><td>2</td><td>1</td><td>$3,700.00</td>" \
        in page


def test_a_non_member_gets_404_for_the_partnership(client):
    outsider = get_user_model().objects.create_user("analyst-far", password=None)
    Profile.objects.create(user=outsider, role="analyst")
    client.force_login(outsider)
    url = reverse("funding:partnership", args=[partnership().pk])
    assert client.get(url).status_code == 404


def test_the_streams_page_lists_every_shipped_stream_with_its_sources(client):
    client.force_login(user("navigator"))
    page = client.get(reverse("funding:streams")).content.decode()
    for listing in ("17.258", "17.278", "17.259", "17.207", "84.002", "84.126", "84.048",
                    "84.063", "93.558", "10.561", "17.285"):
        assert listing in page
    assert "20 CFR 680.230" in page and "GEN-16-09" in page


def test_the_funding_map_of_a_pathway(client):
    from pathways.apps.catalog.models import Pathway

    pathway = Pathway.objects.get(slug="nursing-and-patient-care")
    client.force_login(user("analyst"))
    partner_page = client.get(reverse("funding:partnership", args=[partnership().pk]))
    assert reverse("funding:pathway_map", args=[pathway.slug]) in partner_page.content.decode()
    response = client.get(reverse("funding:pathway_map", args=[pathway.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<th scope=\"row\">Nurse aide training</th>" in page
    # Pell may pay once the program's federal student aid status is recorded.
    assert "Federal Pell Grant <span class=\"meta\">(Federal student aid eligible program " \
           "is not recorded.)</span>" in page
    assert "Child care" in page  # the pathway's child care service
    client.force_login(user("participant"))
    assert client.get(reverse("funding:pathway_map", args=[pathway.slug])).status_code == 403


def test_the_public_pathway_page_has_ways_to_pay_and_follows_a_new_stream(client):
    from pathways.apps.funding import actions
    from pathways.apps.funding.queries import funding_access

    url = reverse("catalog:pathway", args=["nursing-and-patient-care"])
    page = client.get(url).content.decode()
    assert "Ways to pay" in page
    assert "May help, if this program qualifies: Federal Pell Grant" in page
    assert "County scholarship" not in page
    actions.save_stream(funding_access(user("analyst"), partnership()), GOOD, "county.yaml")
    assert "County scholarship" in client.get(url).content.decode()  # not a kept old page


def test_ways_to_pay_in_spanish(client):
    client.cookies["django_language"] = "es"
    page = client.get(reverse("catalog:pathway", args=["nursing-and-patient-care"]),
                      HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Formas de pagar" in page


def test_funding_facts_settle_unknowns_and_the_log_keeps_no_value(client):
    from pathways.apps.funding.models import FundingFacts

    found = marco()
    client.force_login(user("navigator"))
    url = reverse("funding:facts", args=[found.pk])
    page = client.get(url).content.decode()
    assert "Receives SNAP food assistance" in page
    bad = client.post(url, {"atb_credit_hours": "-1"})
    assert bad.status_code == 400 and not FundingFacts.objects.filter(participant=found).exists()
    response = client.post(url, {"receives_snap": "yes", "low_income": "no",
                                 "receives_tanf": "", "atb_credit_hours": "3"})
    assert response.status_code == 302
    assert FundingFacts.objects.get(participant=found).answers == {
        "receives_snap": True, "low_income": False, "atb_credit_hours": 3}
    facts = person_facts(found)
    assert facts["receives_snap"] is True
    assert facts["low_income"] is False  # the answer wins over the ticked barrier
    assert "receives_tanf" not in facts  # not asked: unknown
    entry = AuditEntry.objects.filter(action="funding.record_facts").latest("pk")
    assert entry.changes == {"receives_snap": "changed", "low_income": "changed",
                             "atb_credit_hours": "changed"}
    # SNAP E&T's 100 percent funds now pay the tuition Marco's steps cost.
    budget = budget_for(found, plan_view(found.plan))
    assert any(p.title.startswith("SNAP Employment and Training (100")
               for step in budget.steps for p in step.payments)
    # The form shows the answers given.
    assert 'value="yes" selected' in client.get(url).content.decode()


def test_funding_facts_are_encrypted_at_rest():
    from django.db import connection

    from pathways.apps.cases.queries import participant_access
    from pathways.apps.funding import actions
    from pathways.apps.funding.models import FundingFacts

    actions.record_facts(participant_access(user("navigator"), marco()),
                         {"receives_snap": True}, TODAY)
    row = FundingFacts.objects.get(participant=marco())
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM funding_fundingfacts WHERE id = %s", [row.pk])
        stored = str(cursor.fetchone()[0])
    assert "receives_snap" not in stored and "true" not in stored.lower()
    assert row.answers == {"receives_snap": True}
