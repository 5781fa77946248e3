"""Catalog reads that depend on who is asking.

Everyone sees published pathways; people whose role grants ``catalog.view_draft`` see
drafts too. Views call these and never filter by status themselves, so the rule lives
in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from pathways.apps.accounts.access import RecordAccess, is_console
from pathways.apps.accounts.models import Membership, Partnership
from pathways.apps.accounts.roles import role_of, user_can
from pathways.apps.catalog.models import (
    Occupation,
    OccupationAltTitle,
    Pathway,
    PathwayComponent,
    PathwayVersion,
    Program,
    ReviewComment,
    Sector,
)

VIEW_DRAFT = "catalog.view_draft"
MAX_VERSION = 2**31 - 1


def sees_drafts(user: Any) -> bool:
    return user_can(user, VIEW_DRAFT)


def _visible_q(user: Any, prefix: str = "") -> Q:
    """The filter that keeps what ``user`` may see; ``prefix`` reaches pathways from elsewhere.

    A working copy (the next version of a published pathway, ADR 0041) is never listed
    here, for anyone: the workspace reads it through ``workspace_pathways``. Archived
    pathways are listed for nobody."""
    live = Q(**{f"{prefix}draft_of__isnull": True})
    if sees_drafts(user):
        return live & ~Q(**{f"{prefix}status": Pathway.Status.ARCHIVED})
    return live & Q(**{f"{prefix}status": Pathway.Status.PUBLISHED})


def visible_pathways(user: Any) -> QuerySet[Pathway]:
    """Published pathways for everyone; drafts too for people who may see them."""
    return Pathway.objects.filter(_visible_q(user)).select_related("sector")


def plannable_pathways(user: Any) -> QuerySet[Pathway]:
    """Pathways a participant's plan may aim at: published ones only, even for people who
    see drafts (a draft may still change under the plan)."""
    return visible_pathways(user).filter(status=Pathway.Status.PUBLISHED)


def get_pathway_for(user: Any, slug: str) -> Pathway:
    """The pathway with ``slug`` if ``user`` may see it; Http404 otherwise.

    A draft answers 404, not 403, so its existence is not revealed. People who see drafts
    may still open an archived pathway (a plan made on it links to it).
    """
    found = Pathway.objects.filter(_visible_q(user))
    if sees_drafts(user):
        found = Pathway.objects.filter(draft_of__isnull=True)
    try:
        return found.select_related("sector", "owner").get(slug=slug)
    except Pathway.DoesNotExist:
        raise Http404("No such pathway") from None


def sectors_with_counts(user: Any) -> QuerySet[Sector]:
    """Sectors that have at least one pathway ``user`` may see, with ``pathway_count``."""
    counted = Count("pathways", filter=_visible_q(user, "pathways__"), distinct=True)
    return Sector.objects.annotate(pathway_count=counted).filter(pathway_count__gt=0)


def get_sector_for(user: Any, slug: str) -> tuple[Sector, QuerySet[Pathway]]:
    """A sector and the pathways in it that ``user`` may see; Http404 for an unknown slug."""
    try:
        sector = Sector.objects.get(slug=slug)
    except Sector.DoesNotExist:
        raise Http404("No such sector") from None
    return sector, visible_pathways(user).filter(sector=sector)


def pathways_leading_to(user: Any, occupation: Occupation) -> QuerySet[Pathway]:
    """Visible pathways with an exit point into ``occupation``."""
    return visible_pathways(user).filter(exit_points__occupation=occupation).distinct()


def occupation_count() -> int:
    return Occupation.objects.count()


def occupation_matches(query: str) -> Q:
    """Occupations whose title or one of its O*NET alternate titles ("Certified Nursing
    Assistant (CNA)", short "CNA") holds ``query``, or whose O*NET-SOC code starts with it
    (``31-1131`` or ``31-1131.00``)."""
    query = query.strip()
    alternates = OccupationAltTitle.objects.filter(
        Q(title__icontains=query) | Q(short_title__icontains=query)).values("occupation_id")
    return Q(title__icontains=query) | Q(code__startswith=query) | Q(code__in=alternates)


def search_occupations(query: str) -> QuerySet[Occupation]:
    """Occupations found by title, O*NET alternate title or O*NET-SOC code
    (``occupation_matches``); all of them for an empty query."""
    found = Occupation.objects.order_by("title")
    if query.strip():
        found = found.filter(occupation_matches(query))
    return found


def get_occupation(code: str) -> Occupation:
    """An occupation by O*NET-SOC code; Http404 for an unknown one."""
    try:
        return Occupation.objects.select_related("soc").get(code=code)
    except Occupation.DoesNotExist:
        raise Http404("No such occupation") from None


def programs_for_occupation(occupation: Occupation) -> QuerySet[Program]:
    """Programs whose CIP code the NCES crosswalk links to the occupation's SOC code.

    Programs carry no draft state: a program is a public offering whether or not a
    pathway that uses it is published.
    """
    return (Program.objects.filter(cip__soc_links__soc_id=occupation.soc_code)
            .select_related("provider", "cip", "credential").distinct())


# -- access for writes (what imports and exports take) ------------------------------------
@dataclass(frozen=True)
class CatalogAccess(RecordAccess):
    """One person's access to the catalog's pathways: they see published ones (drafts with
    ``catalog.view_draft``) and change those of partnerships they are a member of, or
    pathways of no partnership; administrators (and the console) change any."""

    user: Any
    visible: bool = True

    def sees(self, pathway: Pathway) -> bool:
        return pathway.is_published or sees_drafts(self.user)

    def may_change(self, pathway: Pathway) -> bool:
        """May change the pathway's rows; a published one only through a working copy
        (``catalog.lifecycle.working_copy_of``)."""
        if not self.sees(pathway):
            return False
        if role_of(self.user) == "administrator" or pathway.partnership_id is None:
            return True
        return Membership.objects.filter(user=self.user,
                                         partnership_id=pathway.partnership_id).exists()


def catalog_access(user: Any) -> CatalogAccess:
    return CatalogAccess(user)


def pathways_by_slug(user: Any, slugs: list[str] | None = None) -> QuerySet[Pathway]:
    """Visible pathways (all, or those with ``slugs``), for an export."""
    found = visible_pathways(user).select_related("owner").order_by("slug")
    return found.filter(slug__in=slugs) if slugs else found


# -- access to one pathway in the partnership workspace (issue 17) ------------------------
EDIT = "catalog.edit"
PUBLISH = "catalog.publish"


@dataclass(frozen=True)
class PathwayAccess(RecordAccess):
    """One person's access to one pathway in the workspace.

    ``pathway`` is None when they are about to create one in ``partnership_id``. A member
    is someone in the pathway's partnership (administrators and the console count as
    members of every one). Only a draft is edited in place; a published pathway changes
    through a working copy (``catalog.lifecycle``)."""

    user: Any
    pathway: Pathway | None
    visible: bool
    member: bool
    partnership_id: int | None = None

    @property
    def may_edit(self) -> bool:
        """Change the pathway's map and texts: a member, and the pathway a draft."""
        return (self.member and self.pathway is not None
                and self.pathway.status == Pathway.Status.DRAFT)

    @property
    def may_create(self) -> bool:
        return self.member

    @property
    def is_partnership_admin(self) -> bool:
        return role_of(self.user) == "administrator"

    # -- review, versions, publishing (catalog.lifecycle, ADR 0041) ------------------
    def _is(self, *statuses: str) -> bool:
        return self.pathway is not None and self.pathway.status in statuses

    @property
    def is_live(self) -> bool:
        """The pathway is a live row, not a working copy of one."""
        return self.pathway is not None and self.pathway.draft_of_id is None

    @property
    def may_revise(self) -> bool:
        """Start (or go back to) the working copy of a published pathway."""
        return self.member and self.is_live and self._is(Pathway.Status.PUBLISHED)

    @property
    def may_copy(self) -> bool:
        """Copy a pathway one sees into one's own partnership."""
        return self.visible and self.pathway is not None and (
            self.member or is_console(self.user)
            or Membership.objects.filter(user=self.user).exists())

    @property
    def may_submit(self) -> bool:
        return self.member and self._is(Pathway.Status.DRAFT)

    @property
    def may_review(self) -> bool:
        """Approve or ask for changes: a member from another member organisation of the
        partnership than the person who sent it for review."""
        return self.member and self._is(Pathway.Status.IN_REVIEW) and not self.review_refusal

    @property
    def review_refusal(self) -> str:
        """Why this person may not review the pathway in review ("" when they may)."""
        if is_console(self.user):
            return ""
        mine = _organisation_id(self.user)
        if mine is None:
            return gettext("You review for a member organisation; your account has none.")
        submitter = self.pathway.submitted_by if self.pathway is not None else None
        if submitter is not None and _organisation_id(submitter) == mine:
            return gettext("A reviewer from another member organisation than the person who "
                           "sent it for review must approve it.")
        if self.partnership_id is not None and not Partnership.organisations.through.objects \
                .filter(partnership_id=self.partnership_id, organisation_id=mine).exists():
            return gettext("Your organisation is not a member of this partnership.")
        return ""

    @property
    def may_override(self) -> bool:
        """Publish with a WIOA element not met, giving a reason: a partnership administrator."""
        return self.member and self.is_partnership_admin and self._is(
            Pathway.Status.IN_REVIEW)

    @property
    def may_archive(self) -> bool:
        return self.member and self.is_live and self._is(Pathway.Status.PUBLISHED)

    @property
    def may_discard(self) -> bool:
        """Throw away a working copy (the published pathway stays as it is)."""
        return (self.member and self.pathway is not None and not self.is_live
                and self._is(Pathway.Status.DRAFT, Pathway.Status.IN_REVIEW))


def _organisation_id(user: Any) -> int | None:
    profile = getattr(user, "pathways_profile", None) if user is not None else None
    return profile.organisation_id if profile is not None else None


def _member_of(user: Any, partnership_id: int | None) -> bool:
    if role_of(user) == "administrator" or getattr(user, "is_superuser", False):
        return True
    if partnership_id is None:
        return user_can(user, EDIT)
    return Membership.objects.filter(user=user, partnership_id=partnership_id).exists()


def pathway_access(user: Any, pathway: Pathway) -> PathwayAccess:
    """What ``user`` may do with ``pathway``; a workspace page builds this once."""
    visible = pathway.is_published or sees_drafts(user)
    member = visible and _member_of(user, pathway.partnership_id)
    return PathwayAccess(user, pathway, visible, member, pathway.partnership_id)


def new_pathway_access(user: Any, partnership_id: int | None) -> PathwayAccess:
    """Access for creating a pathway in a partnership (None: a pathway of no partnership)."""
    member = user_can(user, EDIT) and _member_of(user, partnership_id)
    return PathwayAccess(user, None, member, member, partnership_id)


# -- the workspace's list, and published versions (ADR 0041) --------------------------------
@dataclass(frozen=True)
class WorkspaceRow:
    """One pathway on the workspace home: the live row, its working copy if any, and the
    state, last change and who made it of the one being worked on."""

    pathway: Pathway
    working_copy: Pathway | None
    latest_version: int | None
    override_reason: str

    @property
    def current(self) -> Pathway:
        """The row being worked on: the working copy when there is one."""
        return self.working_copy or self.pathway

    @property
    def state(self) -> str:
        return self.current.status

    @property
    def state_label(self) -> str:
        return self.current.get_status_display()

    @property
    def last_changed(self) -> Any:
        return self.current.updated_at

    @property
    def changed_by(self) -> Any:
        return self.current.changed_by


def user_partnership_ids(user: Any) -> list[int]:
    return list(Membership.objects.filter(user=user).values_list("partnership_id", flat=True))


def workspace_pathways(user: Any, partnership_id: int | None = None) -> list[WorkspaceRow]:
    """The live pathways of the user's partnerships (every partnership's for
    administrators), archived ones last, each with its working copy if any. Empty for
    people who may not edit pathways."""
    if not user_can(user, EDIT):
        return []
    rows = Pathway.objects.filter(draft_of__isnull=True)
    if role_of(user) != "administrator":
        rows = rows.filter(partnership_id__in=user_partnership_ids(user))
    if partnership_id is not None:
        rows = rows.filter(partnership_id=partnership_id)
    live = list(rows.select_related("sector", "owner", "partnership", "changed_by",
                                    "submitted_by")
                .order_by("name", "pk"))
    copies = {c.draft_of_id: c for c in Pathway.objects.filter(draft_of__in=live)
              .select_related("changed_by", "submitted_by")}
    latest: dict[int, PathwayVersion] = {}
    for version in PathwayVersion.objects.filter(pathway__in=live).only(
            "pathway_id", "number", "override_reason").order_by("pathway_id", "number"):
        latest[version.pathway_id] = version
    found = [WorkspaceRow(p, copies.get(p.pk),
                          latest[p.pk].number if p.pk in latest else None,
                          latest[p.pk].override_reason if p.pk in latest else "")
             for p in live]
    found.sort(key=lambda r: r.pathway.status == Pathway.Status.ARCHIVED)
    return found


def versions_of(user: Any, pathway: Pathway) -> list[PathwayVersion]:
    """The published versions of ``pathway``, newest first, if ``user`` may see it (every
    version of a published pathway is public); [] otherwise."""
    live = pathway.draft_of if pathway.draft_of_id else pathway
    if not (live.is_published or sees_drafts(user)):
        return []
    return list(PathwayVersion.objects.filter(pathway=live).select_related("published_by")
                .defer("document").order_by("-number"))


def latest_version(user: Any, pathway: Pathway) -> PathwayVersion | None:
    """The version the public sees now (the newest), if ``user`` may see the pathway."""
    found = versions_of(user, pathway)
    return found[0] if found else None


def get_version_for(user: Any, slug: str, number: int) -> PathwayVersion:
    """Version ``number`` of the pathway with ``slug``; Http404 when there is none or the
    user may not see the pathway."""
    pathway = get_pathway_for(user, slug)
    if not 0 < number <= MAX_VERSION:  # an integer column: larger numbers are no version
        raise Http404("No such version")
    try:
        return PathwayVersion.objects.get(pathway=pathway, number=number)
    except PathwayVersion.DoesNotExist:
        raise Http404("No such version") from None


def review_comments(pathway: Pathway) -> list[ReviewComment]:
    """The comments on a pathway sent back from review, oldest first."""
    return list(pathway.review_comments.select_related("component", "author"))


# -- the public finder (issue 20) ----------------------------------------------------------
@dataclass(frozen=True)
class FirstStep:
    """What a way in's first step asks of a week: its program's hours over its weeks."""

    hours_a_week: int | None
    schedule: str


def occupation_interests(codes: Any) -> dict[str, dict[str, float]]:
    """O*NET's RIASEC interest scores (1-7) for the occupations with ``codes``, in one
    query; an occupation without interest data has an empty profile."""
    return {code: dict(interests or {}) for code, interests in
            Occupation.objects.filter(code__in=list(codes)).values_list("code", "interests")}


def first_steps(pathways: list[Pathway]) -> dict[str, FirstStep]:
    """The first steps of the ways into ``pathways`` (already read through the visible
    reads above), by component CTID, in one query."""
    rows = (PathwayComponent.objects.filter(pathway__in=[p.pk for p in pathways],
                                            entry_points__isnull=False)
            .values_list("ctid", "program__contact_hours", "program__length_weeks",
                         "program__schedule").distinct())
    found = {}
    for ctid, hours, weeks, schedule in rows:
        per_week = -(-hours // weeks) if hours and weeks else None  # rounded up
        found[ctid] = FirstStep(per_week, schedule or "")
    return found
