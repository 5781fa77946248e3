"""Which CTDL support-service category an HSDS service's taxonomy terms point to.

Only where the meaning is clear: a term that is already a CTDL concept (``support:...``,
as Pathways exports), a 211 HSIS (211 LA / AIRS) code under a branch that means one category, or an
Open Eligibility term of the same name. Anything else maps to nothing, and the importer
uses the default category with a warning in the preview (docs/directory.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from pathways.standards.hsds.model import Term

DEFAULT = "support:CaseManagement"

CTDL = {"support:Childcare", "support:Transportation", "support:CareerAdvising",
        "support:AcademicAdvising", "support:Counseling", "support:CaseManagement",
        "support:Tutoring", "support:JobPlacement", "support:Mentoring",
        "support:FinancialLiteracy", "support:BenefitsSupport", "support:EquipmentProvision",
        "support:TechnologyLending"}

# 211 LA / AIRS taxonomy code prefixes (longest first wins).
AIRS = {
    "BT": "support:Transportation",        # Basic Needs > Transportation
    "NL-300.150": "support:Childcare",     # Public Assistance > Child Care Subsidies
    "NL": "support:BenefitsSupport",       # Public Assistance Programs
}

# Open Eligibility (and plain) term names, compared case-insensitively.
NAMES = {
    "transit": "support:Transportation", "transportation": "support:Transportation",
    "childcare": "support:Childcare", "child care": "support:Childcare",
    "daycare": "support:Childcare", "tutoring": "support:Tutoring",
    "mentoring": "support:Mentoring", "counseling": "support:Counseling",
    "case management": "support:CaseManagement",
    "financial education": "support:FinancialLiteracy",
    "financial literacy": "support:FinancialLiteracy",
    "help find work": "support:JobPlacement", "job placement": "support:JobPlacement",
    "career counseling": "support:CareerAdvising",
    "government benefits": "support:BenefitsSupport",
    "public benefits": "support:BenefitsSupport",
    "computer or internet access": "support:TechnologyLending",
}


def category_of(term: Term) -> str | None:
    code = term.code.strip()
    if code in CTDL:
        return code
    upper = code.upper()
    for prefix in sorted(AIRS, key=len, reverse=True):
        if upper == prefix or upper.startswith((f"{prefix}-", f"{prefix}.")):
            return AIRS[prefix]
    return NAMES.get(term.name.strip().casefold())


def category(terms: Iterable[Term]) -> str | None:
    """The first term's category that maps, or None."""
    for term in terms:
        found = category_of(term)
        if found is not None:
            return found
    return None
