"""The partnership's records on the demo region: the page, the actions (who may, what is
refused and why), the policy register's filters and the evidence beside the ratings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pathways.apps.accounts.models import (
    AuditEntry,
    Membership,
    Organisation,
    Partnership,
    Profile,
    Role,
)
from pathways.apps.partnership import actions, queries
from pathways.apps.partnership.models import Agreement, PolicyItem
from pathways.apps.quality import evidence
from pathways.core.errors import InputError
from pathways.demo.region import demo_partnership

pytestmark = pytest.mark.django_db


def user(username: str):
    return get_user_model().objects.get(username=username)


def login(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


@pytest.fixture
def demo() -> Partnership:
    return demo_partnership()


def editor_access(demo):
    return queries.access_for(user("editor"), demo)


def orgs(demo) -> dict[str, Organisation]:
    return {o.name.split(" (")[0]: o for o in demo.organisations.all()}


# -- the demo records ----------------------------------------------------------------------
def test_the_demo_has_vision_roles_agreements_and_policies(demo):
    assert "family wage" in demo.vision.vision and demo.vision.vision_es
    assert len(demo.vision.goal_lines()) == 3
    board = demo.member_roles.get(organisation__name__startswith="River Region Workforce")
    assert board.roles == ["convener", "workforce_board"]
    kinds = sorted(demo.agreements.values_list("kind", flat=True))
    assert kinds == ["ifa", "mou"]
    mou = demo.agreements.get(kind="mou")
    assert mou.review_due() == dt.date(2027, 3, 1)
    assert demo.policy_items.count() == 5
    coenrol = demo.policy_items.get(category="co_enrollment")
    assert [i.indicator for i in coenrol.indicators.all()] == ["c4-coenrol"]
    assert [a.title for a in coenrol.actions.all()] == [
        "Publish one co-enrolment form for all partners"]
    assert AuditEntry.objects.filter(action="partnership.policy.create").count() >= 5


def test_a_member_sees_the_page_with_what_is_due(demo):
    page = login("partner").get(reverse("partnership:page", args=[demo.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "MOU review due 2027-03-01" in text  # on the fixed day (conftest.py)
    for heading in ("Vision and goals", "Member organisations", "Agreements",
                    "Policy register"):
        assert f">{heading}</h2>" in text
    assert "Convener, Workforce board" in text
    # partner staff read; they are offered no change
    assert reverse("partnership:vision", args=[demo.pk]) not in text


def test_the_page_in_spanish_shows_the_spanish_vision(demo):
    client = login("partner")
    page = client.get(reverse("partnership:page", args=[demo.pk]),
                      headers={"accept-language": "es"})
    assert "ruta profesional" in page.content.decode()


def test_a_non_member_gets_404_and_a_participant_403(demo):
    outsider = get_user_model().objects.create_user("editor-elsewhere")
    Profile.objects.create(user=outsider, role=Role.EDITOR)
    client = Client()
    client.force_login(outsider)
    assert client.get(reverse("partnership:page", args=[demo.pk])).status_code == 404
    mou = demo.agreements.get(kind="mou")
    assert client.get(reverse("partnership:agreement", args=[mou.pk])).status_code == 404
    assert login("participant").get(
        reverse("partnership:page", args=[demo.pk])).status_code == 403
    with pytest.raises(Exception) as refused:
        actions.save_vision(queries.access_for(outsider, demo), actions.VisionInput("x"))
    assert refused.typename == "Http404"


def test_partner_staff_may_not_change_anything(demo):
    access = queries.access_for(user("partner"), demo)
    with pytest.raises(PermissionDenied):
        actions.save_vision(access, actions.VisionInput("Changed"))
    assert login("partner").post(reverse("partnership:vision", args=[demo.pk]),
                                 {"vision": "x"}).status_code == 403


def test_the_workspace_home_shows_what_is_due(demo):
    page = login("editor").get(reverse("workspace:home"))
    assert "Agreements: what is due" in page.content.decode()
    assert "River Region one-stop MOU 2024-2027" in page.content.decode()


# -- vision and roles ----------------------------------------------------------------------
def test_an_editor_changes_the_vision_through_the_page(demo):
    client = login("editor")
    url = reverse("partnership:vision", args=[demo.pk])
    form = client.get(url)
    assert form.status_code == 200
    text = form.content.decode()
    assert 'for="id_vision"' in text and 'for="id_vision_es"' in text and "<h1>" in text
    answer = client.post(url, {"vision": "New vision", "vision_es": "Nueva visión",
                               "goals": "One\nTwo", "goals_es": "Uno\nDos"})
    assert answer.status_code == 302
    demo.vision.refresh_from_db()
    assert demo.vision.goal_lines(spanish=True) == ["Uno", "Dos"]
    entry = AuditEntry.objects.filter(action="partnership.vision.save").first()
    assert entry.actor == user("editor") and "vision" in entry.changes["fields"]


def test_roles_make_an_organisation_a_member_and_unknown_roles_are_refused(demo):
    newcomer = Organisation.objects.create(name="River Region Economic Council (test)",
                                           kind="community")
    access = editor_access(demo)
    with pytest.raises(InputError) as refused:
        actions.set_roles(access, newcomer.pk, ["mayor"])
    assert refused.value.problems[0].field == "roles"
    assert not demo.organisations.filter(pk=newcomer.pk).exists()
    actions.set_roles(access, newcomer.pk, ["k12", "economic_development"], "Schools")
    assert demo.organisations.filter(pk=newcomer.pk).exists()
    held = demo.member_roles.get(organisation=newcomer)
    assert held.roles == ["economic_development", "k12"]  # in the list's order
    entry = AuditEntry.objects.filter(action="partnership.roles.set").first()
    assert entry.changes["joined"] is True


# -- agreements ----------------------------------------------------------------------------
def agreement_input(demo, **changes) -> actions.AgreementInput:
    parties = tuple(demo.organisations.values_list("pk", flat=True)[:2])
    values = dict(kind="data_sharing", title="Data sharing 2026",
                  effective_on=dt.date(2026, 1, 1), parties=parties,
                  ends_on=dt.date(2028, 12, 31), document_url="https://example.org/dsa.pdf")
    return actions.AgreementInput(**(values | changes))


@pytest.mark.parametrize(("changes", "field"), [
    ({"document_url": "javascript:alert(1)"}, "document_url"),
    ({"document_url": "not a link"}, "document_url"),
    ({"ends_on": dt.date(2025, 12, 31)}, "ends_on"),
    ({"last_reviewed_on": dt.date(2025, 1, 1)}, "last_reviewed_on"),
    ({"effective_on": None}, "effective_on"),
    ({"title": " "}, "title"),
    ({"kind": "treaty"}, "kind"),
    ({"parties": ()}, "parties"),
])
def test_bad_agreements_are_refused_naming_the_field(demo, changes, field):
    before = Agreement.objects.count()
    with pytest.raises(InputError) as refused:
        actions.create_agreement(editor_access(demo), agreement_input(demo, **changes))
    assert field in {p.field for p in refused.value.problems}
    assert Agreement.objects.count() == before


def test_a_party_must_be_a_member(demo):
    stranger = Organisation.objects.create(name="Stranger Inc (test)", kind="employer")
    with pytest.raises(InputError) as refused:
        actions.create_agreement(editor_access(demo),
                                 agreement_input(demo, parties=(stranger.pk,)))
    assert refused.value.problems[0].field == "parties"


def test_an_agreement_form_names_the_bad_link(demo):
    client = login("editor")
    url = reverse("partnership:new_agreement", args=[demo.pk])
    party = demo.organisations.first().pk
    answer = client.post(url, {"kind": "mou", "title": "MOU", "parties": [party],
                               "effective_on": "2026-01-01", "document_url": "ftp://x y"})
    assert answer.status_code == 400
    assert "document_url" in answer.context["form"].errors
    answer = client.post(url, {"kind": "mou", "title": "New MOU", "parties": [party],
                               "effective_on": "2024-02-29",
                               "document_url": "https://example.org/mou"})
    assert answer.status_code == 302
    created = demo.agreements.get(title="New MOU")
    assert created.review_due() == dt.date(2027, 2, 28)


def test_reviewing_the_mou_moves_its_due_date(demo):
    mou = demo.agreements.get(kind="mou")
    data = actions.AgreementInput(
        kind="mou", title=mou.title, effective_on=mou.effective_on,
        parties=tuple(mou.parties.values_list("pk", flat=True)), ends_on=mou.ends_on,
        last_reviewed_on=dt.date(2026, 11, 2), document_url=mou.document_url, notes=mou.notes)
    actions.update_agreement(editor_access(demo), mou, data)
    mou.refresh_from_db()
    assert mou.review_due() == dt.date(2029, 11, 2)
    entry = AuditEntry.objects.filter(action="partnership.agreement.update").first()
    assert entry.changes == {"last_reviewed_on": ["None", "2026-11-02"]}


# -- policy register -----------------------------------------------------------------------
def test_the_register_filters_by_area_status_and_level(demo):
    client = login("partner")
    url = reverse("partnership:policies", args=[demo.pk])
    everything = client.get(url)
    assert len(everything.context["items"]) == 5
    assert 'for="id_category"' in everything.content.decode()
    assert [i.title for i in client.get(url, {"category": "credit_attainment"})
            .context["items"]] == ["Noncredit certificates count toward the associate degree"]
    assert {i.status for i in client.get(url, {"status": "identified"}).context["items"]} \
        == {"identified"}
    assert [i.level for i in client.get(url, {"level": "federal"}).context["items"]] \
        == ["federal"]
    # an unknown filter value shows everything rather than failing
    assert len(client.get(url, {"level": "galactic"}).context["items"]) == 5


def policy_input(**changes) -> actions.PolicyInput:
    values = dict(title="Prior learning credit", category="credit_attainment", kind="barrier",
                  level="state", indicators=("aqcp-local:c4:c4-stack",))
    return actions.PolicyInput(**(values | changes))


@pytest.mark.parametrize(("changes", "field"), [
    ({"category": "weather"}, "category"),
    ({"indicators": ("aqcp-local:c4:c4-nothing",)}, "indicators"),
    ({"actions": (999999,)}, "actions"),
    ({"evidence_url": "data:text/html,x"}, "evidence_url"),
    ({"title": ""}, "title"),
])
def test_bad_policy_items_are_refused(demo, changes, field):
    with pytest.raises(InputError) as refused:
        actions.create_policy(editor_access(demo), policy_input(**changes))
    assert field in {p.field for p in refused.value.problems}


def test_an_action_of_another_partnership_cannot_be_linked(demo, db):
    from pathways.apps.quality.models import Action

    other = Partnership.objects.create(name="Other (test)", scope="local")
    theirs = Action.objects.create(partnership=other, title="Theirs")
    with pytest.raises(InputError):
        actions.create_policy(editor_access(demo), policy_input(actions=(theirs.pk,)))


def test_a_policy_item_through_the_form(demo):
    client = login("editor")
    url = reverse("partnership:new_policy", args=[demo.pk])
    page = client.get(url)
    assert 'for="id_indicators"' in page.content.decode()
    answer = client.post(url, {"title": "Credit for prior learning", "category":
                               "credit_attainment", "kind": "barrier", "level": "state",
                               "status": "identified", "indicators": ["aqcp-local:c4:c4-stack"],
                               "evidence_url": "https://example.org/cpl"})
    assert answer.status_code == 302
    item = PolicyItem.objects.get(title="Credit for prior learning")
    assert item.indicators.get().indicator == "c4-stack"


# -- evidence in the self-assessment ---------------------------------------------------------
def open_round(demo):
    return demo.quality_rounds.get(status="open")


def test_the_rating_page_of_criterion_1_shows_vision_members_and_the_mou(demo):
    page = login("partner").get(reverse("quality:rate", args=[open_round(demo).pk, "c1"]))
    text = page.content.decode()
    assert "Records that bear on this criterion" in text
    assert "family wage" in text and "Convener, Workforce board" in text
    assert "River Region one-stop MOU 2024-2027" in text and "MOU review" in text


def test_the_rating_page_of_criterion_4_shows_policies_beside_their_indicator(demo):
    page = login("partner").get(reverse("quality:rate", args=[open_round(demo).pk, "c4"]))
    items = {i["indicator"].key: i["records"] for i in page.context["items"]}
    assert [r.label for r in items["c4-coenrol"]] == [
        "Co-enrolment asks for the same documents twice"]
    assert items["c4-staff"] == []
    # linked to the whole criterion: shown once, above the indicators
    assert [r.label for r in page.context["records"]] == [
        "Shared consent form for data sharing between partners"]


def test_criteria_without_providers_show_nothing(demo):
    page = login("partner").get(reverse("quality:rate", args=[open_round(demo).pk, "c6"]))
    assert page.context["records"] == []
    assert "Records that bear" not in page.content.decode()


def test_another_app_registers_evidence_without_changing_this_one(demo):
    @evidence.provides(6)
    def practices(question):
        return [evidence.Item(f"{question.number} {question.partnership.name}",
                              indicator="c6-any")]

    try:
        found = evidence.evidence_for(demo, "aqcp-local",
                                      open_round(demo).definition().criterion("c6"))
        assert [(i.label, i.indicator) for i in found] == [(f"6 {demo.name}", "c6-any")]
        assert evidence.number_of("dol-six-key-elements", "e5") == 4
        assert evidence.number_of("wioa-career-pathway", "a") is None
    finally:
        evidence.PROVIDERS[6].remove(practices)
    with pytest.raises(ValueError):
        evidence.provides(7)


def test_an_mou_that_has_ended_is_not_evidence_and_no_mou_is_flagged(demo):
    mou = demo.agreements.get(kind="mou")
    mou.ends_on = timezone.localdate() - dt.timedelta(days=1)
    mou.effective_on = mou.ends_on - dt.timedelta(days=400)
    mou.save()
    found = evidence.evidence_for(demo, "aqcp-local",
                                  open_round(demo).definition().criterion("c1"))
    assert mou.title not in " ".join(i.label for i in found)
    assert any(i.warning and "No MOU in effect" in i.detail for i in found)


def test_membership_decides_not_the_organisation(demo):
    """An editor of a member organisation who is not a partnership member sees nothing."""
    board = demo.organisations.get(name__startswith="River Region Workforce")
    person = get_user_model().objects.create_user("board-editor-2")
    Profile.objects.create(user=person, role=Role.EDITOR, organisation=board)
    assert not queries.access_for(person, demo).visible
    Membership.objects.create(user=person, partnership=demo)
    assert queries.access_for(person, demo).may_edit


def test_administrators_correct_agreements_in_the_admin_and_editors_cannot(demo):
    mou = demo.agreements.get(kind="mou")
    url = reverse("admin:partnership_agreement_change", args=[mou.pk])
    assert login("admin").get(url).status_code == 200
    assert login("editor").get(url).status_code in {302, 403}


def test_a_member_reads_an_agreement_and_a_policy_but_may_not_post(demo):
    client = login("partner")
    mou = demo.agreements.get(kind="mou")
    page = client.get(reverse("partnership:agreement", args=[mou.pk]))
    assert page.status_code == 200 and page.context["form"] is None
    assert "https://example.org/workforce/mou-2024.pdf" in page.content.decode()
    assert client.post(reverse("partnership:agreement", args=[mou.pk]),
                       {"title": "x"}).status_code == 403
    item = demo.policy_items.first()
    assert client.get(reverse("partnership:policy", args=[item.pk])).status_code == 200
    assert client.post(reverse("partnership:policy", args=[item.pk]),
                       {"title": "x"}).status_code == 403
    mou.refresh_from_db()
    assert mou.title == "River Region one-stop MOU 2024-2027"


def test_the_rating_page_in_spanish_names_the_mou_review(demo):
    page = login("partner").get(reverse("quality:rate", args=[open_round(demo).pk, "c1"]),
                                headers={"accept-language": "es"})
    text = page.content.decode()
    assert "Registros relacionados con este criterio" in text
    assert "Revisión del MOU" in text
