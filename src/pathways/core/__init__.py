"""Shared value types: occupation and program codes, education levels, input errors.

Nothing here imports Django or any other part of Pathways.
"""

from pathways.core.codes import (
    CodeError,
    cip_code,
    naics_code,
    onet_soc_code,
    soc_code,
    soc_of_onet,
)
from pathways.core.education import (
    EDUCATION_LEVELS,
    EFL_LEVELS,
    ENGLISH_LEVELS,
    EducationLevel,
    education_rank,
)
from pathways.core.errors import InputError, InputProblem

__all__ = [
    "EDUCATION_LEVELS",
    "EFL_LEVELS",
    "ENGLISH_LEVELS",
    "CodeError",
    "EducationLevel",
    "InputError",
    "InputProblem",
    "cip_code",
    "education_rank",
    "naics_code",
    "onet_soc_code",
    "soc_code",
    "soc_of_onet",
]
