"""What each demo data file must hold, and the checks that compare the files with each other.

Called by ``loader.load_content`` with one ``DataFile`` per file; every problem goes to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pathways.apps.accounts.models import Organisation, Role
from pathways.apps.catalog.models import (
    ComponentCondition,
    ComponentType,
    CredentialType,
    EntryPoint,
    Program,
    SupportService,
)

if TYPE_CHECKING:
    from pathways.demo.loader import DataFile

NUMBER = (int, float, str)  # decimals: written as numbers, or as text to keep their cents
# Organisations of these kinds also offer programs and services (are providers).
PROVIDER_KINDS = {Organisation.Kind.COLLEGE, Organisation.Kind.ADULT_EDUCATION,
                  Organisation.Kind.WORKFORCE_BOARD, Organisation.Kind.SOCIAL_SERVICES}


@dataclass(frozen=True)
class Shape:
    """The fields a record must have and may have, each with the kind of value it holds."""

    required: dict[str, Any]
    optional: dict[str, Any]


def _shape(required: dict[str, Any], optional: dict[str, Any] | None = None) -> Shape:
    return Shape(required, optional or {})


ORGANISATION = _shape({"name": str, "kind": str, "website": str})
SERVICE = _shape({"name": str, "category": str, "provider": str, "description": str,
                  "cost": str})
CREDENTIAL = _shape({"name": str, "type": str},
                    {"awarded_by": str, "awarding_body": str, "stacks_into": list})
PEOPLE = _shape({"accounts": list, "referral_staff": dict, "team": list})
PERSON = {"username": str, "first_name": str, "last_name": str}
ACCOUNT = _shape({**PERSON, "role": str}, {"organisation": str})
STAFF = _shape(PERSON)
MEMBER = _shape({**PERSON, "organisation": str})
PATHWAY = _shape({"slug": str, "name": str, "description": str, "owner": str, "sector": dict,
                  "services": list, "levels": list, "steps": list, "entries": list,
                  "exits": list})
SECTOR = _shape({"slug": str, "name": str, "naics": str, "description": str})
STEP = _shape({"key": str, "level": int, "type": str, "name": str},
              {"description": str, "credential": str, "occupation": str, "code": str,
               "credits": NUMBER, "designation": str, "weeks": int, "cost": NUMBER,
               "iet": bool, "apprenticeship": bool, "leads_to": list, "conditions": list,
               "program": dict})
PROGRAM = _shape({"provider": str, "name": str, "weeks": int, "cost": NUMBER},
                 {"cip": str, "hours": int, "credits": NUMBER, "schedule": str,
                  "modality": str, "requires": str, "iet": bool, "credential": str,
                  "description": str})
CONDITION = _shape({"name": str}, {"description": str, "operator": str,
                                   "required_number": int, "required_credits": NUMBER,
                                   "targets": list, "conditions": list})
ENTRY = _shape({"name": str, "at": str, "kind": str},
               {"description": str, "min_education": str, "max_education": str,
                "min_efl": str, "max_efl": str, "english_levels": list, "prerequisites": str})
EXIT = _shape({"name": str, "at": str, "occupation": str}, {"destination": bool})
PARTICIPANT = _shape({"first_name": str, "last_name": str, "email": str, "phone": str,
                      "date_of_birth": dt.date, "preferred_language": str,
                      "enrolled_days_ago": int, "assessment": dict, "plan": dict},
                     {"account": str, "milestones": list, "consents": list,
                      "activities": list, "referral": dict})
ASSESSMENT = _shape({"days_ago": int, "education": int, "english_level": str,
                     "employment_status": int},
                    {"highest_grade": int, "test": str, "test_score": int,
                     "recent_hourly_wage": NUMBER, "recent_weekly_hours": int,
                     "barriers": list, "interests": str, "credentials_held": list,
                     "prior_jobs": list})
PRIOR_JOB = _shape({"occupation": str, "employer": str, "years": NUMBER})
PLAN = _shape({"pathway": str, "goal": str}, {"next_step_due_in_days": int})
MILESTONE = _shape({"kind": str, "days_ago": int, "source": str},
                   {"step": str, "occupation": str, "employer": str, "hourly_wage": NUMBER})
CONSENT = _shape({"organisation": str, "purpose": str, "method": str, "days_ago": int})
ACTIVITY = _shape({"kind": str, "organisation": str, "step": str, "days_ago": int,
                   "hours": int, "outcome": str})
REFERRAL = _shape({"service": str, "note": str, "consent_days_ago": int}, {"accepted": bool})
QUALITY = _shape({"framework": str, "facilitator": str, "raters": list, "criteria": dict,
                  "rounds": list, "few_raters": dict, "actions": list})
CRITERION = _shape({"phase": int, "moves": int, "element": str, "note": str})
ROUND = _shape({"key": str, "title": str, "opened": dt.datetime},
               {"closed": dt.datetime, "raters": list, "workshop": dict})
WORKSHOP = _shape({"tables": int, "last_step_started": dt.datetime})
FEW_RATERS = _shape({"round": str, "indicator": str, "raters": int})
ACTION = _shape({"title": str, "round": str, "indicator": str, "owner": str, "due": dt.date,
                 "status": str}, {"completed": dt.datetime})



def providers(organisations: dict) -> set[str]:
    return {key for key, org in organisations.items()
            if isinstance(org, dict) and isinstance(org.get("kind"), str)
            and org["kind"] in PROVIDER_KINDS}


def organisations(check: DataFile, data: dict) -> None:
    for field, org in check.records(data, ORGANISATION, ""):
        check.known(org, "kind", Organisation.Kind.values, field, "organisation kind")


def services(check: DataFile, data: dict, organisations: dict) -> None:
    for field, service in check.records(data, SERVICE, ""):
        check.known(service, "category", SupportService.Category.values, field, "category")
        check.known(service, "provider", providers(organisations), field, "provider")


def credentials(check: DataFile, data: dict, organisations: dict) -> None:
    for field, credential in check.records(data, CREDENTIAL, ""):
        check.known(credential, "type", CredentialType.values, field, "credential type")
        check.known(credential, "awarded_by", providers(organisations), field, "provider")
        check.known(credential, "stacks_into", data, field, "credential")


def people(check: DataFile, data: dict, organisations: dict) -> set[str]:
    """Check people.yaml; the usernames of the accounts and of the team."""
    check.record(data, PEOPLE, "")
    usernames = set()
    for field, account in check.records(data.get("accounts"), ACCOUNT, "accounts"):
        check.known(account, "role", Role.values, field, "role")
        check.known(account, "organisation", organisations, field, "organisation")
        usernames.add(str(account.get("username")))
    check.record(data.get("referral_staff"), STAFF, "referral_staff", data, "referral_staff")
    for field, member in check.records(data.get("team"), MEMBER, "team"):
        check.known(member, "organisation", organisations, field, "organisation")
        usernames.add(str(member.get("username")))
    return usernames


def pathway(check: DataFile, data: dict, organisations: dict, services: dict,
            credentials: dict, earlier: list[dict]) -> bool:
    """Check one pathway file; False when it cannot be used at all."""
    if not check.record(data, PATHWAY, ""):
        return False
    if str(data.get("slug")) in {str(p.get("slug")) for p in earlier}:
        check.add("another pathway file has this slug", data, "slug", "slug")
    check.known(data, "owner", organisations, "", "organisation")
    check.record(data.get("sector"), SECTOR, "sector", data, "sector")
    check.known(data, "services", services, "", "service")
    steps = check.records(data.get("steps"), STEP, "steps")
    keys: set[str] = set()
    for field, step in steps:
        if str(step.get("key")) in keys:
            check.add("another step has this key", step, "key", f"{field}.key")
        keys.add(str(step.get("key")))
    levels = data.get("levels")
    levels = range(1, len(levels) + 1) if isinstance(levels, list) else range(0)
    for field, step in steps:
        check.known(step, "type", ComponentType.values, field, "component type")
        check.known(step, "level", levels, field, "level")
        check.known(step, "credential", credentials, field, "credential")
        check.known(step, "leads_to", keys, field, "step")
        _conditions(check, step.get("conditions"), f"{field}.conditions", keys)
        if "program" in step and check.record(step["program"], PROGRAM, f"{field}.program",
                                              step, "program"):
            program, where = step["program"], f"{field}.program"
            check.known(program, "provider", providers(organisations), where, "provider")
            check.known(program, "credential", credentials, where, "credential")
            check.known(program, "schedule", Program.Schedule.values, where, "schedule")
            check.known(program, "modality", Program.Modality.values, where, "modality")
    for field, entry in check.records(data.get("entries"), ENTRY, "entries"):
        check.known(entry, "at", keys, field, "step")
        check.known(entry, "kind", EntryPoint.Kind.values, field, "entry kind")
    for field, exit_point in check.records(data.get("exits"), EXIT, "exits"):
        check.known(exit_point, "at", keys, field, "step")
    return True


def _conditions(check: DataFile, items: Any, field: str, keys: set[str]) -> None:
    for where, condition in check.records(items, CONDITION, field):
        check.known(condition, "operator", ComponentCondition.Operator.values, where,
                    "operator")
        check.known(condition, "targets", keys, where, "step")
        _conditions(check, condition.get("conditions"), f"{where}.conditions", keys)


def participants(check: DataFile, data: list, usernames: set[str], organisations: dict,
                 services: dict, credentials: dict, pathways: list[dict]) -> None:
    by_slug = {str(p.get("slug")): p for p in pathways}
    for field, person in check.records(data, PARTICIPANT, ""):
        check.known(person, "account", usernames, field, "account")
        assessment = person.get("assessment")
        if check.record(assessment, ASSESSMENT, f"{field}.assessment", person, "assessment"):
            check.known(assessment, "credentials_held", credentials, f"{field}.assessment",
                        "credential")
            check.records(assessment.get("prior_jobs"), PRIOR_JOB,
                          f"{field}.assessment.prior_jobs")
        plan, chosen = person.get("plan"), {}
        if check.record(plan, PLAN, f"{field}.plan", person, "plan"):
            check.known(plan, "pathway", by_slug, f"{field}.plan", "pathway")
            chosen = by_slug.get(str(plan.get("pathway")), {})
            exits = _texts(chosen.get("exits"), "name")
            if chosen:
                check.known(plan, "goal", exits, f"{field}.plan", "exit of the pathway")
        steps = _texts(chosen.get("steps"), "key")
        for where, milestone in check.records(person.get("milestones"), MILESTONE,
                                              f"{field}.milestones"):
            check.known(milestone, "step", steps, where, "step of the plan's pathway")
        for where, consent in check.records(person.get("consents"), CONSENT,
                                            f"{field}.consents"):
            check.known(consent, "organisation", organisations, where, "organisation")
        for where, activity in check.records(person.get("activities"), ACTIVITY,
                                             f"{field}.activities"):
            check.known(activity, "step", steps, where, "step of the plan's pathway")
        referral = person.get("referral")
        if referral is not None and check.record(referral, REFERRAL, f"{field}.referral",
                                                 person, "referral"):
            check.known(referral, "service", services, f"{field}.referral", "service")


def _items(value: Any) -> list:
    return value if isinstance(value, list) else []


def _texts(records: Any, name: str) -> set[str]:
    """The ``name`` of each record in a list, where it is text (a list written there is a
    problem reported elsewhere, and cannot be looked up)."""
    return {r[name] for r in _items(records) if isinstance(r, dict)
            and isinstance(r.get(name), str)}


def quality(check: DataFile, data: dict, usernames: set[str]) -> None:
    from pathways.apps.quality.models import Action
    from pathways.frameworks.loader import shipped_frameworks

    check.record(data, QUALITY, "")
    frameworks = shipped_frameworks()
    check.known(data, "framework", frameworks, "", "framework")
    framework = frameworks.get(str(data.get("framework")))
    indicators = framework.indicator_keys() if framework else []
    check.known(data, "facilitator", usernames, "", "person")
    check.known(data, "raters", usernames, "", "person")
    check.records(data.get("criteria"), CRITERION, "criteria")
    if framework and isinstance(data.get("criteria"), dict):
        missing = [c.key for c in framework.criteria if c.key not in data["criteria"]]
        if missing:
            check.add(f"gives no phase for {', '.join(missing)}", data, "criteria", "criteria")
    rounds = set()
    for field, found in check.records(data.get("rounds"), ROUND, "rounds"):
        check.known(found, "raters", usernames, field, "person")
        if "workshop" in found:
            check.record(found["workshop"], WORKSHOP, f"{field}.workshop", found, "workshop")
        rounds.add(str(found.get("key")))
    if check.record(data.get("few_raters"), FEW_RATERS, "few_raters", data, "few_raters"):
        check.known(data["few_raters"], "round", rounds, "few_raters", "round")
        check.known(data["few_raters"], "indicator", indicators, "few_raters", "indicator")
    for field, action in check.records(data.get("actions"), ACTION, "actions"):
        check.known(action, "round", rounds, field, "round")
        check.known(action, "indicator", indicators, field, "indicator")
        check.known(action, "owner", usernames, field, "person")
        check.known(action, "status", Action.Status.values, field, "status")
