"""Reading one HSDS object (a JSON object or a CSV row) into its dataclass, noting every
problem with the file, the row (CSV line) or node (JSON path) and the field."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from pathways.core.csvwriter import FORMULA_STARTS
from pathways.core.errors import InputProblem, Message
from pathways.standards.hsds import messages as m
from pathways.standards.hsds.limits import MAX_NAME_CHARS, MAX_TEXT_CHARS
from pathways.standards.hsds.model import (
    ADDRESS_TYPES,
    FREQUENCIES,
    SPANISH,
    STATUSES,
    Address,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Term,
)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:?\d{2})?$")
_DAY = re.compile(r"^[+-]?\d{0,2}(MO|TU|WE|TH|FR|SA|SU)$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_STATE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Where:
    """A place in the input: the file, and the CSV line or the JSON node."""

    source: str
    line: int | None = None
    node: str = ""

    def inside(self, node: str) -> Where:
        return Where(self.source, self.line, f"{self.node}.{node}" if self.node else node)


class Problems:
    def __init__(self) -> None:
        self.found: list[InputProblem] = []

    def add(self, message: Message, where: Where, field: str = "", **params: object) -> None:
        self.found.append(message.problem(where.source, where.line, field=field,
                                          node=where.node, **params))


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true or false", int: "a number", float: "a number", list: "a list",
            dict: "an object"}.get(type(value), "text")


def unformula(value: str) -> str:
    """Undo the apostrophe ``pathways.core.csvwriter`` puts before a formula-like cell."""
    if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class Reader:
    """Field readers sharing one list of problems."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems

    def text(self, data: dict, key: str, where: Where, *, required: bool = False,
             limit: int = MAX_TEXT_CHARS) -> str:
        value = data.get(key)
        if value is None:
            value = ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problems.add(m.NOT_TEXT, where, key, found=kind_of(value))
            return ""
        if isinstance(value, float) and not math.isfinite(value):
            self.problems.add(m.NOT_TEXT, where, key, found=repr(value))
            return ""
        text = unformula(str(value)).replace("\x00", "").strip()
        if required and not text:
            self.problems.add(m.REQUIRED, where, key)
        if len(text) > limit:
            self.problems.add(m.TOO_LONG, where, key, length=f"{len(text):,}",
                              limit=f"{limit:,}")
            return text[:limit]
        return text

    def name(self, data: dict, key: str, where: Where, required: bool = False) -> str:
        return self.text(data, key, where, required=required, limit=MAX_NAME_CHARS)

    def choice(self, data: dict, key: str, where: Where, allowed: tuple[str, ...], *,
               required: bool = False, upper: bool = False) -> str:
        value = self.name(data, key, where, required)
        value = value.upper() if upper else value.lower()
        if value and value not in allowed:
            self.problems.add(m.NOT_IN, where, key, value=value[:80],
                              allowed=", ".join(allowed))
            return ""
        return value

    def pattern(self, data: dict, key: str, where: Where, regex: re.Pattern,
                message: Message, upper: bool = False) -> str:
        value = self.name(data, key, where)
        value = value.upper() if upper else value
        if value and not regex.match(value):
            self.problems.add(message, where, key, value=value[:80])
            return ""
        return value

    def date(self, data: dict, key: str, where: Where) -> str:
        value = self.pattern(data, key, where, _DATE, m.NOT_A_DATE)
        if value:
            import datetime as dt

            try:
                dt.date.fromisoformat(value)
            except ValueError:
                self.problems.add(m.NOT_A_DATE, where, key, value=value)
                return ""
        return value

    def age(self, data: dict, key: str, where: Where) -> int | None:
        value = data.get(key)
        if value is None or value == "":
            return None
        text = str(value).strip()
        if isinstance(value, bool) or not re.fullmatch(r"\d{1,3}(\.0+)?", text) \
                or int(float(text)) > 150:
            self.problems.add(m.NOT_WHOLE, where, key, value=text[:80])
            return None
        return int(float(text))

    def amount(self, data: dict, key: str, where: Where) -> Decimal | None:
        value = data.get(key)
        if value is None or value == "":
            return None
        text = str(value).strip()
        try:
            amount = Decimal(text) if not isinstance(value, bool) else None
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or abs(amount) >= Decimal(10) ** 10:
            self.problems.add(m.NOT_A_NUMBER, where, key, value=text[:80])
            return None
        return amount.quantize(Decimal("0.01"))

    def spanish(self, data: dict, where: Where, kind: str) -> dict[str, str]:
        read = self.name if kind == "location" else self.text
        return {f"{n}_es": read(data, f"{n}_es", where) for n in SPANISH[kind]}

    # -- objects ---------------------------------------------------------------------
    def organization(self, data: dict, where: Where) -> Organization:
        return Organization(
            id=self.name(data, "id", where, True), name=self.name(data, "name", where, True),
            description=self.text(data, "description", where),
            email=self.name(data, "email", where), website=self.name(data, "website", where))

    def address(self, data: dict, where: Where) -> Address:
        return Address(
            address_1=self.name(data, "address_1", where, True),
            city=self.name(data, "city", where, True),
            state_province=self.pattern(data, "state_province", where, _STATE, m.NOT_STATE,
                                        upper=True) or self._required(data, "state_province",
                                                                      where),
            postal_code=self.name(data, "postal_code", where, True)[:10],
            country=self.name(data, "country", where).upper() or "US",
            address_type=self.choice(data, "address_type", where, ADDRESS_TYPES)
            or "physical")

    def _required(self, data: dict, key: str, where: Where) -> str:
        if not str(data.get(key) or "").strip():
            self.problems.add(m.REQUIRED, where, key)
        return ""

    def location(self, data: dict, where: Where) -> Location:
        self.choice(data, "location_type", where, ADDRESS_TYPES)
        return Location(id=self.name(data, "id", where, True),
                        name=self.name(data, "name", where),
                        description=self.name(data, "description", where),
                        organization_id=self.name(data, "organization_id", where),
                        **self.spanish(data, where, "location"))

    def phone(self, data: dict, where: Where) -> Phone:
        language = self.name(data, "language", where)
        return Phone(id=self.name(data, "id", where, True),
                     number=self.name(data, "number", where, True)[:40],
                     extension=self.name(data, "extension", where)[:10],
                     type=self.name(data, "type", where)[:20],
                     description=self.name(data, "description", where),
                     languages=[language[:12]] if language else [])

    def schedule(self, data: dict, where: Where) -> Schedule:
        interval = self.age(data, "interval", where)
        byday = self.name(data, "byday", where).upper().replace(" ", "")
        if byday and (len(byday) > 100 or not all(_DAY.match(d) for d in byday.split(","))):
            self.problems.add(m.NOT_BYDAY, where, "byday", value=byday[:80])
            byday = ""
        return Schedule(
            id=self.name(data, "id", where, True),
            freq=self.choice(data, "freq", where, FREQUENCIES, upper=True),
            interval=interval, byday=byday,
            opens_at=self.pattern(data, "opens_at", where, _TIME, m.NOT_A_TIME, upper=True),
            closes_at=self.pattern(data, "closes_at", where, _TIME, m.NOT_A_TIME, upper=True),
            valid_from=self.date(data, "valid_from", where),
            valid_to=self.date(data, "valid_to", where),
            description=self.text(data, "description", where),
            **self.spanish(data, where, "schedule"))

    def cost_option(self, data: dict, where: Where) -> CostOption:
        return CostOption(
            id=self.name(data, "id", where, True), option=self.name(data, "option", where),
            currency=self.pattern(data, "currency", where, _CURRENCY, m.NOT_CURRENCY,
                                  upper=True),
            amount=self.amount(data, "amount", where),
            amount_description=self.text(data, "amount_description", where),
            valid_from=self.date(data, "valid_from", where),
            valid_to=self.date(data, "valid_to", where),
            option_es=self.name(data, "option_es", where),
            amount_description_es=self.text(data, "amount_description_es", where))

    def service_at_location(self, data: dict, where: Where, location_id: str = ""
                            ) -> ServiceAtLocation:
        return ServiceAtLocation(
            id=self.name(data, "id", where, True),
            location_id=location_id or self.name(data, "location_id", where, True),
            description=self.name(data, "description", where))

    def term(self, data: dict, where: Where) -> Term:
        taxonomy = data.get("taxonomy")
        if isinstance(taxonomy, dict):  # a nested taxonomy object: keep its name
            data = {**data, "taxonomy": taxonomy.get("name") or ""}
        return Term(code=self.name(data, "code", where), name=self.name(data, "name", where),
                    taxonomy=self.name(data, "taxonomy", where))

    def service(self, data: dict, where: Where, organization_id: str = "") -> Service:
        service = Service(
            id=self.name(data, "id", where, True), name=self.name(data, "name", where, True),
            status=self.choice(data, "status", where, STATUSES, required=True),
            organization_id=organization_id or self.name(data, "organization_id", where,
                                                         True),
            description=self.text(data, "description", where),
            url=self.name(data, "url", where), email=self.name(data, "email", where),
            eligibility_description=self.text(data, "eligibility_description", where),
            application_process=self.text(data, "application_process", where),
            fees_description=self.name(data, "fees_description", where),
            minimum_age=self.age(data, "minimum_age", where),
            maximum_age=self.age(data, "maximum_age", where),
            **self.spanish(data, where, "service"))
        if service.minimum_age is not None and service.maximum_age is not None \
                and service.minimum_age > service.maximum_age:
            self.problems.add(m.MIN_OVER_MAX, where, "minimum_age",
                              minimum=service.minimum_age, maximum=service.maximum_age)
        return service
