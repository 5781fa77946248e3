"""CTDL JSON-LD for pathways: typed documents, a reader for real files and a writer.

Plain Python: no Django. ``read_files`` turns CTDL files into ``PathwayDocument``s with a
report of what could not be mapped; ``dumps`` writes one back deterministically.
"""

from pathways.standards.ctdl.ids import derived_ctid, is_ctid, registry_ctid, resource_iri
from pathways.standards.ctdl.model import (
    Alignment,
    Component,
    Condition,
    Constraint,
    CredentialRef,
    EntryPointInfo,
    ExitPointInfo,
    Level,
    Organization,
    PathwayDocument,
    Place,
    ProgramRecord,
    ProgressionModel,
    ReadReport,
    ReadResult,
    SupportService,
)
from pathways.standards.ctdl.reader import read_documents, read_files
from pathways.standards.ctdl.vocab import (
    AND,
    CTDL_CONTEXT,
    EXTENSION_IRI,
    EXTENSION_PREFIX,
    NOT,
    ONLY_ONE,
    OR,
    is_known,
    vocabulary,
)
from pathways.standards.ctdl.writer import dumps, to_jsonld

__all__ = [
    "AND",
    "CTDL_CONTEXT",
    "EXTENSION_IRI",
    "EXTENSION_PREFIX",
    "NOT",
    "ONLY_ONE",
    "OR",
    "Alignment",
    "Component",
    "Condition",
    "Constraint",
    "CredentialRef",
    "EntryPointInfo",
    "ExitPointInfo",
    "Level",
    "Organization",
    "PathwayDocument",
    "Place",
    "ProgramRecord",
    "ProgressionModel",
    "ReadReport",
    "ReadResult",
    "SupportService",
    "derived_ctid",
    "dumps",
    "is_ctid",
    "is_known",
    "read_documents",
    "read_files",
    "registry_ctid",
    "resource_iri",
    "to_jsonld",
    "vocabulary",
]
