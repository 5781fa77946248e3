"""Optimistic locking of the records several people edit: personal data, the shared
assessment, the career plan (ADR 0036).

Each has a ``version`` that every save counts up. An edit form carries the version it
was opened at; the save goes through only if the stored version is still that one (one
compare-and-set ``UPDATE``, atomic on every database), else it is refused with a
``StaleRecord`` naming who saved meanwhile and which fields they changed, read from the
audit entries of those saves (labels, never values). Nothing is written and the form
keeps what the person typed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from pathways.apps.accounts.models import AuditEntry

# Set by the action for whoever saves, not edited: not worth naming as a change.
BOOKKEEPING = {"version", "recorded_by", "recorded_by_organisation", "created_by"}
# The actions that save a versioned record. Reading only their entries lets the database
# use the index on the action rather than read a log that every page view adds to; a save
# by an action missing here is still refused, only not named.
SAVED_BY = ("cases.enrol", "cases.update_participant", "cases.link_account",
            "cases.create_account", "cases.assess", "cases.plan")


class StaleRecord(ValidationError):
    """Someone saved the record after the form was opened. ``current`` is the version
    stored now (a form given it may save over it once the person has checked), ``fields``
    the names of the fields changed meanwhile."""

    def __init__(self, message: str, current: int, fields: list[str]) -> None:
        super().__init__(message, code="stale")
        self.current = current
        self.fields = fields


def _label(model: type[models.Model], name: str) -> str:
    try:
        return str(capfirst(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return name


def changed_since(obj: models.Model, version: int) -> tuple[list[str], list[str]]:
    """Who saved ``obj`` after ``version``, and the names of the fields they changed."""
    entries = (AuditEntry.objects.filter(action__in=SAVED_BY,
                                         object_type=obj._meta.label_lower,
                                         object_id=str(obj.pk))
               .select_related("actor").order_by("-pk")[:200])
    who: list[str] = []
    fields: list[str] = []
    for entry in entries:
        saved = entry.changes.get("version") if isinstance(entry.changes, dict) else None
        if not (isinstance(saved, list) and len(saved) == 2 and isinstance(saved[1], int)):
            continue
        if saved[1] <= version:
            break
        person = (entry.actor.get_full_name() if entry.actor else "") or entry.actor_label
        if person not in who:
            who.append(person)
        fields += [name for name in entry.changes
                   if name not in BOOKKEEPING and name not in fields]
    return who, fields


def _stale(obj: models.Model, version: int) -> StaleRecord:
    model = type(obj)
    current = model._base_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
    who, fields = changed_since(obj, version) if obj.pk else ([], [])
    names = {"who": ", ".join(who), "fields": ", ".join(_label(model, f) for f in fields)}
    if who and fields:
        said = _("%(who)s saved this record after you opened it, changing: %(fields)s.")
    elif who:
        said = _("%(who)s saved this record after you opened it.")
    else:
        said = _("Someone else saved this record after you opened it.")
    advice = _("Nothing you entered was saved; it is still in the form. Check it against "
               "the record (open it in another tab) and save again.")
    return StaleRecord(f"{said % names} {advice}", current or 0, fields)


def save_version(obj: Any, expected: int | None, changes: dict[str, Any]) -> None:
    """Validate and save ``obj`` as its next version, noting ``version`` in ``changes``.

    ``expected`` is the version the person's form was opened at (None: the one ``obj`` was
    read at). Refused with ``StaleRecord`` when another save came in between, including a
    record created by someone else while this person was creating it."""
    obj.full_clean()
    expected = obj.version if expected is None else expected
    if obj.pk is None:
        if expected != 0:
            raise _stale(obj, expected)
        obj.version = 1
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError:  # the same one-per-person record, created meanwhile
            obj.pk = None
            raise _stale(obj, expected) from None
    else:
        moved = type(obj)._base_manager.filter(pk=obj.pk, version=expected).update(
            version=expected + 1)
        if not moved:
            raise _stale(obj, expected)
        obj.version = expected + 1
        obj.save()
    changes["version"] = [expected, obj.version]


__all__ = ["StaleRecord", "changed_since", "save_version"]
