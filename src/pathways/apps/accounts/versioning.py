"""Optimistic locking for records two people may edit at once (a pathway, a round, an
action of the plan): a version number that every save moves on, and the fields each
version changed.

A form carries the version the person opened (a hidden field); the action (or the admin
form) compares it with the stored one before writing, and refuses a stale save with
``StaleEdit``, which names what was changed meanwhile so the person can look again; their
input stays in the form. ``Versioned.save`` also refuses to write over a version it did not
load, in the same statement that moves the version on (``UPDATE ... WHERE version = n``),
so two saves that passed the check at the same moment cannot both be written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pathways.core.errors import InputError, InputProblem

UNKNOWN = "*"  # a save that did not say which fields it changed
FORM_FIELD = "opened_version"  # the hidden field of a form: the version it was opened on


class StaleEdit(InputError):
    """The record was saved by someone else after this person opened it."""

    def __init__(self, record: Versioned, seen: int, current: int | None,
                 changed: list[str]) -> None:
        self.seen, self.current, self.changed = seen, current, changed
        thing = record._meta.verbose_name
        if current is None:
            message = f"This {thing} was deleted after you opened it; nothing was saved."
        else:
            message = (f"Someone else saved this {thing} after you opened it"
                       + (f" and changed: {', '.join(changed)}" if changed else "")
                       + ". Nothing of yours was saved; your entries are still in the form. "
                       f"Compare them with the {thing} as it is now, then save again.")
        super().__init__(InputProblem(message, field="version"))


class Versioned(models.Model):
    """A record whose every save moves ``version`` on and notes, in ``changed_in``, the
    version that last changed each field (by name; a part edited with it, such as a
    pathway's levels, by its model name)."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    changed_in = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if self._state.adding or self.pk is None or (
                update_fields is not None and not update_fields):  # Django saves nothing
            return super().save(*args, **kwargs)
        changing = getattr(self, "_changing", None)
        names = changing if changing is not None else update_fields or [UNKNOWN]
        loaded, following = self.version, self.version + 1
        marks = {**self.changed_in, **dict.fromkeys(
            (n for n in names if n not in {"version", "changed_in"}), following)}
        with transaction.atomic(using=kwargs.get("using")):
            claimed = (type(self)._base_manager.filter(pk=self.pk, version=loaded)
                       .update(version=following, changed_in=marks))
            if not claimed:
                self.check_version(loaded)  # raises, naming what changed (or: deleted)
                raise StaleEdit(self, loaded, loaded, [])
            self.version, self.changed_in = following, marks
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version", "changed_in"}
            super().save(*args, **kwargs)
        self._changing = None

    def note_changes(self, names: Iterable[str]) -> None:
        """Say which fields (or parts) the next ``save`` changes."""
        self._changing = list(names)

    def check_version(self, seen: int | None, lock: bool = False) -> None:
        """Refuse (``StaleEdit``) when the version the person opened, ``seen``, is not the
        one stored now. None means the caller has no version to compare (a command). With
        ``lock`` (inside a transaction) the row stays locked until it ends, so the save
        that follows cannot meet another one half-way."""
        if seen is None or self._state.adding:
            return
        rows = type(self)._base_manager.filter(pk=self.pk)
        if lock:
            rows = rows.select_for_update()
        stored = rows.values_list("version", "changed_in").first()
        if stored is None:
            raise StaleEdit(self, seen, None, [])
        if stored[0] != seen:
            raise StaleEdit(self, seen, stored[0], self.changed_since(seen, stored[1]))

    def changed_since(self, seen: int, marks: dict[str, int] | None = None) -> list[str]:
        """Labels of what versions later than ``seen`` changed, in alphabetical order."""
        marks = self.changed_in if marks is None else marks
        keys = [key for key, version in marks.items() if version > seen]
        return sorted((self.label_of(key) for key in keys if key != UNKNOWN),
                      key=str.lower)

    @classmethod
    def label_of(cls, key: str) -> str:
        try:
            return str(capfirst(cls._meta.get_field(key).verbose_name))
        except FieldDoesNotExist:
            pass
        try:
            return str(capfirst(apps.get_model(cls._meta.app_label, key)
                                ._meta.verbose_name_plural))
        except LookupError:
            return key


def show_stale(form: Any, error: StaleEdit, field: str = FORM_FIELD) -> None:
    """Put a refused stale save on ``form``: the message at the top, the person's entries
    kept, and the version now stored in the hidden field, so that saving again (after
    looking) is a deliberate choice."""
    form.add_error(None, error.problems[0].message)
    if error.current is not None and form.is_bound:
        form.data = form.data.copy()
        form.data[field] = str(error.current)
