"""What a public pathway page shows of employers: those who hire from the pathway or offer
paid training (public commitments, pledged or active only), and each exit's hiring
requirements."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from pathways.apps.employers.models import Commitment, HiringRequirement

K = Commitment.Kind
# Plain words for the public page, in the order shown.
PUBLIC_KINDS = {
    K.HIRING: _("Plans to hire people from this pathway"),
    K.INTERVIEWS: _("Promises a job interview to people from this pathway"),
    K.APPRENTICESHIP: _("Offers paid apprenticeships: you earn while you learn"),
    K.OJT: _("Offers paid training on the job"),
    K.TUITION: _("Helps pay for classes"),
}
SHOWN_STATUSES = [Commitment.Status.PLEDGED, Commitment.Status.ACTIVE]


@dataclass
class PublicEmployer:
    name: str
    website: str
    offers: list[str] = field(default_factory=list)


@dataclass
class PathwayEmployers:
    employers: list[PublicEmployer]
    requirements: dict[int, list[HiringRequirement]]

    def for_exit(self, exit_id: int) -> list[HiringRequirement]:
        return self.requirements.get(exit_id, [])


def pathway_employers(pathway) -> PathwayEmployers:
    """Employers and requirements of a live pathway (a working copy shows none)."""
    if pathway.draft_of_id is not None:
        return PathwayEmployers([], {})
    order = list(PUBLIC_KINDS)
    found: dict[int, PublicEmployer] = {}
    commitments = (Commitment.objects.filter(pathway=pathway, is_public=True,
                                             status__in=SHOWN_STATUSES, kind__in=order)
                   .select_related("employer__organisation")
                   .order_by("employer__organisation__name"))
    for commitment in commitments:
        organisation = commitment.employer.organisation
        shown = found.setdefault(organisation.pk, PublicEmployer(organisation.name,
                                                                 organisation.website))
        offer = PUBLIC_KINDS[commitment.kind]
        if offer not in shown.offers:
            shown.offers.append(offer)
    for shown in found.values():
        shown.offers.sort(key=lambda offer: [str(o) for o in PUBLIC_KINDS.values()].index(
            str(offer)))
    requirements: dict[int, list[HiringRequirement]] = {}
    for requirement in (HiringRequirement.objects.filter(exit_point__pathway=pathway)
                        .select_related("employer__organisation")):
        requirements.setdefault(requirement.exit_point_id, []).append(requirement)
    return PathwayEmployers(list(found.values()), requirements)
