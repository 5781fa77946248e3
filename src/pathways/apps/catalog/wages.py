"""Find the OEWS wage for an occupation, rolling up where BLS publishes only a group.

OEWS publishes some SOC detailed occupations only inside an aggregate (31-1121 and 31-1122
as 31-1120; 51-2092 as 51-2090), and states publish fewer rows than the nation. The order:
1. the exact code in the area asked for;
2. its broad, then minor SOC group in that area (parents from ``SocGroup``, not the digits);
3. the same two steps in the U.S. ("99").
Major groups are not used: "Healthcare Support Occupations" says too little about one job.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from pathways.apps.catalog.models import SocGroup, Wage
from pathways.core.codes import soc_code

NATIONAL = "99"
ROLL_UP_LEVELS = (SocGroup.Level.BROAD, SocGroup.Level.MINOR)


@dataclass(frozen=True)
class WageFact:
    """A wage row and how it was found for the occupation asked about."""

    wage: Wage
    requested_code: str  # the SOC code asked for
    requested_area: str

    @property
    def occ_code(self) -> str:
        return self.wage.occ_code

    @property
    def area(self) -> str:
        return self.wage.area

    @property
    def rolled_up(self) -> bool:
        """True when the wage is a broader group's, not the occupation's own."""
        return self.wage.occ_code != self.requested_code

    @property
    def national_fallback(self) -> bool:
        """True when the area asked for had no wage and the U.S. figure is used."""
        return self.wage.area != self.requested_area

    @property
    def note(self) -> str:
        """What a page should say about where the figure comes from ('' when exact)."""
        parts = []
        if self.rolled_up:
            parts.append(_("Wage for the broader group %(code)s %(title)s.")
                         % {"code": self.wage.occ_code, "title": self.wage.occ_title})
        if self.national_fallback:
            parts.append(_("No figure for this area; U.S. wage shown."))
        return " ".join(parts)


def _usable(wage: Wage) -> bool:
    # A row with every wage suppressed ("*") gives a page nothing; try the next candidate.
    return (wage.annual_median is not None or wage.hourly_median is not None
            or wage.annual_mean is not None or "annual_median" in wage.top_coded)


def roll_up_chains(codes: set[str]) -> dict[str, list[str]]:
    """For each code, itself then its broad and minor groups; one query per level."""
    parent_of: dict[str, str | None] = {}
    frontier = set(codes)
    while frontier:
        rows = SocGroup.objects.filter(code__in=frontier).values_list("code", "parent_id",
                                                                       "parent__level")
        frontier = set()
        for code, parent, parent_level in rows:
            keep = parent if parent_level in ROLL_UP_LEVELS else None
            parent_of[code] = keep
            if keep and keep not in parent_of:
                frontier.add(keep)
    chains = {}
    for code in codes:
        chain, node = [code], parent_of.get(code)
        while node:
            chain.append(node)
            node = parent_of.get(node)
        chains[code] = chain
    return chains


def wages_for(codes: Iterable[str], area: str = NATIONAL) -> dict[str, WageFact]:
    """Wage facts for many SOC (or O*NET-SOC) codes in a few queries, keyed by the codes given.

    Codes with no wage anywhere are left out. Raises ``CodeError`` for a malformed code.
    """
    area = (area or NATIONAL).strip()
    given = {code: soc_code(code) for code in codes}
    chains = roll_up_chains(set(given.values()))
    wanted = {code for chain in chains.values() for code in chain}
    rows = Wage.objects.filter(occ_code__in=wanted, area__in={area, NATIONAL})
    by_key = {(w.area, w.occ_code): w for w in rows if _usable(w)}

    facts = {}
    for original, code in given.items():
        for candidate_area in dict.fromkeys([area, NATIONAL]):
            wage = next((by_key[(candidate_area, c)] for c in chains[code]
                         if (candidate_area, c) in by_key), None)
            if wage is not None:
                facts[original] = WageFact(wage, code, area)
                break
    return facts


def wage_for(code: str, area: str = NATIONAL) -> WageFact | None:
    """The wage for one SOC (or O*NET-SOC) code in an area, or None if OEWS has none."""
    return wages_for([code], area).get(code)
