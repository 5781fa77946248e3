"""Open Referral HSDS 3.0 records as plain dataclasses (no Django here).

Only the objects and fields Pathways keeps: organization, service, location (its physical
address), service_at_location, phone (with its languages), schedule, cost_option, and the
taxonomy terms of a service's attributes. Spanish text rides along in ``*_es`` fields, the
``x-pathways`` extension of docs/adr/0051-hsds-directory.md: HSDS has no per-field
translation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

STATUSES = ("active", "inactive", "defunct", "temporarily closed")
FREQUENCIES = ("WEEKLY", "MONTHLY")
ADDRESS_TYPES = ("physical", "postal", "virtual")


@dataclass
class Organization:
    id: str
    name: str
    description: str = ""
    email: str = ""
    website: str = ""


@dataclass
class Address:
    address_1: str
    city: str
    state_province: str
    postal_code: str
    country: str = "US"
    address_type: str = "physical"


@dataclass
class Location:
    id: str
    name: str = ""
    description: str = ""
    organization_id: str = ""
    address: Address | None = None  # the physical address, when the location has one
    name_es: str = ""
    description_es: str = ""


@dataclass
class Phone:
    id: str
    number: str
    extension: str = ""
    type: str = ""
    description: str = ""
    languages: list[str] = field(default_factory=list)  # ISO 639 codes


@dataclass
class Schedule:
    id: str
    freq: str = ""
    interval: int | None = None
    byday: str = ""
    opens_at: str = ""
    closes_at: str = ""
    valid_from: str = ""
    valid_to: str = ""
    description: str = ""
    description_es: str = ""


@dataclass
class CostOption:
    id: str
    option: str = ""
    currency: str = ""
    amount: Decimal | None = None
    amount_description: str = ""
    valid_from: str = ""
    valid_to: str = ""
    option_es: str = ""
    amount_description_es: str = ""


@dataclass
class ServiceAtLocation:
    id: str
    location_id: str
    description: str = ""


@dataclass
class Term:
    """A taxonomy term attached to a service (an HSDS attribute's taxonomy_term)."""

    code: str
    name: str = ""
    taxonomy: str = ""


@dataclass
class Service:
    id: str
    name: str
    status: str
    organization_id: str
    description: str = ""
    url: str = ""
    email: str = ""
    eligibility_description: str = ""
    application_process: str = ""
    fees_description: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None
    name_es: str = ""
    description_es: str = ""
    eligibility_description_es: str = ""
    application_process_es: str = ""
    fees_description_es: str = ""
    terms: list[Term] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    schedules: list[Schedule] = field(default_factory=list)
    cost_options: list[CostOption] = field(default_factory=list)
    service_at_locations: list[ServiceAtLocation] = field(default_factory=list)


@dataclass
class Directory:
    """What one file (JSON) or one set of tables (CSV) holds, every reference resolved."""

    source: str
    organizations: dict[str, Organization] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    services: list[Service] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# Texts with a Spanish twin (``<name>_es``), by object.
SPANISH = {
    "service": ("name", "description", "eligibility_description", "application_process",
                "fees_description"),
    "location": ("name", "description"),
    "schedule": ("description",),
    "cost_option": ("option", "amount_description"),
}
