from decimal import Decimal

import pytest

from pathways.navigation import AND, NOT, OR, Component, Condition, component_ready, evaluate

COURSES = {
    cid: Component(id=cid, name=name, kind="ceterms:CourseComponent", credits=Decimal(credits))
    for cid, name, credits in [
        ("eng101", "English 101", 3), ("math110", "Math 110", 4), ("cs101", "Intro to CS", 3),
        ("cs102", "Programming I", 4), ("cs201", "Data Structures", 4),
    ]
}


def test_and_needs_every_target_and_names_the_missing_ones():
    rule = Condition(AND, targets=("eng101", "math110"))
    assert evaluate(rule, {"eng101", "math110"}).met
    outcome = evaluate(rule, {"eng101"}, COURSES)
    assert not outcome.met
    assert outcome.missing == ("Math 110",)


def test_or_needs_one_target():
    rule = Condition(OR, targets=("cs101", "cs102"))
    assert evaluate(rule, {"cs102"}).met
    assert not evaluate(rule, set()).met


def test_not_fails_when_any_target_is_done():
    rule = Condition(NOT, targets=("cs201",))
    assert evaluate(rule, set()).met
    outcome = evaluate(rule, {"cs201"}, COURSES)
    assert not outcome.met and "Data Structures" in outcome.missing[0]


def test_n_of_counts_targets_and_nested_conditions():
    nested = Condition(AND, targets=("cs101", "cs102"), name="CS sequence")
    rule = Condition(AND, targets=("eng101", "math110"), subconditions=(nested,),
                     required_number=2)
    assert evaluate(rule, {"eng101", "math110"}).met
    assert evaluate(rule, {"eng101", "cs101", "cs102"}).met
    outcome = evaluate(rule, {"eng101", "cs101"}, COURSES)
    assert not outcome.met
    assert outcome.missing[0].startswith("1 more of:")


def test_credit_sum_counts_only_completed_targets():
    rule = Condition(targets=("cs101", "cs102", "cs201"), required_credits=Decimal(7))
    assert evaluate(rule, {"cs101", "cs102"}, COURSES).met  # 3 + 4
    outcome = evaluate(rule, {"cs101", "eng101"}, COURSES)  # eng101 is not a target
    assert not outcome.met
    assert outcome.missing[0].startswith("4 more credits")


def test_nested_and_of_or():
    rule = Condition(AND, subconditions=(
        Condition(OR, targets=("cs101", "cs102")),
        Condition(OR, targets=("eng101", "math110")),
    ))
    assert evaluate(rule, {"cs102", "math110"}).met
    assert not evaluate(rule, {"cs102"}).met


def test_component_is_ready_only_when_every_condition_holds():
    target = Component(id="cs201", name="Data Structures", kind="ceterms:CourseComponent",
                       conditions=(Condition(AND, targets=("cs102",)),
                                   Condition(OR, targets=("math110", "eng101"))))
    assert component_ready(target, {"cs102", "eng101"}, COURSES).met
    blocked = component_ready(target, {"eng101"}, COURSES)
    assert not blocked.met and blocked.missing == ("Programming I",)


def test_unknown_operator_is_refused():
    with pytest.raises(ValueError, match="unknown logical operator"):
        Condition("Xor")
