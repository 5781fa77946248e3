"""Navigation engine: the pathway graph, condition evaluation, the WIOA Sec. 3(7) check.

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
from pathways.navigation.routes import Route, plan_route, quickest_chain
from pathways.navigation.wioa import (
    CANNOT_TELL,
    MET,
    NOT_MET,
    ElementResult,
    Reason,
    check_pathway,
)

__all__ = [
    "AND",
    "CANNOT_TELL",
    "MET",
    "NOT",
    "NOT_MET",
    "OR",
    "Component",
    "Condition",
    "ElementResult",
    "EntryPoint",
    "ExitPoint",
    "OccupationFacts",
    "Outcome",
    "PathwayGraph",
    "Reason",
    "Route",
    "check_pathway",
    "component_ready",
    "evaluate",
    "plan_route",
    "quickest_chain",
]
