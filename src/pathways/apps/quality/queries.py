"""Quality reads that depend on who is asking.

Only members of a partnership see anything of its self-assessment; a round, table or action
of another partnership answers 404 (its existence is not revealed). Facilitators see every
figure and every person's ratings; other members see aggregates of closed rounds, with cells
from fewer than three people withheld (see ``frameworks.scoring``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from pathways.apps.accounts.access import RecordAccess, is_console
from pathways.apps.accounts.models import Membership, Partnership
from pathways.apps.accounts.roles import require, role_of, user_can
from pathways.apps.quality import results
from pathways.apps.quality.models import (
    Action,
    FrameworkVersion,
    Rating,
    Round,
    Workshop,
    WorkshopTable,
)
from pathways.frameworks import MIN_CELL, Framework, RoundResult, checksum, load_framework

TAKE_PART = "quality.take_part"
FRAMEWORKS = "quality.frameworks"


@dataclass(frozen=True)
class Access(RecordAccess):
    """Who is asking, in which partnership (and round), with what standing. Only members
    see anything of a partnership's self-assessment (``visible``)."""

    user: Any
    partnership: Partnership
    membership: Membership | None
    round: Round | None = None

    @property
    def visible(self) -> bool:
        return self.membership is not None

    @property
    def is_facilitator(self) -> bool:
        return self.membership is not None and self.membership.is_facilitator

    @property
    def may_manage_frameworks(self) -> bool:
        return self.is_facilitator or user_can(self.user, FRAMEWORKS)

    @property
    def min_cell(self) -> int:
        """Facilitators see every figure; other members none from fewer than three people."""
        return 1 if self.is_facilitator else MIN_CELL

    @property
    def sees_results(self) -> bool:
        # Members see results once a round is closed: figures that change while people are
        # still rating would let anyone work out the latest person's rating by difference.
        return self.round is not None and (self.is_facilitator or not self.round.is_open)


def partnerships_for(user: Any) -> QuerySet[Partnership]:
    if not user_can(user, TAKE_PART):
        return Partnership.objects.none()
    return Partnership.objects.filter(memberships__user=user).order_by("name")


def _membership(user: Any, partnership_id: int) -> Membership:
    require(user, TAKE_PART)
    found = (Membership.objects.select_related("partnership")
             .filter(user=user, partnership_id=partnership_id).first())
    if found is None:
        raise Http404("No such partnership")
    return found


def access_for(user: Any, partnership: Partnership, round: Round | None = None) -> Access:
    """``user``'s access to ``partnership`` (and ``round``), member or not: actions refuse
    a non-member's."""
    membership = Membership.objects.filter(user=user, partnership=partnership).first() \
        if getattr(user, "pk", None) else None
    return Access(user, partnership, membership, round)


@dataclass(frozen=True)
class FrameworksAccess(RecordAccess):
    """Loading framework versions: a partnership's own (its facilitators and staff with
    ``quality.frameworks``), or shared with every partnership (administrators and the
    console)."""

    user: Any
    partnership: Partnership | None
    membership: Membership | None

    @property
    def visible(self) -> bool:
        return self.partnership is None or self.membership is not None \
            or self._administers

    @property
    def _administers(self) -> bool:
        return is_console(self.user) or role_of(self.user) == "administrator"

    @property
    def may_manage(self) -> bool:
        if self.partnership is None or self._administers:
            return self._administers
        return (self.membership is not None and self.membership.is_facilitator) \
            or user_can(self.user, FRAMEWORKS)


def frameworks_access(user: Any, partnership: Partnership | None = None) -> FrameworksAccess:
    membership = None
    if partnership is not None and getattr(user, "pk", None):
        membership = Membership.objects.filter(user=user, partnership=partnership).first()
    return FrameworksAccess(user, partnership, membership)


def get_partnership_for(user: Any, pk: int) -> Access:
    membership = _membership(user, pk)
    return Access(user, membership.partnership, membership)


def get_round_for(user: Any, pk: int) -> Access:
    """The round if ``user`` is a member of its partnership; Http404 otherwise."""
    require(user, TAKE_PART)
    found = (Round.objects.select_related("framework", "partnership")
             .filter(pk=pk, partnership__memberships__user=user).first())
    if found is None:
        raise Http404("No such round")
    membership = Membership.objects.get(user=user, partnership=found.partnership)
    return Access(user, found.partnership, membership, found)


def require_facilitator(access: Access) -> None:
    if not access.is_facilitator:
        raise PermissionDenied("only the partnership's facilitators may do this")


def require_results(access: Access) -> None:
    if not access.sees_results:
        raise PermissionDenied("results are shown to members once the round is closed")


def rounds_of(access: Access) -> QuerySet[Round]:
    return access.partnership.quality_rounds.select_related("framework")


def open_rounds_of(partnership: Partnership) -> QuerySet[Round]:
    """A partnership's open rounds (for a member's list of partnerships)."""
    return partnership.quality_rounds.filter(status=Round.Status.OPEN)


def round_of(access: Access, pk: int) -> Round | None:
    """One of the partnership's rounds, or None (an action's origin names it by id)."""
    return rounds_of(access).filter(pk=pk).first()


def members_of(partnership: Partnership) -> list[Any]:
    return [m.user for m in partnership.memberships.select_related("user")
            .order_by("user__username")]


def is_member(partnership: Partnership, user: Any) -> bool:
    return partnership.memberships.filter(user=user).exists()


# -- frameworks -----------------------------------------------------------------------
def _visible_versions(partnership: Partnership) -> QuerySet[FrameworkVersion]:
    return FrameworkVersion.objects.filter(Q(partnership=partnership)
                                           | Q(partnership__isnull=True))


def frameworks_for(partnership: Partnership) -> list[FrameworkVersion]:
    """The current version of each framework key: the partnership's own newest version if it
    has one (it replaces the shared one), else the newest shared version."""
    current: dict[str, FrameworkVersion] = {}
    for version in _visible_versions(partnership).order_by("-loaded_at", "-id"):
        held = current.get(version.key)
        if held is None or (held.partnership_id is None and version.partnership_id):
            current[version.key] = version
    order = {partnership.scope: 0, "any": 1}
    return sorted(current.values(), key=lambda v: (order.get(v.level, 2), v.title))


def versions_for(partnership: Partnership) -> QuerySet[FrameworkVersion]:
    return _visible_versions(partnership).order_by("key", "-loaded_at", "-id")


def get_framework_for(access: Access, pk: int) -> FrameworkVersion:
    found = _visible_versions(access.partnership).filter(pk=pk).first()
    if found is None:
        raise Http404("No such framework")
    return found


def existing_version(key: str, version: str, partnership: Partnership | None
                     ) -> FrameworkVersion | None:
    """The stored version a file with this key and version would be: the partnership's own,
    else the shared one (a partnership cannot shadow a shared version with other text)."""
    found = FrameworkVersion.objects.filter(key=key, version=version)
    if partnership is not None:
        own = found.filter(partnership=partnership).first()
        if own is not None:
            return own
    return found.filter(partnership__isnull=True).first()


@dataclass(frozen=True)
class Preview:
    """What loading a framework file would do, without doing it."""

    framework: Framework
    outcome: str  # "add", "replace", "same"
    current: FrameworkVersion | None
    open_rounds: int


def framework_preview(text: str, name: str, partnership: Partnership | None) -> Preview:
    """Validate ``text`` and say whether it adds a framework, replaces the current version or
    is already loaded. Raises InputError (file, line, field) and writes nothing."""
    framework = load_framework(name, text)
    scope = Q(partnership=partnership) if partnership else Q(partnership__isnull=True)
    same = existing_version(framework.key, framework.version, partnership)
    if partnership is not None:
        current = next((v for v in frameworks_for(partnership) if v.key == framework.key), None)
    else:
        current = (FrameworkVersion.objects.filter(scope, key=framework.key)
                   .order_by("-loaded_at", "-id").first())
    if same is not None and same.checksum == checksum(text):
        outcome = "same"
    elif current is None:
        outcome = "add"
    else:
        outcome = "replace"
    open_rounds = Round.objects.filter(framework__key=framework.key,
                                       status=Round.Status.OPEN)
    if partnership is not None:
        open_rounds = open_rounds.filter(partnership=partnership)
    return Preview(framework, outcome, current, open_rounds.count())


# -- ratings and results ----------------------------------------------------------------
def my_ratings(access: Access) -> dict[str, Rating]:
    return {r.indicator: r for r in access.round.ratings.filter(member=access.user)}


@dataclass(frozen=True)
class Progress:
    members: int
    raters: int
    mine: int
    indicators: int


def progress(access: Access) -> Progress:
    rated = access.round.ratings.exclude(value="")
    return Progress(access.partnership.memberships.count(),
                    rated.values("member").distinct().count(),
                    rated.filter(member=access.user).count(),
                    len(access.round.definition().indicator_keys()))


def raters(access: Access) -> list[tuple[Any, int]]:
    """Each member with how many indicators they have rated (facilitators only)."""
    require_facilitator(access)
    counts: dict[int, int] = {}
    for member_id in access.round.ratings.exclude(value="").values_list("member_id", flat=True):
        counts[member_id] = counts.get(member_id, 0) + 1
    return [(user, counts.get(user.pk, 0)) for user in members_of(access.partnership)]


def results_for(access: Access) -> RoundResult:
    """The round's results as this person may see them."""
    require_results(access)
    return results.score(access.round, access.min_cell)


def individual_ratings(access: Access) -> QuerySet[Rating]:
    """Every person's ratings: for the facilitator only."""
    require_facilitator(access)
    return access.round.ratings.select_related("member").order_by("member__username", "id")


def earlier_rounds(access: Access) -> list[Round]:
    """Rounds of the same framework in this partnership up to this one, oldest first; only
    closed ones (plus this one for a facilitator)."""
    found = (rounds_of(access).filter(framework__key=access.round.framework.key,
                                      opened_at__lte=access.round.opened_at)
             .exclude(pk=access.round.pk).filter(status=Round.Status.CLOSED)
             .order_by("opened_at", "id"))
    return [*found, access.round]


def trend_for(access: Access) -> list[tuple[Round, RoundResult]]:
    require_results(access)
    return [(r, results.score(r, access.min_cell)) for r in earlier_rounds(access)]


@dataclass(frozen=True)
class Change:
    """What changed between a partnership's last two closed rounds on one framework."""

    framework: str
    before: Round
    after: Round
    trends: list[tuple[str, float | None, float | None, float | None]]  # title, was, is, +/-
    actions_done: list[Action]


def changes_since_last_round(access: Access) -> list[Change]:
    from pathways.frameworks import criterion_trends

    closed = list(rounds_of(access).filter(status=Round.Status.CLOSED)
                  .order_by("-opened_at", "-id"))
    changes = []
    seen: set[str] = set()
    for latest in closed:
        key = latest.framework.key
        if key in seen:
            continue
        seen.add(key)
        previous = next((r for r in closed if r.framework.key == key
                         and r.opened_at < latest.opened_at), None)
        if previous is None:
            continue
        pair = [results.score(previous, access.min_cell), results.score(latest, access.min_cell)]
        framework = pair[1].framework
        rows = []
        for trend in criterion_trends(pair):
            title = framework.criterion(trend.criterion).title
            rows.append((title, trend.means[0], trend.means[1], trend.last_change))
        done = list(access.partnership.quality_actions.filter(
            status=Action.Status.DONE, completed_at__gte=previous.closed_at or previous.opened_at)
            .select_related("owner"))
        changes.append(Change(framework.title, previous, latest, rows, done))
    return changes


# -- action plans and workshop tables ------------------------------------------------------
def actions_for(access: Access, open_only: bool = False) -> QuerySet[Action]:
    found = access.partnership.quality_actions.select_related("owner", "round", "round__framework")
    if open_only:
        found = found.filter(status__in=Action.OPEN_STATUSES)
    return found


def get_action_for(user: Any, pk: int) -> tuple[Access, Action]:
    require(user, TAKE_PART)
    found = (Action.objects.select_related("partnership", "owner", "round")
             .filter(pk=pk, partnership__memberships__user=user).first())
    if found is None:
        raise Http404("No such action")
    return get_partnership_for(user, found.partnership_id), found


def may_edit_action(access: Access, action: Action) -> bool:
    return access.is_facilitator or access.user.pk in {action.owner_id, action.created_by_id}


def get_table_for(user: Any, pk: int) -> tuple[Access, WorkshopTable]:
    require(user, TAKE_PART)
    found = (WorkshopTable.objects.select_related("workshop__round")
             .filter(pk=pk, workshop__round__partnership__memberships__user=user).first())
    if found is None:
        raise Http404("No such table")
    return get_round_for(user, found.workshop.round_id), found


def workshop_of(access: Access) -> Workshop | None:
    return Workshop.objects.filter(round=access.round).first()


def is_seated(access: Access, table: WorkshopTable) -> bool:
    return table.members.filter(pk=access.user.pk).exists()


def may_record_for(access: Access, table: WorkshopTable) -> bool:
    return access.is_facilitator or is_seated(access, table)


def room_results_for(access: Access) -> RoundResult | None:
    """The members' ratings as the report-out shows them to the whole room: only once the
    round is closed, and with small cells withheld even for the facilitator, because the
    page is meant for a projector."""
    if access.round is None or access.round.is_open:
        return None
    return results.score(access.round, MIN_CELL)
