"""Between the catalog's rows and an HSDS directory: the directory the catalog holds (for
export), what an import would do (the preview, which writes nothing) and the import itself.

Matching, so that a re-import updates rather than duplicates: a row whose HSDS id was kept
(``*Record.hsds_id``); else one whose CTID is the HSDS id (Pathways' own export uses the
CTID); else a provider of the same name, a location of the provider at the same street
address. Spanish a file does not give is left as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from pathways.apps.catalog.models import Location, Provider, SupportService
from pathways.apps.directory import models as rec
from pathways.standards.hsds import model as h
from pathways.standards.hsds.taxonomy import DEFAULT, category

CATEGORY_TAXONOMY = "CTDL SupportServiceCategory"


# -- export ------------------------------------------------------------------------------
def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _location(location: Location) -> h.Location:
    record = getattr(location, "hsds", None)
    return h.Location(
        id=record.hsds_id if record else f"location-{location.pk}",
        name=location.name_en or "", description=location.notes_en or "",
        organization_id=_org_id(location.provider), name_es=location.name_es or "",
        description_es=location.notes_es or "",
        address=h.Address(location.address_1, location.city, location.state,
                          location.postal_code))


def _org_id(provider: Provider) -> str:
    record = getattr(provider, "hsds", None)
    return record.hsds_id if record else provider.ctid


def directory_from_catalog(source: str = "pathways") -> h.Directory:
    """Every support service with a provider (HSDS services belong to an organization)."""
    directory = h.Directory(source)
    services = (SupportService.objects.filter(provider__isnull=False)
                .select_related("provider__hsds", "hsds")
                .prefetch_related("hsds__phones", "hsds__schedules", "hsds__cost_options",
                                  Prefetch("hsds__at_locations",
                                           rec.ServiceAtLocation.objects.select_related(
                                               "location__hsds", "location__provider__hsds")))
                .order_by("name_en", "pk"))
    for service in services:
        provider = service.provider
        org_id = _org_id(provider)
        if org_id not in directory.organizations:
            org = getattr(provider, "hsds", None)
            directory.organizations[org_id] = h.Organization(
                org_id, provider.name, description=org.description if org else "",
                email=org.email if org else "", website=provider.website)
        record = getattr(service, "hsds", None)
        item = h.Service(
            id=record.hsds_id if record else service.ctid, name=service.name_en or "",
            status=record.status if record else "active", organization_id=org_id,
            description=service.description_en or "", name_es=service.name_es or "",
            description_es=service.description_es or "",
            fees_description=(record.fees_description_en if record else "")
            or service.cost_en or "",
            fees_description_es=(record.fees_description_es if record else "")
            or service.cost_es or "",
            terms=[h.Term(service.category, service.get_category_display(),
                          CATEGORY_TAXONOMY)])
        if record is not None:
            item.url, item.email = record.url, record.email
            item.eligibility_description = record.eligibility_description_en or ""
            item.eligibility_description_es = record.eligibility_description_es or ""
            item.application_process = record.application_process_en or ""
            item.application_process_es = record.application_process_es or ""
            item.minimum_age, item.maximum_age = record.minimum_age, record.maximum_age
            item.terms += [h.Term(**t) for t in record.taxonomy
                           if t.get("code") != service.category]
            item.phones = [h.Phone(p.hsds_id, p.number, p.extension, p.type, p.description,
                                   [c for c in p.languages.split(",") if c])
                           for p in record.phones.all()]
            item.schedules = [h.Schedule(
                s.hsds_id, s.freq, s.interval, s.byday, s.opens_at, s.closes_at,
                _date(s.valid_from), _date(s.valid_to), s.description_en or "",
                s.description_es or "") for s in record.schedules.all()]
            item.cost_options = [h.CostOption(
                c.hsds_id, c.option_en or "", c.currency, c.amount,
                c.amount_description_en or "", _date(c.valid_from), _date(c.valid_to),
                c.option_es or "", c.amount_description_es or "")
                for c in record.cost_options.all()]
            for link in record.at_locations.all():
                location = _location(link.location)
                directory.locations.setdefault(location.id, location)
                item.service_at_locations.append(
                    h.ServiceAtLocation(link.hsds_id, location.id, link.description))
        directory.services.append(item)
    return directory


# -- preview -----------------------------------------------------------------------------
@dataclass
class ServicePlan:
    hsds_id: str
    name: str
    existing: SupportService | None
    category: str
    warning: str = ""

    @property
    def category_label(self) -> str:
        return str(SupportService.Category(self.category).label)


@dataclass
class Plan:
    """What applying would do; the preview shows it, the import follows it."""

    providers: dict[str, Provider | None] = field(default_factory=dict)  # None: new
    locations: dict[str, Location | None] = field(default_factory=dict)
    services: list[ServicePlan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, what: str, new: bool) -> int:
        found = {"providers": self.providers.values(), "locations": self.locations.values(),
                 "services": [s.existing for s in self.services]}[what]
        return sum(1 for item in found if (item is None) == new)

    @property
    def summary(self) -> dict[str, int]:
        return {f"{what}_{verb}": self.count(what, verb == "new")
                for what in ("services", "providers", "locations")
                for verb in ("new", "updated")}


def _match_provider(org: h.Organization) -> Provider | None:
    record = rec.OrganizationRecord.objects.filter(hsds_id=org.id).select_related(
        "provider").first()
    if record is not None:
        return record.provider
    return (Provider.objects.filter(ctid=org.id).first()
            or Provider.objects.filter(name__iexact=org.name[:200]).first())


def _match_service(service: h.Service) -> SupportService | None:
    record = rec.ServiceRecord.objects.filter(hsds_id=service.id).select_related(
        "service").first()
    if record is not None:
        return record.service
    return SupportService.objects.filter(ctid=service.id).first()


def _match_location(location: h.Location, provider: Provider | None) -> Location | None:
    record = rec.LocationRecord.objects.filter(hsds_id=location.id).select_related(
        "location").first()
    if record is not None:
        return record.location
    if provider is None or location.address is None:
        return None
    probe = Location(address_1=location.address.address_1,
                     postal_code=location.address.postal_code)
    for found in provider.locations.all():
        if found.address_key() == probe.address_key():
            return found
    return None


def location_owner(directory: h.Directory, location: h.Location) -> str:
    """The organization a location belongs to: its own, else that of a service there."""
    if location.organization_id in directory.organizations:
        return location.organization_id
    for service in directory.services:
        if any(link.location_id == location.id for link in service.service_at_locations):
            return service.organization_id
    return ""


def plan(directory: h.Directory) -> Plan:
    result = Plan()
    for org in directory.organizations.values():
        result.providers[org.id] = _match_provider(org)
    for location in directory.locations.values():
        if location.address is None:
            result.warnings.append(_("Location %(id)s has no physical address: it is left out, "
                                     "with its links to services.") % {"id": location.id})
            continue
        owner = location_owner(directory, location)
        result.locations[location.id] = _match_location(location,
                                                        result.providers.get(owner))
    for service in directory.services:
        existing = _match_service(service)
        found = category(service.terms)
        warning = ""
        if found is None and existing is not None:
            found = existing.category
        elif found is None:
            found = DEFAULT
            given = ", ".join(t.code or t.name for t in service.terms) or _("none")
            warning = _("No category could be read from the taxonomy terms (%(terms)s): set "
                        "to %(category)s; change it in the workspace if it is wrong.") % {
                "terms": given[:200],
                "category": SupportService.Category(DEFAULT).label}
        result.services.append(ServicePlan(service.id, service.name, existing, found, warning))
    return result
