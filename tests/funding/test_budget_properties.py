"""Whatever the steps, facts and awards: paid never exceeds cost, net = cost - paid >= 0,
and no estimate breaks a cap."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pathways.funding.budget import Award, Step, braid
from pathways.funding.facts import BOOL, COST_KINDS, NUMBER, PERSON_FACTS, STEP_FACTS
from pathways.funding.loader import shipped_streams

STREAMS = list(shipped_streams().values())
money = st.decimals(min_value=0, max_value=30000, places=2)


def fact_values(facts):
    def one(fact):
        if fact.kind == BOOL:
            value = st.booleans()
        elif fact.kind == NUMBER:
            value = st.integers(min_value=0, max_value=90)
        else:
            value = st.sampled_from(fact.options)
        return st.none() | value
    return st.fixed_dictionaries({name: one(f) for name, f in facts.items()})


steps = st.lists(st.builds(
    Step, key=st.sampled_from("abcdef"), name=st.just("step"),
    costs=st.dictionaries(st.sampled_from(list(COST_KINDS)), money),
    year=st.sampled_from(["", "2026-27", "2027-28"]), facts=fact_values(STEP_FACTS)),
    max_size=5, unique_by=lambda s: s.key)
awards = st.lists(st.builds(Award, stream=st.sampled_from([s.key for s in STREAMS]),
                            amount=money, step=st.sampled_from(["", "a", "b", "z"])),
                  max_size=4)


@given(steps, fact_values(PERSON_FACTS), awards)
def test_paid_never_exceeds_cost(plan, facts, recorded):
    budget = braid(plan, facts, STREAMS, recorded)
    pell_by_year: dict[str, Decimal] = defaultdict(Decimal)
    for step in budget.steps:
        assert Decimal(0) <= step.paid <= step.cost
        assert step.net == step.cost - step.paid >= 0
        for kind, cost in step.step.costs.items():
            assert sum(p.amount for p in step.payments if p.kind == kind) <= cost
        assert all(p.amount > 0 for p in step.payments)
        pell_by_year[step.step.year] += sum(
            p.amount for p in step.payments if p.stream == "pell" and not p.awarded)
    assert all(total <= Decimal(7395) for total in pell_by_year.values())
    assert budget.net == budget.cost - budget.paid >= 0
