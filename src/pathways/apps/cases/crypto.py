"""Sensitive fields encrypted at rest (Fernet: AES-128-CBC with HMAC-SHA256).

The key comes from ``PATHWAYS_FIELD_KEY`` (settings ``PATHWAYS_FIELD_KEY``). Local use has a
documented development key; the production profile refuses to start without a real one.
The plain value exists only in memory: never in the database, logs, URLs or audit entries.

To change the key, give the new one first and the old ones after it, comma-separated: the
first encrypts, any of them decrypts. ``pathways keys rotate`` then re-encrypts every stored
value with the first, after which the old keys can be dropped.
"""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.db import models, transaction

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
            for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]


@transaction.atomic
def rotate() -> dict[str, int]:
    """Re-encrypt every stored value with the first key, in one transaction: a value that
    no key opens stops it with nothing changed. Returns values re-encrypted per field."""
    counts: dict[str, int] = {}
    for model, name in encrypted_fields():
        done = 0
        rows = model._base_manager.exclude(**{name: ""}).exclude(**{f"{name}__isnull": True})
        pks = list(rows.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), 500):
            # Read through the field (any key opens it), a batch at a time so few plain
            # values are in memory at once, and written back through it (the first key
            # seals it).
            for pk, value in list(rows.filter(pk__in=pks[start:start + 500])
                                  .values_list("pk", name)):
                model._base_manager.filter(pk=pk).update(**{name: value})
                done += 1
        counts[f"{model._meta.label_lower}.{name}"] = done
    return counts


class EncryptedTextField(models.TextField):
    """Text stored encrypted; it cannot be searched or filtered on, by design."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return fernet().encrypt(str(value).encode()).decode()

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        try:
            return fernet().decrypt(value.encode()).decode()
        except InvalidToken:
            raise ValueError("an encrypted field could not be read with the configured "
                             "PATHWAYS_FIELD_KEY") from None


def masked(value: str) -> str:
    """What a page may show of a government identifier: that one is on file."""
    return "••••" if value else ""


__all__ = ["DEVELOPMENT_KEY", "EncryptedTextField", "encrypted_fields", "fernet", "field_keys",
           "key_problem", "masked", "rotate"]
