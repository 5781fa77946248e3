"""The facts funding rules may name: about the person, and about a step.

A fact not given is *unknown*, never false: "income not recorded" is a different answer
from "not low-income". Labels are message templates the web layer translates.
"""

from __future__ import annotations

from dataclasses import dataclass

from pathways.core.education import EDUCATION_LEVELS
from pathways.navigation.reasons import _

BOOL, NUMBER, CHOICE = "bool", "number", "choice"


@dataclass(frozen=True)
class Fact:
    name: str
    kind: str
    label: str  # what is recorded, as in "%(label)s is not recorded"
    options: tuple[str, ...] = ()


EMPLOYMENT = ("unemployed", "employed", "notice", "not_in_labor_force")

PERSON_FACTS: dict[str, Fact] = {f.name: f for f in (
    Fact("age", NUMBER, _("Age")),
    Fact("education", CHOICE, _("Highest education completed"),
         tuple(level.code for level in EDUCATION_LEVELS)),
    Fact("has_diploma", BOOL, _("High school diploma or equivalency")),
    Fact("employment", CHOICE, _("Employment status"), EMPLOYMENT),
    Fact("in_school", BOOL, _("Attending school")),
    Fact("low_income", BOOL, _("Income")),
    Fact("receives_tanf", BOOL, _("TANF (cash assistance)")),
    Fact("receives_snap", BOOL, _("SNAP (food assistance)")),
    Fact("dislocated", BOOL, _("Dislocated worker status")),
    Fact("disability", BOOL, _("Disability")),
    Fact("basic_skills_deficient", BOOL, _("Basic skills")),
    Fact("english_learner", BOOL, _("English learner status")),
    Fact("homeless", BOOL, _("Housing status")),
    Fact("ex_offender", BOOL, _("Justice involvement")),
    Fact("foster_care", BOOL, _("Foster care history")),
    Fact("pregnant_or_parenting", BOOL, _("Pregnant or parenting")),
    Fact("pell_need", BOOL, _("Pell eligibility on the FAFSA")),
    Fact("career_pathway_program", BOOL,
         _("Enrolled in an eligible career pathway program")),
    Fact("atb_test_passed", BOOL, _("Ability-to-benefit test")),
    Fact("atb_credit_hours", NUMBER, _("College credit hours completed")),
    Fact("atb_clock_hours", NUMBER, _("Clock hours completed")),
)}

# About the step (the catalog records these for a program or step).
STEP_FACTS: dict[str, Fact] = {f.name: f for f in (
    Fact("title_iv", BOOL, _("Federal student aid eligible program")),
    Fact("etpl", BOOL, _("On the eligible training provider list")),
    Fact("adult_education", BOOL, _("Adult education class")),
    Fact("apprenticeship", BOOL, _("Registered apprenticeship")),
    Fact("career_pathway", BOOL, _("Part of an eligible career pathway program")),
)}

COST_KINDS: dict[str, str] = {
    "tuition_fees": _("Tuition and fees"),
    "books_tools": _("Books, supplies and tools"),
    "assessment": _("Testing and assessment"),
    "transport": _("Transportation"),
    "childcare": _("Child care"),
    "wbl_wages": _("Wages during work-based learning"),
}

STREAM_KINDS = ("federal", "state", "local", "philanthropic", "employer")

__all__ = ["BOOL", "CHOICE", "COST_KINDS", "EMPLOYMENT", "NUMBER", "PERSON_FACTS",
           "STEP_FACTS", "STREAM_KINDS", "Fact"]
