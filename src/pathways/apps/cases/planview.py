"""A participant's plan, computed by the navigation engine from the catalog and their record.

``learner_for`` turns the shared assessment and recorded progress into the engine's
``Learner``; ``plan_view`` runs the engine and puts its reasons in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext

from pathways.apps.cases.models import CareerPlan, Milestone, Participant, WorkActivity
from pathways.apps.catalog.graph import pathway_graph
from pathways.apps.catalog.languages import fallback_texts, reader_language
from pathways.apps.catalog.models import ExitPoint, Occupation, Pathway
from pathways.apps.catalog.steps import pathway_steps
from pathways.navigation import (
    CareerPlan as EnginePlan,
)
from pathways.navigation import (
    Learner,
    PathwayGraph,
    Reason,
    RouteOption,
    education_level,
    plan_for,
    plans_for_occupation,
    quickest_plan,
    step_states,
)


def say(reason: Reason) -> str:
    """An engine reason in the current language (names of vocabulary terms too)."""
    params = {key: gettext(value) if isinstance(value, str) else value
              for key, value in reason.params.items()}
    return gettext(reason.template) % params if params else gettext(reason.template)


def held_credential_ids(participant: Participant) -> set[int]:
    """Credentials the person holds: from the assessment and credential milestones. Reads
    related rows with ``.all()``, so a prefetched participant costs no query."""
    held: set[int] = set()
    assessment = getattr(participant, "assessment", None)
    if assessment is not None:
        held.update(c.pk for c in assessment.credentials_held.all())
    held.update(m.credential_id for m in participant.milestones.all()
                if m.kind == Milestone.Kind.CREDENTIAL and m.credential_id)
    return held


def completed_components(participant: Participant, pathway_id: int) -> frozenset[str]:
    """Component CTIDs of the pathway the person has done: completed steps, credentials
    held (a step whose credential they hold is skipped) and finished work experiences."""
    steps = {step.pk: step for step in pathway_steps(pathway_id).values()}
    done_ids = {m.component_id for m in participant.milestones.all()
                if m.kind in (Milestone.Kind.COMPLETED, Milestone.Kind.CREDENTIAL)}
    done_ids |= {a.component_id for a in participant.activities.all()
                 if a.outcome in (WorkActivity.Outcome.COMPLETED, WorkActivity.Outcome.HIRED)}
    held = held_credential_ids(participant)
    done_ids |= {pk for pk, step in steps.items() if step.credential_id in held}
    return frozenset(steps[pk].ctid for pk in done_ids if pk in steps)


def learner_for(participant: Participant, pathway_id: int | None = None) -> Learner:
    assessment = getattr(participant, "assessment", None)
    completed = completed_components(participant, pathway_id) if pathway_id else frozenset()
    if assessment is None:
        return Learner(completed=completed)
    return Learner(education=education_level(assessment.education, assessment.highest_grade),
                   efl=(assessment.efl,) if assessment.efl else (),
                   english=assessment.english_level, completed=completed)


@dataclass
class StepRow:
    name: str
    kind: str
    state: str
    reasons: list[str]
    weeks: int | None
    cost: Decimal | None
    credential: bool
    component_id: str = ""  # the engine's id (the component's CTID)


@dataclass
class OptionRow:
    entry_name: str
    entry_id: str
    status: str
    rank: int | None
    weeks: int
    cost: Decimal
    reasons: list[str]
    chosen: bool


@dataclass
class ExitRow:
    name: str
    occupation: str
    code: str
    weeks: int
    cost: Decimal
    annual_median: int | None
    is_goal: bool


@dataclass
class PlanView:
    plan: CareerPlan
    graph: PathwayGraph | None
    engine: EnginePlan | None  # None when the goal has left the catalog: choose again
    chosen: RouteOption | None
    steps: list[StepRow] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    exits: list[ExitRow] = field(default_factory=list)
    options: list[OptionRow] = field(default_factory=list)
    # Names shown in English on a Spanish page (no Spanish value): the template marks them.
    fallbacks: frozenset[str] = frozenset()

    @property
    def weeks(self) -> int:
        return self.chosen.route.weeks if self.chosen else 0

    @property
    def cost(self) -> Decimal:
        return self.chosen.route.cost if self.chosen else Decimal(0)

    @property
    def next_steps(self) -> list[StepRow]:
        return [s for s in self.steps if s.state == "available"]


def quickest_exit(participant: Participant, pathways: QuerySet[Pathway],
                  occupation: Occupation) -> ExitPoint | None:
    """The exit into ``occupation`` of the quickest plan that fits the person, across
    ``pathways``, or None; the order of plans is the navigation engine's."""
    found = []
    for pathway in pathways.filter(exit_points__occupation=occupation).distinct():
        learner = learner_for(participant, pathway.pk)
        found += plans_for_occupation([pathway_graph(pathway)], learner, occupation.code)
    best = quickest_plan(found)
    if best is None:
        return None
    return ExitPoint.objects.select_related("pathway").get(pk=int(best[1].goal.id))


def plan_view(plan: CareerPlan) -> PlanView:
    """Run the engine for this plan: the chosen (or recommended) way in, its steps and
    their state, exits and wages on the way, and every alternative with its reason."""
    if plan.goal_id is None:
        return PlanView(plan, None, None, None)
    graph = pathway_graph(plan.pathway)
    learner = learner_for(plan.participant, plan.pathway_id)
    engine = plan_for(graph, learner, str(plan.goal_id))
    chosen = engine.recommended
    if plan.entry_point_id:
        chosen = next((o for o in engine.options if o.entry.id == str(plan.entry_point_id)
                       and o.route), chosen)
    view = PlanView(plan, graph, engine, chosen)
    if reader_language() != "en":
        pathway = plan.pathway
        view.fallbacks = fallback_texts([*pathway.components.all(), *pathway.entry_points.all(),
                                         *pathway.exit_points.all(), pathway])
    if chosen is not None:
        states = step_states(graph, learner.completed, chosen.route.steps,
                             opened_by_entry=chosen.entry.component
                             if chosen.eligibility.eligible else None)
        for state in states:
            c = state.component
            view.steps.append(StepRow(c.name, c.kind, state.state,
                                      [say(r) for r in state.reasons], c.length_weeks,
                                      c.cost, bool(c.credential_type), c.id))
        for along in chosen.exits:
            occupation = along.exit.occupation
            view.exits.append(ExitRow(along.exit.name, occupation.title if occupation else "",
                                      occupation.code if occupation else "", along.weeks,
                                      along.cost, along.annual_median,
                                      along.exit.id == engine.goal.id))
    view.done = [c.name for cid, c in graph.components.items() if cid in learner.completed]
    for option in engine.options:
        view.options.append(OptionRow(
            option.entry.name, option.entry.id, option.eligibility.status, option.rank,
            option.route.weeks, option.route.cost, [say(r) for r in option.reasons],
            chosen is not None and option.entry.id == chosen.entry.id))
    return view


__all__ = ["PlanView", "completed_components", "learner_for", "plan_view", "quickest_exit",
           "say"]
