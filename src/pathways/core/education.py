"""Ordered scales a pathway's eligibility rules compare against.

Education levels follow the PIRL "highest school grade completed" idea, collapsed
to the steps an entry point cares about. Educational functioning levels (EFL) are the
National Reporting System's: six Adult Basic Education levels and six English
Language Acquisition levels.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EducationLevel:
    code: str
    label: str
    rank: int


EDUCATION_LEVELS: tuple[EducationLevel, ...] = (
    EducationLevel("none", "No schooling completed", 0),
    EducationLevel("below_9", "Less than 9th grade", 1),
    EducationLevel("some_hs", "Some high school, no diploma", 2),
    EducationLevel("hs", "High school diploma or equivalent", 3),
    EducationLevel("some_college", "Some college or a certificate", 4),
    EducationLevel("associate", "Associate degree", 5),
    EducationLevel("bachelor", "Bachelor's degree or higher", 6),
)

_RANK = {level.code: level.rank for level in EDUCATION_LEVELS}


def education_rank(code: str) -> int:
    """Rank of an education level code; raises KeyError for an unknown code."""
    return _RANK[code]


# NRS educational functioning levels: ABE 1-6 (basic skills), ESL 1-6 (English).
EFL_LEVELS: tuple[tuple[str, str], ...] = (
    ("ABE1", "ABE Level 1: Beginning Literacy"),
    ("ABE2", "ABE Level 2: Beginning Basic Education"),
    ("ABE3", "ABE Level 3: Low Intermediate Basic Education"),
    ("ABE4", "ABE Level 4: High Intermediate Basic Education"),
    ("ABE5", "ABE Level 5: Low Adult Secondary Education"),
    ("ABE6", "ABE Level 6: High Adult Secondary Education"),
    ("ESL1", "ESL Level 1: Beginning ESL Literacy"),
    ("ESL2", "ESL Level 2: Low Beginning ESL"),
    ("ESL3", "ESL Level 3: High Beginning ESL"),
    ("ESL4", "ESL Level 4: Low Intermediate ESL"),
    ("ESL5", "ESL Level 5: High Intermediate ESL"),
    ("ESL6", "ESL Level 6: Advanced ESL"),
)

ENGLISH_LEVELS: tuple[tuple[str, str], ...] = (
    ("limited", "Limited English"),
    ("intermediate", "Intermediate English"),
    ("proficient", "Proficient in English"),
)
