"""Funding reads that depend on who is asking.

A participant's awards are part of their record: seen through the cases app's access
(``cases.queries``). A partnership's own streams and its totals by stream are for its
members; a non-member gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.http import Http404

from pathways.apps.accounts.access import RecordAccess, is_console
from pathways.apps.accounts.models import Membership, Partnership
from pathways.apps.accounts.roles import require, user_can
from pathways.apps.cases.queries import ParticipantAccess
from pathways.apps.funding.models import Award, PartnershipStream
from pathways.apps.funding.registry import streams_for

VIEW = "funding.view"
AWARD = "funding.award"
STREAMS = "funding.streams"


@dataclass(frozen=True)
class FundingAccess(RecordAccess):
    """One person's access to one partnership's funding: members see it; people whose role
    grants ``funding.streams`` add and replace its own streams."""

    user: Any
    partnership: Partnership
    membership: Membership | None

    @property
    def visible(self) -> bool:
        return self.membership is not None or is_console(self.user)

    @property
    def may_manage_streams(self) -> bool:
        return user_can(self.user, STREAMS)


def partnerships_for(user: Any):
    if not user_can(user, VIEW):
        return Partnership.objects.none()
    return Partnership.objects.filter(memberships__user=user).order_by("name")


def funding_access(user: Any, partnership: Partnership) -> FundingAccess:
    membership = Membership.objects.filter(user=user, partnership=partnership).first() \
        if getattr(user, "pk", None) else None
    return FundingAccess(user, partnership, membership)


def get_partnership_for(user: Any, pk: int) -> FundingAccess:
    """The partnership if ``user`` is a member; Http404 otherwise."""
    require(user, VIEW)
    membership = (Membership.objects.select_related("partnership")
                  .filter(user=user, partnership_id=pk).first())
    if membership is None:
        raise Http404("No such partnership")
    return FundingAccess(user, membership.partnership, membership)


@dataclass(frozen=True)
class StreamTotal:
    key: str
    title: str
    awards: int
    participants: int
    amount: Decimal


def totals_by_stream(partnership: Partnership) -> list[StreamTotal]:
    """What has been awarded to participants enrolled by the partnership's organisations,
    by stream: counts and sums only, never a person."""
    streams = streams_for([partnership])
    rows = (Award.objects.filter(participant__enrolled_by__partnerships=partnership)
            .values("stream").annotate(awards=Count("pk"),
                                       people=Count("participant", distinct=True),
                                       amount=Sum("amount")).order_by("stream"))
    return [StreamTotal(r["stream"], streams[r["stream"]].title if r["stream"] in streams
                        else r["stream"], r["awards"], r["people"], r["amount"])
            for r in rows]


def own_stream_rows(partnership: Partnership):
    return PartnershipStream.objects.filter(partnership=partnership).order_by("key")


def awards_of(participant) -> list[Award]:
    return list(Award.objects.filter(participant=participant)
                .select_related("component").order_by("awarded_on", "pk"))


def award_of(access: ParticipantAccess, pk: int) -> Award:
    """One of the participant's awards; Http404 for another's or none."""
    found = Award.objects.filter(pk=pk, participant=access.participant).first()
    if found is None:
        raise Http404("No such award")
    return found
