"""Which catalog texts have an English and a Spanish value (django-modeltranslation, ADR 0042).

Every text a participant reads on a public page, in My plan or in a CTDL export: each
gets a column per language (``name_en``, ``name_es``); the plain attribute (``name``)
reads the reader's language and falls back to English. ``catalog.translations`` counts what
is still untranslated. Codes, URLs and numbers are not translated.
"""

from __future__ import annotations

from modeltranslation.translator import TranslationOptions, register

from pathways.apps.catalog.models import (
    ComponentCondition,
    Credential,
    EntryPoint,
    ExitPoint,
    Location,
    Pathway,
    PathwayComponent,
    Program,
    ProgressionLevel,
    Sector,
    SupportService,
)

# model -> the fields translated; catalog.translations and the CTDL export read this too.
TRANSLATED: dict[type, tuple[str, ...]] = {
    Sector: ("name", "description"),
    Credential: ("name", "description"),
    Program: ("name", "description", "entry_requirements"),
    SupportService: ("name", "description", "cost"),
    Location: ("name", "notes"),
    Pathway: ("name", "description"),
    ProgressionLevel: ("name", "description"),
    PathwayComponent: ("name", "description"),
    ComponentCondition: ("name", "description"),
    EntryPoint: ("name", "description", "prerequisites"),
    ExitPoint: ("name", "description", "summary"),
}


def _register(model: type, names: tuple[str, ...]) -> None:
    options = type(f"{model.__name__}Translation", (TranslationOptions,), {"fields": names})
    register(model)(options)


for _model, _names in TRANSLATED.items():
    _register(_model, _names)
