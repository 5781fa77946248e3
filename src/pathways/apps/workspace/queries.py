"""Workspace reads: the partnership's pathways, one pathway's access, and what pickers offer.

Pickers offer only this pathway's items and the partnership's programs, credentials,
providers and services (those of its member organisations), so a wrong pick from another
partnership cannot be made in the first place; the actions check the same sets again.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from pathways.apps.accounts.models import Organisation, Partnership
from pathways.apps.accounts.roles import role_of
from pathways.apps.catalog import queries as catalog
from pathways.apps.catalog.models import (
    CipCode,
    Credential,
    Location,
    Occupation,
    Pathway,
    Program,
    Provider,
    Sector,
    SupportService,
)
from pathways.apps.catalog.queries import PathwayAccess, occupation_matches

PICKER_LIMIT = 50


def is_all_seeing(user: Any) -> bool:
    return role_of(user) == "administrator" or getattr(user, "is_superuser", False)


def partnerships_for(user: Any) -> QuerySet[Partnership]:
    """Partnerships whose pathways the person works on (administrators: every one)."""
    if is_all_seeing(user):
        return Partnership.objects.order_by("name")
    return Partnership.objects.filter(memberships__user=user).order_by("name").distinct()


def workspace_pathways(user: Any) -> list[catalog.WorkspaceRow]:
    """The live pathways of the person's partnerships, each with its working copy, the
    state, last change and who made it (``catalog.queries.workspace_pathways``)."""
    return catalog.workspace_pathways(user)


def waits_for_review(user: Any, pathway: Pathway) -> bool:
    """The pathway is in review and ``user`` is someone who may review it now."""
    return (pathway.status == Pathway.Status.IN_REVIEW
            and catalog.pathway_access(user, pathway).may_review)


def get_pathway_access(user: Any, pk: int) -> PathwayAccess:
    """Access to one pathway of the workspace; 404 when it is not one the person sees."""
    pathway = (Pathway.objects.select_related("sector", "partnership", "owner")
               .filter(pk=pk).first())
    if pathway is None:
        raise Http404("No such pathway")
    access = catalog.pathway_access(user, pathway)
    if not access.visible or not access.member:
        raise Http404("No such pathway")
    return access


# -- what the pickers offer ----------------------------------------------------------------
def _organisations(partnership_id: int | None) -> QuerySet[Organisation]:
    return Organisation.objects.filter(partnerships__id=partnership_id)


def providers_for(partnership_id: int | None, query: str = "") -> QuerySet[Provider]:
    found = Provider.objects.filter(organisation__in=_organisations(partnership_id))
    return found.filter(name__icontains=query) if query else found


def programs_for(partnership_id: int | None, query: str = "") -> QuerySet[Program]:
    found = (Program.objects.filter(provider__in=providers_for(partnership_id))
             .select_related("provider"))
    if query:
        found = found.filter(Q(name__icontains=query) | Q(provider__name__icontains=query)
                             | Q(cip__code__startswith=query))
    return found


def locations_for(partnership_id: int | None) -> QuerySet[Location]:
    """Where the partnership's providers hold classes."""
    return Location.objects.filter(provider__in=providers_for(partnership_id)) \
        .select_related("provider")


def credentials_for(partnership_id: int | None, query: str = "") -> QuerySet[Credential]:
    """Credentials the partnership's providers award, and those of outside bodies (a state
    licence, an industry certification) that no provider in the catalog awards."""
    found = Credential.objects.filter(Q(awarded_by__in=providers_for(partnership_id))
                                      | Q(awarded_by__isnull=True))
    return found.filter(name__icontains=query) if query else found


def services_for(partnership_id: int | None, query: str = "") -> QuerySet[SupportService]:
    found = SupportService.objects.filter(Q(provider__in=providers_for(partnership_id))
                                          | Q(provider__isnull=True))
    return found.filter(name__icontains=query) if query else found


def find_occupations(query: str) -> QuerySet[Occupation]:
    """Occupations by title, O*NET alternate title ("CNA", "Nurse Aide") or O*NET-SOC code
    (``29-1141`` or ``29-1141.00``); none for an empty query."""
    if not query.strip():
        return Occupation.objects.none()
    return Occupation.objects.filter(occupation_matches(query)).order_by("title")


def find_cip(query: str) -> QuerySet[CipCode]:
    query = query.strip()
    if not query:
        return CipCode.objects.none()
    return CipCode.objects.filter(Q(title__icontains=query) | Q(code__startswith=query))


def sectors() -> QuerySet[Sector]:
    return Sector.objects.order_by("name")


def owners_for(partnership_id: int | None) -> QuerySet[Organisation]:
    return _organisations(partnership_id).order_by("name")


def copyable_pathways(user: Any) -> QuerySet[Pathway]:
    """Pathways a new one may start as a copy of: any the person sees in their partnerships."""
    return (catalog.visible_pathways(user).filter(partnership__in=partnerships_for(user))
            .order_by("name"))
