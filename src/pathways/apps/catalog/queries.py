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

from pathways.apps.accounts.access import RecordAccess
from pathways.apps.accounts.models import Membership
from pathways.apps.accounts.roles import role_of, user_can
from pathways.apps.catalog.models import Occupation, Pathway, Program, Sector

VIEW_DRAFT = "catalog.view_draft"


def sees_drafts(user: Any) -> bool:
    return user_can(user, VIEW_DRAFT)


def _visible_q(user: Any, prefix: str = "") -> Q:
    """The filter that keeps what ``user`` may see; ``prefix`` reaches pathways from elsewhere."""
    if sees_drafts(user):
        return Q()
    return Q(**{f"{prefix}status": Pathway.Status.PUBLISHED})


def visible_pathways(user: Any) -> QuerySet[Pathway]:
    """Published pathways for everyone; drafts too for people who may see them."""
    return Pathway.objects.filter(_visible_q(user)).select_related("sector")


def plannable_pathways(user: Any) -> QuerySet[Pathway]:
    """Pathways a participant's plan may aim at: published ones only, even for people who
    see drafts (a draft may still change under the plan)."""
    return visible_pathways(user).filter(status=Pathway.Status.PUBLISHED)


def get_pathway_for(user: Any, slug: str) -> Pathway:
    """The pathway with ``slug`` if ``user`` may see it; Http404 otherwise.

    A draft answers 404, not 403, so its existence is not revealed.
    """
    try:
        return visible_pathways(user).select_related("owner").get(slug=slug)
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


def search_occupations(query: str) -> QuerySet[Occupation]:
    """Occupations whose title holds ``query`` or whose O*NET-SOC code starts with it."""
    found = Occupation.objects.order_by("title")
    if query:
        found = found.filter(Q(title__icontains=query) | Q(code__startswith=query))
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
