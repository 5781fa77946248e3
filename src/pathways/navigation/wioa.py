"""Check a pathway against WIOA Sec. 3(7), elements (A)-(G), from its data.

Each element gets ``met``, ``not_met`` or ``cannot_tell`` with the reasons that led
there. The rules are documented in docs/wioa-check.md; a change here changes that page.
Reasons are message templates with parameters so the web layer can translate them
(``_`` only marks them for extraction; it does not translate in the engine).
"""

from __future__ import annotations

from dataclasses import dataclass

from pathways.navigation.graph import ExitPoint, PathwayGraph
from pathways.navigation.reasons import Reason, _

MET, NOT_MET, CANNOT_TELL = "met", "not_met", "cannot_tell"

SECONDARY_TYPES = {"ceterms:SecondarySchoolDiploma", "ceterms:GeneralEducationDevelopment"}
POSTSECONDARY_TYPES = {
    "ceterms:Certificate", "ceterms:Certification", "ceterms:License",
    "ceterms:ApprenticeshipCertificate", "ceterms:AssociateDegree",
    "ceterms:AssociateOfAppliedScienceDegree", "ceterms:BachelorDegree", "ceterms:MasterDegree",
}
DEGREE_TYPES = {"ceterms:AssociateDegree", "ceterms:AssociateOfAppliedScienceDegree",
                "ceterms:BachelorDegree", "ceterms:MasterDegree"}
COUNSELING_CATEGORIES = {"support:CareerAdvising", "support:AcademicAdvising",
                         "support:Counseling", "support:CaseManagement"}
# Plain names for the reason text; the app layer swaps in its translated labels.
_CATEGORY_NAMES = {"support:CareerAdvising": "career advising",
                   "support:AcademicAdvising": "academic advising",
                   "support:Counseling": "counseling",
                   "support:CaseManagement": "case management"}


@dataclass(frozen=True)
class ElementResult:
    element: str
    title: str
    status: str
    reasons: tuple[Reason, ...]


TITLES = {
    "A": _("Aligns with the skill needs of industries in the state or regional economy"),
    "B": _("Prepares for the full range of secondary and postsecondary options, "
           "including registered apprenticeship"),
    "C": _("Includes counseling toward education and career goals"),
    "D": _("Includes integrated education and training, as appropriate"),
    "E": _("Organizes education, training and services to accelerate advancement"),
    "F": _("Enables a secondary diploma or equivalent and at least one recognized "
           "postsecondary credential"),
    "G": _("Helps a person enter or advance within a specific occupation or cluster"),
}


def _names(items) -> str:
    return ", ".join(sorted(item.name for item in items))


def _missing_data(exit_point: ExitPoint) -> Reason | None:
    """What labour-market data the exit's occupation lacks: wage and employment figures for
    the wage area (OEWS), projected openings (BLS employment projections), or both."""
    occ = exit_point.occupation
    assert occ is not None
    no_wage = occ.annual_median is None or occ.area_employment is None
    no_demand = occ.annual_openings_thousands is None
    params = {"exit": exit_point.name, "title": occ.title}
    if no_wage and no_demand:
        return Reason(_("%(exit)s (%(title)s): no wage or demand data loaded."), params)
    if no_wage:
        return Reason(_("%(exit)s (%(title)s): no wage and employment figures loaded for the "
                        "wage area."), params)
    if no_demand:
        return Reason(_("%(exit)s (%(title)s): no projected openings (demand) loaded."),
                      params)
    return None


def check_a(graph: PathwayGraph) -> ElementResult:
    reasons: list[Reason] = []
    tied = [e for e in graph.exit_points if e.occupation]
    if not graph.naics:
        reasons.append(Reason(_("No industry sector (NAICS) is recorded for the pathway.")))
    if not tied:
        reasons.append(Reason(_("No exit point is tied to an occupation.")))
        return ElementResult("A", TITLES["A"], NOT_MET, tuple(reasons))
    occupations = [e.occupation for e in tied if e.occupation]
    in_demand = [o for o in occupations
                 if (o.annual_openings_thousands or 0) > 0 and (o.area_employment or 0) > 0]
    for occ in in_demand:
        reasons.append(Reason(
            _("%(title)s: %(openings)s thousand openings a year projected nationally; "
              "%(employment)s employed in %(area)s."),
            {"title": occ.title, "openings": occ.annual_openings_thousands,
             "employment": f"{occ.area_employment:,}", "area": occ.area_title}))
    lacking = [(e, why) for e in tied if (why := _missing_data(e)) is not None]
    reasons.extend(why for _exit, why in lacking)
    if not graph.naics:
        return ElementResult("A", TITLES["A"], NOT_MET, tuple(reasons))
    if lacking:
        # Demand shown by some exits does not tell whether the others align.
        reasons.insert(0, Reason(
            _("Cannot tell while these exits lack wage or demand data: %(exits)s."),
            {"exits": ", ".join(e.name for e, _why in lacking),
             "exit_ids": tuple(e.id for e, _why in lacking)}))
        return ElementResult("A", TITLES["A"], CANNOT_TELL, tuple(reasons))
    if in_demand:
        reasons.insert(0, Reason(_("Sector %(sector)s (NAICS %(naics)s)."),
                                 {"sector": graph.sector, "naics": graph.naics}))
        return ElementResult("A", TITLES["A"], MET, tuple(reasons))
    reasons.append(Reason(_("No exit occupation shows projected openings and local "
                            "employment.")))
    return ElementResult("A", TITLES["A"], NOT_MET, tuple(reasons))


def check_b(graph: PathwayGraph) -> ElementResult:
    creds = graph.credentials()
    post = [c for c in creds if c.credential_type in POSTSECONDARY_TYPES]
    degrees = [c for c in creds if c.credential_type in DEGREE_TYPES]
    apprenticeships = [c for c in graph.components.values()
                       if c.is_apprenticeship or c.credential_type
                       == "ceterms:ApprenticeshipCertificate"]
    credit_bearing = [c for c in graph.components.values() if (c.credits or 0) > 0]
    if not post:
        return ElementResult("B", TITLES["B"], NOT_MET, (
            Reason(_("No recognized postsecondary credential is part of the pathway.")),))
    reasons = [Reason(_("Postsecondary credentials: %(names)s."), {"names": _names(post)})]
    onward = bool(degrees or apprenticeships or credit_bearing)
    if degrees:
        reasons.append(Reason(_("Degrees: %(names)s."), {"names": _names(degrees)}))
    if apprenticeships:
        reasons.append(Reason(_("Registered apprenticeship: %(names)s."),
                              {"names": _names(apprenticeships)}))
    if credit_bearing and not degrees:
        reasons.append(Reason(_("%(count)s credit-bearing steps count toward a degree."),
                              {"count": len(credit_bearing)}))
    if not onward:
        reasons.append(Reason(_("Nothing leads on to a degree, an apprenticeship or "
                                "college credit.")))
    return ElementResult("B", TITLES["B"], MET if onward else NOT_MET, tuple(reasons))


def _kinds(categories) -> dict:
    """Reason parameters naming support categories (the app swaps in translated labels)."""
    found = sorted(categories)
    return {"kinds": ", ".join(_CATEGORY_NAMES[k] for k in found), "categories": tuple(found)}


def check_c(graph: PathwayGraph) -> ElementResult:
    """Counseling must be part of the pathway itself: a step that includes it. A counseling
    service attached to the pathway as a whole says it exists, not that participants get
    it along the way, so on its own it is "cannot tell"."""
    steps = [c for c in graph.components.values()
             if c.support_categories & COUNSELING_CATEGORIES]
    if steps:
        given = set().union(*(c.support_categories for c in steps)) & COUNSELING_CATEGORIES
        return ElementResult("C", TITLES["C"], MET, (
            Reason(_("Counseling is part of these steps: %(names)s (%(kinds)s)."),
                   {"names": _names(steps), **_kinds(given)}),))
    attached = graph.support_categories & COUNSELING_CATEGORIES
    if attached:
        return ElementResult("C", TITLES["C"], CANNOT_TELL, (
            Reason(_("Attached to the pathway: %(kinds)s; but no step includes it, so the "
                     "data does not show counseling as part of the pathway. Add the service "
                     "to the steps where participants receive it (for example the first "
                     "step of each entry point)."), _kinds(attached)),))
    if not graph.support_categories:
        return ElementResult("C", TITLES["C"], NOT_MET, (
            Reason(_("No support services are attached to the pathway or its steps.")),))
    return ElementResult("C", TITLES["C"], NOT_MET, (
        Reason(_("No career advising, counseling or case management is attached to the "
                 "pathway or part of its steps.")),))


def check_d(graph: PathwayGraph) -> ElementResult:
    iet = [c for c in graph.components.values() if c.is_iet]
    if iet:
        return ElementResult("D", TITLES["D"], MET, (
            Reason(_("Integrated education and training: %(names)s."), {"names": _names(iet)}),))
    adult_entries = [e for e in graph.entry_points if e.serves_adult_learners]
    if adult_entries:
        return ElementResult("D", TITLES["D"], NOT_MET, (
            Reason(_("Entry points serve adult learners (%(names)s) but no step is integrated "
                     "education and training."), {"names": _names(adult_entries)}),))
    return ElementResult("D", TITLES["D"], CANNOT_TELL, (
        Reason(_("No integrated education and training step; whether one is appropriate "
                 "depends on who the pathway serves, and no entry point is for adult learners.")),))


def check_e(graph: PathwayGraph) -> ElementResult:
    entries = graph.entry_points
    levels_with_credentials = sorted({c.level for c in graph.credentials()
                                      if c.level is not None})
    signals = {
        "entries": len(entries) >= 2,
        "stacking": len(levels_with_credentials) >= 2,
        "accelerated": any(c.is_iet for c in graph.components.values())
        or any(e.serves_adult_learners for e in entries),
    }
    reasons = [
        Reason(_("%(count)s entry points."), {"count": len(entries)}),
        Reason(_("Credentials at %(count)s progression levels (stackable steps)."),
               {"count": len(levels_with_credentials)}),
    ]
    if signals["accelerated"]:
        reasons.append(Reason(_("An accelerated start for adult learners (bridge, adult "
                                "education or integrated education and training).")))
    else:
        reasons.append(Reason(_("No accelerated start for adult learners.")))
    if all(signals.values()):
        return ElementResult("E", TITLES["E"], MET, tuple(reasons))
    if not signals["entries"] and not signals["stacking"]:
        return ElementResult("E", TITLES["E"], NOT_MET, tuple(reasons))
    return ElementResult("E", TITLES["E"], CANNOT_TELL, tuple(reasons))


def check_f(graph: PathwayGraph) -> ElementResult:
    creds = graph.credentials()
    secondary = [c for c in creds if c.credential_type in SECONDARY_TYPES]
    post = [c for c in creds if c.credential_type in POSTSECONDARY_TYPES]
    reasons = []
    if secondary:
        reasons.append(Reason(_("Secondary credential: %(names)s."), {"names": _names(secondary)}))
    else:
        reasons.append(Reason(_("No high school diploma or equivalency step.")))
    if post:
        reasons.append(Reason(_("Recognized postsecondary credentials: %(names)s."),
                              {"names": _names(post)}))
    else:
        reasons.append(Reason(_("No recognized postsecondary credential.")))
    return ElementResult("F", TITLES["F"], MET if secondary and post else NOT_MET, tuple(reasons))


def check_g(graph: PathwayGraph) -> ElementResult:
    if not graph.exit_points:
        return ElementResult("G", TITLES["G"], NOT_MET, (Reason(_("The pathway has no exit "
                                                                 "points.")),))
    tied = [e for e in graph.exit_points if e.occupation]
    untied = [e for e in graph.exit_points if not e.occupation]
    reasons = [Reason(_("Exit to %(title)s (%(code)s)."),
                      {"title": e.occupation.title, "code": e.occupation.code}) for e in tied]
    reasons += [Reason(_("Exit point %(name)s names no occupation."), {"name": e.name})
                for e in untied]
    return ElementResult("G", TITLES["G"], MET if tied and not untied else NOT_MET, tuple(reasons))


CHECKS = (check_a, check_b, check_c, check_d, check_e, check_f, check_g)


def check_pathway(graph: PathwayGraph) -> list[ElementResult]:
    """All seven elements, in order A to G."""
    return [check(graph) for check in CHECKS]
