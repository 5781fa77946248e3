"""Every registered action refuses a person who has the role but not the record, and then
nothing is written; the same call by someone who has the record goes through.

The actions come from the registry (``pathways.apps.accounts.access.registered``), so an
action added without a scenario here fails ``test_every_action_has_a_scenario``. Each
scenario builds, on the demo region, an *insider* (role and record), an *outsider* (the
same role, or one with the same permission, but not the record) and the arguments of one
real change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.http import Http404

from pathways.apps.accounts.access import CONSOLE, registered
from pathways.apps.accounts.models import Membership, Organisation, Partnership, Profile, Role
from pathways.apps.cases import contact
from pathways.apps.cases import queries as cases
from pathways.apps.cases.models import Participant
from pathways.apps.catalog import queries as catalog
from pathways.apps.catalog.models import Occupation, Pathway, SupportService
from pathways.apps.quality import queries as quality
from pathways.apps.quality.actions import ActionInput, RatingInput
from pathways.apps.reports import queries as reports
from pathways.apps.reports.models import MeasuresRun
from pathways.demo.region import demo_partnership
from tests.metrics import fixture

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def person(username: str, role: str, organisation: Organisation | None = None,
           partnership: Partnership | None = None, facilitator: bool = False):
    user = get_user_model().objects.create_user(username=username, password=None,
                                                is_superuser=role == Role.ADMINISTRATOR)
    Profile.objects.create(user=user, role=role, organisation=organisation)
    if partnership is not None:
        Membership.objects.create(user=user, partnership=partnership,
                                  is_facilitator=facilitator)
    return user


def demo_user(username: str):
    return get_user_model().objects.get(username=username)


def elsewhere() -> Organisation:
    """An organisation no demo participant is related to."""
    return Organisation.objects.get_or_create(name="Elsewhere Services (test)",
                                              defaults={"kind": "community"})[0]


def other_partnership() -> Partnership:
    return Partnership.objects.get_or_create(name="Another Region (test)",
                                             defaults={"scope": "local"})[0]


@dataclass
class Scenario:
    insider: Any
    outsider: Any
    args: tuple
    kwargs: dict
    record: Any = None  # a row whose values must not change when the outsider is refused


def marco() -> Participant:
    return Participant.objects.get(first_name="Marco")


def paz() -> Participant:
    return Participant.objects.get(first_name="Paz")


def on(participant: Participant) -> Callable[[Any], Any]:
    return lambda user: cases.participant_access(user, participant)


def _participant_scenario(args: tuple, who: Participant | None = None) -> Scenario:
    found = who or marco()
    access = on(found)
    return Scenario(access(demo_user("navigator")),
                    access(person("nav-elsewhere", Role.NAVIGATOR, elsewhere())),
                    args, {}, found)


# -- cases ---------------------------------------------------------------------------------
def s_enrol() -> Scenario:
    data = {"first_name": "Test", "last_name": "Person", "date_of_birth": dt.date(1990, 1, 1)}
    return Scenario(cases.intake_access(demo_user("navigator")),
                    cases.intake_access(person("nav-no-org", Role.NAVIGATOR)), (data,), {})


def s_update() -> Scenario:
    return _participant_scenario(({"phone": "(859) 555-0199"},))


def s_link() -> Scenario:
    return _participant_scenario((person("marco-login", Role.PARTICIPANT),))


def s_create_account() -> Scenario:
    return _participant_scenario(("marco-account", "a long pass phrase 9"))


def s_reset_password() -> Scenario:
    """Paz has a login; a navigator elsewhere may not give it a new password."""
    scenario = _participant_scenario((), paz())
    scenario.record = paz().user  # its password must stay as it was
    return scenario


def s_consent() -> Scenario:
    return _participant_scenario(({"organisation": elsewhere(), "purpose": "referral",
                                   "method": "signed", "given_on": TODAY},))


def s_withdraw_consent() -> Scenario:
    found = paz()
    consent = found.consents.filter(withdrawn_on__isnull=True).first()
    scenario = _participant_scenario((consent, TODAY), found)
    scenario.record = consent
    return scenario


def s_assess() -> Scenario:
    return _participant_scenario(({"english_level": "limited"},))


def s_prior_job() -> Scenario:
    return _participant_scenario(({"occupation": Occupation.objects.get(code="15-1232.00"),
                                   "employer": "Test Co", "years": Decimal("1.0")},))


def s_plan() -> Scenario:
    return _participant_scenario(({"notes": "Checked with the person"},))


def s_milestone() -> Scenario:
    return _participant_scenario(({"kind": "employed", "on": TODAY, "source": "employer",
                                   "employer": "Test Co", "hourly_wage": Decimal("18.00")},))


def s_activity() -> Scenario:
    return _participant_scenario(({"kind": "internship", "organisation": "Test Co",
                                   "started_on": TODAY, "hours": 8, "outcome": "ongoing"},))


def s_refer() -> Scenario:
    found = marco()
    consent = found.consents.filter(purpose="referral").first()
    service = SupportService.objects.filter(provider__organisation=consent.organisation).first()
    return _participant_scenario(({"service": service, "organisation": consent.organisation,
                                   "consent": consent, "note": "Another try"},))


def s_answer() -> Scenario:
    referral = marco().referrals.get()
    receiver = person("laptop-staff", Role.PARTNER_STAFF, referral.organisation)
    # The sending navigator has the permission to answer referrals, and sees the person,
    # but the referral was not sent to their organisation.
    return Scenario(cases.referral_access(receiver, referral),
                    cases.referral_access(demo_user("navigator"), referral), ("accepted",),
                    {}, referral)


def s_revise() -> Scenario:
    """The referrer withdraws a referral; the receiving organisation's staff see the
    referral (and may cancel it on their side) but not the person, so not as referrer."""
    referral = marco().referrals.get()
    receiver = person("laptop-nav", Role.NAVIGATOR, referral.organisation)
    return Scenario(cases.referral_access(demo_user("navigator"), referral),
                    cases.referral_access(receiver, referral),
                    ("cancelled", "need-met"), {}, referral)


def s_follow_up() -> Scenario:
    """The case of issue 15: the receiving organisation declined the referral, so its
    navigator sees the referral but not the person, and may not follow it up."""
    from pathways.apps.cases import actions

    referral = marco().referrals.get()
    receiver = person("laptop-nav", Role.NAVIGATOR, referral.organisation)
    actions.update_referral(cases.referral_access(receiver, referral), "rejected",
                            "other", "No laptops")
    referral.refresh_from_db()
    assert cases.referral_access(receiver, referral).visible  # they see the referral...
    with pytest.raises(Http404):  # ...not the person
        cases.get_participant_for(receiver, referral.participant_id)
    return Scenario(cases.referral_access(demo_user("navigator"), referral),
                    cases.referral_access(receiver, referral), (TODAY, "Found another"), {},
                    referral)


def s_erase() -> Scenario:
    """Only administrators may erase, and they see everyone: the outsider is a navigator
    who sees the person but lacks the permission."""
    found = marco()
    return Scenario(on(found)(demo_user("admin")), on(found)(demo_user("navigator")),
                    ("The person asked for it (request 12)",), {}, found)


def s_rotate() -> Scenario:
    return Scenario(cases.key_access(CONSOLE), cases.key_access(demo_user("admin")), (), {})


# -- reports -------------------------------------------------------------------------------
def _outside_analyst():
    return person("analyst-elsewhere", Role.ANALYST, partnership=other_partnership())


def _measures(args: tuple, record: Any = None) -> Scenario:
    access = lambda user: reports.measures_access(user, demo_partnership())  # noqa: E731
    return Scenario(access(demo_user("analyst")), access(_outside_analyst()), args, {},
                    record)


def s_record_run() -> Scenario:
    window = SimpleNamespace(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
                             as_of=dt.date(2025, 6, 30))
    table = pd.DataFrame(columns=["measure", "dimension", "group", "numerator",
                                  "denominator", "value", "suppressed"])
    result = SimpleNamespace(threshold=10, table=table, window=window, engine="duckdb",
                             records=0, periods=0, wage_rows=0, measures=[], dimensions=[],
                             skipped={})
    return _measures((result,))


def s_withdraw_run() -> Scenario:
    run = MeasuresRun.objects.get(partnership=demo_partnership())
    return _measures((run, "The wrong file"), run)


def _published_run():
    from tests.reports.test_published import _run

    partnership = demo_partnership()
    pathway = Pathway.objects.filter(partnership=partnership, draft_of__isnull=True,
                                     status=Pathway.Status.PUBLISHED).order_by("slug").first()
    return _run(partnership, pathway, demo_user("analyst")), pathway


def s_publish_figure() -> Scenario:
    run, pathway = _published_run()
    return _measures((run, pathway, "employment_q2", "pathway", pathway.slug))


def s_unpublish_figure() -> Scenario:
    from pathways.apps.reports.models import PublishedFigure

    run, pathway = _published_run()
    figure = PublishedFigure.objects.create(run=run, pathway=pathway, measure="employment_q2",
                                            dimension="pathway", group=pathway.slug)
    return _measures((figure,), figure)


def s_run_uploaded(tmp_path) -> Scenario:
    pirl, wages = fixture.write(tmp_path)
    uploads = [SimpleUploadedFile(p.name, p.read_bytes()) for p in (pirl, wages)]
    return _measures((*uploads, fixture.START, fixture.END, fixture.AS_OF, 10))


def s_queue_run(tmp_path) -> Scenario:
    pirl, wages = fixture.write(tmp_path)
    uploads = [SimpleUploadedFile(p.name, p.read_bytes()) for p in (pirl, wages)]
    return _measures((*uploads, fixture.START, fixture.END, fixture.AS_OF, 10))


def s_queue_pirl_export() -> Scenario:
    return _measures((dt.date(2024, 1, 1), dt.date(2030, 12, 31), dt.date(2026, 1, 1),
                      "adult"))


# -- linking -------------------------------------------------------------------------------
def _linkage_run():
    from pathways.apps.linking.models import CandidatePair, LinkageRun

    run = LinkageRun.objects.create(
        partnership=demo_partnership(), state=LinkageRun.State.READY, records=3, people=3,
        partners=[{"partner": "college", "file": "c.csv", "records": 2},
                  {"partner": "adulted", "file": "a.csv", "records": 1}])
    CandidatePair.objects.create(run=run, left="adulted:B1", right="college:A1",
                                 probability=0.7, weight=1.0, suggested="review")
    return run


def _linking(args: tuple, record: Any = None, insider: Any = None) -> Scenario:
    from pathways.apps.linking import queries as linking

    access = lambda user: linking.linking_access(user, demo_partnership())  # noqa: E731
    return Scenario(access(insider or demo_user("analyst")), access(_outside_analyst()),
                    args, {}, record)


def s_queue_linkage() -> Scenario:
    from tests.linking.files import FILES

    return _linking(([(SimpleUploadedFile(name, data), label)
                      for data, label, name in FILES[:2]],))


def s_store_linkage() -> Scenario:
    run = _linkage_run()
    pairs = pd.DataFrame([{"unique_id_l": "adulted:B1", "unique_id_r": "college:A1",
                           "match_probability": 0.99, "match_weight": 9.0,
                           "decision": "link"}])
    return _linking((run, SimpleNamespace(pairs=pairs), [2, 1], [], "2026.1"), run)


def s_decide_pair() -> Scenario:
    pair = _linkage_run().pairs.get()
    return _linking((pair, "match"), pair)


def s_view_pair() -> Scenario:
    from pathways.apps.linking import queries as linking

    pair = _linkage_run().pairs.get()
    # An analyst of the partnership may review but not see identifying values.
    analyst = linking.linking_access(demo_user("analyst"), demo_partnership())
    admin = linking.linking_access(demo_user("admin"), demo_partnership())
    return Scenario(admin, analyst, (pair,), {}, pair)


def s_remove_linkage_files() -> Scenario:
    run = _linkage_run()
    return _linking((run,), run)


def s_queue_linkage_measures() -> Scenario:
    return _linking((_linkage_run(), dt.date(2022, 7, 1), dt.date(2024, 6, 30),
                     dt.date(2025, 1, 15), 10))


# -- jobs ----------------------------------------------------------------------------------
def s_cancel_job() -> Scenario:
    from pathways.apps.jobs import queries as jobs
    from pathways.apps.jobs.models import Job

    analyst = demo_user("analyst")
    job = Job.objects.create(kind="measures.run", title="Shared measures", started_by=analyst,
                             partnership=demo_partnership())
    other = _outside_analyst()
    return Scenario(jobs.job_access(analyst, job), jobs.job_access(other, job), (), {}, job)


# -- employers -----------------------------------------------------------------------------
def _employers(args: tuple, record: Any = None) -> Scenario:
    from pathways.apps.employers import queries as employers

    access = lambda user: employers.employer_access(user, demo_partnership())  # noqa: E731
    outsider = person("partner-elsewhere", Role.PARTNER_STAFF, partnership=other_partnership())
    return Scenario(access(demo_user("partner")), access(outsider), args, {}, record)


def _profile(name: str):
    from pathways.apps.employers.models import EmployerProfile

    return EmployerProfile.objects.get(organisation__name__startswith=name)


def s_save_employer() -> Scenario:
    return _employers(({"name": "Riverton Foods (test)", "naics": "311", "size": "10-49",
                        "locations": [("Riverton", "KY")]},))


def s_save_commitment() -> Scenario:
    pathway = Pathway.objects.get(slug="nursing-and-patient-care")
    return _employers(({"employer": _profile("Riverton Regional Hospital"), "kind": "hiring",
                        "pathway": pathway, "quantity": 2, "starts_on": TODAY,
                        "status": "pledged", "is_public": False},))


def s_save_requirement() -> Scenario:
    exit_point = Pathway.objects.get(slug="advanced-manufacturing-technician").exit_points.get(
        name="Welder")
    return _employers(({"employer": _profile("Riverton Castings"), "exit_point": exit_point,
                        "credentials": "AWS D1.1 structural welding"},))


def s_resolve_name() -> Scenario:
    from pathways.apps.cases.models import Milestone

    typed = "River Region Manufacturers Association (sample) member"
    return _employers((typed, _profile("River Region Manufacturers")),
                      Milestone.objects.get(employer=typed))


# -- exchange ------------------------------------------------------------------------------
def s_import(tmp_path) -> Scenario:
    from pathways.apps.catalog.ctdl import to_document
    from pathways.standards.ctdl import dumps

    pathway = Pathway.objects.filter(partnership=demo_partnership()).order_by("slug").first()
    path = tmp_path / "pathway.jsonld"
    path.write_text(dumps(to_document(pathway)), encoding="utf-8")
    outsider = person("editor-elsewhere", Role.EDITOR, partnership=other_partnership())
    return Scenario(catalog.catalog_access(demo_user("editor")),
                    catalog.catalog_access(outsider), ([path],), {}, pathway)


def s_import_draft() -> Scenario:
    """The outsider may import into their own partnership, but the file would change a
    draft of the demo partnership: refused before anything is written."""
    from pathways.apps.catalog.ctdl import to_document
    from pathways.apps.exchange.queries import import_access
    from pathways.standards.ctdl import dumps

    pathway = Pathway.objects.filter(partnership=demo_partnership()).order_by("slug").first()
    Pathway.objects.filter(pk=pathway.pk).update(status=Pathway.Status.DRAFT)
    pathway.refresh_from_db()
    data = dumps(to_document(pathway)).replace(f'"{pathway.name}"', '"Renamed by import"')
    other = other_partnership()
    outsider = person("editor-elsewhere", Role.EDITOR, partnership=other)
    return Scenario(import_access(demo_user("editor"), demo_partnership().pk),
                    import_access(outsider, other.pk),
                    ("pathway.jsonld", data.encode("utf-8")), {}, pathway)


def s_export(tmp_path) -> Scenario:
    """No role may export without seeing drafts, so the outsider lacks the permission."""
    pathways = list(Pathway.objects.filter(partnership=demo_partnership()))
    return Scenario(catalog.catalog_access(demo_user("editor")),
                    catalog.catalog_access(demo_user("navigator")), (pathways,),
                    {"out_dir": tmp_path})


def s_hsds_import() -> Scenario:
    """The outsider, an editor of another partnership, may not import into the demo one."""
    from pathways.apps.catalog.queries import new_pathway_access
    from pathways.standards.hsds import read_path

    directory = read_path(Path(__file__).parent / "fixtures" / "hsds" / "directory.json")
    outsider = person("editor-elsewhere", Role.EDITOR, partnership=other_partnership())
    partnership = demo_partnership().pk
    return Scenario(new_pathway_access(demo_user("editor"), partnership),
                    new_pathway_access(outsider, partnership), (directory,), {})


def s_queue_import_draft() -> Scenario:
    """An editor of another partnership may not queue an import into the demo one."""
    from pathways.apps.exchange.queries import import_access
    from tests.standards.ctdl_helpers import BAKERSFIELD

    outsider = person("editor-elsewhere", Role.EDITOR, partnership=other_partnership())
    partnership = demo_partnership().pk
    return Scenario(import_access(demo_user("editor"), partnership),
                    import_access(outsider, partnership),
                    ("bakersfield.json", BAKERSFIELD.read_bytes()), {})


def s_hsds_queue_import() -> Scenario:
    """As for the import itself: not into a partnership one is not a member of."""
    from pathways.apps.catalog.queries import new_pathway_access

    data = (Path(__file__).parent / "fixtures" / "hsds" / "directory.json").read_bytes()
    outsider = person("editor-elsewhere", Role.EDITOR, partnership=other_partnership())
    partnership = demo_partnership().pk
    return Scenario(new_pathway_access(demo_user("editor"), partnership),
                    new_pathway_access(outsider, partnership), ("directory.json", data), {})


def s_hsds_export(tmp_path) -> Scenario:
    """A navigator may not export the catalog."""
    return Scenario(catalog.catalog_access(demo_user("editor")),
                    catalog.catalog_access(demo_user("navigator")),
                    ("json", tmp_path / "directory.json"), {})


def s_reference() -> Scenario:
    """Reference data belongs to no partnership: the outsider is an editor, whose role may
    change pathways but not load reference data."""
    return Scenario(catalog.catalog_access(demo_user("admin")),
                    catalog.catalog_access(demo_user("editor")), (None,), {})


# -- catalog lifecycle (review, versions, publishing) -----------------------------------------
def planned_pathway() -> Pathway:
    """A published demo pathway with participants' plans on it (it passes every check)."""
    from pathways.apps.cases.models import CareerPlan

    return CareerPlan.objects.order_by("pk").first().pathway


def _lifecycle_team() -> dict[str, Any]:
    partnership = demo_partnership()
    college = Organisation.objects.get_or_create(name="Lifecycle College (test)",
                                                 defaults={"kind": "college"})[0]
    board = Organisation.objects.get_or_create(name="Lifecycle Board (test)",
                                               defaults={"kind": "workforce_board"})[0]
    partnership.organisations.add(college, board)
    return {
        "editor": person("lc-editor", Role.EDITOR, college, partnership),
        "colleague": person("lc-colleague", Role.EDITOR, college, partnership),
        "reviewer": person("lc-reviewer", Role.EDITOR, board, partnership),
        "admin": person("lc-admin", Role.ADMINISTRATOR, board, partnership),
        "elsewhere": person("lc-elsewhere", Role.EDITOR, elsewhere(), other_partnership()),
    }


def _pathway_scenario(pathway: Pathway, insider: Any, outsider: Any, args: tuple = ()
                      ) -> Scenario:
    fresh = lambda user: catalog.pathway_access(user, Pathway.objects.get(pk=pathway.pk))  # noqa: E731
    return Scenario(fresh(insider), fresh(outsider), args, {}, pathway)


def _working_copy(team: dict[str, Any], in_review: bool = False) -> Pathway:
    from pathways.apps.catalog import lifecycle

    live = planned_pathway()
    copy = lifecycle.start_revision(catalog.pathway_access(team["editor"], live))
    if in_review:
        lifecycle.submit_for_review(catalog.pathway_access(team["editor"], copy))
        copy.refresh_from_db()
    return copy


def s_start_revision() -> Scenario:
    team = _lifecycle_team()
    return _pathway_scenario(planned_pathway(), team["editor"], team["elsewhere"])


def s_copy_pathway() -> Scenario:
    """Anyone who edits pathways in some partnership may copy one they see; an editor of
    no partnership may not."""
    team = _lifecycle_team()
    return _pathway_scenario(planned_pathway(), team["elsewhere"],
                             person("lc-no-partnership", Role.EDITOR, elsewhere()),
                             ("Our own nursing pathway",))


def s_submit_for_review() -> Scenario:
    team = _lifecycle_team()
    return _pathway_scenario(_working_copy(team), team["editor"], team["elsewhere"],
                             ("Ready",))


def s_request_changes() -> Scenario:
    """The outsider is a colleague of the editor who sent it: same organisation."""
    team = _lifecycle_team()
    return _pathway_scenario(_working_copy(team, True), team["reviewer"], team["colleague"],
                             ([(None, "Say how long each step takes.")],))


def s_approve() -> Scenario:
    team = _lifecycle_team()
    return _pathway_scenario(_working_copy(team, True), team["reviewer"], team["colleague"])


def s_publish_with_reason() -> Scenario:
    """Only a partnership administrator: the outsider is a reviewer who could approve."""
    team = _lifecycle_team()
    return _pathway_scenario(_working_copy(team, True), team["admin"], team["reviewer"],
                             ("Employers confirmed the demand.",))


def s_archive() -> Scenario:
    team = _lifecycle_team()
    return _pathway_scenario(planned_pathway(), team["editor"], team["elsewhere"])


def s_discard_working_copy() -> Scenario:
    team = _lifecycle_team()
    return _pathway_scenario(_working_copy(team), team["editor"], team["elsewhere"])


# -- quality -------------------------------------------------------------------------------
def open_round():
    return demo_partnership().quality_rounds.get(status="open")


def _quality(args: tuple, round_: Any = None, insider: str = "analyst",
             record: Any = None) -> Scenario:
    outsider = person("lead-elsewhere", Role.ANALYST, partnership=other_partnership(),
                      facilitator=True)
    access = lambda user: quality.access_for(user, demo_partnership(), round_)  # noqa: E731
    return Scenario(access(demo_user(insider)), access(outsider), args, {}, record)


def s_open_round() -> Scenario:
    version = quality.frameworks_for(demo_partnership())[0]
    return _quality((version, "Winter round"))


def s_close_round() -> Scenario:
    found = open_round()
    return _quality((), found, record=found)


def s_rate() -> Scenario:
    return _quality(([RatingInput("c1-vision", "2")],), open_round(), insider="partner")


def s_create_action() -> Scenario:
    return _quality((ActionInput("Invite two employers"),))


def s_update_action() -> Scenario:
    found = demo_partnership().quality_actions.order_by("pk").first()
    return _quality((found, ActionInput(title="Renamed", owner_id=found.owner_id,
                                        status=found.status)), record=found)


def _workshop_round():
    from pathways.apps.quality import actions

    found = open_round()
    access = quality.access_for(demo_user("analyst"), demo_partnership(), found)
    if not hasattr(found, "workshop"):
        actions.setup_workshop(access, 2)
        found.refresh_from_db()
    return found


def s_setup_workshop() -> Scenario:
    return _quality((2,), open_round())


def s_seat() -> Scenario:
    found = _workshop_round()
    return _quality(({demo_user("partner").pk: 1},), found)


def s_timer() -> Scenario:
    found = _workshop_round()
    return _quality(("start",), found, record=found.workshop)


def s_consensus() -> Scenario:
    found = _workshop_round()
    table = found.workshop.tables.order_by("number").first()
    return _quality((table, table.criteria[0], "2", "We agree"), found)


def s_load_frameworks() -> Scenario:
    from pathways.frameworks import shipped_files

    text = next(p for p in shipped_files() if p.name.startswith("aqcp-local")).read_text()
    text = text.replace("version: \"2026.1\"", "version: \"2026.1-own\"", 1)
    outsider = person("staff-elsewhere", Role.PARTNER_STAFF, partnership=other_partnership())
    access = lambda user: quality.frameworks_access(user, demo_partnership())  # noqa: E731
    return Scenario(access(demo_user("partner")), access(outsider), ([(text, "own.yaml")],),
                    {})


# -- funding -------------------------------------------------------------------------------
def s_record_award() -> Scenario:
    return _participant_scenario(({"stream": "wioa-adult", "amount": Decimal("500.00"),
                                   "component": None, "awarded_on": TODAY,
                                   "period_from": None, "period_to": None},))


def s_remove_award() -> Scenario:
    from pathways.apps.funding.models import Award

    award = Award.objects.create(participant=marco(), stream="pell", amount=Decimal("100"),
                                 awarded_on=TODAY)
    return _participant_scenario((award,))


LOCAL_STREAM = """\
format: 1
key: county-scholarship
title: County scholarship
kind: local
source: County board resolution 2026-14
eligibility:
  source: Resolution 2026-14 sec. 2
  condition: {fact: low_income, is: true}
pays:
  - {kind: tuition_fees, source: Resolution 2026-14 sec. 3}
order: {rank: 45, source: Resolution 2026-14 sec. 5}
"""


def s_record_facts() -> Scenario:
    return _participant_scenario(({"receives_snap": True, "atb_credit_hours": 6}, TODAY))


def s_save_stream() -> Scenario:
    from pathways.apps.funding import queries as funding

    outsider = person("analyst-elsewhere", Role.ANALYST, partnership=other_partnership())
    access = lambda user: funding.funding_access(user, demo_partnership())  # noqa: E731
    return Scenario(access(demo_user("analyst")), access(outsider),
                    (LOCAL_STREAM, "county.yaml"), {})


# -- workspace -----------------------------------------------------------------------------
def ws_draft() -> Pathway:
    """A draft of the demo partnership with two levels, two steps, an entry and an exit."""
    from pathways.apps.catalog.models import EntryPoint, ExitPoint, PathwayComponent

    source = Pathway.objects.filter(partnership=demo_partnership()).order_by("slug").first()
    draft = Pathway.objects.create(name="Workspace draft (test)", slug="workspace-draft-test",
                                   sector=source.sector, partnership=demo_partnership())
    levels = [draft.levels.create(order=n, name=f"Level {n}") for n in (1, 2)]
    first, last = (PathwayComponent.objects.create(
        pathway=draft, level=level, name=name, component_type="ceterms:CourseComponent")
        for level, name in zip(levels, ("First", "Last"), strict=True))
    first.support_services.add(SupportService.objects.filter(is_sample=True).first())
    EntryPoint.objects.create(pathway=draft, component=first, name="In", kind="direct")
    ExitPoint.objects.create(pathway=draft, component=last, name="Out",
                             occupation=Occupation.objects.order_by("code").first())
    return draft


def _workspace(make_args: Callable[[Pathway], tuple]) -> Scenario:
    draft = ws_draft()
    outsider = person("ws-editor-elsewhere", Role.EDITOR, partnership=other_partnership())
    return Scenario(catalog.pathway_access(demo_user("editor"), draft),
                    catalog.pathway_access(outsider, draft), make_args(draft), {}, draft)


def _workspace_scenario(make_args: Callable[[Pathway], tuple]) -> Callable[[], Scenario]:
    return lambda: _workspace(make_args)


def _steps(draft: Pathway) -> tuple:
    return tuple(draft.components.order_by("level__order"))


def s_ws_create() -> Scenario:
    from pathways.apps.workspace.actions import PathwayInput

    sector = Pathway.objects.filter(partnership=demo_partnership()).first().sector_id
    outsider = person("ws-creator-elsewhere", Role.EDITOR, partnership=other_partnership())
    return Scenario(catalog.new_pathway_access(demo_user("editor"), demo_partnership().pk),
                    catalog.new_pathway_access(outsider, demo_partnership().pk),
                    (PathwayInput("Made in the workspace", sector),), {})


def _ws_step_input(draft: Pathway):
    from pathways.apps.workspace.actions import StepInput

    return StepInput("Another step", level_id=draft.levels.first().pk)


def _ws_group(draft: Pathway):
    from pathways.apps.workspace.actions import Group

    first, last = _steps(draft)
    return (draft.version, last.pk, Group("all", (first.pk,)))


def _offering(make_input: Callable[[], Any]) -> Callable[[], Scenario]:
    def scenario() -> Scenario:
        outsider = person("ws-offer-elsewhere", Role.EDITOR, partnership=other_partnership())
        return Scenario(catalog.new_pathway_access(demo_user("editor"), demo_partnership().pk),
                        catalog.new_pathway_access(outsider, demo_partnership().pk),
                        (make_input(),), {"anyway": True})
    return scenario


def _offering_edit(kind: str) -> Callable[[], Scenario]:
    """Change one of the demo partnership's own items (a shared one is refused to all)."""
    def scenario() -> Scenario:
        from pathways.apps.workspace import offerings

        pid = demo_partnership().pk
        access = catalog.new_pathway_access(demo_user("editor"), pid)
        made = {"provider": lambda: offerings.create_provider(access, _ws_provider(), True),
                "program": lambda: offerings.create_program(access, _ws_program(), True),
                "credential": lambda: offerings.create_credential(access, _ws_credential(
                    awarded=True), True),
                "service": lambda: offerings.create_service(access, _ws_service(
                    provided=True), True),
                "location": lambda: offerings.create_location(access, _ws_location(),
                                                              True)}[kind]()
        data = {"provider": _ws_provider, "program": _ws_program, "location": _ws_location,
                "credential": lambda: _ws_credential(awarded=True),
                "service": lambda: _ws_service(provided=True)}[kind]()
        outsider = person("ws-offer-elsewhere", Role.EDITOR, partnership=other_partnership())
        return Scenario(access, catalog.new_pathway_access(outsider, pid),
                        (made.pk, offerings.fingerprint(made), data), {}, made)
    return scenario


def _ws_provider():
    from pathways.apps.workspace.offerings import ProviderInput

    return ProviderInput("Workspace Test Academy",
                         demo_partnership().organisations.order_by("pk").first().pk)


def _ws_program():
    from pathways.apps.workspace.offerings import ProgramInput
    from pathways.apps.workspace.queries import providers_for

    return ProgramInput("Workspace test program", providers_for(demo_partnership().pk)
                        .order_by("pk").first().pk, 8, Decimal("100"), "evening", "online")


def _ws_location():
    from pathways.apps.workspace.offerings import LocationInput
    from pathways.apps.workspace.queries import providers_for

    return LocationInput("Workspace test campus", providers_for(demo_partnership().pk)
                         .order_by("pk").first().pk, "1 Test Way", "Bristol", "VA", "24201")


def _ws_credential(awarded: bool = False):
    from pathways.apps.workspace.offerings import CredentialInput
    from pathways.apps.workspace.queries import providers_for

    by = providers_for(demo_partnership().pk).order_by("pk").first().pk if awarded else None
    return CredentialInput("Workspace test badge", "ceterms:DigitalBadge", by)


def _ws_service(provided: bool = False):
    from pathways.apps.workspace.offerings import ServiceInput
    from pathways.apps.workspace.queries import providers_for

    by = providers_for(demo_partnership().pk).order_by("pk").first().pk if provided else None
    return ServiceInput("Workspace test rides", "support:Transportation", by)


def _ws_details(draft: Pathway) -> tuple:
    from pathways.apps.workspace.actions import PathwayInput

    return (draft.version, PathwayInput("Renamed in the workspace", draft.sector_id))


def _ws_entry(name: str):
    from pathways.apps.workspace.actions import EntryInput

    return EntryInput(name, "bridge", name_es="Otra entrada")


def _ws_exit(code: str, name: str = ""):
    from pathways.apps.workspace.actions import ExitInput

    return ExitInput(code, name)


WORKSPACE: dict[str, Callable[[Pathway], tuple]] = {
    "edit_pathway": _ws_details,
    "add_level": lambda d: (d.version, "Level 3"),
    "rename_level": lambda d: (d.version, d.levels.first().pk, "Renamed"),
    "remove_level": lambda d: (d.version, d.levels.first().pk),
    "add_step": lambda d: (d.version, _ws_step_input(d)),
    "edit_step": lambda d: (d.version, _steps(d)[0].pk, _ws_step_input(d)),
    "remove_step": lambda d: (d.version, _steps(d)[0].pk),
    "connect": lambda d: (d.version, _steps(d)[0].pk, _steps(d)[1].pk),
    "disconnect": lambda d: (d.version, _steps(d)[0].pk, _steps(d)[1].pk),
    "add_entry": lambda d: (d.version, _steps(d)[0].pk, _ws_entry("Another way in")),
    "edit_entry": lambda d: (d.version, d.entry_points.first().pk, _ws_entry("Renamed way in")),
    "remove_entry": lambda d: (d.version, d.entry_points.first().pk),
    "add_exit": lambda d: (d.version, _steps(d)[1].pk,
                           _ws_exit(Occupation.objects.order_by("-code").first().code)),
    "edit_exit": lambda d: (d.version, d.exit_points.first().pk,
                            _ws_exit(d.exit_points.first().occupation_id, "Renamed")),
    "remove_exit": lambda d: (d.version, d.exit_points.first().pk),
    "attach_service": lambda d: (d.version, _steps(d)[1].pk,
                                 SupportService.objects.filter(is_sample=True).first().pk),
    "detach_service": lambda d: (d.version, _steps(d)[0].pk,
                                 SupportService.objects.filter(is_sample=True).first().pk),
    "set_conditions": _ws_group,
}


# -- partnership records -------------------------------------------------------------------
def _partnership(args: tuple, record: Any = None) -> Scenario:
    """The demo editor is a member; an editor of another partnership is not."""
    from pathways.apps.partnership import queries as partnership

    outsider = person("editor-elsewhere", Role.EDITOR, partnership=other_partnership())
    access = lambda user: partnership.access_for(user, demo_partnership())  # noqa: E731
    return Scenario(access(demo_user("editor")), access(outsider), args, {}, record)


def s_vision() -> Scenario:
    from pathways.apps.partnership.actions import VisionInput

    return _partnership((VisionInput("A new vision"),), demo_partnership().vision)


def s_roles() -> Scenario:
    found = demo_partnership().member_roles.order_by("pk").first()
    return _partnership((found.organisation_id, ["convener"]), found)


def _agreement_input():
    from pathways.apps.partnership.actions import AgreementInput

    parties = tuple(demo_partnership().organisations.values_list("pk", flat=True)[:2])
    return AgreementInput("data_sharing", "Data sharing", TODAY, parties)


def s_create_agreement() -> Scenario:
    return _partnership((_agreement_input(),))


def s_update_agreement() -> Scenario:
    found = demo_partnership().agreements.order_by("pk").first()
    return _partnership((found, _agreement_input()), found)


def _policy_input():
    from pathways.apps.partnership.actions import PolicyInput

    return PolicyInput("A barrier", "leadership", "barrier", "local")


def s_create_policy() -> Scenario:
    return _partnership((_policy_input(),))


def s_update_policy() -> Scenario:
    found = demo_partnership().policy_items.order_by("pk").first()
    return _partnership((found, _policy_input()), found)


# -- requests to talk to a navigator -------------------------------------------------------
def nursing() -> Pathway:
    return Pathway.objects.get(slug="nursing-and-patient-care", draft_of__isnull=True)


def s_contact_request() -> Scenario:
    """Anyone may ask about a published pathway; not about a draft (no such page)."""
    draft = Pathway.objects.exclude(status="published").first() or ws_draft()
    data = {"name": "Ana Test", "phone": "555 123 4567", "email": "",
            "preferred_language": "es", "best_time": "evening"}
    return Scenario(contact.public_request_access(nursing()),
                    contact.public_request_access(draft), (data,), {})


def _open_request():
    return contact.send_contact_request(contact.public_request_access(nursing()), {
        "name": "Ana Test", "phone": "555 123 4567", "email": "",
        "preferred_language": "es", "best_time": "any"})


def _request_scenario(args: tuple) -> Scenario:
    found = _open_request()
    return Scenario(contact.contact_request_access(demo_user("navigator"), found),
                    contact.contact_request_access(
                        person("nav-elsewhere", Role.NAVIGATOR, elsewhere()), found),
                    args, {}, found)


def s_contacted() -> Scenario:
    return _request_scenario(())


def s_close_request() -> Scenario:
    return _request_scenario(("not_interested",))


def s_enrol_from_request() -> Scenario:
    return _request_scenario(({"first_name": "Ana", "last_name": "Test",
                               "date_of_birth": dt.date(1990, 1, 1)},))


SCENARIOS: dict[str, Callable[..., Scenario]] = {
    "cases.contact_request": s_contact_request,
    "cases.contacted": s_contacted,
    "cases.close_contact_request": s_close_request,
    "cases.enrol_from_request": s_enrol_from_request,
    "cases.enrol": s_enrol,
    "cases.update_participant": s_update,
    "cases.link_account": s_link,
    "cases.create_account": s_create_account,
    "cases.reset_participant_password": s_reset_password,
    "cases.consent": s_consent,
    "cases.withdraw_consent": s_withdraw_consent,
    "cases.assess": s_assess,
    "cases.prior_job": s_prior_job,
    "cases.plan": s_plan,
    "cases.milestone": s_milestone,
    "cases.activity": s_activity,
    "cases.refer": s_refer,
    "cases.referral_update": s_answer,
    "cases.referral_revise": s_revise,
    "cases.referral_follow_up": s_follow_up,
    "cases.erase": s_erase,
    "cases.rotate_field_key": s_rotate,
    "measures.record": s_record_run,
    "measures.withdraw": s_withdraw_run,
    "measures.publish": s_publish_figure,
    "measures.unpublish": s_unpublish_figure,
    "measures.run_uploaded": s_run_uploaded,
    "measures.queue_run": s_queue_run,
    "pirl.queue_export": s_queue_pirl_export,
    "jobs.cancel": s_cancel_job,
    "linkage.queue": s_queue_linkage,
    "linkage.store": s_store_linkage,
    "linkage.decide": s_decide_pair,
    "linkage.view_pair": s_view_pair,
    "linkage.remove_files": s_remove_linkage_files,
    "linkage.queue_measures": s_queue_linkage_measures,
    "employers.save_employer": s_save_employer,
    "employers.save_commitment": s_save_commitment,
    "employers.save_requirement": s_save_requirement,
    "employers.resolve_name": s_resolve_name,
    "ctdl.import": s_import,
    "ctdl.import_draft": s_import_draft,
    "ctdl.export": s_export,
    "hsds.import": s_hsds_import,
    "hsds.queue_import": s_hsds_queue_import,
    "ctdl.queue_import_draft": s_queue_import_draft,
    "hsds.export": s_hsds_export,
    "reference.load": s_reference,
    "reference.queue_load": s_reference,
    "catalog.start_revision": s_start_revision,
    "catalog.copy_pathway": s_copy_pathway,
    "catalog.submit_for_review": s_submit_for_review,
    "catalog.request_changes": s_request_changes,
    "catalog.approve": s_approve,
    "catalog.publish_with_reason": s_publish_with_reason,
    "catalog.archive": s_archive,
    "catalog.discard_working_copy": s_discard_working_copy,
    "quality.round.open": s_open_round,
    "quality.round.close": s_close_round,
    "quality.rating.save": s_rate,
    "quality.action.create": s_create_action,
    "quality.action.update": s_update_action,
    "quality.workshop.setup": s_setup_workshop,
    "quality.workshop.seat": s_seat,
    "quality.workshop.timer": s_timer,
    "quality.workshop.consensus": s_consensus,
    "quality.framework.load": s_load_frameworks,
    "partnership.vision.save": s_vision,
    "partnership.roles.set": s_roles,
    "partnership.agreement.create": s_create_agreement,
    "partnership.agreement.update": s_update_agreement,
    "partnership.policy.create": s_create_policy,
    "partnership.policy.update": s_update_policy,
    "funding.record_award": s_record_award,
    "funding.remove_award": s_remove_award,
    "funding.save_stream": s_save_stream,
    "funding.record_facts": s_record_facts,
    "workspace.create_pathway": s_ws_create,
    **{f"workspace.{name}": _workspace_scenario(args) for name, args in WORKSPACE.items()},
    "workspace.create_provider": _offering(_ws_provider),
    "workspace.create_program": _offering(_ws_program),
    "workspace.create_credential": _offering(_ws_credential),
    "workspace.create_service": _offering(_ws_service),
    "workspace.create_location": _offering(_ws_location),
    "workspace.edit_location": _offering_edit("location"),
    "workspace.edit_provider": _offering_edit("provider"),
    "workspace.edit_program": _offering_edit("program"),
    "workspace.edit_credential": _offering_edit("credential"),
    "workspace.edit_service": _offering_edit("service"),
}


def test_every_action_has_a_scenario():
    names = {spec.name for spec in registered()}
    assert names == set(SCENARIOS), {"without a scenario": sorted(names - set(SCENARIOS)),
                                     "no longer registered": sorted(set(SCENARIOS) - names)}


def counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models()
            if m._meta.app_label in {"accounts", "cases", "catalog", "quality", "reports",
                                     "exchange", "auth", "partnership", "employers",
                                     "funding", "jobs", "django_tasks_db", "directory",
                                     "linking"}}


def build(name: str, tmp_path) -> Scenario:
    make = SCENARIOS[name]
    return make(tmp_path) if make.__code__.co_argcount else make()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_an_outsider_is_refused_and_nothing_is_written(name, tmp_path):
    spec = next(s for s in registered() if s.name == name)
    scenario = build(name, tmp_path)
    before = counts()
    kept = model_to_dict(scenario.record) if scenario.record is not None else None
    with pytest.raises((Http404, PermissionDenied)):
        spec.function(scenario.outsider, *scenario.args, **scenario.kwargs)
    assert counts() == before
    if kept is not None:
        scenario.record.refresh_from_db()
        assert model_to_dict(scenario.record) == kept


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_an_insider_makes_the_same_change(name, tmp_path):
    """The control: the outsider's refusal is not down to bad arguments."""
    spec = next(s for s in registered() if s.name == name)
    scenario = build(name, tmp_path)
    spec.function(scenario.insider, *scenario.args, **scenario.kwargs)
