"""The braided budget of a participant's plan, ready for ``funding/_budget.html``.

The engine (``pathways.funding.budget``) does the arithmetic; this reads the record
(facts, remaining steps, awards) and puts the reasons in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext

from pathways.apps.cases.planview import PlanView, say
from pathways.apps.catalog.steps import pathway_steps
from pathways.apps.funding.intake import person_facts, plan_steps
from pathways.apps.funding.models import Award
from pathways.apps.funding.registry import streams_of_participant
from pathways.funding.budget import Award as EngineAward
from pathways.funding.budget import braid
from pathways.funding.conditions import ELIGIBLE, UNKNOWN
from pathways.funding.facts import COST_KINDS


@dataclass
class StreamLine:
    title: str
    reasons: list[str]


@dataclass
class PaymentLine:
    title: str
    kind: str
    amount: Decimal
    awarded: bool
    federal: Decimal | None


@dataclass
class StepLine:
    name: str
    cost: Decimal
    likely: list[StreamLine] = field(default_factory=list)
    unknown: list[StreamLine] = field(default_factory=list)
    payments: list[PaymentLine] = field(default_factory=list)
    awarded: Decimal = Decimal(0)
    estimated: Decimal = Decimal(0)
    net: Decimal = Decimal(0)


@dataclass
class BudgetView:
    steps: list[StepLine]
    awards: list[Award]
    titles: dict[str, str]
    cost: Decimal
    paid: Decimal
    net: Decimal


def budget_for(participant, view: PlanView | None) -> BudgetView | None:
    """The budget of the plan's remaining steps, or None without a chosen route."""
    if view is None or view.chosen is None:
        return None
    streams = streams_of_participant(participant)
    steps = plan_steps(view, pathway_steps(view.plan.pathway_id))
    awards = list(Award.objects.filter(participant=participant)
                  .select_related("component").order_by("awarded_on", "pk"))
    engine_awards = [EngineAward(a.stream, a.amount, str(a.component_id or ""))
                     for a in awards]
    budget = braid(steps, person_facts(participant), streams.values(), engine_awards)
    titles = {key: s.title for key, s in streams.items()}
    for award in awards:
        award.title = titles.get(award.stream, award.stream)
    lines = []
    for step in budget.steps:
        line = StepLine(step.step.name, step.cost, awarded=step.awarded,
                        estimated=step.likely, net=step.net)
        for fit in step.fits_with(ELIGIBLE):
            line.likely.append(StreamLine(fit.stream.title, [
                say(r) for r in fit.verdict.reasons + fit.step_verdict.reasons]))
        for fit in step.fits_with(UNKNOWN):
            line.unknown.append(StreamLine(fit.stream.title, [
                say(r) for r in fit.verdict.unknown + fit.step_verdict.unknown]))
        for payment in step.payments:
            line.payments.append(PaymentLine(titles.get(payment.stream, payment.stream),
                                             gettext(COST_KINDS[payment.kind]),
                                             payment.amount, payment.awarded,
                                             payment.federal))
        lines.append(line)
    return BudgetView(lines, awards, titles, budget.cost, budget.paid, budget.net)


__all__ = ["BudgetView", "budget_for"]
