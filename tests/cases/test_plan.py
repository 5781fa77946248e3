"""The plan on the pathway graph: recommended way in, route, wages, next steps, progress."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.cases.models import CareerPlan, Milestone, WorkActivity
from pathways.apps.cases.planview import plan_view
from pathways.apps.catalog.models import EntryPoint, ExitPoint, PathwayComponent
from pathways.demo import ctid
from tests.cases.conftest import audit_count

pytestmark = pytest.mark.django_db
NURSING = "nursing-and-patient-care"


def step(key: str) -> PathwayComponent:
    return PathwayComponent.objects.get(ctid=ctid("component", NURSING, key))


def test_paz_gets_the_bridge_with_time_cost_and_wages(paz):
    view = plan_view(paz.plan)
    assert view.chosen.entry.name == "Adult education bridge"
    assert [(s.name, s.state) for s in view.steps] == [
        ("Healthcare Bridge with GED preparation", "available"),
        ("Nurse aide training", "blocked"),
        ("Anatomy and Physiology I", "available"),
        ("Practical nursing diploma", "blocked"),
        ("Licensed practical nurse", "blocked")]
    assert (view.weeks, view.cost) == (86, Decimal(11420))
    assert view.steps[1].reasons == [
        "one of: Healthcare Bridge with GED preparation, English for Health Careers"]
    assert [(e.name, e.weeks, e.is_goal) for e in view.exits] == [
        ("Nursing assistant", 22, False), ("Licensed practical nurse", 86, True)]
    assert all(e.annual_median and e.annual_median > 20000 for e in view.exits)  # KY OEWS
    ranks = {o.entry_name: (o.rank, o.status) for o in view.options}
    assert ranks == {"Adult education bridge": (1, "eligible"),
                     "English learners": (2, "needs_information"),
                     "Direct entry": (None, "not_eligible")}


def test_progress_and_credentials_held_move_the_plan_on(client, users, paz):
    client.force_login(users["navigator"])
    response = client.post(f"/cases/participants/{paz.pk}/milestones/new/", {
        "kind": "completed", "on": "2026-01-20", "component": step("bridge").pk,
        "source": "transcript"})
    assert response.status_code == 302
    view = plan_view(paz.plan)
    assert view.done == ["Healthcare Bridge with GED preparation"]
    assert [s.name for s in view.next_steps] == ["Nurse aide training",
                                                 "Anatomy and Physiology I"]
    # A credential attained skips the step that awards it.
    client.post(f"/cases/participants/{paz.pk}/milestones/new/", {
        "kind": "credential", "on": "2026-03-01", "credential":
        step("cna").effective_credential.pk, "source": "credential_copy"})
    credential = Milestone.objects.filter(kind="credential").latest("pk")
    assert credential.credential_kind == 6  # PIRL 1800: occupational certification
    view = plan_view(paz.plan)
    assert "Nurse aide training" in view.done
    assert view.weeks == 16 + 48 and [s.name for s in view.next_steps] == [
        "Anatomy and Physiology I"]


def test_navigator_builds_a_plan_by_goal_occupation(client, users, marco):
    client.force_login(users["navigator"])
    response = client.post(f"/cases/participants/{marco.pk}/plan/", {
        "goal_occupation": "15-1244.00", "next_step_due": "2026-12-01"})
    assert response.status_code == 302
    plan = CareerPlan.objects.get(participant=marco)
    assert plan.goal.occupation_id == "15-1244.00"
    view = plan_view(plan)
    # Marco holds CompTIA A+: the direct entry's first step is done and skipped.
    assert view.chosen.entry.name == "Direct entry"
    assert "CompTIA A+" in view.done and view.steps[0].name == "CompTIA Network+"
    assert AuditEntry.objects.filter(action="cases.plan", object_id=str(plan.pk)).count() == 2


@pytest.mark.parametrize(("data", "message"), [
    ({}, "Choose a goal job, or give a goal occupation, not both."),
    ({"goal_occupation": "29-1141.00", "goal": "lpn"},
     "Choose a goal job, or give a goal occupation, not both."),
    ({"goal": "lpn", "entry_point": "it-direct"}, "belongs to another pathway"),
    ({"goal_occupation": "13-2011.00"}, "No published pathway to"),
    ({"goal_occupation": "nurse"}, "is not an O*NET-SOC code"),
    ({"goal": "lpn", "next_step_due": "soon"}, "Enter a valid date."),
])
def test_bad_plans_are_refused_and_change_nothing(client, users, paz, data, message):
    lpn = ExitPoint.objects.get(pathway__slug=NURSING, name="Licensed practical nurse")
    it_direct = EntryPoint.objects.get(pathway__slug="it-support-and-networking",
                                       name="Direct entry")
    values = {"lpn": lpn.pk, "it-direct": it_direct.pk}
    data = {k: values.get(v, v) for k, v in data.items()}
    before = CareerPlan.objects.get(participant=paz)
    audits = audit_count()
    client.force_login(users["navigator"])
    response = client.post(f"/cases/participants/{paz.pk}/plan/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    after = CareerPlan.objects.get(participant=paz)
    assert (after.goal_id, after.entry_point_id, after.next_step_due) == (
        before.goal_id, before.entry_point_id, before.next_step_due)
    assert audit_count() == audits


def test_a_chosen_way_in_overrides_the_recommendation(client, users, paz):
    english = EntryPoint.objects.get(pathway__slug=NURSING, name="English learners")
    client.force_login(users["navigator"])
    client.post(f"/cases/participants/{paz.pk}/plan/", {"goal": paz.plan.goal_id,
                                                        "entry_point": english.pk})
    paz.plan.refresh_from_db()
    view = plan_view(paz.plan)
    assert view.chosen.entry.name == "English learners"
    assert view.steps[0].name == "English for Health Careers"


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"kind": "employed", "employer": "", "hourly_wage": "18"}, "employer", "Say who"),
    ({"kind": "employed", "employer": "Hospital"}, "hourly_wage", "Give the hourly wage."),
    ({"kind": "enrolled"}, "component", "Say which pathway step."),
    ({"kind": "skill_gain"}, "skill_gain", "Say which type of skill gain."),
    ({"kind": "credential"}, "credential", "Say which credential"),
    ({"kind": "enrolled", "on": "2099-05-05"}, "on", "This date is in the future."),
    ({"kind": "employed", "employer": "H", "hourly_wage": "18", "occupation": "1"},
     "occupation", "is not an O*NET-SOC code"),
])
def test_bad_milestones_change_nothing(client, users, paz, data, field, message):
    client.force_login(users["navigator"])
    count, audits = Milestone.objects.count(), audit_count()
    response = client.post(f"/cases/participants/{paz.pk}/milestones/new/",
                           {"on": "2026-02-02", "source": "self", **data})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert (Milestone.objects.count(), audit_count()) == (count, audits)


def test_employment_and_skill_gains_are_dated_sourced_and_audited(client, users, paz):
    client.force_login(users["partner"])  # a partner records what it saw
    client.post(f"/cases/participants/{paz.pk}/milestones/new/", {
        "kind": "employed", "on": "2026-02-02", "employer": "Riverton Regional Hospital",
        "hourly_wage": "17.80", "occupation": "31-1131.00", "source": "employer"})
    client.post(f"/cases/participants/{paz.pk}/milestones/new/", {
        "kind": "skill_gain", "on": "2026-02-03", "skill_gain": "1", "source": "test_report"})
    employed = Milestone.objects.get(participant=paz, kind="employed")
    gain = Milestone.objects.get(participant=paz, kind="skill_gain")
    assert (employed.hourly_wage, employed.occupation_id, employed.recorded_by) == (
        Decimal("17.80"), "31-1131.00", users["partner"])
    assert gain.get_skill_gain_display() == "Educational functioning level gain"
    entries = AuditEntry.objects.filter(action="cases.milestone").order_by("-pk")[:2]
    assert {e.changes["kind"][1] for e in entries} == {"employed", "skill_gain"}


def test_work_experience_as_a_pathway_component_with_its_outcome(client, users):
    from pathways.apps.cases.models import Participant

    dee = Participant.objects.get(first_name="Dee")
    activity = dee.activities.get()
    assert activity.component.name == "Maintenance technician apprenticeship"
    view = plan_view(dee.plan)
    assert "Maintenance technician apprenticeship" not in view.done
    client.force_login(users["navigator"])
    url = f"/cases/participants/{dee.pk}/activities/{activity.pk}/"
    bad = client.post(url, {"kind": "apprenticeship", "component": activity.component_id,
                            "organisation": "Riverton Castings", "started_on": "2025-10-01",
                            "outcome": "completed"})
    assert bad.status_code == 400
    assert "Give the end date of a finished activity." in bad.content.decode()
    ok = client.post(url, {"kind": "apprenticeship", "component": activity.component_id,
                           "organisation": "Riverton Castings", "started_on": "2025-10-01",
                           "ended_on": "2026-01-30", "outcome": "hired"})
    assert ok.status_code == 302
    assert WorkActivity.objects.get(pk=activity.pk).counts_as_done
    view = plan_view(dee.plan)
    assert "Maintenance technician apprenticeship" in view.done
    assert view.steps == [] or all(s.state != "blocked" for s in view.steps[:1])
    entry = AuditEntry.objects.filter(action="cases.activity").latest("pk")
    assert entry.changes["outcome"] == ["ongoing", "hired"]
