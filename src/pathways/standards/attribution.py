"""The credit each reference source asks for, to show wherever its data appears.

O*NET is CC BY 4.0 and prescribes its wording (O*NET Resource Center, license_db.html);
BLS and NCES data are public domain, but BLS asks for a source line and its statement
that BLS.gov cannot vouch for data after retrieval.
"""

from __future__ import annotations

from dataclasses import dataclass

from pathways.standards.sources import CIP, OEWS, ONET, PROJECTIONS, SOC


@dataclass(frozen=True)
class Attribution:
    dataset: str
    source: str
    licence: str
    text: str
    url: str = ""


ONET_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def onet_attribution(version: str = "29.3", modified_by: str = "") -> Attribution:
    """O*NET's prescribed credit; name ``modified_by`` when the shown data were changed."""
    text = (f"This product includes information from the O*NET {version} Database by the "
            "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). "
            "Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA.")
    if modified_by:
        text += (f" {modified_by} has modified all or some of this information. USDOL/ETA has "
                 "not approved, endorsed, or tested these modifications.")
    return Attribution(ONET, "O*NET Resource Center, National Center for O*NET Development",
                       "CC BY 4.0", text, ONET_LICENCE_URL)


BLS_CANNOT_VOUCH = ("BLS.gov cannot vouch for the data or analyses derived from these data "
                    "after the data have been retrieved from BLS.gov.")


def oews_attribution(vintage: str = "May 2025") -> Attribution:
    return Attribution(
        OEWS, "U.S. Bureau of Labor Statistics", "Public domain",
        "Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, "
        f"{vintage}. {BLS_CANNOT_VOUCH}",
        "https://www.bls.gov/oes/")


def projections_attribution(period: str = "2024-34") -> Attribution:
    return Attribution(
        PROJECTIONS, "U.S. Bureau of Labor Statistics", "Public domain",
        f"Source: U.S. Bureau of Labor Statistics, Employment Projections {period}. "
        f"{BLS_CANNOT_VOUCH}",
        "https://www.bls.gov/emp/")


def soc_attribution() -> Attribution:
    return Attribution(
        SOC, "U.S. Bureau of Labor Statistics for OMB", "Public domain",
        "Source: U.S. Bureau of Labor Statistics, 2018 Standard Occupational Classification.",
        "https://www.bls.gov/soc/")


def cip_attribution() -> Attribution:
    return Attribution(
        CIP, "National Center for Education Statistics", "Public domain",
        "Source: National Center for Education Statistics, Classification of Instructional "
        "Programs 2020, and the CIP 2020 to SOC 2018 Crosswalk (NCES and BLS).",
        "https://nces.ed.gov/ipeds/cipcode/")


def attribution_for(dataset: str, version: str = "") -> Attribution:
    """The credit for one dataset name (``onet``, ``oews`` ...) at a loaded version."""
    if dataset == ONET:
        # Pathways shortens education labels and leaves out ratings O*NET marks "recommend
        # suppress", so it uses O*NET's wording for modified data.
        return onet_attribution(version or "29.3", modified_by="Pathways")
    if dataset == OEWS:
        return oews_attribution(version or "May 2025")
    if dataset == PROJECTIONS:
        return projections_attribution(version or "2024-34")
    if dataset == SOC:
        return soc_attribution()
    if dataset == CIP:
        return cip_attribution()
    raise KeyError(f"no attribution for dataset {dataset!r}")
