"""Read whole datasets: every file of a source, checked together, with version and checksum."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pathways.standards.cip import (
    CipRecord,
    CipSocRecord,
    read_cip_codes,
    read_cip_soc_crosswalk,
)
from pathways.standards.oews import WageRecord, read_oews, vintage_of
from pathways.standards.onet import OnetRelease, read_onet
from pathways.standards.projections import ProjectionRecord, read_projections
from pathways.standards.soc import SocGroupRecord, read_soc_structure
from pathways.standards.sources import CIP, OEWS, ONET, PROJECTIONS, SOC, DatasetFiles
from pathways.standards.tables import Listed, Problems, raises_problems


@dataclass
class Dataset:
    """One source's parsed rows. Only the fields for that source are filled."""

    name: str
    version: str
    checksum: str
    files: list[str]
    soc_groups: list[SocGroupRecord] = field(default_factory=list)
    onet: OnetRelease | None = None
    cip_codes: list[CipRecord] = field(default_factory=list)
    cip_soc: list[CipSocRecord] = field(default_factory=list)
    wages: list[WageRecord] = field(default_factory=list)
    projections: list[ProjectionRecord] = field(default_factory=list)

    @property
    def rows(self) -> int:
        onet = self.onet
        onet_rows = (len(onet.occupations) + len(onet.skills) + len(onet.related)
                     + len(onet.alternate_titles)) if onet else 0
        return (len(self.soc_groups) + onet_rows + len(self.cip_codes) + len(self.cip_soc)
                + len(self.wages) + len(self.projections))


@raises_problems
def read_dataset(files: DatasetFiles, problems: Problems | None = None) -> Dataset:
    """Parse one dataset; problems go to ``problems`` (raise them with ``raise_if_any``)."""
    result = Dataset(files.dataset, "", files.checksum(),
                     [f.location for f in files.all() if f.base_name.lower() != "read me.txt"])
    if files.dataset == SOC:
        result.version = "2018"
        result.soc_groups = read_soc_structure(files.one("structure"), problems)
    elif files.dataset == ONET:
        result.onet = read_onet(files, problems)
        result.version = result.onet.version
    elif files.dataset == CIP:
        codes = files.one("codes") or files.one("codes_nces")
        if codes is None:
            problems.add("no CIP code file (cip_2020.csv) next to the crosswalk", files.origin)
        else:
            result.cip_codes = read_cip_codes(codes, problems)
        if (crosswalk := files.one("crosswalk")) is not None:
            result.cip_soc = read_cip_soc_crosswalk(crosswalk, problems)
        result.version = "2020"
    elif files.dataset == OEWS:
        listed = Listed()  # an area's occupation once across all wage files
        sources = sorted(files.files["wages"], key=lambda f: f.name)
        for source in sources:
            result.wages += read_oews(source, problems, listed)
        result.version = vintage_of(sources[0].name)
    elif files.dataset == PROJECTIONS:
        source = files.one("occupations")
        result.projections = read_projections(source, problems)
        match = re.search(r"(\d{4})_(\d{2})", source.name)
        result.version = f"{match.group(1)}-{match.group(2)}" if match else ""
        if result.projections:
            result.version = result.projections[0].period
    main = {SOC: result.soc_groups, ONET: result.onet.occupations if result.onet else [],
            CIP: result.cip_codes, OEWS: result.wages, PROJECTIONS: result.projections}
    if not main[files.dataset] and not problems:
        # Loading an empty table would delete the whole dataset: refuse instead.
        problems.add(f"no {files.dataset} rows found", ", ".join(f.name for f in files.all()))
    return result
