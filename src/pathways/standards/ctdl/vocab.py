"""The CTDL vocabulary as the vendored schema files define it, plus our extension terms.

The schema (``pathways/data/ctdl/*.json``) is the authority on which classes, properties
and concepts exist. The reader uses it to resolve un-prefixed terms (``name`` ->
``ceterms:name``); the tests use it to prove that every term the writer emits exists.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

CTDL_CONTEXT = "https://credreg.net/ctdl/schema/context/json"
REGISTRY = "https://credentialengineregistry.org/resources/"

# Our extension namespace. A URN, because the project publishes no vocabulary page yet;
# JSON-LD needs the prefix to end in ":" to use it in compact IRIs.
EXTENSION_PREFIX = "pathways"
EXTENSION_IRI = "urn:pathways:terms:"

PREFIXES = {
    "ceterms": "https://purl.org/ctdl/terms/",
    "ceasn": "https://purl.org/ctdlasn/terms/",
    "asn": "http://purl.org/asn/schema/core/",
    "qdata": "https://credreg.net/qdata/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "http://schema.org/",
    EXTENSION_PREFIX: EXTENSION_IRI,
}

# The prefixes of CTDL's own terms (a file without @context is CTDL if it uses them).
CTDL_PREFIXES = ("ceterms", "ceasn", "asn")

# Contexts that mark a document as CTDL or CTDL-ASN (seen with http and https).
_CONTEXT_PATHS = ("credreg.net/ctdl/schema/context/json", "credreg.net/ctdlasn/schema/context/json")

# Un-prefixed terms resolve to the first namespace here that defines them.
_PREFIX_PRIORITY = ("ceterms", "asn", "ceasn", "skos", "schema", "qdata")

COMPONENT_CLASSES = (
    "ceterms:AssessmentComponent", "ceterms:BasicComponent", "ceterms:CocurricularComponent",
    "ceterms:CollectionComponent", "ceterms:CompetencyComponent", "ceterms:CourseComponent",
    "ceterms:CredentialComponent", "ceterms:ExtracurricularComponent", "ceterms:JobComponent",
    "ceterms:MultiComponent", "ceterms:WorkExperienceComponent",
)

# Records that files use directly as components instead of a proxy component.
RESOURCE_AS_COMPONENT = {
    "ceterms:Course": "ceterms:CourseComponent",
    "ceterms:LearningProgram": "ceterms:CourseComponent",
    "ceterms:LearningOpportunityProfile": "ceterms:CourseComponent",
    "ceterms:AssessmentProfile": "ceterms:AssessmentComponent",
}

AND, OR, NOT, ONLY_ONE = "And", "Or", "Not", "OnlyOne"
OPERATOR_CONCEPTS = {
    AND: "logic:And", OR: "logic:Or", ONLY_ONE: "logic:OnlyOne",
    NOT: f"{EXTENSION_PREFIX}:Not",  # CTDL's LogicalOperatorCategory has no Not
}

# The credit-sum constraint: sum of the targets' creditValue >= N.
SUM, GTEQ, CREDIT_VALUE = "array:Sum", "compare:GTEQ", "ceterms:creditValue"

ONET_FRAMEWORK = "https://www.onetcenter.org/taxonomy/2019/list.html"
ONET_FRAMEWORK_NAME = "O*NET-SOC 2019"
NAICS_FRAMEWORK = "https://www.census.gov/naics/"
NAICS_FRAMEWORK_NAME = "NAICS"
CIP_FRAMEWORK = "https://nces.ed.gov/ipeds/cipcode/"
CIP_FRAMEWORK_NAME = "CIP 2020"
SUPPORT_FRAMEWORK = "https://credreg.net/ctdl/terms/SupportServiceCategory"

# Terms of the pre-standard drafts (Illinois 2019 style) that no CTDL file uses.
DRAFT_TERMS = frozenset({"hasRoot", "isRootOf", "isParentOf"})
DRAFT_TYPES = frozenset({"Basic", "Course", "Certification", "Assessment", "Job", "Selection"})

EXTENSION_CLASSES = frozenset({"pathways:EntryPoint", "pathways:ExitPoint"})
EXTENSION_PROPERTIES = frozenset({
    "pathways:position", "pathways:lengthWeeks", "pathways:cost", "pathways:isIET",
    "pathways:isApprenticeship", "pathways:program", "pathways:credential",
    "pathways:creditValue", "pathways:occupationType", "pathways:entryPoint",
    "pathways:exitPoint", "pathways:exitPointOf", "pathways:wageArea", "pathways:entryKind",
    "pathways:minEducation", "pathways:maxEducation", "pathways:minEFL", "pathways:maxEFL",
    "pathways:englishLevel", "pathways:prerequisites", "pathways:isDestination",
    "pathways:hasSupportService", "pathways:plainSummary",
})
EXTENSION_CONCEPTS = frozenset({"pathways:Not"})


@dataclass(frozen=True)
class Vocabulary:
    classes: frozenset[str]
    properties: frozenset[str]
    concepts: frozenset[str]
    labels: dict[str, str]
    local_names: dict[str, str]  # un-prefixed name -> preferred prefixed term
    domains: dict[str, frozenset[str]]  # property -> classes it is declared for
    parents: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def is_term(self, term: str) -> bool:
        return term in self.classes or term in self.properties or term in self.concepts

    def is_subclass(self, cls: str, ancestor: str) -> bool:
        seen, todo = set(), [cls]
        while todo:
            current = todo.pop()
            if current == ancestor:
                return True
            if current not in seen:
                seen.add(current)
                todo.extend(self.parents.get(current, ()))
        return False

    def allows(self, cls: str, prop: str) -> bool:
        """Is ``prop`` declared for ``cls`` (or declared for no class at all)?"""
        domain = self.domains.get(prop)
        return not domain or cls in domain

    def label(self, term: str) -> str:
        return self.labels.get(term, term.split(":", 1)[-1])


def _text(value: object) -> str:
    if isinstance(value, dict):
        return str(value.get("en-US") or next(iter(value.values()), ""))
    return str(value or "")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Load the vendored schema once per process."""
    classes, properties, concepts = set(), set(), set()
    labels: dict[str, str] = {}
    domains: dict[str, set[str]] = {}
    parents: dict[str, tuple[str, ...]] = {}
    folder = resources.files("pathways.data") / "ctdl"
    for name in ("ctdl_schema.json", "ctdlasn_schema.json"):
        graph = json.loads((folder / name).read_text(encoding="utf-8"))["@graph"]
        for node in graph:
            term, kind = node["@id"], node.get("@type")
            labels.setdefault(term, _text(node.get("rdfs:label") or node.get("skos:prefLabel")))
            if kind == "rdfs:Class":
                classes.add(term)
                parents[term] = tuple(node.get("rdfs:subClassOf") or ())
                for prop in node.get("meta:domainFor") or ():
                    domains.setdefault(prop, set()).add(term)
            elif kind == "rdf:Property":
                properties.add(term)
                for cls in node.get("schema:domainIncludes") or ():
                    domains.setdefault(term, set()).add(cls)
            elif kind in ("skos:Concept", "skos:ConceptScheme"):
                concepts.add(term)
    local: dict[str, str] = {}
    for prefix in reversed(_PREFIX_PRIORITY):
        for term in classes | properties:
            if term.startswith(prefix + ":"):
                local[term.split(":", 1)[1]] = term
    return Vocabulary(frozenset(classes), frozenset(properties), frozenset(concepts), labels,
                      local, {k: frozenset(v) for k, v in domains.items()}, parents)


def is_ctdl_context(context: object) -> bool:
    """Does a JSON-LD ``@context`` value include a CTDL or CTDL-ASN context?"""
    items = context if isinstance(context, list) else [context]
    return any(isinstance(item, str) and item.rstrip("/").endswith(_CONTEXT_PATHS)
               for item in items)


def compact(term: str) -> str:
    """Turn a full IRI of a known namespace into its prefixed form."""
    for prefix, iri in PREFIXES.items():
        if term.startswith(iri):
            return f"{prefix}:{term[len(iri):]}"
    return term


def resolve(term: str) -> str:
    """The prefixed CTDL term a key stands for; unknown keys come back unchanged."""
    term = compact(term)
    if ":" in term or term.startswith("@"):
        return term
    return vocabulary().local_names.get(term, term)


def is_known(term: str) -> bool:
    """A CTDL term, or one of our documented extension terms."""
    return (vocabulary().is_term(term) or term in EXTENSION_CLASSES
            or term in EXTENSION_PROPERTIES or term in EXTENSION_CONCEPTS)


def credential_classes() -> frozenset[str]:
    vocab = vocabulary()
    return frozenset(c for c in vocab.classes
                     if c != "ceterms:Credential" and vocab.is_subclass(c, "ceterms:Credential"))
