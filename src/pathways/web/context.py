"""Context every page gets: the version, the staff pages this person may open, and the
partnership's contact address for the footer."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pathways import __version__
from pathways.apps.accounts.roles import user_can


@dataclass(frozen=True)
class NavLink:
    url_name: str
    label: Promise
    permission: str


# Signed-in areas, in menu order. Each app adds its own line; the permission decides who
# sees the link (the view checks again: hiding a link is not access control).
# Example: NavLink("cases:caseload", _("My caseload"), "cases.view_participants").
STAFF_LINKS: list[NavLink] = [
    NavLink("cases:caseload", _("Participants"), "cases.view_participants"),
    NavLink("cases:referrals", _("Referrals"), "cases.answer_referrals"),
    NavLink("cases:my_plan", _("My plan"), "cases.view_own_plan"),
    NavLink("partnership:home", _("Partnership"), "partnership.view"),
    NavLink("quality:home", _("Self-assessment"), "quality.take_part"),
    NavLink("reports:index", _("Shared measures"), "measures.view"),
    NavLink("employers:index", _("Employers"), "employers.view"),
    NavLink("workspace:home", _("Workspace"), "catalog.edit"),
]


def site(request: HttpRequest) -> dict:
    links = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        for link in STAFF_LINKS:
            if user_can(user, link.permission):
                links.append({"url": reverse(link.url_name), "label": link.label,
                              "name": link.url_name})
    return {"pathways_version": __version__, "staff_links": links,
            "contact_email": settings.PATHWAYS_CONTACT_EMAIL}


__all__ = ["STAFF_LINKS", "NavLink", "site"]
