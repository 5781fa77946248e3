"""Workshop mode: tables, seats, the clock and each table's consensus."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.quality import queries
from pathways.apps.quality.actions._common import MAX_NOTE, closed_round_problem, user_of
from pathways.apps.quality.models import (
    Consensus,
    Workshop,
    WorkshopTable,
)
from pathways.apps.quality.queries import TAKE_PART, Access, require_facilitator
from pathways.core.errors import InputError, InputProblem
from pathways.frameworks import (
    assign_criteria,
)


@action("quality.workshop.setup", Access, TAKE_PART, rule="is_facilitator")
def setup_workshop(access: Access, tables: int, notes_minutes: int = 5,
                   conversation_minutes: int = 15) -> Workshop:
    """Split the room: ``tables`` tables, three criteria each, members seated in turn."""
    require_facilitator(access)
    found = access.round
    if not found.is_open:
        raise InputError(closed_round_problem(found))
    workshop = Workshop.objects.filter(round=found).first()
    if workshop is not None and workshop.step is not None:
        raise InputError(InputProblem("the workshop has started; reset the clock before "
                                      "splitting the room again", field="tables"))
    if workshop is not None and Consensus.objects.filter(table__workshop=workshop).exists():
        raise InputError(InputProblem("tables have recorded a consensus already",
                                      field="tables"))
    try:
        plan = assign_criteria([c.key for c in found.definition().criteria], tables)
    except ValueError as exc:
        raise InputError(InputProblem(str(exc), field="tables")) from exc
    for name, minutes in (("notes_minutes", notes_minutes),
                          ("conversation_minutes", conversation_minutes)):
        if not 1 <= minutes <= 120:
            raise InputError(InputProblem("must be between 1 and 120 minutes", field=name))
    people = [m.user for m in access.partnership.memberships.select_related("user")
              .filter(is_facilitator=False).order_by("user__username")]
    with transaction.atomic():
        if workshop is None:
            workshop = Workshop(round=found)
        workshop.notes_minutes = notes_minutes
        workshop.conversation_minutes = conversation_minutes
        workshop.criteria_per_table = len(plan[0])
        workshop.save()
        workshop.tables.all().delete()
        made = [WorkshopTable.objects.create(workshop=workshop, number=n, criteria=list(keys))
                for n, keys in enumerate(plan, start=1)]
        for index, person in enumerate(people):
            made[index % len(made)].members.add(person)
        record(access.actor, "quality.workshop.setup", found,
               summary=f"Split the room into {len(made)} tables for {found.title}",
               changes={"tables": {t.number: t.criteria for t in made},
                        "notes_minutes": notes_minutes,
                        "conversation_minutes": conversation_minutes})
    return workshop


@action("quality.workshop.seat", Access, TAKE_PART, rule="is_facilitator")
def seat_members(access: Access, seating: dict[int, int | None]) -> None:
    """Move members between tables: ``{user id: table number or None}``."""
    require_facilitator(access)
    workshop = _workshop(access)
    tables = {t.number: t for t in workshop.tables.all()}
    members = {u.pk: u for u in queries.members_of(access.partnership)}
    problems = [InputProblem(f"no table {n}", field=f"seat-{uid}")
                for uid, n in seating.items() if n is not None and n not in tables]
    problems += [InputProblem("not a member of this partnership", field=f"seat-{uid}")
                 for uid in seating if uid not in members]
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        for uid, number in seating.items():
            for table in tables.values():
                table.members.remove(members[uid])
            if number is not None:
                tables[number].members.add(members[uid])
        record(access.actor, "quality.workshop.seat", access.round,
               summary=f"Seated {len(seating)} people at tables", changes={
                   "seating": {str(uid): n for uid, n in seating.items()}})


def _workshop(access: Access) -> Workshop:
    if not access.round.is_open:
        raise InputError(InputProblem("the round is closed; its workshop is over",
                                      field="workshop"))
    workshop = Workshop.objects.filter(round=access.round).first()
    if workshop is None:
        raise InputError(InputProblem("split the room into tables first", field="workshop"))
    return workshop


TIMER_COMMANDS = ("start", "pause", "resume", "next", "previous", "reset")


@action("quality.workshop.timer", Access, TAKE_PART, rule="is_facilitator")
def run_timer(access: Access, command: str, now: datetime | None = None
              ) -> Workshop:
    """The facilitator's clock: start, pause, resume, next or previous step, reset."""
    require_facilitator(access)
    workshop = _workshop(access)
    now = now or timezone.now()
    last = len(workshop.steps())  # == finished
    if command not in TIMER_COMMANDS:
        raise InputError(InputProblem(f"unknown command {command!r}", field="command"))
    started = workshop.step is not None
    if command == "start":
        workshop.step, workshop.step_started_at, workshop.paused_at = 0, now, None
    elif not started:
        raise InputError(InputProblem("start the workshop first", field="command"))
    elif command == "pause":
        workshop.paused_at = workshop.paused_at or now
    elif command == "resume":
        if workshop.paused_at is not None:
            workshop.step_started_at += now - workshop.paused_at
            workshop.paused_at = None
    elif command in {"next", "previous"}:
        step = workshop.step + (1 if command == "next" else -1)
        if not 0 <= step <= last:
            raise InputError(InputProblem("there is no step there", field="command"))
        workshop.step, workshop.step_started_at, workshop.paused_at = step, now, None
    else:  # reset
        workshop.step = workshop.step_started_at = workshop.paused_at = None
    with transaction.atomic():
        workshop.save(update_fields=["step", "step_started_at", "paused_at"])
        record(access.actor, "quality.workshop.timer", access.round,
               summary=f"Workshop clock: {command}", changes={"step": workshop.step})
    return workshop


@action("quality.workshop.consensus", Access, TAKE_PART)
def record_consensus(access: Access, table: WorkshopTable, criterion: str, value: str,
                     notes: str) -> Consensus:
    found = access.round
    if table.workshop.round_id != found.pk:
        raise Http404("No such table")
    if not found.is_open:
        raise InputError(closed_round_problem(found))
    if not queries.may_record_for(access, table):
        raise InputError(InputProblem("only people at this table (or the facilitator) record "
                                      "its consensus", field="table"))
    if criterion not in table.criteria:
        raise InputError(InputProblem(f"{table} does not discuss {criterion!r}",
                                      field="criterion"))
    scale = found.definition().scale
    problems = []
    if value and scale.level(value) is None:
        problems.append(InputProblem(f"unknown scale value {value!r} (expected one of: "
                                     f"{', '.join(scale.values)})", field=f"{criterion}.value"))
    if len(notes) > MAX_NOTE:
        problems.append(InputProblem(f"is longer than {MAX_NOTE} characters",
                                     field=f"{criterion}.notes"))
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        saved, _created = Consensus.objects.update_or_create(
            table=table, criterion=criterion,
            defaults={"value": value, "notes": notes.strip(), "recorded_by": user_of(access.actor)})
        record(access.actor, "quality.workshop.consensus", saved,
               summary=f"{table} recorded its consensus on {criterion}",
               changes={"value": value, "round": found.pk})
    return saved


