"""Every importer, fed mutated and nasty input (hypothesis): it returns, or it raises
``InputError`` naming the file; no other exception escapes, so neither the command line
nor a page ever shows a traceback. Readers that write nothing are tested here; those that
write rows (a failed import changes no row) are in ``test_importers_fuzz_db.py``.

Each property runs twice: quickly (``PATHWAYS_FUZZ_EXAMPLES``, 25) and, marked ``slow``,
with more examples (``PATHWAYS_FUZZ_EXAMPLES_SLOW``, 100; set it higher for a long search).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import strategies as st

from pathways.core.errors import InputError
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
from pathways.standards.hsds import read_json, read_tables
from tests.fuzz import (
    CTDL_INPUT,
    HSDS_INPUT,
    PEOPLE_ROWS,
    PIRL_ROWS,
    TEXT,
    VALUE,
    WAGE_ROWS,
    fuzzed,
    hsds_tables,
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


# The shapes real publishers write (issue 17): names and descriptions as text, numbers,
# objects or language maps with null and empty values; a bare array, a @graph or a
# PathwaySet around two pathways; links given from either end.
LANGUAGE_VALUE = st.none() | st.just("") | TEXT | st.lists(st.none() | TEXT, max_size=3)
LABEL = (TEXT | st.none() | st.integers() | st.floats(allow_nan=False)
         | st.dictionaries(st.sampled_from(["en-US", "en", "es", "@id", "@value"]),
                           LANGUAGE_VALUE | st.integers() | VALUE, max_size=3))
EX = "https://example.org/"


@st.composite
def liberal_documents(draw) -> str:
    count = draw(st.integers(1, 5))
    components = []
    for index in range(count):
        node = {"@id": f"{EX}c{index}", "@type": "ceterms:CourseComponent",
                "ceterms:name": draw(LABEL), "ceterms:description": draw(LABEL)}
        if index and draw(st.booleans()):
            term = draw(st.sampled_from(["ceasn:isChildOf", "isChildOf", "ceasn:hasChild",
                                         "ceterms:precededBy"]))
            node[term] = [f"{EX}c{draw(st.integers(0, count))}"]
        components.append(node)
    pathways = [{"@id": f"{EX}p{index}", "@type": "ceterms:Pathway",
                 "ceterms:name": draw(LABEL),
                 "ceterms:hasDestinationComponent": [f"{EX}c{index}"]}
                for index in range(draw(st.integers(1, 2)))]
    shape = draw(st.sampled_from(["array", "graph", "set", "set-inside"]))
    context = "https://credreg.net/ctdl/schema/context/json"
    if shape == "array":
        return json.dumps([{"@context": context, **pathways[0]}, *pathways[1:], *components])
    if shape.startswith("set"):
        inside = shape == "set-inside"
        pathway_set = {"@id": f"{EX}set", "@type": "ceterms:PathwaySet",
                       "ceterms:hasPathway": pathways if inside
                       else [p["@id"] for p in pathways]}
        nodes = [pathway_set, *([] if inside else pathways), *components]
        return json.dumps({"@context": context, "@graph": nodes})
    return json.dumps({"@context": context, "@graph": [*pathways, *components]})


@fuzzed(liberal_documents())
def ctdl_liberal_shapes(text: str) -> None:
    """Read, within the limits, or refused naming the node and field of every problem."""
    try:
        result = read_documents([("up.jsonld", text)])
    except InputError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.source == "up.jsonld"
            if problem.field:
                assert problem.node.startswith(EX), problem
        return
    for doc in result.pathways:
        assert len(doc.name) <= 500 and len(doc.description) <= 10_000
        ctids = {c.ctid for c in doc.components}
        assert all(set(c.children) <= ctids for c in doc.components)


test_ctdl_liberal_shapes, test_ctdl_liberal_shapes_many = ctdl_liberal_shapes


# -- Open Referral HSDS (services directory) ----------------------------------------------
@fuzzed(HSDS_INPUT)
def hsds_json(text: str) -> None:
    refused_cleanly(read_json, "211.json", text, source="211.json")


test_hsds_json, test_hsds_json_many = hsds_json


@fuzzed(hsds_tables())
def hsds_csv(files: dict) -> None:
    refused_cleanly(read_tables, "211.zip", files, source="211.zip")


test_hsds_csv, test_hsds_csv_many = hsds_csv


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
