"""Fulfilment is counted from participants' records, worked out by hand: which records fall
in the commitment's kind, employer, period and partnership."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pathways.apps.accounts.models import Organisation, Partnership
from pathways.apps.cases.models import Milestone, Participant, WorkActivity
from pathways.apps.catalog.models import Pathway
from pathways.apps.employers.counting import fulfilment
from pathways.apps.employers.models import Commitment, EmployerProfile

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


@pytest.fixture
def world():
    partnership = Partnership.objects.create(name="Count Region (test)", scope="local")
    elsewhere = Partnership.objects.create(name="Other Region (test)", scope="local")
    college = Organisation.objects.create(name="Count College (test)", kind="college")
    far = Organisation.objects.create(name="Far College (test)", kind="college")
    clinic = Organisation.objects.create(name="Count Clinic (test)", kind="employer")
    other = Organisation.objects.create(name="Other Clinic (test)", kind="employer")
    partnership.organisations.add(college, clinic)
    elsewhere.organisations.add(far, clinic)
    profile = EmployerProfile.objects.create(organisation=clinic, naics="621", size="10-49")
    pathway = Pathway.objects.filter(is_sample=True).first()
    people = [Participant.objects.create(first_name=f"P{i}", last_name="Count",
                                         date_of_birth=dt.date(1990, 1, 1),
                                         enrolled_by=college) for i in range(4)]
    outsider = Participant.objects.create(first_name="Far", last_name="Count",
                                          date_of_birth=dt.date(1990, 1, 1), enrolled_by=far)
    return locals()


def commitment(world, kind, **extra) -> Commitment:
    return Commitment.objects.create(
        partnership=world["partnership"], employer=world["profile"], kind=kind,
        pathway=world["pathway"], starts_on=START, status="active",
        **{"quantity": 15, "ends_on": END, **extra})


def placement(person, organisation, on: dt.date, kind="clinical", text="typed"):
    return WorkActivity.objects.create(participant=person, kind=kind, organisation=text,
                                       employer_organisation=organisation, started_on=on)


def test_clinical_slots_count_only_this_kind_employer_period_and_partnership(world):
    clinic, other, people = world["clinic"], world["other"], world["people"]
    placement(people[0], clinic, dt.date(2026, 1, 1))  # first day: counts
    placement(people[1], clinic, dt.date(2026, 6, 15))  # counts
    placement(people[1], clinic, dt.date(2026, 12, 31))  # last day, same person again: counts
    placement(people[2], clinic, dt.date(2025, 12, 31))  # before the period
    placement(people[2], clinic, dt.date(2027, 1, 1))  # after it
    placement(people[3], clinic, dt.date(2026, 3, 1), kind="internship")  # another kind
    placement(people[3], other, dt.date(2026, 3, 1))  # another employer
    placement(people[3], None, dt.date(2026, 3, 1), text="Count Clinic (test)")  # text only
    placement(world["outsider"], clinic, dt.date(2026, 3, 1))  # another partnership's person
    found = fulfilment(commitment(world, "clinical"))
    assert (found.used, found.quantity, found.remaining) == (3, 15, 12)


def test_an_open_ended_period_counts_everything_from_its_start(world):
    clinic, people = world["clinic"], world["people"]
    placement(people[0], clinic, dt.date(2025, 6, 1), kind="ojt")
    placement(people[0], clinic, dt.date(2030, 6, 1), kind="ojt")
    found = fulfilment(commitment(world, "ojt", ends_on=None))
    assert found.used == 1


def hire(person, organisation, on: dt.date, wage: str | None):
    return Milestone.objects.create(participant=person, kind="employed", on=on,
                                    employer_organisation=organisation, source="employer",
                                    hourly_wage=Decimal(wage) if wage else None)


def test_hires_count_people_at_or_above_the_wage_floor(world):
    clinic, people = world["clinic"], world["people"]
    hire(people[0], clinic, dt.date(2026, 2, 1), "18.00")  # at the floor: counts
    hire(people[0], clinic, dt.date(2026, 9, 1), "19.00")  # same person again: once
    hire(people[1], clinic, dt.date(2026, 4, 1), "17.99")  # under the floor
    hire(people[2], clinic, dt.date(2026, 4, 1), None)  # wage not recorded: not shown met
    hire(people[3], clinic, dt.date(2026, 5, 1), "21.50")  # counts
    Milestone.objects.create(participant=people[3], kind="credential", on=dt.date(2026, 5, 2),
                             employer_organisation=clinic, source="employer")  # not a hire
    found = fulfilment(commitment(world, "hiring", quantity=10, wage_floor=Decimal("18.00")))
    assert (found.used, found.remaining) == (2, 8)
    without_floor = fulfilment(commitment(world, "hiring", quantity=10))
    assert without_floor.used == 4


def test_kinds_without_records_are_not_counted(world):
    for kind in ("advisory_seat", "validation", "interviews", "tuition"):
        assert fulfilment(commitment(world, kind)) is None


def test_more_used_than_promised_leaves_none_remaining(world):
    for day in range(1, 4):
        placement(world["people"][0], world["clinic"], dt.date(2026, 2, day), kind="job_shadow")
    found = fulfilment(commitment(world, "job_shadow", quantity=2))
    assert (found.used, found.remaining) == (3, 0)


def test_the_demo_apprenticeship_counts_dees_apprenticeship():
    found = Commitment.objects.get(kind="apprenticeship", is_sample=True)
    assert fulfilment(found).used == 1 and found.quantity == 4
