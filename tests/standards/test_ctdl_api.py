"""The CTDL engine's public surface, and that it runs without Django."""

from __future__ import annotations

import subprocess
import sys

from pathways.standards import ctdl
from tests.standards.ctdl_helpers import BAKERSFIELD


def test_public_names():
    assert sorted(ctdl.__all__) == [
        "AND", "Alignment", "CTDL_CONTEXT", "Component", "Condition", "Constraint",
        "CredentialRef", "EXTENSION_IRI", "EXTENSION_PREFIX", "EntryPointInfo", "ExitPointInfo",
        "Level", "NOT", "ONLY_ONE", "OR", "Organization", "PathwayDocument", "Place",
        "ProgramRecord", "ProgressionModel",
        "ReadReport", "ReadResult", "SupportService", "derived_ctid", "dumps", "is_ctid",
        "is_known", "read_documents", "read_files", "registry_ctid", "resource_iri",
        "to_jsonld", "vocabulary"]
    for name in ctdl.__all__:
        assert getattr(ctdl, name) is not None


def test_reading_and_writing_never_import_django():
    code = ("import sys; from pathways.standards.ctdl import read_files, dumps; "
            f"dumps(read_files([{str(BAKERSFIELD)!r}]).pathways[0]); "
            "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django'")
    subprocess.run([sys.executable, "-c", code], check=True)
