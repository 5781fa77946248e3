"""Sensitive fields encrypted at rest (Fernet: AES-128-CBC with HMAC-SHA256).

The key comes from ``PATHWAYS_FIELD_KEY`` (settings ``PATHWAYS_FIELD_KEY``). Local use has a
documented development key; the production profile refuses to start without a real one.
The plain value exists only in memory: never in the database, logs, URLs or audit entries.
"""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models

DEVELOPMENT_KEY = "cGF0aHdheXMtbG9jYWwtZGV2ZWxvcG1lbnQta2V5ISE="  # noqa: S105 - documented


@cache
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode())


def fernet() -> Fernet:
    return _fernet(settings.PATHWAYS_FIELD_KEY)


def key_problem(key: str) -> str | None:
    """Why ``key`` cannot be used, or None when it can."""
    try:
        Fernet(key.encode())
    except (ValueError, TypeError) as exc:
        return f"PATHWAYS_FIELD_KEY is not a Fernet key (32 url-safe base64 bytes): {exc}"
    return None


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


__all__ = ["DEVELOPMENT_KEY", "EncryptedTextField", "fernet", "key_problem", "masked"]
