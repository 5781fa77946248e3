"""Action plans: what the partnership will do about an indicator or priority."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from pathways.apps.accounts.access import action as register
from pathways.apps.accounts.audit import record
from pathways.apps.quality import queries
from pathways.apps.quality.actions._common import MAX_NOTE, user_of
from pathways.apps.quality.models import (
    Action,
)
from pathways.apps.quality.queries import TAKE_PART, Access
from pathways.core.errors import InputError, InputProblem


@dataclass(frozen=True)
class ActionInput:
    title: str
    owner_id: int | None = None
    due_on: date | None = None
    status: str = Action.Status.OPEN
    notes: str = ""
    round_id: int | None = None
    indicator: str = ""
    criterion: str = ""
    version: int | None = None  # the version the person's form was opened on (updates)


def _action_fields(access: Access, data: ActionInput) -> dict:
    problems = []
    title = data.title.strip()
    if not title:
        problems.append(InputProblem("say what will be done", field="title"))
    elif len(title) > 200:
        problems.append(InputProblem("is longer than 200 characters", field="title"))
    owner = None
    if data.owner_id is not None:
        owner = next((u for u in queries.members_of(access.partnership)
                      if u.pk == data.owner_id), None)
        if owner is None:
            problems.append(InputProblem("the owner must be a member of the partnership",
                                         field="owner"))
    if data.status not in Action.Status.values:
        problems.append(InputProblem(f"unknown status {data.status!r}", field="status"))
    if len(data.notes) > MAX_NOTE:
        problems.append(InputProblem(f"is longer than {MAX_NOTE} characters", field="notes"))
    round_, criterion, indicator = None, data.criterion, data.indicator
    if data.round_id is not None:
        round_ = access.partnership.quality_rounds.filter(pk=data.round_id).first()
        if round_ is None:
            problems.append(InputProblem("no such round in this partnership", field="round"))
    if round_ is not None and (indicator or criterion):
        framework = round_.definition()
        if indicator:
            found = framework.criterion_of(indicator)
            if found is None:
                problems.append(InputProblem(f"unknown indicator {indicator!r}",
                                             field="indicator"))
            else:
                criterion = found.key
        elif framework.criterion(criterion) is None:
            problems.append(InputProblem(f"unknown criterion {criterion!r}", field="criterion"))
    elif indicator or criterion:
        problems.append(InputProblem("an indicator needs the round it comes from",
                                     field="round"))
    if problems:
        raise InputError(problems)
    return {"title": title, "owner": owner, "due_on": data.due_on, "notes": data.notes.strip(),
            "round": round_, "criterion": criterion, "indicator": indicator}


@register("quality.action.create", Access, TAKE_PART)
def create_action(access: Access, data: ActionInput) -> Action:
    fields = _action_fields(access, data)
    with transaction.atomic():
        action = Action(partnership=access.partnership, created_by=user_of(access.actor), **fields)
        action.set_status(data.status, timezone.now())
        action.save()
        record(access.actor, "quality.action.create", action, summary=f"Planned: {action.title}",
               changes={"owner": action.owner_id, "due_on": str(action.due_on or ""),
                        "status": action.status, "indicator": action.indicator})
    return action


@register("quality.action.update", Access, TAKE_PART)
def update_action(access: Access, action: Action, data: ActionInput) -> Action:
    if action.partnership_id != access.partnership.pk:
        raise Http404("No such action")
    if not queries.may_edit_action(access, action):
        raise PermissionDenied("only the owner, the person who planned it or a facilitator "
                               "may change this action")
    fields = _action_fields(access, data)
    fields.update(round=action.round, criterion=action.criterion, indicator=action.indicator)
    before = {"title": action.title, "owner": action.owner_id, "due_on": action.due_on,
              "status": action.status, "notes": action.notes}
    with transaction.atomic():
        action.check_version(data.version, lock=True)  # refused, naming what changed
        for name, value in fields.items():
            setattr(action, name, value)
        action.set_status(data.status, timezone.now())
        after = {"title": action.title, "owner": action.owner_id, "due_on": action.due_on,
                 "status": action.status, "notes": action.notes}
        changed = {k: [str(before[k] or ""), str(after[k] or "")] for k in before
                   if before[k] != after[k]}
        action.note_changes(changed)
        action.save()  # moves the version on, or refuses if another save came first
        record(access.actor, "quality.action.update", action, summary=f"Updated: {action.title}",
               changes=changed)
    return action
