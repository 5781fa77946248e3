"""Partnership reads that depend on who is asking.

Members of a partnership (and administrators) see its vision, members, agreements and
policy register; anyone else gets 404 (its existence is not revealed). Changes need
``partnership.edit`` (editors and administrators), checked again by the actions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from pathways.apps.accounts.access import RecordAccess, is_console
from pathways.apps.accounts.models import Membership, Organisation, Partnership
from pathways.apps.accounts.roles import require, role_of, user_can
from pathways.apps.partnership.models import Agreement, MemberRoles, PolicyItem, Vision

VIEW = "partnership.view"
EDIT = "partnership.edit"
STATE_VIEW = "partnership.state_view"


def _all_seeing(user: Any) -> bool:
    return is_console(user) or role_of(user) == "administrator"


@dataclass(frozen=True)
class Access(RecordAccess):
    """One person's access to one partnership's own records."""

    user: Any
    partnership: Partnership
    is_member: bool

    @property
    def visible(self) -> bool:
        return self.is_member or _all_seeing(self.user)

    @property
    def may_edit(self) -> bool:
        return self.visible and user_can(self.user, EDIT)


def access_for(user: Any, partnership: Partnership) -> Access:
    member = bool(getattr(user, "pk", None)) and Membership.objects.filter(
        user=user, partnership=partnership).exists()
    return Access(user, partnership, member)


def partnerships_for(user: Any) -> QuerySet[Partnership]:
    if not user_can(user, VIEW):
        return Partnership.objects.none()
    if _all_seeing(user):
        return Partnership.objects.order_by("name")
    return Partnership.objects.filter(memberships__user=user).order_by("name").distinct()


def get_access(user: Any, pk: int) -> Access:
    """Access to partnership ``pk``; 404 unless the person may see it."""
    require(user, VIEW)
    found = partnerships_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such partnership")
    return access_for(user, found)


def vision_of(partnership: Partnership) -> Vision | None:
    return Vision.objects.filter(partnership=partnership).first()


@dataclass(frozen=True)
class Member:
    organisation: Organisation
    roles: MemberRoles | None


def members_of(partnership: Partnership) -> list[Member]:
    """Every member organisation with its roles (if any are recorded)."""
    roles = {r.organisation_id: r for r in partnership.member_roles.all()}
    return [Member(o, roles.get(o.pk)) for o in partnership.organisations.order_by("name")]


def organisations() -> QuerySet[Organisation]:
    """Organisations an editor may add to a partnership (any; the list is short)."""
    return Organisation.objects.order_by("name")


def agreements_of(partnership: Partnership) -> QuerySet[Agreement]:
    return partnership.agreements.prefetch_related("parties")


def get_agreement(user: Any, pk: int) -> tuple[Access, Agreement]:
    require(user, VIEW)
    found = Agreement.objects.select_related("partnership").filter(pk=pk).first()
    if found is None:
        raise Http404("No such agreement")
    access = access_for(user, found.partnership)
    if not access.visible:
        raise Http404("No such agreement")
    return access, found


@dataclass(frozen=True)
class Due:
    """One agreement's reminder, for a list of what is due."""

    partnership: Partnership
    agreement: Agreement
    what: str  # "review" or "ends"
    on: dt.date
    overdue: bool


def due_for(partnerships: list[Partnership] | QuerySet[Partnership], today: dt.date
            ) -> list[Due]:
    """What is due on the agreements of ``partnerships``, soonest first."""
    found = []
    for agreement in Agreement.objects.filter(partnership__in=list(partnerships)) \
            .select_related("partnership"):
        for reminder in agreement.reminders(today):
            found.append(Due(agreement.partnership, agreement, reminder.what, reminder.on,
                             reminder.overdue))
    return sorted(found, key=lambda d: (d.on, d.agreement.title))


@dataclass(frozen=True)
class PolicyFilter:
    category: str = ""
    status: str = ""
    level: str = ""


def policies_of(partnership: Partnership, chosen: PolicyFilter = PolicyFilter()
                ) -> QuerySet[PolicyItem]:
    found = partnership.policy_items.select_related("owner").prefetch_related(
        "indicators", "actions")
    for field in ("category", "status", "level"):
        value = getattr(chosen, field)
        if value:
            found = found.filter(**{field: value})
    return found


def get_policy(user: Any, pk: int) -> tuple[Access, PolicyItem]:
    require(user, VIEW)
    found = PolicyItem.objects.select_related("partnership").filter(pk=pk).first()
    if found is None:
        raise Http404("No such policy item")
    access = access_for(user, found.partnership)
    if not access.visible:
        raise Http404("No such policy item")
    return access, found


def indicator_choices(partnership: Partnership) -> list[tuple[str, str]]:
    """Criteria and indicators of the frameworks the partnership uses, as
    ``framework:criterion[:indicator]`` values with readable labels."""
    from pathways.apps.quality.queries import frameworks_for

    found = []
    for version in frameworks_for(partnership):
        framework = version.definition()
        for criterion in framework.criteria:
            found.append((f"{framework.key}:{criterion.key}",
                          f"{framework.title} · {criterion.title}"))
            for indicator in criterion.indicators:
                found.append((f"{framework.key}:{criterion.key}:{indicator.key}",
                              f"{framework.title} · {indicator.key}: {indicator.text}"))
    return found


def action_choices(partnership: Partnership) -> list[tuple[int, str]]:
    return [(a.pk, a.title) for a in partnership.quality_actions.order_by("title", "pk")]


@dataclass(frozen=True)
class StateAccess:
    """One person's view of a state partnership and the local partnerships that name it:
    the scope is decided here, once; ``partnership.state`` reads only ``locals``."""

    user: Any
    partnership: Partnership
    locals: tuple[Partnership, ...]


def state_partnerships_for(user: Any) -> QuerySet[Partnership]:
    """State partnerships whose locals ``user`` may see: administrators every one, analysts
    those they are members of."""
    if not user_can(user, STATE_VIEW):
        return Partnership.objects.none()
    states = Partnership.objects.filter(scope=Partnership.Scope.STATE).order_by("name")
    if _all_seeing(user):
        return states
    return states.filter(memberships__user=user).distinct()


def get_state_access(user: Any, pk: int) -> StateAccess:
    """403 without ``partnership.state_view``; 404 for a state partnership the person is not
    a member of (and for a local one)."""
    require(user, STATE_VIEW)
    found = state_partnerships_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such state partnership")
    return StateAccess(user, found, tuple(found.local_partnerships.order_by("name")))
