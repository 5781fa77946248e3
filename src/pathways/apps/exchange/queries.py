"""Exchange reads that depend on who is asking: the partnerships an upload may go into,
and one's own import jobs."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from pathways.apps.accounts.models import Partnership
from pathways.apps.accounts.roles import role_of
from pathways.apps.catalog.models import Pathway
from pathways.apps.catalog.queries import PathwayAccess, new_pathway_access
from pathways.apps.exchange.models import ExchangeJob


def import_partnerships(user: Any) -> QuerySet[Partnership]:
    """Where an import may create drafts: the partnerships ``user`` is a member of (every
    one for an administrator)."""
    if role_of(user) == "administrator" or getattr(user, "is_superuser", False):
        return Partnership.objects.order_by("name")
    return Partnership.objects.filter(memberships__user=user).order_by("name").distinct()


def import_access(user: Any, partnership_id: int | None) -> PathwayAccess:
    """Access for importing new drafts into a partnership (the action checks it)."""
    return new_pathway_access(user, partnership_id)


def import_job_for(user: Any, pk: int) -> ExchangeJob:
    """One's own CTDL import job; Http404 for anyone else's (not revealed)."""
    try:
        return ExchangeJob.objects.get(pk=pk, kind=ExchangeJob.Kind.CTDL_IMPORT,
                                       started_by_id=getattr(user, "pk", None))
    except ExchangeJob.DoesNotExist:
        raise Http404("No such import") from None


def drafts_of(job: ExchangeJob) -> list[Pathway]:
    """The pathways a succeeded import wrote, in the order of its report."""
    ctids = [item.get("ctid") for item in job.report.get("pathways", [])]
    found = {p.ctid: p for p in Pathway.objects.filter(ctid__in=ctids)}
    return [found[c] for c in ctids if c in found]
