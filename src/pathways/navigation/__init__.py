"""Navigation engine: the pathway graph, condition evaluation, eligibility, NRS levels,
routes and career plans for one person, the WIOA Sec. 3(7) check.

Plain Python; never imports Django.
"""

from pathways.navigation.conditions import Outcome, component_ready, evaluate
from pathways.navigation.graph import (
    AND,
    NOT,
    OR,
    Component,
    Condition,
    EntryPoint,
    ExitPoint,
    OccupationFacts,
    PathwayGraph,
)
from pathways.navigation.learner import (
    ELIGIBLE,
    NEEDS_INFORMATION,
    NOT_ELIGIBLE,
    PIRL_EDUCATION,
    Eligibility,
    Learner,
    check_entry,
    education_level,
)
from pathways.navigation.nrs import (
    NrsTable,
    ScoreOutOfRange,
    functioning_level,
    nrs_table,
    parse_table,
)
from pathways.navigation.planning import (
    AVAILABLE,
    BLOCKED,
    DONE,
    CareerPlan,
    ExitAlong,
    RouteOption,
    StepState,
    plan_for,
    plans_for_occupation,
    quickest_plan,
    rank_plans,
    step_states,
)
from pathways.navigation.reasons import Reason
from pathways.navigation.routes import Route, plan_route, quickest_chain
from pathways.navigation.wioa import (
    CANNOT_TELL,
    MET,
    NOT_MET,
    ElementResult,
    check_pathway,
)

__all__ = [
    "AND",
    "AVAILABLE",
    "BLOCKED",
    "CANNOT_TELL",
    "DONE",
    "ELIGIBLE",
    "MET",
    "NEEDS_INFORMATION",
    "NOT",
    "NOT_ELIGIBLE",
    "NOT_MET",
    "OR",
    "PIRL_EDUCATION",
    "CareerPlan",
    "Component",
    "Condition",
    "ElementResult",
    "Eligibility",
    "EntryPoint",
    "ExitAlong",
    "ExitPoint",
    "Learner",
    "NrsTable",
    "OccupationFacts",
    "Outcome",
    "PathwayGraph",
    "Reason",
    "Route",
    "RouteOption",
    "ScoreOutOfRange",
    "StepState",
    "check_entry",
    "check_pathway",
    "component_ready",
    "education_level",
    "evaluate",
    "functioning_level",
    "nrs_table",
    "parse_table",
    "plan_for",
    "plan_route",
    "plans_for_occupation",
    "quickest_chain",
    "quickest_plan",
    "rank_plans",
    "step_states",
]
