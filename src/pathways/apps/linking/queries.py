"""Who may link which partnership's files, and reads of its linkage runs.

A person links a partnership's partner files when their role grants ``linkage.run`` and
they are a member of the partnership (administrators: every partnership), as for the
measures (``reports.queries``). Identifying values of a pair under review are shown only to
roles that may see participants' identifying data; everyone else sees them masked (ADR
0053)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from pathways.apps.accounts.access import RecordAccess
from pathways.apps.accounts.models import Partnership
from pathways.apps.accounts.roles import role_of, user_can
from pathways.apps.linking.models import CandidatePair, LinkageRun

LINK = "linkage.run"
IDENTITIES = ("cases.view_all_participants", "cases.view_participants")


def partnerships_for(user: Any) -> QuerySet[Partnership]:
    if not user_can(user, LINK):
        return Partnership.objects.none()
    if role_of(user) == "administrator":
        return Partnership.objects.all()
    return Partnership.objects.filter(memberships__user=user).distinct()


@dataclass(frozen=True)
class LinkingAccess(RecordAccess):
    """One person's access to a partnership's linkage runs."""

    user: Any
    partnership: Partnership
    visible: bool

    @property
    def may_see_identities(self) -> bool:
        """Names, birth dates and contacts of a pair shown in full (each view audited)."""
        return self.visible and any(user_can(self.user, p) for p in IDENTITIES)

    def owns(self, run: LinkageRun) -> bool:
        return run.partnership_id == self.partnership.pk


def linking_access(user: Any, partnership: Partnership) -> LinkingAccess:
    seen = partnerships_for(user).filter(pk=partnership.pk).exists()
    return LinkingAccess(user, partnership, seen)


def get_linking_access(user: Any, pk: int) -> LinkingAccess:
    """403 without the permission; 404 for a partnership one is not part of."""
    if not user_can(user, LINK):
        raise PermissionDenied(f"missing permission {LINK}")
    try:
        return LinkingAccess(user, partnerships_for(user).get(pk=pk), True)
    except Partnership.DoesNotExist:
        raise Http404("No such partnership") from None


def runs_of(partnership: Partnership) -> QuerySet[LinkageRun]:
    return partnership.linkage_runs.annotate(
        review_count=Count("pairs", filter=Q(pairs__suggested="review")),
        undecided=Count("pairs", filter=Q(pairs__suggested="review", pairs__decision="")))


def get_run(user: Any, pk: int, run_pk: int) -> tuple[LinkingAccess, LinkageRun]:
    access = get_linking_access(user, pk)
    found = runs_of(access.partnership).filter(pk=run_pk).first()
    if found is None:
        raise Http404("No such linkage run")
    return access, found


def get_pair(user: Any, pk: int, run_pk: int, pair_pk: int
             ) -> tuple[LinkingAccess, LinkageRun, CandidatePair]:
    access, run = get_run(user, pk, run_pk)
    pair = run.pairs.filter(pk=pair_pk).first()
    if pair is None:
        raise Http404("No such pair")
    return access, run, pair


def review_queue(run: LinkageRun) -> QuerySet[CandidatePair]:
    """The pairs the model was unsure of, undecided first, most likely first."""
    return run.pairs.filter(suggested="review").order_by("decision", "-probability", "pk")


def next_undecided(run: LinkageRun, after: CandidatePair | None = None
                   ) -> CandidatePair | None:
    queue = review_queue(run).filter(decision="")
    if after is not None:
        queue = queue.exclude(pk=after.pk)
    return queue.first()


def pair_tuples(run: LinkageRun) -> list[tuple[str, str, str, str]]:
    return list(run.pairs.values_list("left", "right", "suggested", "decision"))
