"""Frameworks engine: quality frameworks as versioned YAML, validation, and scoring.

Plain Python; never imports Django.
"""

from pathways.frameworks.definition import (
    Criterion,
    Framework,
    Indicator,
    Scale,
    ScaleLevel,
    SystemElement,
)
from pathways.frameworks.loader import (
    DEFINITIONS_DIR,
    checksum,
    load_framework,
    parse_framework,
    shipped_files,
    shipped_frameworks,
)
from pathways.frameworks.scoring import (
    ATTENTION,
    CONTRIBUTES,
    MARK_KINDS,
    MIN_CELL,
    Answer,
    CriterionTrend,
    HeatCell,
    Mark,
    RoundResult,
    Summary,
    check_answers,
    compare_rounds,
    disagreement,
    score_round,
    summarise,
)

__all__ = [
    "ATTENTION",
    "CONTRIBUTES",
    "DEFINITIONS_DIR",
    "MARK_KINDS",
    "MIN_CELL",
    "Answer",
    "Criterion",
    "CriterionTrend",
    "Framework",
    "HeatCell",
    "Indicator",
    "Mark",
    "RoundResult",
    "Scale",
    "ScaleLevel",
    "Summary",
    "SystemElement",
    "check_answers",
    "checksum",
    "compare_rounds",
    "disagreement",
    "load_framework",
    "parse_framework",
    "score_round",
    "shipped_files",
    "shipped_frameworks",
    "summarise",
]
