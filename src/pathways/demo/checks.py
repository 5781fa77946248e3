"""What each demo data file must hold, and the checks that compare the files with each other.

Called by ``loader.load_content`` with each file's top ``Field`` (``core.validate``), so
every problem names the file, line and field path. A record is read by its ``Shape``: each
field's kind is checked once, and ``Record.known`` then checks that a value of the right
kind names something that exists (a model's choice, an organisation, a step).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pathways.apps.accounts.models import Organisation, Role
from pathways.apps.catalog.models import (
    ComponentCondition,
    ComponentType,
    CredentialType,
    EntryPoint,
    Program,
    SupportService,
)
from pathways.core.validate import Field

NUMBER = "number"  # decimals: written as numbers, or as text to keep their cents
# Organisations of these kinds also offer programs and services (are providers).
PROVIDER_KINDS = {Organisation.Kind.COLLEGE, Organisation.Kind.ADULT_EDUCATION,
                  Organisation.Kind.WORKFORCE_BOARD, Organisation.Kind.SOCIAL_SERVICES}


@dataclass(frozen=True)
class Shape:
    """The fields a record must have and may have, each with the kind of value it holds."""

    required: dict[str, Any]
    optional: dict[str, Any]

    @property
    def fields(self) -> dict[str, Any]:
        return self.required | self.optional


def _shape(required: dict[str, Any], optional: dict[str, Any] | None = None,
           spanish: tuple[str, ...] = ()) -> Shape:
    """With ``spanish``: those texts may also be given in Spanish, as ``<name>_es``
    (ADR 0042; ``tests/test_demo_data.py`` checks that the shipped files give all of them)."""
    return Shape(required, (optional or {}) | {f"{name}_es": str for name in spanish})


ORGANISATION = _shape({"name": str, "kind": str, "website": str}, {"locations": dict})
LOCATION = _shape({"name": str, "address": str, "city": str, "state": str, "zip": str},
                  {"notes": str}, spanish=("name", "notes"))
STATE_CODE = re.compile(r"^[A-Z]{2}$")
ZIP_CODE = re.compile(r"^\d{5}(-\d{4})?$")
SERVICE = _shape({"name": str, "category": str, "provider": str, "description": str,
                  "cost": str}, spanish=("name", "description", "cost"))
CREDENTIAL = _shape({"name": str, "type": str},
                    {"awarded_by": str, "awarding_body": str, "stacks_into": list,
                     "description": str}, spanish=("name", "description"))
PEOPLE = _shape({"accounts": list, "referral_staff": dict, "team": list})
PERSON = {"username": str, "first_name": str, "last_name": str}
ACCOUNT = _shape({**PERSON, "role": str}, {"organisation": str})
STAFF = _shape(PERSON)
MEMBER = _shape({**PERSON, "organisation": str})
PATHWAY = _shape({"slug": str, "name": str, "description": str, "owner": str, "sector": dict,
                  "services": list, "levels": list, "steps": list, "entries": list,
                  "exits": list}, {"levels_es": list}, spanish=("name", "description"))
SECTOR = _shape({"slug": str, "name": str, "naics": str, "description": str},
                spanish=("name", "description"))
STEP = _shape({"key": str, "level": int, "type": str, "name": str},
              {"description": str, "credential": str, "occupation": str, "code": str,
               "credits": NUMBER, "designation": str, "weeks": int, "cost": NUMBER,
               "iet": bool, "apprenticeship": bool, "leads_to": list, "conditions": list,
               "program": dict, "services": list}, spanish=("name", "description"))
PROGRAM = _shape({"provider": str, "name": str, "weeks": int, "cost": NUMBER},
                 {"cip": str, "hours": int, "credits": NUMBER, "schedule": str,
                  "modality": str, "requires": str, "iet": bool, "credential": str,
                  "description": str, "locations": list, "url": str},
                 spanish=("name", "requires", "description"))
CONDITION = _shape({"name": str}, {"description": str, "operator": str,
                                   "required_number": int, "required_credits": NUMBER,
                                   "targets": list, "conditions": list},
                   spanish=("name", "description"))
ENTRY = _shape({"name": str, "at": str, "kind": str},
               {"description": str, "min_education": str, "max_education": str,
                "min_efl": str, "max_efl": str, "english_levels": list, "prerequisites": str},
               spanish=("name", "description", "prerequisites"))
EXIT = _shape({"name": str, "at": str, "occupation": str},
              {"destination": bool, "description": str, "summary": str},
              spanish=("name", "description", "summary"))
PARTICIPANT = _shape({"first_name": str, "last_name": str, "email": str, "phone": str,
                      "date_of_birth": dt.date, "preferred_language": str,
                      "enrolled_days_ago": int, "assessment": dict, "plan": dict},
                     {"account": str, "milestones": list, "consents": list,
                      "activities": list, "referral": dict, "awards": list})
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
                   "hours": int, "outcome": str}, {"employer": str})
AWARD = _shape({"stream": str, "amount": NUMBER, "days_ago": int},
               {"step": str, "period_days": int})
REFERRAL = _shape({"service": str, "note": str, "consent_days_ago": int},
                  {"accepted": bool, "due_days_ago": int})
EMPLOYERS = _shape({"employers": dict, "commitments": list, "requirements": list})
EMPLOYER = _shape({"naics": str, "size": str, "locations": list},
                  {"fein": str, "ui_account": str, "ui_state": str})
COMMITMENT = _shape({"employer": str, "kind": str, "pathway": str, "starts_days_ago": int,
                     "status": str, "public": bool},
                    {"step": str, "exit": str, "quantity": int, "wage_floor": NUMBER,
                     "in_kind": str, "dollar_value": NUMBER, "ends_in_days": int,
                     "note": str})
REQUIREMENT = _shape({"employer": str, "pathway": str, "exit": str},
                     {"credentials": list, "skills": list})
QUALITY = _shape({"framework": str, "facilitator": str, "raters": list, "criteria": dict,
                  "rounds": list, "few_raters": dict, "actions": list})
CRITERION = _shape({"phase": int, "moves": int, "element": str, "note": str})
ROUND = _shape({"key": str, "title": str, "opened": dt.datetime},
               {"closed": dt.datetime, "raters": list, "workshop": dict})
WORKSHOP = _shape({"tables": int, "last_step_started": dt.datetime})
FEW_RATERS = _shape({"round": str, "indicator": str, "raters": int})
ACTION = _shape({"title": str, "round": str, "indicator": str, "owner": str, "due": dt.date,
                 "status": str}, {"completed": dt.datetime})

# How each kind of field is read; a wrong value is reported by the reader.
_READERS: dict[Any, Callable[[Field, bool], Any]] = {
    str: lambda field, required: field.text(required=required, digits=False),
    int: lambda field, required: field.number(required=required, whole=True),
    NUMBER: lambda field, required: field.decimal(required=required),
    bool: lambda field, required: field.boolean(required=required),
    list: lambda field, required: field.items(required=required, least=0),
    dict: lambda field, required: field.mapping(required=required),
    dt.date: lambda field, required: field.date(required=required),
    dt.datetime: lambda field, required: field.date(required=required, time=True),
}


class Record:
    """One mapping of a data file whose fields' kinds have been checked."""

    def __init__(self, field: Field, valid: dict[str, Field]) -> None:
        self.field = field
        self.valid = valid  # the fields given, each with a value of the right kind

    def __getitem__(self, name: str) -> Field:
        return self.field[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.field.value.get(name, default)

    def known(self, name: str, allowed: Any, what: str) -> None:
        """The value of ``name`` (or each value of its list) names something in
        ``allowed``; "unknown <what> ..." otherwise."""
        found = self.valid.get(name)
        if found is not None:
            for value in found.items(least=0) if isinstance(found.value, list) else [found]:
                value.choice(allowed, what=what)

    def part(self, name: str, shape: Shape) -> Record | None:
        """The mapping ``name`` as a record; None when it is left out or wrong."""
        return record(self.valid[name], shape) if name in self.valid else None

    def each(self, name: str, shape: Shape) -> list[Record]:
        return each(self.valid[name], shape) if name in self.valid else []


def record(field: Field, shape: Shape) -> Record | None:
    """``field`` read as a record of ``shape``; None when it is not a mapping. An optional
    field written with nothing after it is dropped, so the builder takes its default."""
    if field.mapping(shape.fields) is None:
        return None
    valid = {}
    for name, kind in shape.fields.items():
        value, before = field[name], len(field.check.problems)
        _READERS[kind](value, name in shape.required)
        if value.present and value.missing and name in shape.optional:
            del field.value[name]
        elif value.present and len(field.check.problems) == before:
            valid[name] = value
    return Record(field, valid)


def each(field: Field, shape: Shape) -> list[Record]:
    """The records of a list, or of a mapping keyed by name."""
    entries = [entry for _key, entry in field.entries()] if isinstance(field.value, dict) \
        else field.items(least=0)
    return [found for entry in entries if (found := record(entry, shape)) is not None]


def providers(organisations: dict) -> set[str]:
    return {key for key, org in organisations.items()
            if isinstance(org, dict) and isinstance(org.get("kind"), str)
            and org["kind"] in PROVIDER_KINDS}


def organisations(top: Field) -> None:
    seen: set[str] = set()
    for org in each(top, ORGANISATION):
        org.known("kind", Organisation.Kind.values, "organisation kind")
        if "locations" in org.valid and "kind" in org.valid \
                and org.get("kind") not in PROVIDER_KINDS:
            org["locations"].problem("only a provider (a college, adult education, the "
                                     "workforce board or social services) has locations")
        places = org.valid["locations"].entries() if "locations" in org.valid else []
        for key, place in places:
            if key in seen:
                place.problem("another organisation has a location with this key")
            seen.add(key)
            found = record(place, LOCATION)
            if found is None:
                continue
            if "state" in found.valid and not STATE_CODE.match(found.get("state")):
                found["state"].problem("give the two-letter USPS code, such as KY")
            if "zip" in found.valid and not ZIP_CODE.match(found.get("zip")):
                found["zip"].problem("give a ZIP code of 5 digits, in quotes ('41888')")


def locations(organisations: dict) -> set[str]:
    """The keys of every provider's locations (one list for the whole region)."""
    return {key for org in organisations.values() if isinstance(org, dict)
            and isinstance(org.get("locations"), dict) for key in org["locations"]}


def services(top: Field, organisations: dict) -> None:
    for service in each(top, SERVICE):
        service.known("category", SupportService.Category.values, "category")
        service.known("provider", providers(organisations), "provider")


def credentials(top: Field, organisations: dict) -> None:
    for credential in each(top, CREDENTIAL):
        credential.known("type", CredentialType.values, "credential type")
        credential.known("awarded_by", providers(organisations), "provider")
        credential.known("stacks_into", top.value, "credential")


def people(top: Field, organisations: dict) -> set[str]:
    """Check people.yaml; the usernames of the accounts and of the team."""
    found = record(top, PEOPLE)
    if found is None:
        return set()
    usernames = set()
    for account in found.each("accounts", ACCOUNT):
        account.known("role", Role.values, "role")
        account.known("organisation", organisations, "organisation")
        usernames.add(str(account.get("username")))
    found.part("referral_staff", STAFF)
    for member in found.each("team", MEMBER):
        member.known("organisation", organisations, "organisation")
        usernames.add(str(member.get("username")))
    return usernames


def pathway(top: Field, organisations: dict, services: dict, credentials: dict,
            earlier: list[dict]) -> bool:
    """Check one pathway file; False when it cannot be used at all."""
    found = record(top, PATHWAY)
    if found is None:
        return False
    if str(found.get("slug")) in {str(p.get("slug")) for p in earlier}:
        found["slug"].problem("another pathway file has this slug")
    found.known("owner", organisations, "organisation")
    found.part("sector", SECTOR)
    found.known("services", services, "service")
    steps = found.each("steps", STEP)
    keys: set[str] = set()
    for step in steps:
        if str(step.get("key")) in keys:
            step["key"].problem("another step has this key")
        keys.add(str(step.get("key")))
    levels = range(1, len(found.get("levels")) + 1) if "levels" in found.valid else range(0)
    if "levels_es" in found.valid and len(found.get("levels_es")) != len(levels):
        found["levels_es"].problem(f"must name the {len(levels)} levels in Spanish, in order")
    for step in steps:
        step.known("type", ComponentType.values, "component type")
        step.known("level", levels, "level")
        step.known("credential", credentials, "credential")
        step.known("leads_to", keys, "step")
        step.known("services", services, "service")
        _conditions(step.each("conditions", CONDITION), keys)
        if (program := step.part("program", PROGRAM)) is not None:
            program.known("provider", providers(organisations), "provider")
            program.known("credential", credentials, "credential")
            program.known("schedule", Program.Schedule.values, "schedule")
            program.known("modality", Program.Modality.values, "modality")
            program.known("locations", locations(organisations), "location")
            if "url" in program.valid and not str(program.get("url")).startswith("https://"):
                program["url"].problem("must start with https://")
    for entry in found.each("entries", ENTRY):
        entry.known("at", keys, "step")
        entry.known("kind", EntryPoint.Kind.values, "entry kind")
    for exit_point in found.each("exits", EXIT):
        exit_point.known("at", keys, "step")
    return True


def _conditions(conditions: list[Record], keys: set[str]) -> None:
    for condition in conditions:
        condition.known("operator", ComponentCondition.Operator.values, "operator")
        condition.known("targets", keys, "step")
        _conditions(condition.each("conditions", CONDITION), keys)


def participants(top: Field, usernames: set[str], organisations: dict, services: dict,
                 credentials: dict, pathways: list[dict]) -> None:
    from pathways.funding.loader import shipped_streams

    by_slug = {str(p.get("slug")): p for p in pathways}
    for person in each(top, PARTICIPANT):
        person.known("account", usernames, "account")
        if (assessment := person.part("assessment", ASSESSMENT)) is not None:
            assessment.known("credentials_held", credentials, "credential")
            assessment.each("prior_jobs", PRIOR_JOB)
        chosen: dict = {}
        if (plan := person.part("plan", PLAN)) is not None:
            plan.known("pathway", by_slug, "pathway")
            chosen = by_slug.get(str(plan.get("pathway")), {})
            exits = _texts(chosen.get("exits"), "name")
            if chosen:
                plan.known("goal", exits, "exit of the pathway")
        steps = _texts(chosen.get("steps"), "key")
        for milestone in person.each("milestones", MILESTONE):
            milestone.known("step", steps, "step of the plan's pathway")
        for consent in person.each("consents", CONSENT):
            consent.known("organisation", organisations, "organisation")
        for activity in person.each("activities", ACTIVITY):
            activity.known("step", steps, "step of the plan's pathway")
            activity.known("employer", employer_keys(organisations), "employer")
        if (referral := person.part("referral", REFERRAL)) is not None:
            referral.known("service", services, "service")
        for award in person.each("awards", AWARD):
            award.known("stream", shipped_streams(), "funding stream")
            award.known("step", steps, "step of the plan's pathway")


def _items(value: Any) -> list:
    return value if isinstance(value, list) else []


def _texts(records: Any, name: str) -> set[str]:
    """The ``name`` of each record in a list, where it is text (a list written there is a
    problem reported elsewhere, and cannot be looked up)."""
    return {r[name] for r in _items(records) if isinstance(r, dict)
            and isinstance(r.get(name), str)}


def employer_keys(organisations: dict) -> set[str]:
    return {key for key, org in organisations.items()
            if isinstance(org, dict) and org.get("kind") == Organisation.Kind.EMPLOYER}


def employers(top: Field, organisations: dict, pathways: list[dict]) -> None:
    """employers.yaml: profiles of employer organisations, commitments to a pathway (its
    step or exit), hiring requirements for an exit."""
    from pathways.apps.employers import naics
    from pathways.apps.employers.models import Commitment, EmployerProfile

    found = record(top, EMPLOYERS)
    if found is None:
        return
    by_slug = {str(p.get("slug")): p for p in pathways}
    keys = employer_keys(organisations)
    if "employers" in found.valid:
        for key, entry in found["employers"].entries():
            if key not in keys:
                entry.problem(f"unknown employer {key!r}: a key of organisations.yaml whose "
                              f"kind is employer")
            profile = record(entry, EMPLOYER)
            if profile is None:
                continue
            profile.known("size", EmployerProfile.Size.values, "size")
            if "naics" in profile.valid and (why := naics.problem(profile.get("naics"))):
                profile["naics"].problem(why)
            for place in profile["locations"].items(least=1):
                place.text(pattern=re.compile(r"[^,]+, [A-Z]{2}"), what="a city, a comma "
                           "and a two-letter state")
            if "fein" in profile.valid:
                profile["fein"].text(pattern=re.compile(r"\d{9}"), what="9 digits",
                                     digits=False)
    profiles = set(found.get("employers") or {}) if "employers" in found.valid else set()

    def parts(one: Record) -> dict:
        one.known("employer", profiles, "employer of this file")
        one.known("pathway", by_slug, "pathway")
        return by_slug.get(str(one.get("pathway")), {})

    for commitment in found.each("commitments", COMMITMENT):
        chosen = parts(commitment)
        commitment.known("kind", Commitment.Kind.values, "kind")
        commitment.known("status", Commitment.Status.values, "status")
        commitment.known("in_kind", Commitment.InKind.values, "in-kind support")
        if chosen:
            commitment.known("step", _texts(chosen.get("steps"), "key"), "step of the pathway")
            commitment.known("exit", _texts(chosen.get("exits"), "name"), "exit of the pathway")
    for requirement in found.each("requirements", REQUIREMENT):
        chosen = parts(requirement)
        if chosen:
            requirement.known("exit", _texts(chosen.get("exits"), "name"),
                              "exit of the pathway")


def quality(top: Field, usernames: set[str]) -> None:
    from pathways.apps.quality.models import Action
    from pathways.frameworks.loader import shipped_frameworks

    found = record(top, QUALITY)
    if found is None:
        return
    frameworks = shipped_frameworks()
    found.known("framework", frameworks, "framework")
    framework = frameworks.get(str(found.get("framework")))
    indicators = framework.indicator_keys() if framework else []
    found.known("facilitator", usernames, "person")
    found.known("raters", usernames, "person")
    found.each("criteria", CRITERION)
    if framework and "criteria" in found.valid:
        missing = [c.key for c in framework.criteria if c.key not in found.get("criteria")]
        if missing:
            found["criteria"].problem(f"gives no phase for {', '.join(missing)}")
    rounds = set()
    for one in found.each("rounds", ROUND):
        one.known("raters", usernames, "person")
        one.part("workshop", WORKSHOP)
        rounds.add(str(one.get("key")))
    if (few := found.part("few_raters", FEW_RATERS)) is not None:
        few.known("round", rounds, "round")
        few.known("indicator", indicators, "indicator")
    for action in found.each("actions", ACTION):
        action.known("round", rounds, "round")
        action.known("indicator", indicators, "indicator")
        action.known("owner", usernames, "person")
        action.known("status", Action.Status.values, "status")
