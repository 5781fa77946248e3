"""Write a directory as HSDS 3.0: JSON (a list of "full service" objects) or tabular CSV
(one table per object, through ``pathways.core.csvwriter``). Spanish text goes in the
``*_es`` fields of the x-pathways extension, only where there is some."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import asdict
from typing import Any

from pathways.core.csvwriter import write_rows
from pathways.standards.hsds.model import SPANISH, Directory, Location, Service

COLUMNS = {
    "organizations.csv": ["id", "name", "description", "email", "website"],
    "services.csv": ["id", "organization_id", "name", "description", "url", "email", "status",
                     "eligibility_description", "application_process", "fees_description",
                     "minimum_age", "maximum_age",
                     *[f"{n}_es" for n in SPANISH["service"]]],
    "locations.csv": ["id", "location_type", "organization_id", "name", "description",
                      *[f"{n}_es" for n in SPANISH["location"]]],
    "addresses.csv": ["id", "location_id", "address_1", "city", "state_province",
                      "postal_code", "country", "address_type"],
    "service_at_locations.csv": ["id", "service_id", "location_id", "description"],
    "phones.csv": ["id", "service_id", "number", "extension", "type", "description"],
    "languages.csv": ["id", "phone_id", "code"],
    "schedules.csv": ["id", "service_id", "freq", "interval", "byday", "opens_at",
                      "closes_at", "valid_from", "valid_to", "description", "description_es"],
    "cost_options.csv": ["id", "service_id", "valid_from", "valid_to", "option", "currency",
                         "amount", "amount_description", "option_es",
                         "amount_description_es"],
    "attributes.csv": ["id", "link_id", "link_type", "link_entity", "taxonomy_term_id"],
    "taxonomy_terms.csv": ["id", "code", "name", "taxonomy"],
}


def _term_id(term: Any) -> str:
    return term.code or "term-" + "-".join(term.name.casefold().split())


def _clean(data: dict) -> dict:
    """Leave out empty optional values (HSDS readers treat absent and empty alike)."""
    return {k: v for k, v in data.items() if v not in ("", None, [])}


def _location_json(location: Location) -> dict:
    data = _clean({"id": location.id, "location_type": "physical",
                   "organization_id": location.organization_id, "name": location.name,
                   "description": location.description, "name_es": location.name_es,
                   "description_es": location.description_es})
    if location.address is not None:
        data["addresses"] = [{"id": f"{location.id}-address", "location_id": location.id,
                              **asdict(location.address)}]
    return data


def _amount(value: Any) -> Any:
    return None if value is None else float(value) if value % 1 else int(value)


def service_json(service: Service, directory: Directory) -> dict:
    org = directory.organizations[service.organization_id]
    data = _clean({k: v for k, v in asdict(service).items()
                   if k not in {"terms", "phones", "schedules", "cost_options",
                                "service_at_locations"}})
    data["organization"] = _clean(asdict(org))
    data["phones"] = [_clean({**{k: v for k, v in asdict(p).items() if k != "languages"},
                              "service_id": service.id,
                              "languages": [{"id": f"{p.id}-{c}", "phone_id": p.id,
                                             "code": c} for c in p.languages]})
                      for p in service.phones]
    data["schedules"] = [_clean({**asdict(s), "service_id": service.id})
                         for s in service.schedules]
    data["cost_options"] = [_clean({**asdict(c), "service_id": service.id,
                                    "amount": _amount(c.amount)})
                            for c in service.cost_options]
    data["attributes"] = [{"id": f"{service.id}-{_term_id(t)}", "link_id": service.id,
                           "link_type": "service_category", "link_entity": "service",
                           "taxonomy_term": _clean({"id": _term_id(t), **asdict(t)})}
                          for t in service.terms]
    data["service_at_locations"] = [
        _clean({"id": link.id, "service_id": service.id, "location_id": link.location_id,
                "description": link.description,
                "location": _location_json(directory.locations[link.location_id])})
        for link in service.service_at_locations]
    return data


def to_json(directory: Directory) -> str:
    return json.dumps([service_json(s, directory) for s in directory.services],
                      ensure_ascii=False, indent=2) + "\n"


def tables(directory: Directory) -> dict[str, list[dict]]:
    """Rows of each CSV table, by file name."""
    out: dict[str, list[dict]] = {name: [] for name in COLUMNS}
    out["organizations.csv"] = [asdict(o) for o in directory.organizations.values()]
    for location in directory.locations.values():
        out["locations.csv"].append({**asdict(location), "location_type": "physical"})
        if location.address is not None:
            out["addresses.csv"].append({"id": f"{location.id}-address",
                                         "location_id": location.id,
                                         **asdict(location.address)})
    terms: dict[str, dict] = {}
    for service in directory.services:
        out["services.csv"].append(asdict(service))
        for phone in service.phones:
            out["phones.csv"].append({**asdict(phone), "service_id": service.id})
            out["languages.csv"] += [{"id": f"{phone.id}-{c}", "phone_id": phone.id,
                                      "code": c} for c in phone.languages]
        out["schedules.csv"] += [{**asdict(s), "service_id": service.id}
                                 for s in service.schedules]
        out["cost_options.csv"] += [{**asdict(c), "service_id": service.id}
                                    for c in service.cost_options]
        out["service_at_locations.csv"] += [{**asdict(link), "service_id": service.id}
                                            for link in service.service_at_locations]
        for term in service.terms:
            terms.setdefault(_term_id(term), {**asdict(term), "id": _term_id(term)})
            out["attributes.csv"].append({"id": f"{service.id}-{_term_id(term)}",
                                          "link_id": service.id,
                                          "link_type": "service_category",
                                          "link_entity": "service",
                                          "taxonomy_term_id": _term_id(term)})
    out["taxonomy_terms.csv"] = list(terms.values())
    return out


def csv_texts(directory: Directory) -> dict[str, str]:
    texts = {}
    for name, rows in tables(directory).items():
        handle = io.StringIO()
        write_rows(handle, COLUMNS[name], rows)
        texts[name] = handle.getvalue()
    return texts


def to_zip(directory: Directory) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_texts(directory).items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()
