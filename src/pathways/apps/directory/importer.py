"""Write an HSDS directory into the catalog, following the preview's plan (the caller
holds the transaction: ``actions.import_directory``)."""

from __future__ import annotations

import datetime as dt

from pathways.apps.accounts.models import Organisation
from pathways.apps.catalog.models import Location, Provider, SupportService
from pathways.apps.directory import models as rec
from pathways.apps.directory.catalog_map import Plan, location_owner
from pathways.standards.hsds import model as h


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _spanish(row: object, name: str, value: str) -> None:
    """Spanish the file gives replaces what was there; none given leaves it."""
    if value:
        setattr(row, f"{name}_es", value)


def _provider(org: h.Organization, existing: Provider | None) -> Provider:
    name = org.name[:200]
    provider = existing or Provider.objects.filter(name=name).first() \
        or Provider(kind=Organisation.Kind.COMMUNITY)
    if not Provider.objects.filter(name=name).exclude(pk=provider.pk).exists():
        provider.name = name  # (a rename onto another provider's name keeps the old one)
    if org.website and len(org.website) <= 200:
        provider.website = org.website
    provider.save()
    rec.OrganizationRecord.objects.filter(hsds_id=org.id).exclude(provider=provider).delete()
    rec.OrganizationRecord.objects.update_or_create(
        provider=provider, defaults={"hsds_id": org.id, "description": org.description,
                                     "email": org.email})
    return provider


def _location(item: h.Location, existing: Location | None, provider: Provider) -> Location:
    location = existing or Location(provider=provider)
    address = item.address
    location.name_en = (item.name or address.address_1)[:200]
    location.notes_en = item.description[:300]
    _spanish(location, "name", item.name_es[:200])
    _spanish(location, "notes", item.description_es[:300])
    location.address_1, location.city = address.address_1[:200], address.city[:100]
    location.state, location.postal_code = address.state_province, address.postal_code
    location.save()
    rec.LocationRecord.objects.filter(hsds_id=item.id).exclude(location=location).delete()
    rec.LocationRecord.objects.update_or_create(location=location,
                                                defaults={"hsds_id": item.id})
    return location


def _service(item: h.Service, existing: SupportService | None, category: str,
             provider: Provider) -> rec.ServiceRecord:
    service = existing or SupportService()
    service.name_en, service.description_en = item.name[:200], item.description
    service.cost_en = item.fees_description[:120]
    _spanish(service, "name", item.name_es[:200])
    _spanish(service, "description", item.description_es)
    _spanish(service, "cost", item.fees_description_es[:120])
    service.category, service.provider = category, provider
    service.save()
    rec.ServiceRecord.objects.filter(hsds_id=item.id).exclude(service=service).delete()
    record, _created = rec.ServiceRecord.objects.update_or_create(service=service, defaults={
        "hsds_id": item.id, "status": item.status, "url": item.url, "email": item.email,
        "eligibility_description_en": item.eligibility_description,
        "application_process_en": item.application_process,
        "fees_description_en": item.fees_description, "minimum_age": item.minimum_age,
        "maximum_age": item.maximum_age,
        "taxonomy": [{"code": t.code, "name": t.name, "taxonomy": t.taxonomy}
                     for t in item.terms]})
    for name in ("eligibility_description", "application_process", "fees_description"):
        _spanish(record, name, getattr(item, f"{name}_es"))
    record.save()
    return record


def _children(record: rec.ServiceRecord, item: h.Service,
              locations: dict[str, Location]) -> None:
    """A service's phones, schedules, cost options and locations are replaced by the file's."""
    record.phones.all().delete()
    record.schedules.all().delete()
    record.cost_options.all().delete()
    record.at_locations.all().delete()
    rec.Phone.objects.bulk_create(rec.Phone(
        hsds_id=p.id, service=record, number=p.number, extension=p.extension, type=p.type,
        description=p.description, languages=",".join(p.languages)[:200])
        for p in item.phones)
    for s in item.schedules:
        row = rec.Schedule(hsds_id=s.id, service=record, freq=s.freq, interval=s.interval,
                           byday=s.byday, opens_at=s.opens_at, closes_at=s.closes_at,
                           valid_from=_date(s.valid_from), valid_to=_date(s.valid_to),
                           description_en=s.description, description_es=s.description_es)
        row.save()
    for c in item.cost_options:
        rec.CostOption(hsds_id=c.id, service=record, option_en=c.option, currency=c.currency,
                       amount=c.amount, amount_description_en=c.amount_description,
                       option_es=c.option_es, amount_description_es=c.amount_description_es,
                       valid_from=_date(c.valid_from), valid_to=_date(c.valid_to)).save()
    for link in item.service_at_locations:
        location = locations.get(link.location_id)
        if location is None:  # a location without a physical address (a preview warning)
            continue
        rec.ServiceAtLocation.objects.filter(hsds_id=link.id).delete()
        rec.ServiceAtLocation.objects.create(hsds_id=link.id, service=record,
                                             location=location, description=link.description)


def apply(directory: h.Directory, plan: Plan) -> dict[str, int]:
    """Write everything; returns the counts of what was created and updated."""
    providers = {org_id: _provider(directory.organizations[org_id], found)
                 for org_id, found in plan.providers.items()}
    locations = {}
    for location_id, found in plan.locations.items():
        item = directory.locations[location_id]
        owner = providers.get(location_owner(directory, item))
        if owner is not None:
            locations[location_id] = _location(item, found, owner)
    for item, step in zip(directory.services, plan.services, strict=True):
        record = _service(item, step.existing, step.category,
                          providers[item.organization_id])
        _children(record, item, locations)
    return plan.summary
