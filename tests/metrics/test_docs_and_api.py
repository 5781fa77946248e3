"""docs/measures.md stays true to the code, and the engine's public names are pinned."""

from __future__ import annotations

from pathlib import Path

import pathways.metrics as metrics
from pathways.metrics import load_measures
from pathways.metrics.definitions import markdown_vocabulary
from pathways.metrics.dimensions import DIMENSIONS
from pathways.metrics.elements import ELEMENTS, layout_codes, markdown_table

DOC = (Path(__file__).resolve().parents[2] / "docs" / "measures.md").read_text()


def test_the_doc_lists_every_element_code_and_use_the_engine_reads():
    assert markdown_table() in DOC


def test_the_doc_lists_every_name_a_definition_may_use():
    assert markdown_vocabulary() in DOC


def test_the_doc_names_every_measure_id_and_dimension():
    for measure in load_measures():
        assert f"`{measure.id}`" in DOC, measure.id
    for name in DIMENSIONS:
        assert f"`{name}`" in DOC, name


def test_the_codes_read_are_the_codes_of_dols_layout():
    for number, element in ELEMENTS.items():
        if element.codes:
            assert set(element.codes) == layout_codes(number), number


def test_the_public_names_are_pinned():
    assert sorted(metrics.__all__) == sorted([
        "DEFAULT_THRESHOLD", "DIMENSIONS", "ENGINES", "TIDY_COLUMNS", "Engine", "Inputs",
        "Measure", "ParticipantSource", "PirlFiles", "RecordSource", "RunResult", "Window",
        "combine_periods", "connect", "load_measures", "parse_measure", "read_pirl",
        "read_wages", "run_measures", "suppress"])
    assert all(hasattr(metrics, name) for name in metrics.__all__)
