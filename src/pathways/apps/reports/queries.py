"""Reads of stored measures runs that depend on who is asking.

A person sees a partnership's measures when their role grants ``measures.view`` and they
are a member of the partnership; administrators see every partnership. Views, forms and
commands call these and never filter by partnership themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.text import slugify

from pathways.apps.accounts.access import RecordAccess
from pathways.apps.accounts.models import Partnership
from pathways.apps.accounts.roles import role_of, user_can
from pathways.apps.reports.models import MeasuresRun
from pathways.core.numbers import is_digits, record_id

VIEW = "measures.view"
RECORD = "measures.record"
PUBLISH = "measures.publish"


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


@dataclass(frozen=True)
class MeasuresAccess(RecordAccess):
    """One person's access to a partnership's stored measures runs."""

    user: Any
    partnership: Partnership
    visible: bool

    @property
    def may_record(self) -> bool:
        """Compute and store a run, or withdraw one (analysts of the partnership)."""
        return self.may(RECORD)

    @property
    def may_publish(self) -> bool:
        """Show chosen figures of a run on public pathway pages."""
        return self.may(PUBLISH)

    def owns(self, run: MeasuresRun) -> bool:
        return run.partnership_id == self.partnership.pk


def measures_access(user: Any, partnership: Partnership) -> MeasuresAccess:
    """``user``'s access to ``partnership``'s runs (visible or not: actions refuse the
    latter)."""
    seen = partnerships_for(user).filter(pk=partnership.pk).exists()
    return MeasuresAccess(user, partnership, seen)


def get_measures_access(user: Any, pk: int) -> MeasuresAccess:
    """Access to a partnership whose measures ``user`` may see; 403/404 as
    ``get_partnership_for``."""
    return MeasuresAccess(user, get_partnership_for(user, pk), True)


def runs_of(partnership: Partnership) -> QuerySet[MeasuresRun]:
    """Stored runs of a partnership the caller has already been allowed to see."""
    return partnership.measure_runs.all()


def pathways_of(partnership: Partnership) -> QuerySet:
    """The partnership's own pathways (not working copies): where its figures may go."""
    from pathways.apps.catalog.models import Pathway

    return Pathway.objects.filter(partnership=partnership, draft_of__isnull=True).order_by(
        "name")


def run_for(user: Any, partnership_pk: int, run_pk: int | None = None) -> tuple[
        MeasuresAccess, MeasuresRun | None]:
    """Access to the partnership and the asked-for run (default: the latest not withdrawn),
    for ``user``. A withdrawn run is still found by its id, for the record."""
    access = get_measures_access(user, partnership_pk)
    runs = runs_of(access.partnership)
    if run_pk is None:
        return access, runs.filter(withdrawn_at__isnull=True).first()
    try:
        return access, runs.get(pk=run_pk)
    except MeasuresRun.DoesNotExist:
        raise Http404("No such run") from None


def downloadable_run(user: Any, partnership_pk: int, run_pk: int) -> tuple[
        MeasuresAccess, MeasuresRun]:
    """A run whose numbers may be handed out: a withdrawn run was taken back as wrong, so
    its downloads answer 404."""
    access, found = run_for(user, partnership_pk, run_pk)
    if found.is_withdrawn:
        raise Http404("This run was withdrawn")
    return access, found


def find_partnership(text: str) -> Partnership | None:
    """A partnership by id, exact name, or the slug of its name (for the command line)."""
    text = text.strip()
    if is_digits(text):
        found = record_id(text)
        return Partnership.objects.filter(pk=found).first() if found else None
    exact = Partnership.objects.filter(name=text).first()
    if exact:
        return exact
    return next((p for p in Partnership.objects.all() if slugify(p.name) == slugify(text)),
                None)
