"""Read an HSDS 3.0 directory: JSON (a list of "full service" objects, as the HSDS API
returns them, or a page ``{"contents": [...]}``) or tabular CSV (a folder or zip of
``services.csv``, ``organizations.csv`` ...). Every problem names its file, its CSV line
or JSON node, and its field; all are reported together in one ``InputError``."""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pathways.core.errors import InputError
from pathways.core.jsondata import load_json
from pathways.standards.hsds import messages as m
from pathways.standards.hsds.fields import Problems, Reader, Where, kind_of
from pathways.standards.hsds.limits import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_ZIP_MEMBERS,
)
from pathways.standards.hsds.model import Directory, Location, Service

TABLES = ("organizations", "services", "locations", "addresses", "service_at_locations",
          "phones", "languages", "schedules", "cost_options", "attributes",
          "taxonomy_terms")
REQUIRED_COLUMNS = {
    "organizations": ("id", "name"), "services": ("id", "name", "status"),
    "locations": ("id",), "addresses": ("location_id", "address_1"),
    "service_at_locations": ("id", "service_id", "location_id"),
    "phones": ("id", "number"), "schedules": ("id",), "cost_options": ("id", "service_id"),
    "languages": (), "attributes": ("link_id", "taxonomy_term_id"),
    "taxonomy_terms": ("id",),
}


# -- JSON ------------------------------------------------------------------------------
def read_json(source: str, data: str | bytes) -> Directory:
    value = load_json(source, data, MAX_FILE_BYTES, MAX_DEPTH)
    if isinstance(value, dict) and isinstance(value.get("contents"), list):
        value = value["contents"]
    if not isinstance(value, list):
        raise InputError(m.NOT_A_LIST.problem(source, found=kind_of(value)))
    if len(value) > MAX_ROWS:
        raise InputError(m.TOO_MANY_ROWS.problem(source, limit=f"{MAX_ROWS:,}"))
    problems = Problems()
    read = Reader(problems)
    directory = Directory(source)
    for index, item in enumerate(value):
        where = Where(source, None, f"services[{index}]")
        if not isinstance(item, dict):
            problems.add(m.NOT_AN_OBJECT, where, found=kind_of(item))
            continue
        directory.services.append(_json_service(read, directory, item, where))
    return _checked(directory, problems)


def _objects(read: Reader, data: dict, key: str, where: Where) -> Iterator[tuple[dict, Where]]:
    items = data.get(key)
    if items is None:
        return
    if not isinstance(items, list):
        read.problems.add(m.NOT_A_LIST_FIELD, where, key, found=kind_of(items))
        return
    for index, item in enumerate(items):
        inner = where.inside(f"{key}[{index}]")
        if isinstance(item, dict):
            yield item, inner
        else:
            read.problems.add(m.NOT_AN_OBJECT, inner, found=kind_of(item))


def _json_service(read: Reader, directory: Directory, data: dict, where: Where) -> Service:
    organization = data.get("organization")
    organization_id = ""
    if isinstance(organization, dict):
        found = read.organization(organization, where.inside("organization"))
        organization_id = found.id
        directory.organizations.setdefault(found.id, found)
    elif organization is not None:
        read.problems.add(m.NOT_AN_OBJECT, where, "organization", found=kind_of(organization))
    service = read.service(data, where, organization_id)
    for item, inner in _objects(read, data, "phones", where):
        phone = read.phone(item, inner)
        for language, place in _objects(read, item, "languages", inner):
            code = read.name(language, "code", place) or read.name(language, "name", place)
            if code:
                phone.languages.append(code[:12])
        service.phones.append(phone)
    service.schedules = [read.schedule(i, w) for i, w in _objects(read, data, "schedules",
                                                                       where)]
    service.cost_options = [read.cost_option(i, w)
                            for i, w in _objects(read, data, "cost_options", where)]
    for item, inner in _objects(read, data, "attributes", where):
        term = item.get("taxonomy_term")
        if isinstance(term, dict):
            service.terms.append(read.term(term, inner.inside("taxonomy_term")))
    for item, inner in _objects(read, data, "service_at_locations", where):
        nested = item.get("location")
        location_id = ""
        if isinstance(nested, dict):
            location = _json_location(read, nested, inner.inside("location"))
            location_id = location.id
            directory.locations.setdefault(location.id, location)
        service.service_at_locations.append(read.service_at_location(item, inner,
                                                                     location_id))
    return service


def _json_location(read: Reader, data: dict, where: Where) -> Location:
    location = read.location(data, where)
    for item, inner in _objects(read, data, "addresses", where):
        address = read.address(item, inner)
        if address.address_type == "physical" and location.address is None:
            location.address = address
    return location


# -- CSV -------------------------------------------------------------------------------
def read_tables(source: str, files: dict[str, bytes]) -> Directory:
    """Tables by file name (``services.csv``; other files are ignored)."""
    problems = Problems()
    read = Reader(problems)
    by_table: dict[str, tuple[str, list[tuple[int, dict]]]] = {}
    for name, data in sorted(files.items()):
        stem = Path(name).name.lower().removesuffix(".csv")
        table = stem if stem in TABLES else f"{stem}s" if f"{stem}s" in TABLES else None
        if table is None or not name.lower().endswith(".csv"):
            continue
        file = f"{source}/{Path(name).name}" if source else Path(name).name
        by_table[table] = (file, _rows(file, data, REQUIRED_COLUMNS[table]))
    if "services" not in by_table:
        raise InputError(m.MISSING_FILE.problem(source, found=", ".join(sorted(files))[:300]
                                                or "nothing"))
    directory = Directory(source)

    def rows(table: str) -> Iterator[tuple[dict, Where]]:
        file, found = by_table.get(table, ("", []))
        for line, row in found:
            yield row, Where(file, line)

    def unique(key: str, where: Where, seen: dict) -> bool:
        if key and key in seen:
            problems.add(m.DUPLICATE_ID, where, "id", id=key)
            return False
        return bool(key)

    for row, where in rows("organizations"):
        org = read.organization(row, where)
        if unique(org.id, where, directory.organizations):
            directory.organizations[org.id] = org
    for row, where in rows("locations"):
        location = read.location(row, where)
        if unique(location.id, where, directory.locations):
            directory.locations[location.id] = location
    services: dict[str, Service] = {}

    def parent(row: dict, where: Where, key: str, within: dict, kind: str) -> Any:
        value = read.name(row, key, where)
        if not value:
            return None
        if value not in within:
            problems.add(m.UNKNOWN_REFERENCE, where, key, kind=kind, id=value[:80])
            return None
        return within[value]

    for row, where in rows("services"):
        service = read.service(row, where)
        parent(row, where, "organization_id", directory.organizations, "organization")
        if unique(service.id, where, services):
            services[service.id] = service
    directory.services = list(services.values())

    for row, where in rows("addresses"):
        address = read.address(row, where)
        location = parent(row, where, "location_id", directory.locations, "location")
        if location is not None and address.address_type == "physical" \
                and location.address is None:
            location.address = address
    phones: dict[str, Any] = {}  # every phone's id: None for one not kept
    for row, where in rows("phones"):
        phone = read.phone(row, where)
        service = parent(row, where, "service_id", services, "service")
        phones[phone.id] = phone if service is not None else None
        if service is not None:  # phones of organizations and locations are not kept
            service.phones.append(phone)
    for row, where in rows("languages"):
        phone = parent(row, where, "phone_id", phones, "phone")
        code = read.name(row, "code", where) or read.name(row, "name", where)
        if phone is not None and code:
            phone.languages.append(code[:12])
    for row, where in rows("schedules"):  # schedules of a location alone are not kept
        service = parent(row, where, "service_id", services, "service")
        if service is not None:
            service.schedules.append(read.schedule(row, where))
    for row, where in rows("cost_options"):
        read.name(row, "service_id", where, True)
        service = parent(row, where, "service_id", services, "service")
        if service is not None:
            service.cost_options.append(read.cost_option(row, where))
    for row, where in rows("service_at_locations"):
        link = read.service_at_location(row, where)
        read.name(row, "service_id", where, True)
        service = parent(row, where, "service_id", services, "service")
        if link.location_id and link.location_id not in directory.locations:
            problems.add(m.UNKNOWN_REFERENCE, where, "location_id", kind="location",
                         id=link.location_id[:80])
        elif service is not None:
            service.service_at_locations.append(link)
    terms = {}
    for row, where in rows("taxonomy_terms"):
        terms[read.name(row, "id", where, True)] = read.term(row, where)
    for row, where in rows("attributes"):
        entity = read.name(row, "link_entity", where).lower()
        if entity and entity != "service":
            continue
        service = services.get(read.name(row, "link_id", where))
        term = parent(row, where, "taxonomy_term_id", terms, "taxonomy term")
        if service is not None and term is not None:
            service.terms.append(term)
    return _checked(directory, problems, json=False)


def _rows(file: str, data: bytes, required: tuple[str, ...]) -> list[tuple[int, dict]]:
    if len(data) > MAX_FILE_BYTES:
        raise InputError(m.TOO_LARGE.problem(file, limit=f"{MAX_FILE_BYTES:,}"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(m.NOT_UTF8.problem(file, byte=exc.start + 1)) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        missing = [c for c in required if c not in header]
        if missing:
            raise InputError([m.MISSING_COLUMN.problem(file, 1, column=c) for c in missing])
        found = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(found) >= MAX_ROWS:
                raise InputError(m.TOO_MANY_ROWS.problem(file, limit=f"{MAX_ROWS:,}"))
            found.append((reader.line_num, dict(zip(header, row, strict=False))))
    except csv.Error as exc:
        raise InputError(m.BAD_CSV.problem(file, reader.line_num, reason=str(exc))) from exc
    return found


def read_zip(source: str, data: bytes) -> Directory:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [i for i in archive.infolist()
                       if not i.is_dir() and i.filename.lower().endswith(".csv")
                       and not Path(i.filename).name.startswith(".")]
            if len(members) > MAX_ZIP_MEMBERS \
                    or sum(i.file_size for i in members) > MAX_FILE_BYTES:
                raise InputError(m.TOO_LARGE.problem(source, limit=f"{MAX_FILE_BYTES:,}"))
            files = {}
            for info in members:
                with archive.open(info) as handle:
                    content = handle.read(MAX_FILE_BYTES + 1)
                if len(content) > MAX_FILE_BYTES:
                    raise InputError(m.TOO_LARGE.problem(source, limit=f"{MAX_FILE_BYTES:,}"))
                files[Path(info.filename).name] = content
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError,
            zlib.error, EOFError, ValueError, OSError) as exc:
        raise InputError(m.BAD_ZIP.problem(source, reason=str(exc)[:200])) from exc
    return read_tables(source, files)


def read_upload(name: str, data: bytes) -> Directory:
    """An uploaded file: a zip of tables, one CSV table (services.csv alone), or JSON."""
    source = Path(name).name
    if data[:4] == b"PK\x03\x04" or source.lower().endswith(".zip"):
        return read_zip(source, data)
    if source.lower().endswith(".csv"):
        return read_tables("", {source: data})
    return read_json(source, data)


def read_path(path: str | Path) -> Directory:
    """A JSON file, a zip, or a folder of CSV tables."""
    path = Path(path)
    if path.is_dir():
        files = {}
        for item in sorted(path.glob("*.csv")):
            if item.stat().st_size > MAX_FILE_BYTES:
                raise InputError(m.TOO_LARGE.problem(str(item), limit=f"{MAX_FILE_BYTES:,}"))
            files[item.name] = item.read_bytes()
        return read_tables(str(path), files)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(m.BAD_CSV.problem(str(path), reason=exc.strerror or str(exc))) \
            from exc
    if len(data) > MAX_FILE_BYTES:
        raise InputError(m.TOO_LARGE.problem(str(path), limit=f"{MAX_FILE_BYTES:,}"))
    return read_upload(str(path), data)


# -- checks across objects ----------------------------------------------------------------
def _checked(directory: Directory, problems: Problems, json: bool = True) -> Directory:
    """JSON only: duplicate services, and references to objects nested elsewhere (the CSV
    reader checks each reference at its row)."""
    seen: set[str] = set()
    source = directory.source
    for index, service in enumerate(directory.services if json else []):
        where = Where(source, None, f"services[{index}]")
        if service.id and service.id in seen:
            problems.add(m.DUPLICATE_ID, where, "id", id=service.id[:80])
        seen.add(service.id)
        if service.organization_id and service.organization_id not in directory.organizations:
            problems.add(m.UNKNOWN_REFERENCE, where, "organization_id", kind="organization",
                         id=service.organization_id[:80])
        for position, link in enumerate(service.service_at_locations):
            if link.location_id and link.location_id not in directory.locations:
                problems.add(m.UNKNOWN_REFERENCE,
                             where.inside(f"service_at_locations[{position}]"),
                             "location_id", kind="location", id=link.location_id[:80])
    if not directory.services and not problems.found:
        problems.add(m.NO_SERVICES, Where(source))
    if problems.found:
        raise InputError(problems.found)
    return directory
