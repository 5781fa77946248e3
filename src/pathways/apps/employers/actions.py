"""Writes of the employers app: employer profiles, commitments, hiring requirements and
linking typed employer names to organisations (one transaction each, audited without the
FEIN or UI account number)."""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.accounts.models import Organisation
from pathways.apps.employers import naics
from pathways.apps.employers.matching import normalise
from pathways.apps.employers.models import (
    Commitment,
    EmployerLocation,
    EmployerProfile,
    HiringRequirement,
)
from pathways.apps.employers.queries import (
    MANAGE,
    EmployerAccess,
    employers_of,
    pathways_of,
    unlinked_records,
)
from pathways.core.errors import InputError, InputProblem

SECRET = {"fein", "ui_account"}
K = Commitment.Kind
NEEDS_QUANTITY = {K.INTERNSHIP, K.CLINICAL, K.OJT, K.PRE_APPRENTICESHIP, K.APPRENTICESHIP,
                  K.JOB_SHADOW, K.INTERVIEWS, K.HIRING, K.ADVISORY_SEAT}


def _problem(message: str, field: str) -> InputError:
    return InputError(InputProblem(message, field=field))


def _check_profile(data: dict[str, Any]) -> None:
    problems = []
    if found := naics.problem(data.get("naics") or ""):
        problems.append(InputProblem(found, field="naics"))
    fein = data.get("fein")
    if fein and not re.fullmatch(r"\d{9}", fein):
        problems.append(InputProblem("a FEIN has 9 digits", field="fein"))
    account = data.get("ui_account")
    if account and not re.fullmatch(r"[0-9A-Za-z-]{1,20}", account):
        problems.append(InputProblem("a UI account number has up to 20 letters, digits or "
                                     "dashes", field="ui_account"))
    for city, state in data.get("locations", []):
        if not city or not re.fullmatch(r"[A-Z]{2}", state):
            problems.append(InputProblem(f"{city}, {state}: a location is a city and a "
                                         f"two-letter state", field="locations"))
    if problems:
        raise InputError(problems)


@action("employers.save_employer", EmployerAccess, MANAGE)
def save_employer(access: EmployerAccess, data: dict[str, Any],
                  profile: EmployerProfile | None = None) -> EmployerProfile:
    """Add an employer partner to the partnership (its organisation too, when new), or
    change one. ``fein`` or ``ui_account`` left out of ``data`` keep what is on file."""
    _check_profile(data)
    partnership = access.partnership
    changes: dict[str, Any] = {}
    if profile is None:
        name = data["name"].strip()
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=name, kind=Organisation.Kind.EMPLOYER, state=data.get("state", ""),
                website=data.get("website", ""))
            changes["organisation"] = "created"
        elif organisation.kind != Organisation.Kind.EMPLOYER:
            raise _problem("an organisation of another kind has this name", "name")
        elif EmployerProfile.objects.filter(organisation=organisation).exists():
            raise _problem("this employer is already a partner (of this or another "
                           "partnership)", "name")
        profile = EmployerProfile(organisation=organisation)
        partnership.organisations.add(organisation)
    else:
        if not employers_of(partnership).filter(pk=profile.pk).exists():
            raise Http404("No such employer")
        organisation = profile.organisation
    for field in ("name", "state", "website"):
        if field in data and getattr(organisation, field) != data[field]:
            changes[field] = [getattr(organisation, field), data[field]]
            setattr(organisation, field, data[field])
    organisation.save()
    for field in ("naics", "size", "ui_state", "fein", "ui_account"):
        if field in data and getattr(profile, field, "") != data[field]:
            old = getattr(profile, field, "")
            changes[field] = ("removed" if not data[field] else "recorded") \
                if field in SECRET else [old, data[field]]
            setattr(profile, field, data[field])
    profile.save()
    if "locations" in data:
        before = [(place.city, place.state) for place in profile.locations.all()]
        if before != data["locations"]:
            profile.locations.all().delete()
            EmployerLocation.objects.bulk_create(
                EmployerLocation(employer=profile, city=city, state=state)
                for city, state in data["locations"])
            changes["locations"] = [", ".join(f"{c}, {s}" for c, s in data["locations"])]
    record(access.actor, "employers.save_employer", profile, changes=changes,
           summary=f"Employer {organisation.name} of {partnership.name}")
    return profile


def _check_commitment(access: EmployerAccess, data: dict[str, Any]) -> None:
    problems = []
    partnership = access.partnership
    employer, pathway = data.get("employer"), data.get("pathway")
    if employer is None or not employers_of(partnership).filter(pk=employer.pk).exists():
        problems.append(InputProblem("choose one of the partnership's employers",
                                     field="employer"))
    if pathway is None or not pathways_of(partnership).filter(pk=pathway.pk).exists():
        problems.append(InputProblem("choose one of the partnership's pathways",
                                     field="pathway"))
    for field in ("component", "exit_point"):
        part = data.get(field)
        if part is not None and (pathway is None or part.pathway_id != pathway.pk):
            problems.append(InputProblem("this belongs to another pathway", field=field))
    kind = data.get("kind")
    if kind == K.IN_KIND:
        if not data.get("in_kind"):
            problems.append(InputProblem("say what is given in kind", field="in_kind"))
        if data.get("dollar_value") is None:
            problems.append(InputProblem("give the dollar value of the support",
                                         field="dollar_value"))
    elif data.get("in_kind"):
        problems.append(InputProblem("only in-kind support says what is given in kind",
                                     field="in_kind"))
    if kind in NEEDS_QUANTITY and not data.get("quantity"):
        problems.append(InputProblem("say how many", field="quantity"))
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts:
        problems.append(InputProblem("the period ends before it starts", field="ends_on"))
    if problems:
        raise InputError(problems)


COMMITMENT_FIELDS = ["employer", "kind", "in_kind", "dollar_value", "pathway", "component",
                     "exit_point", "quantity", "wage_floor", "starts_on", "ends_on", "status",
                     "is_public", "note"]


def _shown(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") else (str(value) if value is not None else None)


@action("employers.save_commitment", EmployerAccess, MANAGE)
def save_commitment(access: EmployerAccess, data: dict[str, Any],
                    commitment: Commitment | None = None) -> Commitment:
    """Record an employer's commitment to one of the partnership's pathways, or change it."""
    if commitment is None:
        commitment = Commitment(partnership=access.partnership)
    elif commitment.partnership_id != access.partnership.pk:
        raise Http404("No such commitment")
    _check_commitment(access, data)
    changes = {}
    for field in COMMITMENT_FIELDS:
        if field not in data:
            continue
        value = data[field] if data[field] is not None or field not in {"in_kind", "note"} \
            else ""
        old = getattr(commitment, field, None) if commitment.pk else None
        if _shown(old) != _shown(value):
            changes[field] = [_shown(old), _shown(value)]
        setattr(commitment, field, value)
    commitment.save()
    record(access.actor, "employers.save_commitment", commitment, changes=changes,
           summary=f"Commitment of {commitment.employer} to {commitment.pathway} "
                   f"({commitment.kind}, {commitment.status})")
    return commitment


@action("employers.save_requirement", EmployerAccess, MANAGE)
def save_requirement(access: EmployerAccess, data: dict[str, Any],
                     requirement: HiringRequirement | None = None) -> HiringRequirement:
    """State what an employer asks of people it hires into one of the pathways' exits."""
    from pathways.apps.catalog.models import ExitPoint

    partnership = access.partnership
    employer, exit_point = data.get("employer"), data.get("exit_point")
    problems = []
    if employer is None or not employers_of(partnership).filter(pk=employer.pk).exists():
        problems.append(InputProblem("choose one of the partnership's employers",
                                     field="employer"))
    if exit_point is None or not ExitPoint.objects.filter(
            pk=exit_point.pk, pathway__in=pathways_of(partnership)).exists():
        problems.append(InputProblem("choose an exit of one of the partnership's pathways",
                                     field="exit_point"))
    credentials = (data.get("credentials") or "").strip()
    skills = (data.get("skills") or "").strip()
    if not credentials and not skills:
        problems.append(InputProblem("list at least one credential or skill",
                                     field="credentials"))
    if problems:
        raise InputError(problems)
    if requirement is None:
        requirement = HiringRequirement.objects.filter(employer=employer,
                                                       exit_point=exit_point).first() \
            or HiringRequirement()
    elif not employers_of(partnership).filter(pk=requirement.employer_id).exists():
        raise Http404("No such requirement")
    elif HiringRequirement.objects.filter(employer=employer, exit_point=exit_point).exclude(
            pk=requirement.pk).exists():
        raise _problem("this employer already lists requirements for this exit",
                       "exit_point")
    requirement.employer, requirement.exit_point = employer, exit_point
    requirement.credentials, requirement.skills = credentials, skills
    requirement.save()
    record(access.actor, "employers.save_requirement", requirement,
           changes={"employer": employer.pk, "exit_point": exit_point.pk},
           summary=f"Hiring requirements of {employer} for {exit_point}")
    return requirement


@action("employers.resolve_name", EmployerAccess, MANAGE)
def resolve_name(access: EmployerAccess, name: str, employer: EmployerProfile) -> int:
    """Link every placement and work experience of the partnership's participants whose
    typed employer name reads as ``name`` to ``employer``'s organisation (the text stays).
    Returns how many records were linked."""
    partnership = access.partnership
    if not employers_of(partnership).filter(pk=employer.pk).exists():
        raise _problem("choose one of the partnership's employers", "employer")
    key = normalise(name)
    if not key:
        raise _problem("give the typed name to link", "name")
    linked = 0
    for row, typed in unlinked_records(partnership):
        if normalise(typed) == key:
            type(row).objects.filter(pk=row.pk).update(
                employer_organisation=employer.organisation)
            linked += 1
    if not linked:
        raise _problem("no record of the partnership names this employer any more", "name")
    record(access.actor, "employers.resolve_name", employer,
           changes={"name": name, "records": linked},
           summary=f"Linked {linked} records naming {name} to {employer}")
    return linked
