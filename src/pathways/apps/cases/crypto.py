"""Personal fields encrypted at rest (Fernet: AES-128-CBC with HMAC-SHA256): text, dates
and JSON values, each read back as its own type (ADR 0036 lists the fields).

The key comes from ``PATHWAYS_FIELD_KEY`` (settings ``PATHWAYS_FIELD_KEY``). Local use has a
documented development key; the production profile refuses to start without a real one.
The plain value exists only in memory: never in the database, logs, URLs or audit entries.

To change the key, give the new one first and the old ones after it, comma-separated: the
first encrypts, any of them decrypts. ``pathways keys rotate`` then re-encrypts every stored
value with the first, after which the old keys can be dropped.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django import forms
from django.apps import apps
from django.conf import settings
from django.core import validators
from django.db import models, transaction
from django.utils.functional import cached_property

DEVELOPMENT_KEY = "cGF0aHdheXMtbG9jYWwtZGV2ZWxvcG1lbnQta2V5ISE="  # noqa: S105 - documented


def field_keys(setting: str) -> list[str]:
    """The keys of a ``PATHWAYS_FIELD_KEY`` value, current one first."""
    return [key.strip() for key in setting.split(",") if key.strip()]


@cache
def _fernet(setting: str) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in field_keys(setting)])


def fernet() -> MultiFernet:
    return _fernet(settings.PATHWAYS_FIELD_KEY)


def key_problem(setting: str) -> str | None:
    """Why ``setting`` cannot be used, or None when it can. Never shows a key."""
    keys = field_keys(setting)
    if not keys:
        return "PATHWAYS_FIELD_KEY is empty"
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError) as exc:
            which = f"key {position} of {len(keys)} in " if len(keys) > 1 else ""
            return (f"{which}PATHWAYS_FIELD_KEY is not a Fernet key (32 url-safe base64 "
                    f"bytes): {exc}")
    return None


def encrypted_fields() -> list[tuple[type[models.Model], str]]:
    """Every (model, field name) stored encrypted."""
    return [(model, field.name) for model in apps.get_models()
            for field in model._meta.concrete_fields if isinstance(field, Sealed)]


@transaction.atomic
def rotate() -> dict[str, int]:
    """Re-encrypt every stored value with the first key, in one transaction: a value that
    no key opens stops it with nothing changed. Returns values re-encrypted per field."""
    counts: dict[str, int] = {}
    for model, name in encrypted_fields():
        done = 0
        rows = model._base_manager.filter(**{f"{name}__isnull": False})
        pks = list(rows.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), 500):
            # Read through the field (any key opens it), a batch at a time so few plain
            # values are in memory at once, and written back through it (the first key
            # seals it). An empty text is stored as it is: nothing to re-encrypt.
            for pk, value in list(rows.filter(pk__in=pks[start:start + 500])
                                  .values_list("pk", name)):
                if value == "":
                    continue
                model._base_manager.filter(pk=pk).update(**{name: value})
                done += 1
        counts[f"{model._meta.label_lower}.{name}"] = done
    return counts


def seal(text: str) -> str:
    """The Fernet token of ``text`` under the first key."""
    return fernet().encrypt(text.encode()).decode()


def unseal(token: str) -> str:
    """The text of a token any configured key opens; ValueError otherwise."""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ValueError("an encrypted field could not be read with the configured "
                         "PATHWAYS_FIELD_KEY") from None


class Sealed:
    """What every encrypted field shares: the column is text holding a Fernet token of the
    value's text form, and it cannot be searched, filtered or ordered on (a token is
    random), so the only lookup is ``isnull``. Subclasses say how a value becomes text and
    back (``to_text``, ``from_text``); an empty text is stored as it is."""

    def get_internal_type(self) -> str:
        return "TextField"  # the column, whatever the value's type

    def to_text(self, value: Any) -> str:
        return str(value)

    def from_text(self, text: str) -> Any:
        return text

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or value == "":
            return value
        return seal(self.to_text(value))

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return self.from_text(unseal(value))

    def get_lookup(self, lookup_name: str):
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None

    def get_transform(self, lookup_name: str):
        return None


class EncryptedTextField(Sealed, models.TextField):
    """Text stored encrypted. With ``max_length`` it is checked like a ``CharField`` and
    edited on one line."""

    @cached_property
    def validators(self) -> list:
        found = [*self.default_validators, *self._validators]
        if self.max_length is not None:
            found.append(validators.MaxLengthValidator(self.max_length))
        return found

    def formfield(self, **kwargs):
        if self.max_length is not None:
            kwargs.setdefault("widget", forms.TextInput)
        return super().formfield(**kwargs)


class EncryptedDateField(Sealed, models.DateField):
    """A date stored encrypted (its ISO text); read back as a ``datetime.date``."""

    def to_text(self, value: dt.date) -> str:
        return value.isoformat()

    def from_text(self, text: str) -> dt.date:
        return dt.date.fromisoformat(text)

    def contribute_to_class(self, cls, name, **kwargs):
        # No get_next_by_<name>: a date nobody can order on has no next.
        models.Field.contribute_to_class(self, cls, name, **kwargs)


class EncryptedJSONField(Sealed, models.JSONField):
    """A JSON value (e.g. a list of codes) stored encrypted; read back as that value."""

    def to_text(self, value: Any) -> str:
        return json.dumps(value, cls=self.encoder)

    def from_text(self, text: str) -> Any:
        return json.loads(text, cls=self.decoder)


def masked(value: str) -> str:
    """What a page may show of a government identifier: that one is on file."""
    return "••••" if value else ""


__all__ = ["DEVELOPMENT_KEY", "EncryptedDateField", "EncryptedJSONField", "EncryptedTextField",
           "Sealed", "encrypted_fields", "fernet", "field_keys", "key_problem", "masked",
           "rotate", "seal", "unseal"]
