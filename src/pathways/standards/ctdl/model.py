"""A CTDL pathway document as typed data: what the reader returns and the writer takes.

Components, levels and services refer to each other by CTID. The classes hold what the
catalog can keep; anything else in a file is counted in the ``ReadReport`` instead.

Texts are English (``name``); ``translations`` holds the same texts in the other languages
the catalog keeps (``{"name": {"es": "..."}}``), written and read as CTDL language maps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from pathways.standards.ctdl.vocab import AND, CREDIT_VALUE, GTEQ, SUM

# Languages kept besides English (by primary language subtag: "es-MX" is kept as "es").
OTHER_LANGUAGES = ("es",)
Translations = dict[str, dict[str, str]]  # text field -> language -> text


def _translations() -> Translations:
    return {}


@dataclass
class Alignment:
    """A ``ceterms:CredentialAlignmentObject``: one code in a framework (O*NET-SOC, NAICS, CIP)."""

    code: str = ""
    name: str = ""
    framework: str = ""
    framework_name: str = ""
    target_node: str = ""


@dataclass
class Constraint:
    """A ``ceterms:Constraint``: ``leftAction(leftSource) comparator rightAction(rightSource)``."""

    left_source: list[str] = field(default_factory=list)
    left_action: str = ""
    comparator: str = ""
    right_source: list[str] = field(default_factory=list)
    right_action: str = ""
    name: str = ""
    description: str = ""

    @classmethod
    def credit_sum(cls, minimum: Decimal) -> Constraint:
        """Sum of the target components' creditValue >= ``minimum``."""
        text = format(minimum.normalize(), "f")
        return cls(left_source=[CREDIT_VALUE], left_action=SUM, comparator=GTEQ,
                   right_source=[text])

    def credit_minimum(self) -> Decimal | None:
        """The minimum when this is a credit-sum constraint, else None."""
        if (self.left_source == [CREDIT_VALUE] and self.left_action == SUM
                and self.comparator == GTEQ and len(self.right_source) == 1
                and not self.right_action):
            try:
                return Decimal(self.right_source[0])
            except ArithmeticError:
                return None
        return None


@dataclass
class Condition:
    """A ``ceterms:ComponentCondition``; ``targets`` are component CTIDs."""

    name: str = ""
    description: str = ""
    operator: str = AND  # And, Or, Not (extension) or OnlyOne
    required_number: int | None = None
    targets: list[str] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    translations: Translations = field(default_factory=_translations)

    def walk(self) -> Iterator[Condition]:
        """This condition and every nested one, depth first."""
        yield self
        for sub in self.conditions:
            yield from sub.walk()


@dataclass
class Level:
    """An ``asn:ProgressionLevel``: one column of the pathway map."""

    ctid: str
    name: str
    description: str = ""
    translations: Translations = field(default_factory=_translations)


@dataclass
class ProgressionModel:
    ctid: str
    name: str = ""
    description: str = ""
    levels: list[Level] = field(default_factory=list)  # in order, first level first


@dataclass
class CredentialRef:
    """A credential a component stands for; ``described`` when the file carries its record."""

    iri: str
    ctid: str = ""
    name: str = ""
    credential_type: str = ""  # a CTDL credential class, e.g. ceterms:Certification
    description: str = ""
    described: bool = False
    translations: Translations = field(default_factory=_translations)


@dataclass
class EntryPointInfo:
    """A way into the pathway (extension ``pathways:EntryPoint``)."""

    name: str
    kind: str
    description: str = ""
    min_education: str = ""
    max_education: str = ""
    min_efl: str = ""
    max_efl: str = ""
    english_levels: list[str] = field(default_factory=list)
    prerequisites: str = ""
    position: int = 0
    translations: Translations = field(default_factory=_translations)


@dataclass
class ExitPointInfo:
    """A way out to a job (extension ``pathways:ExitPoint``)."""

    name: str
    occupation: Alignment
    description: str = ""
    is_destination: bool = False
    position: int = 0
    translations: Translations = field(default_factory=_translations)
    summary: str = ""  # the partnership's plain words for the job (pathways:plainSummary)


@dataclass
class Place:
    """A ``ceterms:Place`` where a learning program is given (``ceterms:availableAt``):
    a campus or building with its street address; ``description`` holds notes such as
    "Room 104, evenings"."""

    name: str = ""
    street_address: str = ""
    locality: str = ""  # city
    region: str = ""  # state (a USPS code in the catalog)
    postal_code: str = ""
    description: str = ""
    translations: Translations = field(default_factory=_translations)


@dataclass
class ProgramRecord:
    """The learning program a component stands for, when the file carries its record
    (``ceterms:LearningProgram`` and the like): what the catalog keeps of it is where it
    is given."""

    iri: str
    ctid: str = ""
    name: str = ""
    places: list[Place] = field(default_factory=list)
    translations: Translations = field(default_factory=_translations)
    subject_webpage: str = ""  # its enrollment page ("How to sign up")


@dataclass
class Component:
    ctid: str
    component_type: str  # a CTDL component class, e.g. ceterms:CourseComponent
    name: str
    description: str = ""
    level: str | None = None  # Level CTID
    subject_webpage: str = ""
    proxy_for: str = ""  # IRI of a record not resolved to a credential
    credential: CredentialRef | None = None
    program: str = ""  # IRI of the program (learning opportunity) record
    program_record: ProgramRecord | None = None  # its record, when the file carries it
    code: str = ""
    credit_value: Decimal | None = None
    designation: str = ""
    occupations: list[Alignment] = field(default_factory=list)
    precedes: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    position: int | None = None
    length_weeks: int | None = None
    cost: Decimal | None = None
    is_iet: bool = False
    is_apprenticeship: bool = False
    entry_points: list[EntryPointInfo] = field(default_factory=list)
    exit_points: list[ExitPointInfo] = field(default_factory=list)
    support_services: list[str] = field(default_factory=list)  # service CTIDs
    translations: Translations = field(default_factory=_translations)

    def all_conditions(self) -> Iterator[Condition]:
        for condition in self.conditions:
            yield from condition.walk()


@dataclass
class Organization:
    iri: str
    name: str = ""
    subject_webpage: str = ""


@dataclass
class SupportService:
    ctid: str
    name: str
    category: str = ""  # a support:* concept
    description: str = ""
    cost: str = ""
    provider: str = ""  # IRI of the offering organisation's record
    translations: Translations = field(default_factory=_translations)


@dataclass
class PathwayDocument:
    ctid: str
    name: str
    description: str = ""
    subject_webpage: str = ""
    owner: Organization | None = None
    destination: str | None = None  # component CTID
    progression_model: ProgressionModel | None = None
    components: list[Component] = field(default_factory=list)
    support_services: list[SupportService] = field(default_factory=list)
    # Services only steps name (``Component.support_services``), not the pathway itself.
    step_services: list[SupportService] = field(default_factory=list)
    occupations: list[Alignment] = field(default_factory=list)
    industries: list[Alignment] = field(default_factory=list)
    programs: list[Alignment] = field(default_factory=list)  # instructionalProgramType (CIP)
    wage_area: str = ""
    uses_extension: bool = False  # written by Pathways: entry/exit points are listed, not guessed
    translations: Translations = field(default_factory=_translations)

    def component(self, ctid: str) -> Component | None:
        return next((c for c in self.components if c.ctid == ctid), None)

    def all_services(self) -> list[SupportService]:
        """The pathway's services, then those only steps name; each CTID once."""
        found: dict[str, SupportService] = {}
        for service in self.support_services + self.step_services:
            found.setdefault(service.ctid, service)
        return list(found.values())

    def condition_count(self) -> int:
        return sum(1 for c in self.components for _ in c.all_conditions())


@dataclass
class ReadReport:
    """What a read understood, what it could not map, and what it had to guess."""

    sources: list[str] = field(default_factory=list)
    unmapped: Counter[str] = field(default_factory=Counter)  # term -> occurrences
    unmapped_values: Counter[str] = field(default_factory=Counter)  # "term = value" -> count
    unresolved: Counter[str] = field(default_factory=Counter)  # "term -> IRI" not in the files
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def as_dict(self) -> dict:
        return {
            "sources": list(self.sources),
            "unmapped": dict(sorted(self.unmapped.items())),
            "unmapped_values": dict(sorted(self.unmapped_values.items())),
            "unresolved": dict(sorted(self.unresolved.items())),
            "warnings": list(self.warnings),
        }


@dataclass
class ReadResult:
    pathways: list[PathwayDocument]
    report: ReadReport
