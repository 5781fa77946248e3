"""CTIDs (``ce-`` + lower-case UUID) and the registry IRIs built from them."""

from __future__ import annotations

import re
import uuid

from pathways.standards.ctdl.vocab import REGISTRY

_CTID = re.compile(r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_UUID_TAIL = re.compile(
    r"(?:^|/)(?:ce-)?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/?$")
_REGISTRY_HOST = re.compile(r"^https?://(?:sandbox\.)?credentialengineregistry\.org/(?:resources|graph)/")

# Fixed namespace, so identifiers derived from the same inputs are the same in every run.
_NAMESPACE = uuid.UUID("3b0f8a52-9d8e-4c57-8f1e-4a7e2f0c6d19")


def is_ctid(value: object) -> bool:
    return isinstance(value, str) and bool(_CTID.match(value))


def derived_ctid(*parts: str) -> str:
    """A stable CTID for something that has none of its own (uuid5 of the parts)."""
    return f"ce-{uuid.uuid5(_NAMESPACE, '|'.join(parts))}"


def registry_ctid(iri: str) -> str | None:
    """The CTID in a registry IRI, with or without its ``ce-`` prefix.

    Registry examples write the same record as ``resources/ce-<uuid>`` in one file and
    ``resources/<uuid>`` in another; both name one record.
    """
    if not _REGISTRY_HOST.match(iri):
        return None
    match = _UUID_TAIL.search(iri)
    return f"ce-{match.group(1).lower()}" if match else None


def key_for(iri: str) -> str:
    """The key a reference resolves by: the CTID for registry IRIs, else a derived CTID."""
    if is_ctid(iri):
        return iri
    return registry_ctid(iri) or derived_ctid("iri", iri)


def resource_iri(ctid: str) -> str:
    return REGISTRY + ctid
