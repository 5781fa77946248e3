"""Reads of stored measures runs that depend on who is asking.

A person sees a partnership's measures when their role grants ``measures.view`` and they
are a member of the partnership; administrators see every partnership. Views, forms and
commands call these and never filter by partnership themselves.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.text import slugify

from pathways.apps.accounts.models import Partnership
from pathways.apps.accounts.roles import role_of, user_can
from pathways.apps.reports.models import MeasuresRun

VIEW = "measures.view"
RECORD = "measures.record"


def min_threshold() -> int:
    """The smallest suppression threshold a stored run may use (checked at start-up)."""
    return int(settings.PATHWAYS_MEASURES_MIN_THRESHOLD)


def partnerships_for(user: Any) -> QuerySet[Partnership]:
    """The partnerships whose measures ``user`` may see."""
    if not user_can(user, VIEW):
        return Partnership.objects.none()
    if role_of(user) == "administrator":
        return Partnership.objects.all()
    return Partnership.objects.filter(memberships__user=user).distinct()


def get_partnership_for(user: Any, pk: int) -> Partnership:
    """The partnership if ``user`` may see its measures; 403 without the permission, 404
    for a partnership they are not part of (its existence is not revealed)."""
    if not user_can(user, VIEW):
        raise PermissionDenied("missing permission measures.view")
    try:
        return partnerships_for(user).get(pk=pk)
    except Partnership.DoesNotExist:
        raise Http404("No such partnership") from None


def can_record(user: Any, partnership: Partnership) -> bool:
    """May ``user`` store a run for ``partnership`` (an upload)?"""
    return user_can(user, RECORD) and partnerships_for(user).filter(pk=partnership.pk).exists()


def runs_of(partnership: Partnership) -> QuerySet[MeasuresRun]:
    """Stored runs of a partnership the caller has already been allowed to see."""
    return partnership.measure_runs.all()


def run_for(user: Any, partnership_pk: int, run_pk: int | None = None) -> tuple[
        Partnership, MeasuresRun | None]:
    """The partnership and the asked-for run (default: the latest not withdrawn), for
    ``user``. A withdrawn run is still found by its id, for the record."""
    partnership = get_partnership_for(user, partnership_pk)
    runs = runs_of(partnership)
    if run_pk is None:
        return partnership, runs.filter(withdrawn_at__isnull=True).first()
    try:
        return partnership, runs.get(pk=run_pk)
    except MeasuresRun.DoesNotExist:
        raise Http404("No such run") from None


def find_partnership(text: str) -> Partnership | None:
    """A partnership by id, exact name, or the slug of its name (for the command line)."""
    text = text.strip()
    if text.isdigit():
        return Partnership.objects.filter(pk=int(text)).first()
    exact = Partnership.objects.filter(name=text).first()
    if exact:
        return exact
    return next((p for p in Partnership.objects.all() if slugify(p.name) == slugify(text)),
                None)
