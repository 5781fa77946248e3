"""``{{ step|text:"name" }}``: a catalog text in the reader's language, marked
``<span lang="en">`` when a Spanish page shows its English value (catalog.languages)."""

from __future__ import annotations

from typing import Any

from django import template

from pathways.apps.catalog import languages

register = template.Library()


@register.filter
def text(obj: Any, name: str) -> str:
    return languages.marked(obj, name)


@register.filter
def text_lang(obj: Any, name: str) -> str:
    """``"en"`` when the text falls back to English: for a ``lang`` attribute."""
    return languages.shown(obj, name)[1]


@register.filter
def english_if_in(value: str, fallbacks: Any) -> str:
    """A plain string, marked when it is one of ``fallbacks`` (``fallback_texts``)."""
    return languages.in_english(value) if value and fallbacks and value in fallbacks else value
