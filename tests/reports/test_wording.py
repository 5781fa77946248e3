"""Words from the measures engine reach the Spanish catalogue and the pages."""

from __future__ import annotations

import gettext
from pathlib import Path

from django.utils import translation

import pathways
from pathways.apps.reports import wording
from pathways.metrics import load_measures

LOCALE = Path(pathways.__file__).parent / "locale" / "es" / "LC_MESSAGES"


def test_measure_texts_is_generated_from_the_current_definitions():
    # Editing a definition's name or description without `make messages` fails here.
    assert wording.GENERATED.read_text(encoding="utf-8") == wording.module_source()


def test_every_measure_name_and_description_is_translated_to_spanish():
    with (LOCALE / "django.mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    assert [t for t in wording.texts() if not catalogue.get(t)] == []
    with translation.override("es"):
        shown = wording.measure({"id": "x", "name": load_measures()[0].name,
                                 "short_name": "", "description": ""})
        assert shown["name"].startswith("Tasa de empleo") and shown["short_name"] == ""


def test_group_labels_translate_fixed_words_and_keep_names_from_the_data():
    with translation.override("es"):
        assert wording.group_title("sex", "female") == "mujer"
        assert wording.group_title("program", "youth") == "Jóvenes"
        assert wording.group_title("pathway_level", "level 2") == "nivel 2"
        assert wording.group_title("pathway_level", "not given") == "sin dato"
        assert wording.group_title("provider", "Riverside College") == "Riverside College"
        assert wording.group_title("provider", "yes") == "yes"  # a provider's own name
        assert wording.group_title("exit_quarter", "2023Q1") == "2023Q1"
        # A step: the pathway's name as given, the level in the reader's language.
        assert wording.group_title("pathway_step", "Care, home, level 2") == \
            "Care, home, nivel 2"
        assert wording.group_title("pathway_step", "not given, level not given") == \
            "sin dato, sin dato"
        assert wording.dimension_title("barrier_disability") == "Personas con discapacidad"
    with translation.override("en"):
        assert wording.group_title("sex", "female") == "female"
