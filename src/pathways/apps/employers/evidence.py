"""Employer commitments as evidence for criterion 2 of the self-assessment
(quality.evidence): each commitment with how much of it is used, counted from participants'
records (``counting``), never typed. Shown beside the ratings, never scored."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from pathways.apps.employers import counting, queries
from pathways.apps.quality import evidence
from pathways.apps.quality.evidence import Item, Question


def used_text(commitment, found: counting.Fulfilment | None) -> str:
    if found is not None and found.quantity:
        return _("%(used)s of %(quantity)s used (%(what)s)") % {
            "used": found.used, "quantity": found.quantity,
            "what": commitment.get_kind_display().lower()}
    if found is not None:
        return _("%(used)s used so far") % {"used": found.used}
    if commitment.quantity:
        return _("%(quantity)s promised (not counted from records)") % {
            "quantity": commitment.quantity}
    return str(commitment.get_status_display())


def period_text(commitment) -> str:
    if commitment.ends_on:
        return _("%(start)s to %(end)s") % {"start": commitment.starts_on.isoformat(),
                                            "end": commitment.ends_on.isoformat()}
    return _("from %(start)s") % {"start": commitment.starts_on.isoformat()}


@evidence.provides(2)
def commitments(question: Question) -> list[Item]:
    partnership = question.partnership
    found = list(queries.commitments_of(partnership))
    if not found:
        return [Item(_("Employer commitments"), _("No employer commitments recorded yet."),
                     reverse("employers:list", args=[partnership.pk]), warning=True)]
    return [Item(f"{c.employer.organisation.name}: {c.get_kind_display()}",
                 " · ".join((used_text(c, f), c.pathway.name, period_text(c),
                             str(c.get_status_display()))),
                 reverse("employers:commitment", args=[partnership.pk, c.pk]))
            for c, f in counting.fulfilments(found, partnership)]
