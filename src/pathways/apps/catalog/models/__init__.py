"""Catalog models: reference occupational data, and the pathways built on it."""

from pathways.apps.catalog.models.pathways import (
    ComponentCondition,
    ComponentType,
    EntryPoint,
    ExitPoint,
    Pathway,
    PathwayComponent,
    ProgressionLevel,
)
from pathways.apps.catalog.models.programs import (
    Credential,
    CredentialType,
    Location,
    Program,
    Provider,
    Sector,
    SupportService,
)
from pathways.apps.catalog.models.reference import (
    CipCode,
    CipSocLink,
    Occupation,
    OccupationAltTitle,
    OccupationSkill,
    Projection,
    ReferenceRelease,
    RelatedOccupation,
    SocGroup,
    Wage,
)
from pathways.apps.catalog.models.versions import (
    ImmutableVersion,
    PathwayVersion,
    ReviewComment,
)

__all__ = [
    "CipCode",
    "CipSocLink",
    "ComponentCondition",
    "ComponentType",
    "Credential",
    "CredentialType",
    "EntryPoint",
    "ExitPoint",
    "ImmutableVersion",
    "Location",
    "Occupation",
    "OccupationAltTitle",
    "OccupationSkill",
    "Pathway",
    "PathwayComponent",
    "PathwayVersion",
    "Program",
    "ProgressionLevel",
    "Projection",
    "Provider",
    "ReferenceRelease",
    "RelatedOccupation",
    "ReviewComment",
    "Sector",
    "SocGroup",
    "SupportService",
    "Wage",
]
