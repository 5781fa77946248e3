"""Providers, programs, credentials and support services, added from the workspace.

Each is added for one partnership (a member with ``catalog.edit``: ``may_create``) and
only with that partnership's organisations, providers and credentials. A name close to one
the partnership has already is flagged as a possible duplicate and refused until the person
says to add it anyway.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.accounts.models import Organisation
from pathways.apps.catalog.models import (
    CipCode,
    Credential,
    CredentialType,
    Location,
    Program,
    Provider,
    SupportService,
)
from pathways.apps.catalog.models.programs import https_only
from pathways.apps.catalog.queries import EDIT, PathwayAccess
from pathways.apps.workspace import queries
from pathways.apps.workspace.changes import changed_fields
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


def _spanish(value: str, field: str, limit: int = 10_000) -> str | None:
    """An optional Spanish text; ``None`` when empty, so that two empty Spanish names never
    collide under a per-language unique constraint (``uniq_program_name-es``)."""
    text = (value or "").strip()
    if len(text) > limit:
        raise InputError(InputProblem(_("Keep it under %(n)s characters.") % {"n": limit},
                                      field=field))
    return text or None


def _long(value: str, field: str) -> str:
    return _spanish(value, field) or ""


def _one(rows, pk: int | None, field: str, required: bool = True):
    found = rows.filter(pk=pk).first() if pk else None
    if found is None and (required or pk):
        raise InputError(InputProblem(_("Choose one of the list."), field=field))
    return found


M = TypeVar("M", bound=models.Model)


def fingerprint(obj: models.Model) -> str:
    """What the edit form was opened on: a digest of the stored values (these models are
    not versioned). A save whose fingerprint no longer matches is refused, so the last
    writer never overwrites a change they have not seen."""
    names = [f.attname for f in obj._meta.concrete_fields]
    stored = type(obj)._base_manager.filter(pk=obj.pk).values(*names).first() or {}
    values = [f"{name}={stored.get(name)}" for name in names]  # as stored, not as typed
    if isinstance(obj, Credential):
        values += [f"stacks={sorted(obj.stacks_into.values_list('pk', flat=True))}"]
    if isinstance(obj, Program):
        values += [f"locations={sorted(obj.locations.values_list('pk', flat=True))}"]
    return hashlib.sha256("\x1f".join(values).encode()).hexdigest()[:20]


class StaleOffering(InputError):
    """Someone saved this item after the form was opened; nothing was written."""


def _stale(obj: models.Model, seen: str) -> None:
    if seen != fingerprint(obj):
        raise StaleOffering(InputProblem(_(
            "Someone else saved this after you opened it. Nothing of yours was saved; "
            "your entries are still in the form. Compare them with what is stored now (open "
            "it again to see it), then save again."), field=None))


def _write(obj: M, fields: dict[str, Any], save: Callable[[M], None] | None = None) -> M:
    """Set ``fields`` and save in a savepoint: a per-language unique constraint that the
    checks before did not catch (two saves at once) becomes an error on the name."""
    for name, value in fields.items():
        setattr(obj, name, value)
    try:
        with transaction.atomic():
            obj.save()
            if save is not None:
                save(obj)
    except IntegrityError as exc:
        name = "name_es" if "name_es" in str(exc) or "-es" in str(exc) else "name_en"
        raise InputError(InputProblem(_("Another one has this name already."),
                                      field=name)) from exc
    return obj


def _edited(access: PathwayAccess, name: str, obj: M, fields: dict[str, Any],
            save: Callable[[M], None] | None = None, extra: dict | None = None) -> M:
    """Write an edit of an offering and audit the names of the fields it changed."""
    changed = changed_fields(obj, fields)
    _write(obj, fields, save)
    record(access.actor, name, obj, changes={"fields": changed, **(extra or {})})
    return obj


def _editable(rows: Any, pk: int, mine: Any, field: str = "item") -> Any:
    """The item, if the partnership may change it: one of its own providers' (a shared one,
    of no provider, is changed by an administrator: other partnerships use it too)."""
    found = rows.filter(pk=pk).first()
    if found is None:
        raise InputError(InputProblem(_("Choose one of the list."), field=field))
    if not mine(found):
        raise InputError(InputProblem(_(
            "This one is shared with other partnerships, so only an administrator changes "
            "it."), field=None))
    return found


# -- providers (a provider's name is not translated: it is a proper name) -----------------
@dataclass(frozen=True)
class ProviderInput:
    name: str
    organisation_id: int | None
    city: str = ""
    state: str = ""
    website: str = ""


def _provider_fields(access: PathwayAccess, data: ProviderInput,
                     current: Provider | None = None) -> dict[str, Any]:
    name = _required(data.name, "name")
    organisation = _one(Organisation.objects.filter(partnerships__id=access.partnership_id),
                        data.organisation_id, "organisation")
    others = Provider.objects.exclude(pk=current.pk) if current else Provider.objects.all()
    if others.filter(name__iexact=name).exists():
        raise InputError(InputProblem(_("A provider has this name already."), field="name"))
    return {"name": name, "organisation": organisation, "kind": organisation.kind,
            "city": data.city.strip()[:100], "state": data.state.strip()[:2].upper(),
            "website": data.website.strip()}


@action("workspace.create_provider", PathwayAccess, EDIT, "may_create")
def create_provider(access: PathwayAccess, data: ProviderInput,
                    anyway: bool = False) -> Provider:
    fields = _provider_fields(access, data)
    _refuse_duplicate(fields["name"], queries.providers_for(access.partnership_id)
                      .values_list("name", flat=True), anyway)
    provider = _write(Provider(), fields)
    record(access.actor, "workspace.create_provider", provider)
    return provider


@action("workspace.edit_provider", PathwayAccess, EDIT, "may_create")
def edit_provider(access: PathwayAccess, provider_id: int, seen: str,
                  data: ProviderInput) -> Provider:
    provider = _editable(queries.providers_for(access.partnership_id), provider_id,
                         lambda p: True)
    _stale(provider, seen)
    fields = _provider_fields(access, data, provider)
    return _edited(access, "workspace.edit_provider", provider, fields)


# -- programs ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProgramInput:
    """Texts by language: ``name_en`` required, the ``_es`` values optional."""

    name_en: str
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
    entry_requirements_en: str = ""
    description_en: str = ""
    name_es: str = ""
    entry_requirements_es: str = ""
    description_es: str = ""
    location_ids: tuple[int, ...] = ()


def _enrollment_url(value: str) -> str:
    """The page where a participant signs up: https only (it may ask for personal details),
    and short enough for the column."""
    url = (value or "").strip()
    if not url:
        return ""
    try:
        https_only(url)
        URLValidator(schemes=["https"])(url)
    except ValidationError as exc:
        raise InputError(InputProblem(_("Give a web address that starts with https://"),
                                      field="url")) from exc
    if len(url) > Program._meta.get_field("url").max_length:
        raise InputError(InputProblem(_("Keep it under %(n)s characters.") % {
            "n": Program._meta.get_field("url").max_length}, field="url"))
    return url


def _program_locations(access: PathwayAccess, data: ProgramInput) -> list[Location]:
    wanted = set(data.location_ids)
    found = list(queries.locations_for(access.partnership_id).filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise InputError(InputProblem(_("Choose one of the list."), field="locations"))
    return found


def _program_fields(access: PathwayAccess, data: ProgramInput,
                    current: Program | None = None) -> dict[str, Any]:
    pid = access.partnership_id
    name = _required(data.name_en, "name_en")
    name_es = _spanish(data.name_es, "name_es", 200)
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
    siblings = provider.programs.exclude(pk=current.pk) if current else provider.programs.all()
    if siblings.filter(name_en__iexact=name).exists():
        raise InputError(InputProblem(_("This provider has a program with this name already."),
                                      field="name_en"))
    if name_es and siblings.filter(name_es__iexact=name_es).exists():
        raise InputError(InputProblem(_("This provider has a program with this Spanish name "
                                        "already."), field="name_es"))
    return {"provider": provider, "name_en": name, "name_es": name_es, "cip": cip,
            "length_weeks": data.length_weeks, "cost": data.cost, "schedule": data.schedule,
            "modality": data.modality, "credit_hours": data.credit_hours,
            "contact_hours": data.contact_hours, "credential": credential,
            "url": _enrollment_url(data.url), "is_iet": data.is_iet,
            "entry_requirements_en": _long(data.entry_requirements_en, "entry_requirements_en"),
            "entry_requirements_es": _spanish(data.entry_requirements_es,
                                              "entry_requirements_es"),
            "description_en": _long(data.description_en, "description_en"),
            "description_es": _spanish(data.description_es, "description_es")}


@action("workspace.create_program", PathwayAccess, EDIT, "may_create")
def create_program(access: PathwayAccess, data: ProgramInput, anyway: bool = False) -> Program:
    fields = _program_fields(access, data)
    places = _program_locations(access, data)
    _refuse_duplicate(fields["name_en"], fields["provider"].programs
                      .values_list("name_en", flat=True), anyway)
    program = _write(Program(), fields, lambda p: p.locations.set(places))
    record(access.actor, "workspace.create_program", program,
           changes={"locations": [p.pk for p in places]})
    return program


@action("workspace.edit_program", PathwayAccess, EDIT, "may_create")
def edit_program(access: PathwayAccess, program_id: int, seen: str,
                 data: ProgramInput) -> Program:
    program = _editable(queries.programs_for(access.partnership_id), program_id, lambda p: True)
    _stale(program, seen)
    fields = _program_fields(access, data, program)
    places = _program_locations(access, data)
    return _edited(access, "workspace.edit_program", program, fields,
                   save=lambda p: p.locations.set(places),
                   extra={"locations": [p.pk for p in places]})


# -- locations (Open Referral HSDS 3.0 location and address) -----------------------------
@dataclass(frozen=True)
class LocationInput:
    """A campus or building of one of the partnership's providers."""

    name_en: str
    provider_id: int | None
    address_1: str
    city: str
    state: str
    postal_code: str
    notes_en: str = ""
    name_es: str = ""
    notes_es: str = ""


STATE = re.compile(r"^[A-Z]{2}$")
ZIP = re.compile(r"^\d{5}(-\d{4})?$")


def _location_fields(access: PathwayAccess, data: LocationInput) -> dict[str, Any]:
    state = (data.state or "").strip().upper()
    if not STATE.match(state):
        raise InputError(InputProblem(_("Give the two-letter state code, such as VA."),
                                      field="state"))
    postal = (data.postal_code or "").strip()
    if not ZIP.match(postal):
        raise InputError(InputProblem(_("Give a ZIP code of 5 digits, such as 24201."),
                                      field="postal_code"))
    return {"provider": _one(queries.providers_for(access.partnership_id), data.provider_id,
                             "provider"),
            "name_en": _required(data.name_en, "name_en"),
            "name_es": _spanish(data.name_es, "name_es", 200),
            "address_1": _required(data.address_1, "address_1"),
            "city": _required(data.city, "city", 100), "state": state, "postal_code": postal,
            "notes_en": _spanish(data.notes_en, "notes_en", 300) or "",
            "notes_es": _spanish(data.notes_es, "notes_es", 300)}


def _refuse_same_address(place: Location, others: Iterable[Location], anyway: bool) -> None:
    """Two entries for one building split its programs: flag the same street address."""
    if anyway:
        return
    same = [str(o) for o in others if o.address_key() == place.address_key()]
    if same:
        raise InputError(InputProblem(
            _("This address is there already: %(names)s. Check, or tick “Add it anyway”.")
            % {"names": "; ".join(same[:5])}, field="address_1"))


@action("workspace.create_location", PathwayAccess, EDIT, "may_create")
def create_location(access: PathwayAccess, data: LocationInput,
                    anyway: bool = False) -> Location:
    fields = _location_fields(access, data)
    place = Location(**fields)
    _refuse_same_address(place, queries.locations_for(access.partnership_id), anyway)
    place = _write(place, {})
    record(access.actor, "workspace.create_location", place)
    return place


@action("workspace.edit_location", PathwayAccess, EDIT, "may_create")
def edit_location(access: PathwayAccess, location_id: int, seen: str,
                  data: LocationInput) -> Location:
    place = _editable(queries.locations_for(access.partnership_id), location_id,
                      lambda p: True)
    _stale(place, seen)
    fields = _location_fields(access, data)
    changed = [k for k, v in fields.items() if getattr(place, k) != v]
    _write(place, fields)
    record(access.actor, "workspace.edit_location", place, changes={"fields": changed})
    return place


# -- credentials ---------------------------------------------------------------------------
@dataclass(frozen=True)
class CredentialInput:
    name_en: str
    credential_type: str
    awarded_by_id: int | None = None
    awarding_body: str = ""
    description_en: str = ""
    stacks_into: tuple[int, ...] = ()
    name_es: str = ""
    description_es: str = ""


def _credential_fields(access: PathwayAccess, data: CredentialInput,
                       current: Credential | None = None) -> tuple[dict[str, Any], list]:
    pid = access.partnership_id
    name = _required(data.name_en, "name_en")
    if data.credential_type not in CredentialType.values:
        raise InputError(InputProblem(_("Choose one of the list."), field="credential_type"))
    awarded_by = _one(queries.providers_for(pid), data.awarded_by_id, "awarded_by",
                      required=False)
    mine = queries.credentials_for(pid)
    wanted = set(data.stacks_into)
    higher = list(mine.filter(pk__in=wanted))
    if len(higher) != len(wanted) or (current is not None and current.pk in wanted):
        raise InputError(InputProblem(_("Choose one of the list."), field="stacks_into"))
    if current is not None and _stacks_back(current, wanted):
        raise InputError(InputProblem(_("A credential cannot stack into one that stacks into "
                                        "it."), field="stacks_into"))
    return {"name_en": name, "name_es": _spanish(data.name_es, "name_es", 200),
            "credential_type": data.credential_type, "awarded_by": awarded_by,
            "awarding_body": data.awarding_body.strip()[:200],
            "description_en": _long(data.description_en, "description_en"),
            "description_es": _spanish(data.description_es, "description_es")}, higher


def _stacks_back(credential: Credential, wanted: set[int]) -> bool:
    """Would ``credential`` stacking into ``wanted`` make a loop? (bounded walk up)"""
    todo, seen = list(wanted), set()
    while todo and len(seen) < 1000:
        pk = todo.pop()
        if pk == credential.pk:
            return True
        if pk not in seen:
            seen.add(pk)
            todo += Credential.stacks_into.through.objects.filter(
                from_credential_id=pk).values_list("to_credential_id", flat=True)
    return False


@action("workspace.create_credential", PathwayAccess, EDIT, "may_create")
def create_credential(access: PathwayAccess, data: CredentialInput,
                      anyway: bool = False) -> Credential:
    fields, higher = _credential_fields(access, data)
    _refuse_duplicate(fields["name_en"], queries.credentials_for(access.partnership_id)
                      .values_list("name_en", flat=True), anyway)
    credential = _write(Credential(), fields, lambda c: c.stacks_into.set(higher))
    record(access.actor, "workspace.create_credential", credential,
           changes={"stacks_into": [c.pk for c in higher]})
    return credential


@action("workspace.edit_credential", PathwayAccess, EDIT, "may_create")
def edit_credential(access: PathwayAccess, credential_id: int, seen: str,
                    data: CredentialInput) -> Credential:
    pid = access.partnership_id
    providers = set(queries.providers_for(pid).values_list("pk", flat=True))
    credential = _editable(queries.credentials_for(pid), credential_id,
                           lambda c: c.awarded_by_id in providers)
    _stale(credential, seen)
    fields, higher = _credential_fields(access, data, credential)
    return _edited(access, "workspace.edit_credential", credential, fields,
                   save=lambda c: c.stacks_into.set(higher),
                   extra={"stacks_into": [c.pk for c in higher]})


# -- support services ----------------------------------------------------------------------
@dataclass(frozen=True)
class ServiceInput:
    name_en: str
    category: str
    provider_id: int | None = None
    description_en: str = ""
    cost_en: str = ""
    name_es: str = ""
    description_es: str = ""
    cost_es: str = ""


def _service_fields(access: PathwayAccess, data: ServiceInput) -> dict[str, Any]:
    if data.category not in SupportService.Category.values:
        raise InputError(InputProblem(_("Choose one of the list."), field="category"))
    return {"name_en": _required(data.name_en, "name_en"),
            "name_es": _spanish(data.name_es, "name_es", 200), "category": data.category,
            "provider": _one(queries.providers_for(access.partnership_id), data.provider_id,
                             "provider", required=False),
            "description_en": _long(data.description_en, "description_en"),
            "description_es": _spanish(data.description_es, "description_es"),
            "cost_en": (data.cost_en or "").strip()[:120],
            "cost_es": _spanish(data.cost_es, "cost_es", 120)}


@action("workspace.create_service", PathwayAccess, EDIT, "may_create")
def create_service(access: PathwayAccess, data: ServiceInput,
                   anyway: bool = False) -> SupportService:
    fields = _service_fields(access, data)
    _refuse_duplicate(fields["name_en"], queries.services_for(access.partnership_id)
                      .values_list("name_en", flat=True), anyway)
    service = _write(SupportService(), fields)
    record(access.actor, "workspace.create_service", service)
    return service


@action("workspace.edit_service", PathwayAccess, EDIT, "may_create")
def edit_service(access: PathwayAccess, service_id: int, seen: str,
                 data: ServiceInput) -> SupportService:
    pid = access.partnership_id
    providers = set(queries.providers_for(pid).values_list("pk", flat=True))
    service = _editable(queries.services_for(pid), service_id,
                        lambda s: s.provider_id in providers)
    _stale(service, seen)
    fields = _service_fields(access, data)
    return _edited(access, "workspace.edit_service", service, fields)
