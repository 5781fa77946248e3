"""A participant's record as the funding engine's facts, and their plan as its steps.

Only what the record says becomes a fact; everything else stays unknown, so the plan says
"Income is not recorded" rather than guessing. A barrier box left unticked is unknown,
not "no": the assessment form does not tell "no" from "not asked".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pathways.apps.cases.vocabulary import EmploymentStatus
from pathways.apps.catalog.steps import StepFacts
from pathways.core.education import education_rank
from pathways.funding.budget import Step
from pathways.navigation import education_level

# Assessment barrier codes (WIOA sec. 3(24)) that are funding facts when ticked.
BARRIER_FACTS = {"low_income": "low_income", "disability": "disability",
                 "english_learner": "english_learner", "low_literacy": "basic_skills_deficient",
                 "homeless": "homeless", "ex_offender": "ex_offender",
                 "foster_care": "foster_care", "single_parent": "pregnant_or_parenting"}
EMPLOYMENT = {EmploymentStatus.UNEMPLOYED: "unemployed", EmploymentStatus.EMPLOYED: "employed",
              EmploymentStatus.NOTICE: "notice",
              EmploymentStatus.NOT_IN_LABOR_FORCE: "not_in_labor_force"}
# NRS levels at or below the 8th grade, or any ESL level: basic skills deficient
# (WIOA sec. 3(5)).
BASIC_SKILLS_DEFICIENT = {"ABE1", "ABE2", "ABE3", "ABE4"}


# The facts intake asks for funding (FundingFacts), in the order the form shows them.
ASKED = ("low_income", "in_school", "receives_tanf", "receives_snap", "dislocated",
         "disability", "pell_need", "career_pathway_program", "atb_test_passed",
         "atb_credit_hours", "atb_clock_hours")


def asked_facts(participant) -> dict[str, Any]:
    from pathways.apps.funding.models import FundingFacts

    relation = type(participant).funding_facts.related
    if relation.is_cached(participant):  # read with the record (cases.queries.with_history)
        found = relation.get_cached_value(participant)  # None when never asked
    else:
        found = FundingFacts.objects.filter(participant_id=participant.pk).first()
    return {k: v for k, v in (found.answers if found else {}).items() if k in ASKED}


def age_on(born: dt.date | None, today: dt.date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def person_facts(participant, today: dt.date | None = None) -> dict[str, Any]:
    """The assessment's facts, then what intake asked for funding (an answer given there
    wins: "no" to low income is an answer, an unticked box is not)."""
    today = today or dt.date.today()
    age = age_on(participant.date_of_birth, today)
    asked = asked_facts(participant)
    assessment = getattr(participant, "assessment", None)
    if assessment is None:
        return ({} if age is None else {"age": age}) | asked
    level = education_level(assessment.education, assessment.highest_grade)
    facts: dict[str, Any] = {
        "age": age,
        "education": level,
        "has_diploma": education_rank(level) >= education_rank("hs"),
        "employment": EMPLOYMENT.get(assessment.employment_status),
    }
    if assessment.english_level:
        facts["english_learner"] = assessment.english_level == "limited"
    if assessment.efl:
        facts["basic_skills_deficient"] = (assessment.efl in BASIC_SKILLS_DEFICIENT
                                           or assessment.efl.startswith("ESL"))
    for code in assessment.barriers or ():
        if code in BARRIER_FACTS:
            facts[BARRIER_FACTS[code]] = True
    return {k: v for k, v in facts.items() if v is not None} | asked


def step_facts(component) -> dict[str, Any]:
    """What the catalog records about a step that a stream's rules read. Title IV and ETPL
    eligibility are not in the catalog yet, so Pell and WIOA training stay unknown.
    ``component`` is a PathwayComponent or its kept ``catalog.steps.StepFacts``."""
    facts: dict[str, Any] = {"apprenticeship": bool(component.is_apprenticeship)}
    if isinstance(component, StepFacts):
        kind = component.provider_kind
    else:
        provider = component.program.provider if component.program_id else None
        kind = getattr(getattr(provider, "organisation", None), "kind", None)
    if kind is not None:
        facts["adult_education"] = kind == "adult_education"
    return facts


def plan_steps(view, components: dict[str, Any]) -> list[Step]:
    """The plan's remaining steps (``view.steps`` not done), with their cost as tuition and
    fees: the catalog keeps one cost a step ("tuition, fees, books and supplies").
    ``components`` are the pathway's steps by CTID (``catalog.steps.pathway_steps``)."""
    steps = []
    for row in view.steps:
        if row.state == "done" or row.cost is None or row.component_id not in components:
            continue  # done, or nothing to pay (a job on the way has no cost)
        component = components[row.component_id]
        steps.append(Step(str(component.pk), row.name, {"tuition_fees": row.cost}, row.weeks,
                          facts=step_facts(component)))
    return steps
