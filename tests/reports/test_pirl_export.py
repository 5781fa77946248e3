"""PIRL from the platform's own records: the round trip through the measures engine.

Eight hand-made participants (numbers worked out by hand below) are exported, the file is
read by the PIRL reader, and the engine's figures on it must be exactly the hand-computed
ones. The demo region exports too, and its file reads and computes without a problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pandas as pd
import pytest
from click.testing import CliRunner
from django.utils import timezone

from pathways.apps.accounts.access import ConsoleUser
from pathways.apps.accounts.models import AuditEntry, Organisation, Partnership
from pathways.apps.cases.models import (
    Assessment,
    CareerPlan,
    Consent,
    Milestone,
    Participant,
    Referral,
    WorkActivity,
)
from pathways.apps.catalog.models import ExitPoint, PathwayComponent, SupportService
from pathways.apps.jobs.models import Job
from pathways.apps.reports.pirl import export_pirl, people
from pathways.apps.reports.queries import measures_access
from pathways.apps.reports.tasks import exported_file
from pathways.cli import main
from pathways.demo.region import demo_partnership
from pathways.metrics import PirlFiles, RecordSource, Window, export, run_measures
from tests.jobs import run_worker

pytestmark = pytest.mark.django_db

D = dt.date
START, END, AS_OF = D(2024, 7, 1), D(2025, 6, 30), D(2026, 9, 30)


@pytest.fixture
def region():
    """A partnership of one organisation with eight participants."""
    org = Organisation.objects.create(name="Round Trip Center", kind="workforce_board")
    partnership = Partnership.objects.create(name="Round trip", scope="local")
    partnership.organisations.add(org)
    s1 = PathwayComponent.objects.filter(level__isnull=False).order_by("pk").first()
    s2 = PathwayComponent.objects.filter(pathway=s1.pathway).exclude(pk=s1.pk).first()
    goal = ExitPoint.objects.filter(pathway=s1.pathway).first()
    service = SupportService.objects.first()

    def person(name, assessed=None, barriers=(), due=None):
        p = Participant.objects.create(first_name=name, last_name="Test", enrolled_by=org,
                                       date_of_birth=D(1990, 5, 5),
                                       government_id_kind="ssn", government_id="123456789")
        if assessed:
            Assessment.objects.create(participant=p, assessed_on=assessed, education=1,
                                      english_level="proficient", employment_status=0,
                                      barriers=list(barriers))
        CareerPlan.objects.create(participant=p, pathway=s1.pathway, goal=goal,
                                  next_step_due=due)
        return p

    def milestone(p, kind, on, **extra):
        Milestone.objects.create(participant=p, kind=kind, on=on, source="partner", **extra)

    def job(p, on, wage, employer):
        milestone(p, "employed", on, employer=employer, hourly_wage=Decimal(wage))

    # A: training, a postsecondary credential, the same job in Q2 and Q4 ($20 an hour).
    a = person("Ana", D(2024, 1, 10), ["low_income"])
    milestone(a, "enrolled", D(2024, 1, 15), component=s1)
    milestone(a, "completed", D(2024, 3, 20), component=s1)
    milestone(a, "enrolled", D(2024, 5, 1), component=s2)
    milestone(a, "completed", D(2024, 7, 20), component=s2)  # exit 2024-07-20
    milestone(a, "credential", D(2024, 8, 25), credential_kind=5)
    job(a, D(2024, 10, 1), "20.00", "Acme")
    # B: an EFL gain; a job by Q2 ($15), another employer by Q4: no retention.
    b = person("Bea", D(2024, 6, 1))
    milestone(b, "enrolled", D(2024, 6, 10), component=s1)
    milestone(b, "skill_gain", D(2024, 8, 15), skill_gain=1)
    milestone(b, "completed", D(2024, 8, 30), component=s1)  # exit 2024-08-30
    job(b, D(2024, 11, 1), "15.00", "Beta")
    job(b, D(2025, 8, 1), "18.00", "Gamma")
    # C: no training; a referral is her last service (exit by the 90-day rule).
    c = person("Cy", D(2024, 5, 1))
    consent = Consent.objects.create(participant=c, organisation=org, purpose="referral",
                                     method="signed", given_on=D(2024, 5, 1))
    referral = Referral.objects.create(participant=c, service=service, organisation=org,
                                       consent=consent, follow_up_due=D(2024, 7, 20),
                                       delivered_on=D(2024, 7, 5), status="completed")
    Referral.objects.filter(pk=referral.pk).update(
        sent_at=timezone.make_aware(dt.datetime(2024, 6, 10, 12)))
    # D: job search, training, a diploma gain and a job by Q2 ($17): credential by the
    # diploma rule.
    d = person("Dee")
    WorkActivity.objects.create(participant=d, kind="job_search", organisation="Center",
                                started_on=D(2024, 9, 1), ended_on=D(2024, 9, 30),
                                outcome="completed")
    milestone(d, "enrolled", D(2024, 9, 5), component=s1)
    milestone(d, "skill_gain", D(2024, 12, 10), skill_gain=2)
    milestone(d, "completed", D(2024, 12, 15), component=s1)  # exit 2024-12-15
    job(d, D(2025, 2, 1), "17.00", "Delta")
    # E: on-the-job training still going: in the skill gains, not an exiter.
    e = person("Eli")
    WorkActivity.objects.create(participant=e, kind="ojt", organisation="Shop",
                                started_on=D(2025, 3, 1))
    milestone(e, "enrolled", D(2025, 3, 1), component=s1)
    # F: no service for over a year, but a next step scheduled: still enrolled; a
    # training milestone gain.
    f = person("Fay", due=D(2026, 10, 15))
    milestone(f, "enrolled", D(2025, 1, 10), component=s1)
    milestone(f, "skill_gain", D(2025, 3, 1), skill_gain=4)
    # G: exited before the period: not in the file.
    g = person("Gus", D(2023, 1, 10))
    milestone(g, "enrolled", D(2023, 2, 1), component=s1)
    # H: in the records of another partnership: not in the file.
    other = Organisation.objects.exclude(pk=org.pk).first()
    h = Participant.objects.create(first_name="Hal", last_name="Test", enrolled_by=other,
                                   date_of_birth=D(1990, 5, 5))
    Milestone.objects.create(participant=h, kind="enrolled", on=D(2024, 9, 1),
                             component=s1, source="partner")
    return partnership


# Worked out by hand from the records above (exiters in PY2024: A, B, C, D).
EXPECTED = {
    "employment_q2": (3, 4),             # A, B, D employed in Q2; C not
    "employment_q4": (3, 4),             # A, B (Gamma), D
    "credential_attainment": (2, 3),     # A postsecondary, D diploma and employed; B none
    "measurable_skill_gains": (3, 5),    # B EFL, D diploma, F milestone; of A B D E F
    "retention_same_employer": (2, 3),   # A, D same employer; B not
}
MEDIAN_Q2 = 8840.0  # of 10,400 (A), 7,800 (B), 8,840 (D): hourly wage x 520 hours


def _export(partnership, tmp_path, user=None):
    access = measures_access(user or ConsoleUser("test"), partnership)
    path = tmp_path / "pirl.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        count = export_pirl(access, handle, START, END, AS_OF)
    return path, count


def test_the_engine_on_the_exported_file_gives_the_hand_computed_numbers(region, tmp_path):
    path, count = _export(region, tmp_path)
    assert count == 6  # A-F; G exited before the period, H is another partnership's
    inputs = PirlFiles(path).read()
    result = run_measures(inputs, None, Window(START, END, AS_OF), by=["pathway"],
                          threshold=1)
    total = result.unsuppressed[result.unsuppressed["dimension"] == "all"].set_index(
        "measure")
    for measure, (numerator, denominator) in EXPECTED.items():
        row = total.loc[measure]
        assert (row["numerator"], row["denominator"]) == (numerator, denominator), measure
    assert total.loc["median_earnings_q2", "value"] == MEDIAN_Q2
    rows = {r["900"]: r for r in csv.DictReader(path.open(encoding="utf-8"))}
    assert rows["20240110"]["901"] == "20240720"  # A: last service, typed nowhere
    assert rows["20240501"]["901"] == "20240705"  # C: the referral delivered
    assert rows["20250110"]["901"] == ""          # F: a step is scheduled
    assert rows["20250301"]["901"] == ""          # E: OJT ongoing
    assert rows["20240110"]["802"] == "1" and rows["20240110"]["pathway_level"]


def test_the_file_holds_no_name_or_government_identifier(region, tmp_path):
    path, _count = _export(region, tmp_path)
    text = path.read_text(encoding="utf-8")
    for secret in ("Ana", "Test", "123456789"):
        assert secret not in text
    keys = {r["100"] for r in csv.DictReader(io.StringIO(text))}
    again = {r["100"] for r in csv.DictReader(_export(region, tmp_path)[0].open())}
    assert keys == again and len(keys) == 6  # stable from one export to the next


def test_the_export_is_audited_without_personal_values(region, tmp_path):
    _export(region, tmp_path)
    entry = AuditEntry.objects.filter(action="pirl.export").latest("pk")
    assert entry.object_id == str(region.pk)
    assert entry.changes["periods"] == 6
    assert "Ana" not in str(entry.changes) + entry.summary


def test_the_demo_region_file_gives_what_the_engine_computes_from_the_records(tmp_path):
    """The demo's records straight into the engine (a RecordSource of the same values)
    and through the exported file: the same table, cell for cell."""
    demo = demo_partnership()
    access = measures_access(ConsoleUser("test"), demo)
    today = timezone.localdate()
    start, window = today - dt.timedelta(days=730), Window(today - dt.timedelta(days=730),
                                                            today, today)
    path = tmp_path / "demo.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        count = export_pirl(access, handle, start, today, today)
    direct = [row for p in people(access) for row in export.rows(p, today)
              if export.in_period(row, start, today)]
    assert count == len(direct) > 0
    from_file = run_measures(PirlFiles(path).read(), None, window, threshold=1)
    from_records = run_measures(RecordSource("records", direct).read(), None, window,
                                threshold=1)
    pd.testing.assert_frame_equal(from_file.unsuppressed, from_records.unsuppressed)
    assert from_file.periods == from_records.periods


def test_the_command_writes_the_file_and_the_dictionary(region, tmp_path):
    out, dictionary = tmp_path / "p.csv", tmp_path / "d.csv"
    result = CliRunner().invoke(main, [
        "pirl", "export", "--from", "2024-07-01", "--to", "2025-06-30", "--as-of",
        "2026-09-30", "--out", str(out), "--partnership", str(region.pk),
        "--dictionary", str(dictionary)])
    assert result.exit_code == 0, result.output
    assert "6 periods" in result.output
    assert len(list(csv.DictReader(out.open()))) == 6
    assert next(csv.DictReader(dictionary.open()))["element"] == "100"


def test_the_command_names_a_bad_partnership_and_dates(tmp_path):
    result = CliRunner().invoke(main, [
        "pirl", "export", "--from", "2025-07-01", "--to", "2025-06-30", "--out",
        str(tmp_path / "p.csv"), "--partnership", "no-such"])
    assert result.exit_code == 1
    assert "--to is before --from" in result.output and "no-such" in result.output
    assert not (tmp_path / "p.csv").exists()


def _analyst():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="analyst")


def test_the_analyst_downloads_her_partnership_file_with_no_dates_in_the_url(client):
    from django.urls import reverse

    demo = demo_partnership()
    client.force_login(_analyst())
    url = reverse("reports:pirl_export", kwargs={"pk": demo.pk})
    page = client.get(url)
    assert page.status_code == 200 and b"Data dictionary" in page.content
    response = client.post(url, {"start": "2024-01-01", "end": "2030-12-31",
                                 "program": "adult"})
    # A background job makes the file; its page links to it when the worker is done.
    job = Job.objects.get(kind="pirl.export")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert "2024" not in response["Location"]
    run_worker()
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    sealed = exported_file(job.pk).read_bytes()
    assert b"100,200,408" not in sealed  # encrypted at rest until it is downloaded
    assert job.result_url in client.get(f"/jobs/{job.pk}/").content.decode()
    response = client.get(job.result_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert body.splitlines()[0].startswith("100,200,408")
    assert "Paz" not in body and "Marco" not in body
    entry = AuditEntry.objects.filter(action="pirl.export").latest("pk")
    assert entry.actor == _analyst() and entry.object_id == str(demo.pk)
    assert AuditEntry.objects.filter(action="pirl.download", object_id=str(job.pk)).exists()
    # Once only: the file holds personal data.
    assert client.get(job.result_url).status_code == 404 and not exported_file(job.pk).exists()
    dictionary = client.get(reverse("reports:pirl_dictionary", kwargs={"pk": demo.pk}))
    assert dictionary.status_code == 200 and b"derived from" in dictionary.content


def test_another_partnership_is_not_found_and_bad_dates_are_named(client, region):
    from django.urls import reverse

    client.force_login(_analyst())
    other = reverse("reports:pirl_export", kwargs={"pk": region.pk})
    assert client.get(other).status_code == 404
    assert client.post(other, {"start": "2024-01-01", "end": "2024-12-31",
                               "program": "adult"}).status_code == 404
    demo = demo_partnership()
    url = reverse("reports:pirl_export", kwargs={"pk": demo.pk})
    response = client.post(url, {"start": "2025-01-01", "end": "2024-12-31",
                                 "program": "adult"})
    assert response.status_code == 400
    assert b"The period ends before it starts." in response.content


def test_a_navigator_may_not_export(client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    demo = demo_partnership()
    client.force_login(get_user_model().objects.get(username="navigator"))
    response = client.get(reverse("reports:pirl_export", kwargs={"pk": demo.pk}))
    assert response.status_code in {403, 404}


def test_the_export_page_in_spanish(client):
    from django.urls import reverse

    demo = demo_partnership()
    client.force_login(_analyst())
    page = client.get(reverse("reports:pirl_export", kwargs={"pk": demo.pk}),
                      HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Exportar un archivo PIRL" in page and "Diccionario de datos" in page


def test_the_number_of_queries_does_not_grow_with_the_participants(region, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            _export(region, tmp_path)
        return len(seen)

    before = queries()
    org = region.organisations.get()
    step = PathwayComponent.objects.filter(level__isnull=False).first()
    for i in range(5):
        p = Participant.objects.create(first_name=f"N{i}", last_name="Test", enrolled_by=org,
                                       date_of_birth=D(1990, 5, 5))
        Milestone.objects.create(participant=p, kind="enrolled", on=D(2024, 9, 1),
                                 component=step, source="partner")
    assert queries() == before
