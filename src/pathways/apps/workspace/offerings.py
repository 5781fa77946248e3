"""Providers, programs, credentials and support services, added from the workspace.

Each is added for one partnership (a member with ``catalog.edit``: ``may_create``) and
only with that partnership's organisations, providers and credentials. A name close to one
the partnership has already is flagged as a possible duplicate and refused until the person
says to add it anyway.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.accounts.models import Organisation
from pathways.apps.catalog.models import (
    CipCode,
    Credential,
    CredentialType,
    Program,
    Provider,
    SupportService,
)
from pathways.apps.catalog.queries import EDIT, PathwayAccess
from pathways.apps.workspace import queries
from pathways.core.errors import InputError, InputProblem

SIMILAR = 0.85


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.casefold()).strip()


def similar_names(name: str, existing: Iterable[str]) -> list[str]:
    """Names that are probably the same thing written differently."""
    key = _key(name)
    found = []
    for other in existing:
        other_key = _key(other)
        if not key or not other_key:
            continue
        if (key == other_key or key in other_key or other_key in key
                or difflib.SequenceMatcher(None, key, other_key).ratio() >= SIMILAR):
            found.append(other)
    return found[:5]


def _refuse_duplicate(name: str, existing: Iterable[str], anyway: bool) -> None:
    if anyway:
        return
    found = similar_names(name, existing)
    if found:
        raise InputError(InputProblem(
            _("This may already be there: %(names)s. Check, or tick “Add it anyway”.")
            % {"names": "; ".join(found)}, field="name"))


def _required(value: str, field: str, limit: int = 200) -> str:
    text = (value or "").strip()
    if not text:
        raise InputError(InputProblem(_("Fill this in."), field=field))
    if len(text) > limit:
        raise InputError(InputProblem(_("Keep it under %(n)s characters.") % {"n": limit},
                                      field=field))
    return text


def _one(rows, pk: int | None, field: str, required: bool = True):
    found = rows.filter(pk=pk).first() if pk else None
    if found is None and (required or pk):
        raise InputError(InputProblem(_("Choose one of the list."), field=field))
    return found


@dataclass(frozen=True)
class ProviderInput:
    name: str
    organisation_id: int | None
    city: str = ""
    state: str = ""
    website: str = ""


@action("workspace.create_provider", PathwayAccess, EDIT, "may_create")
def create_provider(access: PathwayAccess, data: ProviderInput,
                    anyway: bool = False) -> Provider:
    name = _required(data.name, "name")
    organisation = _one(Organisation.objects.filter(partnerships__id=access.partnership_id),
                        data.organisation_id, "organisation")
    if Provider.objects.filter(name__iexact=name).exists():
        raise InputError(InputProblem(_("A provider has this name already."), field="name"))
    _refuse_duplicate(name, queries.providers_for(access.partnership_id)
                      .values_list("name", flat=True), anyway)
    provider = Provider.objects.create(name=name, organisation=organisation,
                                       kind=organisation.kind, city=data.city.strip()[:100],
                                       state=data.state.strip()[:2].upper(),
                                       website=data.website.strip())
    record(access.actor, "workspace.create_provider", provider)
    return provider


@dataclass(frozen=True)
class ProgramInput:
    name: str
    provider_id: int | None
    length_weeks: int
    cost: Decimal
    schedule: str
    modality: str
    cip_code: str = ""
    credit_hours: Decimal | None = None
    contact_hours: int | None = None
    credential_id: int | None = None
    url: str = ""
    is_iet: bool = False
    entry_requirements: str = ""
    description: str = ""


@action("workspace.create_program", PathwayAccess, EDIT, "may_create")
def create_program(access: PathwayAccess, data: ProgramInput, anyway: bool = False) -> Program:
    pid = access.partnership_id
    name = _required(data.name, "name")
    provider = _one(queries.providers_for(pid), data.provider_id, "provider")
    cip = None
    if data.cip_code.strip():
        cip = CipCode.objects.filter(code=data.cip_code.strip()).first()
        if cip is None:
            raise InputError(InputProblem(_("No CIP 2020 code %(code)s.") % {
                "code": data.cip_code.strip()[:10]}, field="cip"))
    credential = _one(queries.credentials_for(pid), data.credential_id, "credential",
                      required=False)
    if data.schedule not in Program.Schedule.values:
        raise InputError(InputProblem(_("Choose one of the list."), field="schedule"))
    if data.modality not in Program.Modality.values:
        raise InputError(InputProblem(_("Choose one of the list."), field="modality"))
    if not 0 < data.length_weeks <= 520:
        raise InputError(InputProblem(_("Give a number from 1 to 520."), field="length_weeks"))
    if data.cost < 0:
        raise InputError(InputProblem(_("Give a number from 0 up."), field="cost"))
    if provider.programs.filter(name__iexact=name).exists():
        raise InputError(InputProblem(_("This provider has a program with this name already."),
                                      field="name"))
    _refuse_duplicate(name, provider.programs.values_list("name", flat=True), anyway)
    program = Program.objects.create(
        provider=provider, name=name, cip=cip, length_weeks=data.length_weeks, cost=data.cost,
        schedule=data.schedule, modality=data.modality, credit_hours=data.credit_hours,
        contact_hours=data.contact_hours, credential=credential, url=data.url.strip(),
        is_iet=data.is_iet, entry_requirements=data.entry_requirements.strip(),
        description=data.description.strip())
    record(access.actor, "workspace.create_program", program)
    return program


@dataclass(frozen=True)
class CredentialInput:
    name: str
    credential_type: str
    awarded_by_id: int | None = None
    awarding_body: str = ""
    description: str = ""
    stacks_into: tuple[int, ...] = ()


@action("workspace.create_credential", PathwayAccess, EDIT, "may_create")
def create_credential(access: PathwayAccess, data: CredentialInput,
                      anyway: bool = False) -> Credential:
    pid = access.partnership_id
    name = _required(data.name, "name")
    if data.credential_type not in CredentialType.values:
        raise InputError(InputProblem(_("Choose one of the list."), field="credential_type"))
    awarded_by = _one(queries.providers_for(pid), data.awarded_by_id, "awarded_by",
                      required=False)
    mine = queries.credentials_for(pid)
    higher = list(mine.filter(pk__in=data.stacks_into))
    if len(higher) != len(set(data.stacks_into)):
        raise InputError(InputProblem(_("Choose one of the list."), field="stacks_into"))
    _refuse_duplicate(name, mine.values_list("name", flat=True), anyway)
    credential = Credential.objects.create(
        name=name, credential_type=data.credential_type, awarded_by=awarded_by,
        awarding_body=data.awarding_body.strip()[:200], description=data.description.strip())
    credential.stacks_into.set(higher)
    record(access.actor, "workspace.create_credential", credential,
           changes={"stacks_into": [c.pk for c in higher]})
    return credential


@dataclass(frozen=True)
class ServiceInput:
    name: str
    category: str
    provider_id: int | None = None
    description: str = ""
    cost: str = ""


@action("workspace.create_service", PathwayAccess, EDIT, "may_create")
def create_service(access: PathwayAccess, data: ServiceInput,
                   anyway: bool = False) -> SupportService:
    pid = access.partnership_id
    name = _required(data.name, "name")
    if data.category not in SupportService.Category.values:
        raise InputError(InputProblem(_("Choose one of the list."), field="category"))
    provider = _one(queries.providers_for(pid), data.provider_id, "provider", required=False)
    _refuse_duplicate(name, queries.services_for(pid).values_list("name", flat=True), anyway)
    service = SupportService.objects.create(name=name, category=data.category,
                                            provider=provider,
                                            description=data.description.strip(),
                                            cost=data.cost.strip()[:120])
    record(access.actor, "workspace.create_service", service)
    return service
