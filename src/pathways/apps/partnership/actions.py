"""Every change to a partnership's own records: one transaction with its audit entry.

Callers pass an ``Access`` from ``queries`` (membership, or an administrator); the
``action`` decorator checks it and ``partnership.edit``. Input is checked before anything is
written and refused with ``InputError`` naming the field at fault.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import Http404

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.partnership import queries
from pathways.apps.partnership.models import (
    Agreement,
    MemberRoles,
    PartnerRole,
    PolicyIndicator,
    PolicyItem,
    Vision,
)
from pathways.apps.partnership.queries import EDIT, Access
from pathways.core.errors import InputError, InputProblem

MAX_TEXT = 4000


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _text(problems: list, value: str, name: str, limit: int, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        problems.append(InputProblem("is required", field=name))
    elif len(value) > limit:
        problems.append(InputProblem(f"is longer than {limit} characters", field=name))
    return value


def _url(problems: list, value: str, name: str) -> str:
    value = (value or "").strip()
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            problems.append(InputProblem("is not a web address (http:// or https://)",
                                         field=name))
        if len(value) > 500:
            problems.append(InputProblem("is longer than 500 characters", field=name))
    return value


def _changed(before: dict, after: dict) -> dict:
    return {k: [str(before[k]), str(after[k])] for k in after if before.get(k) != after[k]}


# -- vision and members ------------------------------------------------------------------
@dataclass(frozen=True)
class VisionInput:
    vision: str = ""
    vision_es: str = ""
    goals: str = ""
    goals_es: str = ""


@action("partnership.vision.save", Access, EDIT)
def save_vision(access: Access, data: VisionInput) -> Vision:
    problems: list[InputProblem] = []
    fields = {name: _text(problems, getattr(data, name), name, MAX_TEXT)
              for name in ("vision", "vision_es", "goals", "goals_es")}
    if problems:
        raise InputError(problems)
    found, _ = Vision.objects.get_or_create(partnership=access.partnership)
    before = {k: getattr(found, k) for k in fields}
    for name, value in fields.items():
        setattr(found, name, value)
    found.updated_by = _user(access.actor)
    found.save()
    # The texts are the partnership's public words, not personal data; the audit keeps
    # which fields changed.
    record(access.actor, "partnership.vision.save", found,
           summary=f"Vision and goals of {access.partnership}",
           changes={"fields": sorted(k for k in fields if before[k] != fields[k])})
    return found


@action("partnership.roles.set", Access, EDIT)
def set_roles(access: Access, organisation_id: int, roles: list[str] | tuple[str, ...],
              description: str = "") -> MemberRoles:
    """Record the roles of one organisation in the partnership, making it a member if it
    was not one."""
    problems: list[InputProblem] = []
    organisation = queries.organisations().filter(pk=organisation_id).first()
    if organisation is None:
        problems.append(InputProblem("no such organisation", field="organisation"))
    unknown = [r for r in roles if r not in PartnerRole.values]
    if unknown:
        problems.append(InputProblem(f"unknown role {unknown[0]!r}", field="roles"))
    description = _text(problems, description, "description", 300)
    if problems:
        raise InputError(problems)
    ordered = [r for r in PartnerRole.values if r in roles]
    found, created = MemberRoles.objects.get_or_create(partnership=access.partnership,
                                                       organisation=organisation)
    before = {"roles": found.roles if not created else [], "description": found.description}
    found.roles, found.description = ordered, description
    found.save()
    joined = not access.partnership.organisations.filter(pk=organisation.pk).exists()
    if joined:
        access.partnership.organisations.add(organisation)
    record(access.actor, "partnership.roles.set", found,
           summary=f"Roles of {organisation} in {access.partnership}",
           changes={**_changed(before, {"roles": ordered, "description": description}),
                    **({"joined": True} if joined else {})})
    return found


# -- agreements --------------------------------------------------------------------------
@dataclass(frozen=True)
class AgreementInput:
    kind: str
    title: str
    effective_on: dt.date | None
    parties: tuple[int, ...] = ()
    ends_on: dt.date | None = None
    last_reviewed_on: dt.date | None = None
    document_url: str = ""
    notes: str = ""


def _agreement_fields(access: Access, data: AgreementInput) -> tuple[dict, list]:
    problems: list[InputProblem] = []
    if data.kind not in Agreement.Kind.values:
        problems.append(InputProblem(f"unknown kind {data.kind!r}", field="kind"))
    title = _text(problems, data.title, "title", 200, required=True)
    if data.effective_on is None:
        problems.append(InputProblem("is required", field="effective_on"))
    elif data.ends_on is not None and data.ends_on < data.effective_on:
        problems.append(InputProblem("is before the effective date", field="ends_on"))
    if data.effective_on and data.last_reviewed_on \
            and data.last_reviewed_on < data.effective_on:
        problems.append(InputProblem("is before the effective date", field="last_reviewed_on"))
    members = {o.pk: o for o in access.partnership.organisations.all()}
    parties = [members[p] for p in data.parties if p in members]
    if len(parties) != len(set(data.parties)):
        problems.append(InputProblem("every party must be a member organisation",
                                     field="parties"))
    elif not parties:
        problems.append(InputProblem("name at least one party", field="parties"))
    fields = {"kind": data.kind, "title": title, "effective_on": data.effective_on,
              "ends_on": data.ends_on, "last_reviewed_on": data.last_reviewed_on,
              "document_url": _url(problems, data.document_url, "document_url"),
              "notes": _text(problems, data.notes, "notes", MAX_TEXT)}
    if problems:
        raise InputError(problems)
    return fields, parties


@action("partnership.agreement.create", Access, EDIT)
def create_agreement(access: Access, data: AgreementInput) -> Agreement:
    fields, parties = _agreement_fields(access, data)
    found = Agreement.objects.create(partnership=access.partnership, **fields)
    found.parties.set(parties)
    record(access.actor, "partnership.agreement.create", found,
           summary=f"Agreement: {found.title}",
           changes={"kind": found.kind, "parties": sorted(p.pk for p in parties),
                    "effective_on": str(found.effective_on)})
    return found


@action("partnership.agreement.update", Access, EDIT)
def update_agreement(access: Access, agreement: Agreement, data: AgreementInput) -> Agreement:
    if agreement.partnership_id != access.partnership.pk:
        raise Http404("No such agreement")
    fields, parties = _agreement_fields(access, data)
    before = {k: getattr(agreement, k) for k in fields}
    before["parties"] = sorted(agreement.parties.values_list("pk", flat=True))
    for name, value in fields.items():
        setattr(agreement, name, value)
    agreement.save()
    agreement.parties.set(parties)
    changes = _changed(before, {**fields, "parties": sorted(p.pk for p in parties)})
    changes.pop("notes", None)
    record(access.actor, "partnership.agreement.update", agreement,
           summary=f"Agreement: {agreement.title}", changes=changes)
    return agreement


# -- policy register ---------------------------------------------------------------------
@dataclass(frozen=True)
class PolicyInput:
    title: str
    category: str
    kind: str
    level: str
    status: str = PolicyItem.Status.IDENTIFIED
    owner_id: int | None = None
    evidence: str = ""
    evidence_url: str = ""
    # "framework:criterion" or "framework:criterion:indicator" (queries.indicator_choices)
    indicators: tuple[str, ...] = field(default_factory=tuple)
    actions: tuple[int, ...] = field(default_factory=tuple)


def _policy_fields(access: Access, data: PolicyInput) -> tuple[dict, list, list]:
    problems: list[InputProblem] = []
    title = _text(problems, data.title, "title", 200, required=True)
    for name, choices in (("category", PolicyItem.Category), ("kind", PolicyItem.Kind),
                          ("level", PolicyItem.Level), ("status", PolicyItem.Status)):
        if getattr(data, name) not in choices.values:
            problems.append(InputProblem(f"choose one of {', '.join(choices.values)}",
                                         field=name))
    owner = None
    if data.owner_id is not None:
        owner = access.partnership.organisations.filter(pk=data.owner_id).first()
        if owner is None:
            problems.append(InputProblem("the owner must be a member organisation",
                                         field="owner"))
    known = {value for value, _label in queries.indicator_choices(access.partnership)}
    links = []
    for value in dict.fromkeys(data.indicators):
        if value not in known:
            problems.append(InputProblem(f"unknown criterion or indicator {value!r}",
                                         field="indicators"))
            continue
        framework, criterion, *rest = value.split(":")
        links.append((framework, criterion, rest[0] if rest else ""))
    plan = list(access.partnership.quality_actions.filter(pk__in=data.actions))
    if len(plan) != len(set(data.actions)):
        problems.append(InputProblem("every action must be in this partnership's plan",
                                     field="actions"))
    fields = {"title": title, "category": data.category, "kind": data.kind,
              "level": data.level, "status": data.status, "owner": owner,
              "evidence": _text(problems, data.evidence, "evidence", MAX_TEXT),
              "evidence_url": _url(problems, data.evidence_url, "evidence_url")}
    if problems:
        raise InputError(problems)
    return fields, links, plan


def _link(item: PolicyItem, links: list, plan: list) -> None:
    item.indicators.all().delete()
    PolicyIndicator.objects.bulk_create(
        PolicyIndicator(policy=item, framework=f, criterion=c, indicator=i) for f, c, i in links)
    item.actions.set(plan)


def _summary(item: PolicyItem) -> dict:
    return {"title": item.title, "category": item.category, "kind": item.kind,
            "level": item.level, "status": item.status, "owner": item.owner_id}


@action("partnership.policy.create", Access, EDIT)
def create_policy(access: Access, data: PolicyInput) -> PolicyItem:
    fields, links, plan = _policy_fields(access, data)
    item = PolicyItem.objects.create(partnership=access.partnership, **fields)
    _link(item, links, plan)
    record(access.actor, "partnership.policy.create", item, summary=f"Policy: {item.title}",
           changes={**_summary(item), "indicators": [":".join(x) for x in links],
                    "actions": sorted(a.pk for a in plan)})
    return item


@action("partnership.policy.update", Access, EDIT)
def update_policy(access: Access, item: PolicyItem, data: PolicyInput) -> PolicyItem:
    if item.partnership_id != access.partnership.pk:
        raise Http404("No such policy item")
    fields, links, plan = _policy_fields(access, data)
    before = _summary(item)
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    _link(item, links, plan)
    record(access.actor, "partnership.policy.update", item, summary=f"Policy: {item.title}",
           changes={**_changed(before, _summary(item)),
                    "indicators": [":".join(x) for x in links],
                    "actions": sorted(a.pk for a in plan)})
    return item
