"""Engine: readers for public occupational and education standards (no Django).

O*NET text database, SOC 2018 structure, CIP 2020 and the NCES CIP-SOC crosswalk, BLS OEWS
wages, BLS Employment Projections, and the attribution each source asks for. Readers match
columns by header name and report every bad value as an ``InputProblem`` with file, line and
column. The ``ctdl`` sub-package (CTDL JSON-LD) is separate and imported on its own.
"""

from pathways.standards.attribution import (
    BLS_CANNOT_VOUCH,
    Attribution,
    attribution_for,
    cip_attribution,
    oews_attribution,
    onet_attribution,
    projections_attribution,
    soc_attribution,
)
from pathways.standards.cip import (
    CipRecord,
    CipSocRecord,
    read_cip_codes,
    read_cip_soc_crosswalk,
)
from pathways.standards.oews import NATIONAL, WageRecord, read_oews
from pathways.standards.onet import (
    AltTitleRecord,
    EducationShare,
    OnetOccupationRecord,
    OnetRelease,
    RelatedRecord,
    SkillRecord,
    read_onet,
)
from pathways.standards.projections import ProjectionRecord, read_projections
from pathways.standards.release import Dataset, read_dataset
from pathways.standards.soc import SocGroupRecord, read_soc_structure
from pathways.standards.sources import (
    CIP,
    DATASETS,
    OEWS,
    ONET,
    PROJECTIONS,
    SOC,
    DatasetFiles,
    find_datasets,
)
from pathways.standards.tables import Problems, SourceFile

__all__ = [
    "BLS_CANNOT_VOUCH",
    "CIP",
    "DATASETS",
    "NATIONAL",
    "OEWS",
    "ONET",
    "PROJECTIONS",
    "SOC",
    "Attribution",
    "CipRecord",
    "CipSocRecord",
    "Dataset",
    "DatasetFiles",
    "EducationShare",
    "OnetOccupationRecord",
    "OnetRelease",
    "Problems",
    "ProjectionRecord",
    "AltTitleRecord",
    "RelatedRecord",
    "SkillRecord",
    "SocGroupRecord",
    "SourceFile",
    "WageRecord",
    "attribution_for",
    "cip_attribution",
    "find_datasets",
    "oews_attribution",
    "onet_attribution",
    "projections_attribution",
    "read_cip_codes",
    "read_cip_soc_crosswalk",
    "read_dataset",
    "read_oews",
    "read_onet",
    "read_projections",
    "read_soc_structure",
    "soc_attribution",
]
