"""Which language a catalog text is shown in: the reader's, or English when it has no value
in theirs (modeltranslation's fallback, ADR 0042). A Spanish page marks such a text
``lang="en"`` so that a screen reader speaks it with English rules (WCAG 3.1.2)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

ENGLISH = "en"


def reader_language() -> str:
    return (get_language() or ENGLISH).split("-")[0].lower()


def shown(obj: Any, name: str) -> tuple[str, str]:
    """(the text shown, ``"en"`` when it is the English fallback on a non-English page, else
    ``""``). A field that is not translated is shown as it is, unmarked."""
    if obj is None:
        return "", ""
    language = reader_language()
    if language == ENGLISH or not hasattr(obj, f"{name}_{ENGLISH}"):
        return getattr(obj, name, "") or "", ""
    own = getattr(obj, f"{name}_{language}", None)
    if own:
        return own, ""
    english = getattr(obj, f"{name}_{ENGLISH}", None) or ""
    return english, ENGLISH if english else ""


def in_english(text: str) -> SafeString:
    return format_html('<span lang="en">{}</span>', text)


def marked(obj: Any, name: str) -> str:
    """The text for a template: escaped, and wrapped in ``<span lang="en">`` if it fell back."""
    text, lang = shown(obj, name)
    return in_english(text) if lang else text


def fallback_texts(objects: Iterable[Any], name: str = "name") -> frozenset[str]:
    """The texts of ``objects`` shown in English on this page: for views that pass plain
    strings (the navigation engine's step names) rather than the catalog rows."""
    return frozenset(text for text, lang in (shown(o, name) for o in objects) if lang)
