"""The funding map as evidence for criterion 3 of the self-assessment (resources and braided
funding; quality.evidence): for each published pathway, how many of its steps and services
with a cost some stream can or may pay, the gaps by name, and the totals awarded by stream.
Shown beside the ratings, never scored."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from pathways.apps.funding.fundingmap import published_coverage
from pathways.apps.funding.queries import totals_by_stream
from pathways.apps.quality import evidence
from pathways.apps.quality.evidence import Item, Question


@evidence.provides(3)
def funding_coverage(question: Question) -> list[Item]:
    partnership = question.partnership
    found = []
    for line in published_coverage(partnership.pk):
        detail = _("%(covered)s of %(costed)s steps and services with a cost have a stream "
                   "that can or may pay") % {"covered": line.covered, "costed": line.costed}
        if line.gaps:
            detail += " · " + _("no stream for: %(names)s") % {"names": ", ".join(line.gaps)}
        found.append(Item(_("Funding map: %(name)s") % {"name": line.pathway.name}, detail,
                          reverse("funding:pathway_map", args=[line.pathway.slug]),
                          warning=bool(line.gaps)))
    if not found:
        found.append(Item(_("Funding map"), _("No published pathway to map yet.")))
    totals = totals_by_stream(partnership)
    if totals:
        found.append(Item(_("Awards recorded on participants' plans"), " · ".join(
            f"{t.title}: ${t.amount:,.0f}" for t in totals),
            reverse("funding:partnership", args=[partnership.pk])))
    return found
