"""Linkage engine: recognise the same person in records from different partners.

Plain Python over pandas, with splink (Fellegi-Sunter on DuckDB) doing the comparisons;
never imports Django. See docs/adr/0006-record-linkage.md.
"""

from pathways.linkage.link import LinkResult, candidates_for, link_records, splink_settings
from pathways.linkage.model import (
    Comparison,
    LinkageModel,
    parse_model,
    person_model,
    shipped_models,
)
from pathways.linkage.normalise import PERSON_COLUMNS, clean_name, standardise
from pathways.linkage.tokens import standard_identifier, token

__all__ = [
    "PERSON_COLUMNS",
    "Comparison",
    "LinkResult",
    "LinkageModel",
    "candidates_for",
    "clean_name",
    "link_records",
    "parse_model",
    "person_model",
    "shipped_models",
    "splink_settings",
    "standard_identifier",
    "standardise",
    "token",
]
