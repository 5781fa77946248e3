"""The Spanish texts of an imported CTDL document, written into the ``_es`` columns.

A document's texts are read as English (the plain attributes, written under
``translation.override("en")`` by ``ctdl_apply``); its language maps' Spanish values come
in ``translations`` (``pathways.standards.ctdl.model``). A text without a Spanish value in
the document has none after the import: the document says what the pathway is, in both
languages (ADR 0042).
"""

from __future__ import annotations

from django.db import models

from pathways.standards.ctdl.model import Translations

LANGUAGE = "es"


def spanish(model: type[models.Model], translations: Translations,
            **fields: str) -> dict[str, str | None]:
    """``{"name_es": ...}`` for each ``field=text`` pair: the model's field and the
    document's text name, cut to the column's length."""
    found: dict[str, str | None] = {}
    for column, text_name in fields.items():
        text = translations.get(text_name, {}).get(LANGUAGE) or None
        longest = model._meta.get_field(f"{column}_{LANGUAGE}").max_length
        found[f"{column}_{LANGUAGE}"] = text[:longest] if text and longest else text
    return found


def set_spanish(row: models.Model, translations: Translations, *names: str) -> None:
    """Set the row's Spanish values of ``names`` (the same name in the model and document)."""
    for column, text in spanish(type(row), translations,
                                **{name: name for name in names}).items():
        setattr(row, column, text)
