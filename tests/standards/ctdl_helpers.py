"""Shared by the CTDL tests: fixture paths, a hand-made document, a vocabulary check."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from pathways.standards.ctdl import (
    NOT,
    OR,
    Alignment,
    Component,
    Condition,
    Constraint,
    CredentialRef,
    EntryPointInfo,
    ExitPointInfo,
    Level,
    Organization,
    PathwayDocument,
    ProgressionModel,
    SupportService,
    derived_ctid,
    resource_iri,
    vocabulary,
)
from pathways.standards.ctdl.vocab import (
    EXTENSION_CLASSES,
    EXTENSION_CONCEPTS,
    EXTENSION_PROPERTIES,
    ONET_FRAMEWORK,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ctdl"
COMPTIA = FIXTURES / "CompTIA-IT_Networking_Specialist.jsonld"
COMPTIA_MODEL = FIXTURES / "comptia-IT_progModel.json"
BAKERSFIELD = FIXTURES / "bakersfield-as-cs-transfer.json"
ILLINOIS = FIXTURES / "illinois-it-draft.json"

# Properties whose values are concepts or classes of the vocabulary.
CONCEPT_VALUED = {"ceterms:logicalOperator", "ceterms:leftAction", "ceterms:rightAction",
                  "ceterms:comparator", "ceterms:credentialType", "ceterms:leftSource"}


def ctid(name: str) -> str:
    return derived_ctid("test", name)


def sample_document() -> PathwayDocument:
    """Every component class, every kind of condition, entry and exit points, services."""
    levels = [Level(ctid(f"level{i}"), f"Level {i}", f"Step {i}") for i in (1, 2)]
    kinds = ["Assessment", "Basic", "Cocurricular", "Collection", "Competency", "Course",
             "Credential", "Extracurricular", "Job", "Multi", "WorkExperience"]
    comps = [Component(ctid(k), f"ceterms:{k}Component", f"{k} step",
                       level=levels[0].ctid if i < 6 else levels[1].ctid, position=i)
             for i, k in enumerate(kinds)]
    by = {c.component_type.split(":")[1].removesuffix("Component"): c for c in comps}
    nurse = Alignment("29-1141.00", "Registered Nurses", ONET_FRAMEWORK, "O*NET-SOC 2019")
    by["Course"].code, by["Course"].credit_value = "BIO 137", Decimal("4")
    by["Course"].designation = "Core"
    by["Course"].program = resource_iri(ctid("program"))
    by["Course"].entry_points = [EntryPointInfo("Adult education", "adult_education",
                                                max_education="some_hs", min_efl="ABE3",
                                                max_efl="ABE6")]
    by["Credential"].credential = CredentialRef(resource_iri(ctid("cred")), ctid("cred"),
                                                "RN license", "ceterms:License")
    by["Credential"].exit_points = [ExitPointInfo("Nurse", nurse, is_destination=True)]
    by["Job"].occupations = [nurse]
    by["Job"].exit_points = [ExitPointInfo("Nurse (job)", nurse, position=1)]
    by["WorkExperience"].credit_value, by["WorkExperience"].cost = Decimal("2.5"), Decimal("10")
    # A step's services: one the pathway lists too, one only the step names.
    by["Course"].support_services = [ctid("care"), ctid("advising")]
    by["Job"].support_services = [ctid("advising")]
    by["Basic"].children = [by["Course"].ctid, by["Assessment"].ctid]
    by["Course"].precedes = [by["Credential"].ctid]
    by["Credential"].conditions = [
        Condition(name="Any", operator=OR, targets=[by["Course"].ctid, by["Basic"].ctid]),
        Condition(name="None", operator=NOT, targets=[by["Job"].ctid]),
        Condition(name="All", conditions=[
            Condition(required_number=1, targets=[by["Course"].ctid, by["Competency"].ctid]),
            Condition(constraints=[Constraint.credit_sum(Decimal("4.5"))],
                      targets=[by["Course"].ctid, by["WorkExperience"].ctid]),
        ]),
    ]
    return PathwayDocument(
        ctid=ctid("pathway"), name="Sample pathway", description="For the writer tests.",
        owner=Organization(resource_iri(ctid("org")), "Sample board", "https://example.org"),
        destination=by["Credential"].ctid,
        progression_model=ProgressionModel(ctid("model"), "Sample levels", levels=levels),
        components=comps,
        support_services=[SupportService(ctid("care"), "Childcare", "support:Childcare",
                                         cost="Free", provider=resource_iri(ctid("org")))],
        step_services=[SupportService(ctid("advising"), "Career advising",
                                      "support:CareerAdvising")],
        occupations=[nurse],
        industries=[Alignment("62", "Health care", "https://www.census.gov/naics/", "NAICS")],
        wage_area="21", uses_extension=True)


LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def unknown_terms(data: object) -> list[str]:
    """Every class, property or concept in an exported document that the vendored schema
    does not define (extension terms excepted), and properties used outside their domain."""
    vocab, problems = vocabulary(), []

    def visit(node: object, owner: str | None = None, term: str | None = None) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item, owner, term)
            return
        if isinstance(node, str) and term in CONCEPT_VALUED:
            if not (vocab.is_term(node) or node in EXTENSION_CONCEPTS):
                problems.append(f"{term} = {node}")
            return
        if not isinstance(node, dict):
            return
        kinds = node.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds] if kinds else []
        for kind in kinds:
            if kind not in vocab.classes and kind not in EXTENSION_CLASSES:
                problems.append(f"class {kind}")
        for key, value in node.items():
            if key.startswith("@") or LANGUAGE_TAG.fullmatch(key):  # a language map's key
                visit(value, owner, key)
                continue
            if key not in vocab.properties and key not in EXTENSION_PROPERTIES:
                problems.append(f"property {key}")
            for kind in kinds:
                if kind in vocab.classes and key in vocab.properties \
                        and not vocab.allows(kind, key):
                    problems.append(f"{key} on {kind}")
            if key == "ceterms:targetNode" and str(value).startswith("support:"):
                visit(value, kinds[0] if kinds else owner, "ceterms:credentialType")
            visit(value, kinds[0] if kinds else owner, key)

    visit(data.get("@graph") if isinstance(data, dict) else data)
    return sorted(set(problems))
