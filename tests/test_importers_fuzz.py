"""Every importer, fed mutated and nasty input (hypothesis): it returns, or it raises
``InputError`` naming the file; no other exception escapes, so neither the command line
nor a page ever shows a traceback. Readers that write nothing are tested here; those that
write rows (a failed import changes no row) are in ``test_importers_fuzz_db.py``.

Each property runs twice: quickly (``PATHWAYS_FUZZ_EXAMPLES``, 25) and, marked ``slow``,
with more examples (``PATHWAYS_FUZZ_EXAMPLES_SLOW``, 100; set it higher for a long search).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from pathways.frameworks import DEFINITIONS_DIR as FRAMEWORKS_DIR
from pathways.frameworks import load_framework
from pathways.linkage import parse_model
from pathways.linkage.files import read_people
from pathways.metrics import read_pirl, read_wages
from pathways.metrics.definitions import DEFINITIONS_DIR as MEASURES_DIR
from pathways.metrics.definitions import load_measures
from pathways.navigation.nrs import NRS_FILE, parse_table
from pathways.standards import read_dataset
from pathways.standards.ctdl import read_documents
from tests.fuzz import (
    CTDL_INPUT,
    PEOPLE_ROWS,
    PIRL_ROWS,
    WAGE_ROWS,
    fuzzed,
    mutated_table,
    reference_input,
    refused_cleanly,
    yaml_input,
)

pytestmark = pytest.mark.engine
FOLDER = Path(tempfile.mkdtemp(prefix="pathways-fuzz-"))


def teardown_module() -> None:
    shutil.rmtree(FOLDER, ignore_errors=True)


def written(name: str, text: str) -> Path:
    path = FOLDER / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


# -- CTDL ---------------------------------------------------------------------------------
@fuzzed(CTDL_INPUT)
def ctdl_files(text: str) -> None:
    refused_cleanly(read_documents, [("pathway.jsonld", text)], source="pathway.jsonld")


test_ctdl_files, test_ctdl_files_many = ctdl_files


# -- PIRL and UI wage files ---------------------------------------------------------------
@fuzzed(mutated_table(PIRL_ROWS))
def pirl_files(text: str) -> None:
    refused_cleanly(read_pirl, written("pirl.csv", text), source="pirl.csv")


@fuzzed(mutated_table(WAGE_ROWS))
def wage_files(text: str) -> None:
    refused_cleanly(read_wages, written("wages.csv", text), source="wages.csv")


test_pirl_files, test_pirl_files_many = pirl_files
test_wage_files, test_wage_files_many = wage_files


# -- definitions in YAML: frameworks, measures, the linkage model, the NRS table ----------
@fuzzed(yaml_input(sorted(FRAMEWORKS_DIR.glob("*.yaml"))))
def framework_files(text: str) -> None:
    refused_cleanly(load_framework, "framework.yaml", text, source="framework.yaml")


@fuzzed(yaml_input(sorted(MEASURES_DIR.glob("*.yaml"))))
def measure_definitions(text: str) -> None:
    folder = FOLDER / "measures"
    folder.mkdir(exist_ok=True)
    (folder / "measure.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    refused_cleanly(load_measures, folder, source=str(folder))


@fuzzed(yaml_input([Path(parse_model.__code__.co_filename).with_name("definitions")
                    / "person.yaml"]))
def linkage_models(text: str) -> None:
    refused_cleanly(parse_model, Path("model.yaml"), text, source="model.yaml")


@fuzzed(yaml_input([NRS_FILE]))
def nrs_tables(text: str) -> None:
    refused_cleanly(parse_table, Path("nrs.yaml"), text, source="nrs.yaml")


test_framework_files, test_framework_files_many = framework_files
test_measure_definitions, test_measure_definitions_many = measure_definitions
test_linkage_models, test_linkage_models_many = linkage_models
test_nrs_tables, test_nrs_tables_many = nrs_tables


# -- partners' person files for linkage ---------------------------------------------------
@fuzzed(mutated_table(PEOPLE_ROWS))
def linkage_people(text: str) -> None:
    refused_cleanly(read_people, [written("people.csv", text)], source="people.csv")


test_linkage_people, test_linkage_people_many = linkage_people


# -- reference files (SOC, O*NET, CIP, OEWS, projections) ---------------------------------
@fuzzed(reference_input())
def reference_files(drawn) -> None:
    files, _name = drawn
    refused_cleanly(read_dataset, files)


test_reference_files, test_reference_files_many = reference_files
