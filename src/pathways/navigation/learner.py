"""A person as the engine sees them, and who an entry point is for.

The shared assessment (apps/cases) becomes a ``Learner``: education level, NRS levels,
English level and what is already done (components completed, credentials held). An
entry point's eligibility rules are checked against it, with reasons for every answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pathways.core.education import EDUCATION_LEVELS, education_rank
from pathways.navigation.graph import EntryPoint
from pathways.navigation.reasons import Reason, _

ELIGIBLE, NOT_ELIGIBLE, NEEDS_INFORMATION = "eligible", "not_eligible", "needs_information"

# PIRL element 408, highest educational level completed at program entry (DOL layout).
PIRL_EDUCATION: tuple[tuple[int, str], ...] = (
    (0, _("No educational level completed")),
    (1, _("Attained secondary school diploma")),
    (2, _("Attained a secondary school equivalency")),
    (3, _("Attained a certificate of attendance or completion (disability, IEP)")),
    (4, _("Completed one or more years of postsecondary education")),
    (5, _("Attained a postsecondary technical or vocational certificate (non-degree)")),
    (6, _("Attained an associate degree")),
    (7, _("Attained a bachelor's degree")),
    (8, _("Attained a degree beyond the bachelor's degree")),
)
_PIRL_TO_LEVEL = {1: "hs", 2: "hs", 3: "some_hs", 4: "some_college", 5: "some_college",
                  6: "associate", 7: "bachelor", 8: "bachelor"}


def education_level(pirl_code: int, highest_grade: int | None = None) -> str:
    """The eligibility scale's level for a PIRL 408 code (and PIRL 407, the grade, for 0).

    PIRL 0 says only "no diploma": the highest grade completed tells less than 9th grade
    from some high school; without it the person counts as "some high school".
    """
    if pirl_code not in dict(PIRL_EDUCATION):
        raise ValueError(f"unknown PIRL 408 code {pirl_code!r}")
    if pirl_code == 0:
        if highest_grade is None:
            return "some_hs"
        return "none" if highest_grade == 0 else "below_9" if highest_grade < 9 else "some_hs"
    return _PIRL_TO_LEVEL[pirl_code]


@dataclass(frozen=True)
class Learner:
    education: str = ""  # a pathways.core.education level code; "" when not recorded
    efl: tuple[str, ...] = ()  # NRS levels from tests, e.g. ("ABE4",) or ("ESL5",)
    english: str = ""  # limited, intermediate or proficient; "" when not recorded
    completed: frozenset[str] = field(default_factory=frozenset)  # component ids done


@dataclass(frozen=True)
class Eligibility:
    status: str
    reasons: tuple[Reason, ...]

    @property
    def eligible(self) -> bool:
        return self.status == ELIGIBLE


def _label(code: str) -> str:
    return next((level.label for level in EDUCATION_LEVELS if level.code == code), code)


def _efl_index(code: str) -> int:
    return int(code[3:])


def check_entry(entry: EntryPoint, learner: Learner) -> Eligibility:
    """Does the entry point's rule admit this person? Every rule gives a reason."""
    if entry.component in learner.completed:
        return Eligibility(ELIGIBLE, (Reason(_("The first step is already done.")),))
    fails: list[Reason] = []
    unknown: list[Reason] = []
    fits: list[Reason] = []
    if entry.min_education or entry.max_education:
        if not learner.education:
            unknown.append(Reason(_("Highest education completed is not recorded.")))
        else:
            rank = education_rank(learner.education)
            if entry.min_education and rank < education_rank(entry.min_education):
                fails.append(Reason(_("Needs at least: %(level)s."),
                                    {"level": _label(entry.min_education)}))
            elif entry.max_education and rank > education_rank(entry.max_education):
                fails.append(Reason(_("For people with at most: %(level)s."),
                                    {"level": _label(entry.max_education)}))
            else:
                fits.append(Reason(_("Education fits: %(level)s."),
                                   {"level": _label(learner.education)}))
    bound = entry.min_efl or entry.max_efl
    if bound:
        family = bound[:3]
        held = [code for code in learner.efl if code[:3] == family]
        if not held:
            unknown.append(Reason(_("No %(family)s test score is recorded."), {"family": family}))
        else:
            level = max(held, key=_efl_index)
            if entry.min_efl and _efl_index(level) < _efl_index(entry.min_efl):
                fails.append(Reason(_("Test level %(level)s is below the %(min)s this entry "
                                      "needs."), {"level": level, "min": entry.min_efl}))
            elif entry.max_efl and _efl_index(level) > _efl_index(entry.max_efl):
                fails.append(Reason(_("Test level %(level)s is above the %(max)s this entry "
                                      "serves."), {"level": level, "max": entry.max_efl}))
            else:
                fits.append(Reason(_("Test level %(level)s fits."), {"level": level}))
    if entry.english_levels:
        if not learner.english:
            unknown.append(Reason(_("English level is not recorded.")))
        elif learner.english not in entry.english_levels:
            fails.append(Reason(_("For English levels: %(levels)s."),
                                {"levels": ", ".join(entry.english_levels)}))
        else:
            fits.append(Reason(_("English level fits: %(level)s."), {"level": learner.english}))
    if fails:
        return Eligibility(NOT_ELIGIBLE, tuple(fails + unknown))
    if unknown:
        return Eligibility(NEEDS_INFORMATION, tuple(unknown))
    return Eligibility(ELIGIBLE, tuple(fits) or (Reason(_("Open to everyone.")),))


__all__ = ["ELIGIBLE", "NEEDS_INFORMATION", "NOT_ELIGIBLE", "PIRL_EDUCATION", "Eligibility",
           "Learner", "check_entry", "education_level"]
