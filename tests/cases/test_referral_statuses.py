"""Referral statuses as FHIR Task codes (ADR 0052): the one transition table, the reason a
change needs, drafts, overdue reminders, referrals to a program or an employer, and the
migration of the old statuses."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from django.apps import apps as django_apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pathways.apps.accounts.models import AuditEntry
from pathways.apps.cases import actions, queries, referral_flow
from pathways.apps.cases.models import Consent, Referral
from pathways.apps.cases.timeline import case_rows
from pathways.apps.catalog.models import Program, SupportService
from pathways.apps.employers.models import EmployerProfile
from pathways.cli import main
from tests.cases.conftest import about, audit_count, make_user, on

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
S = Referral.Status


def test_the_table_names_every_fhir_status_once_and_is_consistent():
    referral_flow.check_table()
    assert Referral.Status.values == [
        "draft", "requested", "accepted", "rejected", "in-progress", "on-hold", "failed",
        "completed", "cancelled", "entered-in-error"]
    # Who sets what (the Gravity guide): the receiver answers and reports, the referrer
    # drafts, requests and marks mistakes, either cancels.
    assert referral_flow.moves_for(S.REQUESTED, referral_flow.RECEIVER) == [
        S.ACCEPTED, S.REJECTED, S.CANCELLED]
    assert referral_flow.moves_for(S.REQUESTED, referral_flow.REFERRER) == [
        S.CANCELLED, S.ENTERED_IN_ERROR]
    finished = {S.REJECTED, S.FAILED, S.COMPLETED, S.CANCELLED, S.ENTERED_IN_ERROR}
    assert set(referral_flow.FINISHED) == finished
    assert referral_flow.moves_for(S.ENTERED_IN_ERROR, referral_flow.REFERRER) == []


def test_a_bad_table_is_refused(monkeypatch):
    monkeypatch.setitem(referral_flow.TRANSITIONS, S.ACCEPTED, {S.ACCEPTED: referral_flow.BOTH})
    with pytest.raises(ValueError, match="bad move accepted -> accepted"):
        referral_flow.check_table()


@pytest.mark.parametrize("to", sorted(referral_flow.NEEDS_REASON - {S.ENTERED_IN_ERROR,
                                                                     S.ON_HOLD, S.FAILED}))
def test_a_change_that_needs_a_reason_is_refused_without_one(marco, college_staff, to):
    referral = marco.referrals.get()
    before = audit_count()
    with pytest.raises(ValidationError, match="Choose a reason"):
        actions.update_referral(about(college_staff, referral), to)
    with pytest.raises(ValidationError, match="Say why"):
        actions.update_referral(about(college_staff, referral), to, "other", "  ")
    referral.refresh_from_db()
    assert referral.status == S.REQUESTED and audit_count() == before


def test_moves_out_of_the_table_are_refused_with_a_clear_message(users, marco,
                                                                  college_staff):
    referral = marco.referrals.get()
    with pytest.raises(ValidationError, match="cannot become"):
        actions.update_referral(about(college_staff, referral), "completed")
    with pytest.raises(ValidationError, match="other side of the referral"):
        actions.revise_referral(about(users["navigator"], referral), "accepted")
    with pytest.raises(ValidationError, match="Unknown status"):
        actions.update_referral(about(college_staff, referral), "ready")
    actions.update_referral(about(college_staff, referral), "accepted")
    actions.update_referral(about(college_staff, referral), "on-hold", "waitlist")
    with pytest.raises(ValidationError, match="cannot become"):  # resume first
        actions.update_referral(about(college_staff, referral), "completed")
    actions.update_referral(about(college_staff, referral), "in-progress")
    # The page's status is stale: refused even though the move itself is allowed now.
    with pytest.raises(ValidationError, match="This referral is now"):
        actions.update_referral(about(college_staff, referral), "failed", "not-reached",
                                expected="accepted")
    actions.update_referral(about(college_staff, referral), "completed",
                            on=TODAY - dt.timedelta(days=1))
    referral.refresh_from_db()
    assert (referral.status, referral.delivered_on) == ("completed",
                                                         TODAY - dt.timedelta(days=1))
    assert referral.status_reason == ""  # each change says its own reason
    entries = AuditEntry.objects.filter(object_type="cases.referral",
                                        object_id=str(referral.pk)).order_by("pk")
    assert [e.changes["status"] for e in entries if e.action == "cases.referral_update"] == [
        ["requested", "accepted"], ["accepted", "on-hold"], ["on-hold", "in-progress"],
        ["in-progress", "completed"]]


def test_the_referrer_cancels_and_marks_a_mistake_with_a_reason(client, users, marco):
    referral = marco.referrals.get()
    nav = users["navigator"]
    client.force_login(nav)
    url = f"/cases/referrals/{referral.pk}/"
    page = client.get(url)
    assert page.context["may_revise"] and not page.context["may_answer"]
    response = client.post(url, {"step": "revise", "status": "cancelled",
                                 "expected": "requested"})
    assert response.status_code == 400 and "Choose a reason." in response.content.decode()
    assert client.post(url, {"step": "revise", "status": "cancelled", "expected": "requested",
                             "status_reason": "need-met"}).status_code == 302
    actions.revise_referral(about(nav, referral), "entered-in-error", "wrong-record")
    referral.refresh_from_db()
    assert (referral.status, referral.status_reason) == ("entered-in-error", "wrong-record")
    assert referral not in queries.referrals_shown_to_participant(marco)
    with pytest.raises(ValidationError, match="no follow-up"):
        actions.follow_up_referral(about(nav, referral), TODAY, "Checked")


def test_a_draft_is_the_referrers_until_sent(client, users, paz, college_staff):
    nav = users["navigator"]
    consent = Consent.objects.create(participant=paz, organisation=college_staff
                                      .pathways_profile.organisation, purpose="referral",
                                      method="signed", given_on=TODAY)
    service = consent.organisation.providers.first().support_services.first()
    referral = actions.send_referral(on(nav, paz), {"service": service, "consent": consent},
                                     draft=True)
    assert referral.status == "draft"
    assert referral not in queries.incoming_referrals(college_staff)
    client.force_login(college_staff)
    assert client.get(f"/cases/referrals/{referral.pk}/").status_code == 404
    actions.revise_referral(about(nav, referral), "requested")
    referral.refresh_from_db()
    assert referral.status == "requested"
    assert referral in queries.waiting_referrals(college_staff)
    assert client.get(f"/cases/referrals/{referral.pk}/").status_code == 200


def test_overdue_shows_on_the_caseload_record_and_queue(client, users, marco, college_staff):
    """The demo's laptop referral is still requested three days past its due date."""
    referral = marco.referrals.get()
    assert referral.is_overdue and referral.follow_up_due < TODAY
    row = next(r for r in case_rows(queries.caseload_for(users["navigator"]))
               if r.participant.pk == marco.pk)
    assert row.referral_overdue and row.referral_waiting
    client.force_login(users["navigator"])
    page = client.get("/cases/?show=overdue")
    assert [r.participant.pk for r in page.context["rows"]] == [marco.pk]
    assert "Referral overdue" in page.content.decode()
    assert "Overdue" in client.get(f"/cases/participants/{marco.pk}/").content.decode()
    client.force_login(college_staff)
    queue = client.get("/cases/referrals/")
    assert queue.context["overdue"] == 1
    assert "1 referral is overdue" in queue.content.decode()
    actions.update_referral(about(college_staff, referral), "accepted")
    assert Referral.objects.get(pk=referral.pk).is_overdue  # accepted, not done: still
    actions.update_referral(about(college_staff, referral), "on-hold", "waitlist")
    assert not Referral.objects.get(pk=referral.pk).is_overdue  # paused on purpose
    assert queries.overdue_referrals(college_staff).count() == 0


def test_the_remind_command_lists_and_emails_without_names(users, marco, college_staff):
    college_staff.email = "staff@college.example.org"
    college_staff.save()
    referral = marco.referrals.get()
    runner = CliRunner()
    result = runner.invoke(main, ["referrals", "remind"])
    assert result.exit_code == 0, result.output
    assert f"#{referral.pk} Service: " in result.output and "3 days late" in result.output
    assert referral.organisation.name in result.output
    assert "Marco" not in result.output
    later = runner.invoke(main, ["referrals", "remind", "--today",
                                 (TODAY - dt.timedelta(days=10)).isoformat()])
    assert "No overdue referrals." in later.output
    result = runner.invoke(main, ["referrals", "remind", "--email",
                                  "--site", "https://pathways.example.org"])
    assert result.exit_code == 0, result.output
    to = [address for m in mail.outbox for address in m.to]
    assert "staff@college.example.org" in to and users["navigator"].email in to
    body = "\n".join(m.body for m in mail.outbox)
    assert f"https://pathways.example.org/cases/referrals/{referral.pk}/" in body
    assert "Marco" not in body and "laptop" not in body.lower().split("service:")[0]
    entry = AuditEntry.objects.get(action="cases.referral_reminders")
    assert entry.changes == {"referrals": 1, "organisations": 1, "emails": len(mail.outbox)}


@pytest.mark.parametrize(("args", "message"), [
    (["--today", "2025-02-30"], "is not a date"),
    (["--organisation", "Nobody"], "no organisation named"),
])
def test_the_remind_command_names_bad_input(args, message):
    result = CliRunner().invoke(main, ["referrals", "remind", *args])
    assert result.exit_code != 0 and message in result.output


def test_a_referral_to_a_program_goes_to_its_provider(client, users, paz):
    program = Program.objects.filter(provider__organisation__isnull=False).first()
    organisation = program.provider.organisation
    consent = Consent.objects.create(participant=paz, organisation=organisation,
                                     purpose="referral", method="signed", given_on=TODAY)
    client.force_login(users["navigator"])
    url = f"/cases/participants/{paz.pk}/referrals/new/"
    missing = client.post(url, {"kind": "program", "consent": consent.pk})
    assert missing.status_code == 400 and "Choose the" in missing.content.decode()
    response = client.post(url, {"kind": "program", "program": program.pk,
                                 "consent": consent.pk, "note": "Evening cohort"})
    assert response.status_code == 302
    referral = Referral.objects.latest("pk")
    assert (referral.kind, referral.program, referral.service, referral.organisation) == (
        "program", program, None, organisation)
    staff = make_user("program-staff", "partner_staff", organisation.name)
    assert referral in queries.waiting_referrals(staff)
    assert "Enrolment in a program" in client.get(referral.get_absolute_url()).content.decode()


def test_a_referral_to_an_employer_goes_to_the_employer(client, users, paz):
    employer = EmployerProfile.objects.filter(
        organisation__partnerships__organisations=paz.enrolled_by).first()
    assert employer is not None
    consent = Consent.objects.create(participant=paz, organisation=employer.organisation,
                                     purpose="referral", method="signed", given_on=TODAY)
    client.force_login(users["navigator"])
    response = client.post(f"/cases/participants/{paz.pk}/referrals/new/", {
        "kind": "employer", "employer": employer.pk, "consent": consent.pk,
        # a service chosen too, before the navigator switched: only the kind's target counts
        "service": SupportService.objects.filter(
            provider__organisation__isnull=False, category="support:Childcare").first().pk})
    assert response.status_code == 302
    referral = Referral.objects.latest("pk")
    assert (referral.kind, referral.employer, referral.service) == ("employer", employer, None)
    assert referral.organisation == employer.organisation
    hr = make_user("employer-staff", "partner_staff", employer.organisation.name)
    assert referral in queries.incoming_referrals(hr)
    actions.update_referral(about(hr, referral), "accepted")  # an interview is offered


def test_one_target_of_its_kind_is_held_by_the_database(marco):
    referral = marco.referrals.get()
    program = Program.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=referral.pk).update(kind="program")
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=referral.pk).update(program=program)


def test_old_statuses_migrate_to_fhir_codes(paz, marco, college_staff):
    """The data step of migration 0008, run on rows set back to the old values."""
    from importlib import import_module

    step = import_module("pathways.apps.cases.migrations.0008_fhir_task_statuses_and_targets")
    accepted = paz.referrals.get()
    sent = marco.referrals.get()
    rows = {}
    for old, extra in [("sent", {}), ("accepted", {}),
                       ("declined", {"status_reason_note": "No seats"}),
                       ("delivered", {"delivered_on": TODAY}),
                       ("closed", {"delivered_on": TODAY, "followed_up_on": TODAY}),
                       ("closed", {"status_reason_note": "Full", "followed_up_on": TODAY})]:
        copy = Referral.objects.get(pk=sent.pk)
        copy.pk = None
        copy.status = "requested"
        for name, value in extra.items():
            setattr(copy, name, value)
        copy.save()
        Referral.objects.filter(pk=copy.pk).update(status=old)
        rows[copy.pk] = old
    step.to_fhir_statuses(django_apps, None)
    found = {r.pk: (r.status, r.status_reason) for r in Referral.objects.filter(pk__in=rows)}
    assert sorted(found.values()) == sorted([
        ("requested", ""), ("accepted", ""), ("rejected", "other"), ("completed", ""),
        ("completed", ""), ("rejected", "other")])
    assert Referral.objects.get(pk=accepted.pk).status == "accepted"
    step.to_old_statuses(django_apps, None)
    back = {r.pk: r.status for r in Referral.objects.filter(pk__in=rows)}
    assert sorted(back.values()) == sorted(["sent", "accepted", "declined", "delivered",
                                            "closed", "closed"])


def test_a_referral_entered_in_error_is_no_service_in_the_pirl_file(users, marco):
    from pathways.apps.accounts.access import ConsoleUser
    from pathways.apps.reports.pirl import people
    from pathways.apps.reports.queries import measures_access
    from pathways.demo.region import demo_partnership

    access = measures_access(ConsoleUser("test"), demo_partnership())
    referral = marco.referrals.get()
    sent = referral.sent_at.date()

    before = [p.services for p in people(access)]
    actions.revise_referral(about(users["navigator"], referral), "entered-in-error",
                            "wrong-record")
    after = [p.services for p in people(access)]
    assert sum(s.count(sent) for s in after) == sum(s.count(sent) for s in before) - 1


def test_the_fhir_task_of_a_referral_holds_no_personal_value(client, users, marco,
                                                              college_staff):
    referral = marco.referrals.get()
    actions.update_referral(about(college_staff, referral), "rejected", "no-capacity",
                            "Marco has no laptop at home")
    client.force_login(college_staff)  # the receiver sees the referral, not the record
    response = client.get(f"/cases/referrals/{referral.pk}/fhir/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    found = response.json()
    assert (found["resourceType"], found["status"], found["intent"]) == (
        "Task", "rejected", "order")
    assert found["statusReason"]["coding"][0]["code"] == "no-capacity"
    assert found["for"]["identifier"]["value"] == str(marco.pk)
    assert found["owner"]["display"] == referral.organisation.name
    assert found["restriction"]["period"]["end"] == referral.follow_up_due.isoformat()
    text = response.content.decode()
    for value in ("Marco", marco.last_name, "laptop at home", "Needs a laptop"):
        assert value not in text
    assert AuditEntry.objects.filter(changes__page="referral_fhir").exists()
    outsider = make_user("elsewhere-staff", "partner_staff", "Riverton Family")
    client.force_login(outsider)
    assert client.get(f"/cases/referrals/{referral.pk}/fhir/").status_code == 404


def test_the_referral_page_and_queue_in_spanish(client, marco, college_staff):
    referral = marco.referrals.get()
    client.force_login(college_staff)
    page = client.get(f"/cases/referrals/{referral.pk}/", HTTP_ACCEPT_LANGUAGE="es")
    text = page.content.decode()
    assert "Enviada, esperando respuesta" in text and "Atrasada" in text
    assert "Responder o actualizar la remisión" in text and "En lista de espera" in text
    queue = client.get("/cases/referrals/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "1 remisión está atrasada" in queue
