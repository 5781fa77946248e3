"""The linkage loop on its pages: upload partners' files, link them as a job, review the
uncertain pairs (audited, masked for analysts), measure the joined files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pathways.apps.accounts.models import AuditEntry, Partnership
from pathways.apps.jobs.models import Job
from pathways.apps.linking import actions
from pathways.apps.linking.models import CandidatePair, LinkageRun
from pathways.apps.reports.models import MeasuresRun
from pathways.demo.region import demo_partnership
from tests.jobs import run_worker
from tests.linking.files import FILES, fixed_link_records

pytestmark = pytest.mark.django_db
PERSONAL = ("maria", "garcia", "mary", "1990", "40502", "María")


@pytest.fixture
def partnership(monkeypatch):
    # The model's answer is fixed (tests/linking/files.py); one test runs the real one.
    monkeypatch.setattr("pathways.linkage.link_records", fixed_link_records)
    return demo_partnership()


def signed_in(client, username: str):
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def analyst(client):
    return signed_in(client, "analyst")


def upload(client, partnership, files=FILES):
    data = {}
    for n, (content, label, name) in enumerate(files, start=1):
        data[f"label_{n}"] = label
        data[f"file_{n}"] = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(reverse("linking:index", kwargs={"pk": partnership.pk}), data)


def linked(client, partnership) -> LinkageRun:
    response = upload(client, partnership)
    assert response.status_code == 302, response.content.decode()[:3000]
    run_worker()
    job = Job.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert job.status == Job.Status.SUCCEEDED, (job.error, job.problems)
    return LinkageRun.objects.get(job=job)


def test_the_real_model_links_the_files_and_its_people_are_the_runs(analyst, monkeypatch):
    from pathways import linkage

    monkeypatch.undo()
    assert linkage.link_records is not fixed_link_records
    run = linked(analyst, demo_partnership())
    assert run.state == LinkageRun.State.READY and run.records == 9
    assert run.pairs.exists() and 1 <= run.people < 9
    assert set(run.pairs.values_list("suggested", flat=True)) <= {"link", "review"}


def test_an_analyst_links_reviews_and_measures_the_joined_files(analyst, partnership):
    run = linked(analyst, partnership)
    assert run.state == LinkageRun.State.READY and run.records == 9 and run.people == 6
    # The files wait sealed: no name in them as plain text.
    for path in Path(settings.LINKAGE_FILES_DIR, str(run.pk)).iterdir():
        assert b"Garc" not in path.read_bytes() and b"A1," not in path.read_bytes()
    page = analyst.get(reverse("linking:run", kwargs={"pk": partnership.pk, "run": run.pk}))
    text = page.content.decode()
    assert page.status_code == 200 and "adulted:B7 – workforce:W1" in text
    first = CandidatePair.objects.get(run=run, left="adulted:B7", right="workforce:W1")
    url = reverse("linking:pair", kwargs={"pk": partnership.pk, "run": run.pk,
                                          "pair": first.pk})
    before = AuditEntry.objects.count()
    shown = analyst.get(url).content.decode()
    # An analyst may not see participants' identifying data: masked, and no view audited.
    assert "m••••" in shown and "1990-••-••" in shown
    assert not any(value in shown for value in ("maria", "garcia lopez", "1990-04-02"))
    assert AuditEntry.objects.count() == before
    response = analyst.post(url, {"decision": "match"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.decision == "match" and first.decided_by.username == "analyst"
    entry = AuditEntry.objects.filter(action="linkage.decide").latest("pk")
    assert entry.changes["pair"] == first.pk and entry.changes["decision"] == "match"
    assert not any(v in str(entry.changes) + entry.summary for v in PERSONAL)
    run.refresh_from_db()
    assert run.people == 5  # Mary at the job center is María
    # The next undecided pair follows, then the run page.
    second = CandidatePair.objects.get(run=run, left="college:A1", right="workforce:W1")
    assert response["Location"].endswith(f"/pairs/{second.pk}/")
    analyst.post(response["Location"], {"decision": "match"})
    response = analyst.post(reverse("linking:measures", kwargs={
        "pk": partnership.pk, "run": run.pk}), {"start": "2022-07-01", "end": "2024-06-30",
                                                 "as_of": "2025-01-15", "threshold": "10"})
    assert response.status_code == 302, response.content.decode()[:3000]
    run_worker()
    job = Job.objects.filter(kind="linkage.measures").latest("pk")
    assert job.status == Job.Status.SUCCEEDED, (job.error, job.problems)
    stored = MeasuresRun.objects.filter(partnership=partnership).latest("pk")
    assert stored.source.startswith(f"linkage run {run.pk}: college, adulted, workforce")
    assert stored.records == 9 and stored.periods == 5 + 0  # one period per person here
    assert job.result_url.endswith(f"?run={stored.pk}")


def test_a_wage_file_keyed_by_partner_records_joins_the_measures(analyst, partnership):
    run = linked(analyst, partnership)
    url = reverse("linking:measures", kwargs={"pk": partnership.pk, "run": run.pk})
    period = {"start": "2022-07-01", "end": "2024-06-30", "as_of": "2025-01-15",
              "threshold": "10"}
    bad = SimpleUploadedFile("wages-q3.csv", b"person,year,quarter,employer,wages\n"
                             b"college:A1,2023,5,E1,100\n")
    response = analyst.post(url, {**period, "wages": bad})
    run_worker()
    page = analyst.get(response["Location"]).content.decode()
    assert "wages-q3.csv" in page and "quarter must be 1, 2, 3 or 4" in page
    good = SimpleUploadedFile("wages.csv", b"person,year,quarter,employer,wages\n"
                              b"college:A1,2023,1,E1,100\nadulted:B7,2023,1,E1,50\n"
                              b"workforce:W2,2023,1,E2,900\n")
    response = analyst.post(url, {**period, "wages": good})
    run_worker()
    job = Job.objects.filter(kind="linkage.measures").latest("pk")
    assert job.status == Job.Status.SUCCEEDED, (job.error, job.problems)
    stored = MeasuresRun.objects.filter(partnership=partnership).latest("pk")
    assert stored.wage_rows == 2  # María's two rows are one person's quarter
    assert not Path(settings.JOB_FILES_DIR, str(job.pk)).exists()


def test_an_administrator_sees_the_values_and_each_look_is_audited(client, partnership):
    run = linked(signed_in(client, "admin"), partnership)
    pair = run.pairs.filter(suggested="review").first()
    url = reverse("linking:pair", kwargs={"pk": partnership.pk, "run": run.pk,
                                          "pair": pair.pk})
    page = client.get(url).content.decode()
    assert "1990-04-02" in page and "garcia" in page
    entry = AuditEntry.objects.filter(action="linkage.view_pair").latest("pk")
    assert entry.changes == {"run": run.pk, "pair": pair.pk}
    assert "garcia" not in entry.summary
    client.get(url)
    assert AuditEntry.objects.filter(action="linkage.view_pair").count() == 2
    # A decision sent without a choice shows the values again: that look is noted too.
    assert client.post(url, {}).status_code == 400
    assert AuditEntry.objects.filter(action="linkage.view_pair").count() == 3


def test_a_bad_file_fails_the_job_by_file_line_and_field_and_keeps_nothing(
        analyst, partnership):
    bad = (b"record_id,first_name,birth_date,900\nX1,Ann,1990-02-30,20220101\n",
           "adulted", "march-adulted.csv")
    response = upload(analyst, partnership, [FILES[0], bad])
    run_worker()
    page = analyst.get(response["Location"]).content.decode()
    assert "march-adulted.csv" in page and "birth_date" in page and "not a date" in page
    run = LinkageRun.objects.latest("pk")
    assert run.state == LinkageRun.State.FAILED and not run.pairs.exists()
    assert not Path(settings.LINKAGE_FILES_DIR, str(run.pk)).exists()


def test_the_upload_form_names_what_is_missing(analyst, partnership):
    response = upload(analyst, partnership, FILES[:1])
    assert response.status_code == 400
    assert "at least two partners" in response.content.decode()
    response = upload(analyst, partnership, [FILES[0], (FILES[1][0], "college", "b.csv")])
    assert response.status_code == 400 and "Another file has this label" in \
        response.content.decode()
    assert not LinkageRun.objects.exists()


def test_a_cancelled_linkage_keeps_nothing(analyst, partnership):
    response = upload(analyst, partnership)
    job_pk = int(response["Location"].rstrip("/").split("/")[-1])
    analyst.post(reverse("jobs:cancel", kwargs={"pk": job_pk}))
    run_worker()
    run = LinkageRun.objects.get(job_id=job_pk)
    assert run.state == LinkageRun.State.FAILED and run.files_removed_at
    assert not Path(settings.LINKAGE_FILES_DIR, str(run.pk)).exists()


def test_a_not_a_match_still_joined_is_shown_with_the_pairs_that_join_it(
        analyst, partnership):
    run = linked(analyst, partnership)
    one = run.pairs.get(left="adulted:B7", right="workforce:W1")
    other = run.pairs.get(left="college:A1", right="workforce:W1")
    model_link = run.pairs.get(left="adulted:B7", right="college:A1")
    kwargs = {"pk": partnership.pk, "run": run.pk}
    analyst.post(reverse("linking:pair", kwargs={**kwargs, "pair": one.pk}),
                 {"decision": "match"})
    analyst.post(reverse("linking:pair", kwargs={**kwargs, "pair": other.pk}),
                 {"decision": "not_match"})
    page = analyst.get(reverse("linking:run", kwargs=kwargs)).content.decode()
    assert "still joined into one person" in page
    # The model's own links are listed too, each one open to a reviewer.
    assert "Pairs the model linked" in page
    link_page = analyst.get(reverse("linking:pair", kwargs={**kwargs, "pair": model_link.pk}))
    assert "A pair the model linked" in link_page.content.decode()
    assert reverse("linking:pair", kwargs={**kwargs, "pair": model_link.pk}) in page
    # The reviewer cuts the model's link: María's college record is someone else.
    analyst.post(reverse("linking:pair", kwargs={**kwargs, "pair": model_link.pk}),
                 {"decision": "not_match"})
    page = analyst.get(reverse("linking:run", kwargs=kwargs)).content.decode()
    assert "still joined into one person" not in page
    run.refresh_from_db()
    assert run.people == 6


def test_removed_files_end_the_review(analyst, partnership):
    run = linked(analyst, partnership)
    pair = run.pairs.filter(suggested="review").first()
    analyst.post(reverse("linking:remove", kwargs={"pk": partnership.pk, "run": run.pk}))
    run.refresh_from_db()
    assert run.state == LinkageRun.State.REMOVED and run.files_removed_at
    assert not Path(settings.LINKAGE_FILES_DIR, str(run.pk)).exists()
    url = reverse("linking:pair", kwargs={"pk": partnership.pk, "run": run.pk,
                                          "pair": pair.pk})
    assert "can no longer be shown" in analyst.get(url).content.decode()
    assert analyst.post(url, {"decision": "match"}).status_code == 400
    measures = analyst.post(reverse("linking:measures", kwargs={
        "pk": partnership.pk, "run": run.pk}), {"start": "2022-07-01", "end": "2024-06-30",
                                                 "threshold": "10"})
    assert measures.status_code == 400 and "were removed" in measures.content.decode()


def test_files_kept_past_their_time_are_removed(analyst, partnership):
    run = linked(analyst, partnership)
    LinkageRun.objects.filter(pk=run.pk).update(
        keep_until=timezone.now() - dt.timedelta(minutes=1))
    assert actions.remove_expired() == 1
    run.refresh_from_db()
    assert run.state == LinkageRun.State.REMOVED
    assert not Path(settings.LINKAGE_FILES_DIR, str(run.pk)).exists()


def test_another_partnership_and_other_roles_are_refused(client, partnership):
    other = Partnership.objects.create(name="Elsewhere partnership")
    analyst = signed_in(client, "analyst")
    assert analyst.get(reverse("linking:index", kwargs={"pk": other.pk})).status_code == 404
    run = linked(analyst, partnership)
    url = reverse("linking:run", kwargs={"pk": other.pk, "run": run.pk})
    assert analyst.get(url).status_code == 404
    for username in ("navigator", "partner", "editor"):
        signed_in(client, username)
        assert client.get(reverse("linking:run", kwargs={
            "pk": partnership.pk, "run": run.pk})).status_code == 403
