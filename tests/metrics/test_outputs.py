"""The published outputs: tidy table, self-contained HTML report, CTDL QData JSON-LD."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from pathways.metrics import PirlFiles, Window, run_measures
from pathways.metrics.charts import Bar, bar_chart
from pathways.metrics.equity import gaps
from pathways.metrics.outputs import write_outputs
from pathways.metrics.qdata import qdata_terms
from tests.metrics import fixture

SCHEMA = Path(__file__).resolve().parents[2] / "src/pathways/data/ctdl/ctdl_schema.json"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outputs")
    inputs = PirlFiles(*fixture.write(folder)).read()
    result = run_measures(inputs.periods, inputs.wages,
                          Window(fixture.START, fixture.END, fixture.AS_OF),
                          by=["program", "sex", "exit_quarter", "exit_program_year"],
                          threshold=3)
    paths = write_outputs(result, folder / "out", "Fixture run")
    return result, {p.name: p for p in paths}


def test_the_csv_and_parquet_hold_the_published_table(written):
    result, paths = written
    csv = pd.read_csv(paths["measures.csv"], dtype=str, keep_default_na=False)
    parquet = pd.read_parquet(paths["measures.parquet"])
    assert len(csv) == len(parquet) == len(result.table)
    hidden = csv[csv.suppressed == "True"]
    assert len(hidden) > 0 and (hidden[["numerator", "denominator", "value"]] == "").all().all()
    assert parquet["value"].dropna().map(type).eq(Decimal).all()


def test_the_report_is_one_file_with_no_outside_assets(written):
    _result, paths = written
    html = paths["report.html"].read_text()
    assert "<script" not in html and "<link" not in html
    assert not re.search(r'\b(src|href)="(https?:)?//', html)
    charts = html.count("<svg")
    assert charts > 20 and html.count("<title id=") == charts
    assert "suppressed" in html and 'scope="col"' in html and "<caption>" in html


def test_a_chart_marks_suppressed_cells_and_gaps_in_words():
    svg = bar_chart([Bar("women", Decimal("0.61")), Bar("men", None, suppressed=True),
                     Bar("unknown", Decimal("0.40"), gap="below")],
                    title="Employed Q2 by sex", unit="rate", total=Decimal("0.55"),
                    chart_id="c1")
    assert 'role="img"' in svg and "<title id=\"c1-title\">Employed Q2 by sex</title>" in svg
    assert "men: suppressed" in svg and "40.0% · gap: below total" in svg
    assert "all 55.0%" in svg


def test_equity_gaps_are_far_from_the_total_and_never_hidden_cells():
    table = pd.DataFrame([
        ("m", "all", "all", 50, 100, Decimal("0.5000"), False),
        ("m", "sex", "female", 33, 60, Decimal("0.5500"), False),
        ("m", "sex", "male", 17, 40, Decimal("0.4250"), False),
        ("m", "sex", "unknown", None, None, None, True),
        ("e", "all", "all", None, 30, Decimal("4000.00"), False),
        ("e", "sex", "female", None, 20, Decimal("3500.00"), False),
        ("e", "sex", "male", None, 10, Decimal("4300.00"), False),
    ], columns=["measure", "dimension", "group", "numerator", "denominator", "value",
                "suppressed"])
    found = {(g.measure, g.group, g.below) for g in gaps(table, {"m": "rate", "e": "dollars"})}
    # 5.0 points and 7.5 points; $3,500 is 12.5% under $4,000, $4,300 only 7.5% over.
    assert found == {("m", "female", False), ("m", "male", True), ("e", "female", True)}


def test_the_qdata_document_uses_only_ctdl_terms(written):
    result, paths = written
    doc = json.loads(paths["measures.jsonld"].read_text())
    graph = doc["@graph"]
    schema = {x["@id"]: x for x in json.loads(SCHEMA.read_text())["@graph"]}
    terms = qdata_terms()
    # qdata classes are not described in the schema file, only named as domains and ranges.
    classes = set(schema) | {c for x in schema.values() for key in (
        "schema:domainIncludes", "schema:rangeIncludes") for c in x.get(key, [])}
    for node in graph:
        kind = node["@type"]
        assert kind in classes or kind == "skos:Concept", kind
        for key in node:
            if key.startswith("qdata:"):
                assert key in terms, key
            elif key in schema:
                domains = schema[key].get("schema:domainIncludes", [])
                assert kind in domains, (key, kind)
            for value in node[key] if isinstance(node[key], list) else [node[key]]:
                if isinstance(value, dict) and "@type" in value:
                    for inner in value:
                        if inner in schema:
                            assert value["@type"] in schema[inner]["schema:domainIncludes"]
    types = [n["@type"] for n in graph]
    assert types[:3] == ["qdata:DataSetProfile", "qdata:DataSetTimeFrame", "qdata:DataProfile"]
    observations = [n for n in graph if n["@type"] == "qdata:Observation"]
    assert len(observations) == len(result.table)
    hidden = [o for o in observations if "ceasn:comment" in o]
    assert hidden and all("qdata:percentage" not in o and "schema:value" not in o
                          for o in hidden)
    profile = graph[2]
    assert profile["qdata:earningsAmount"][0]["schema:value"] == 3650
    assert profile["qdata:employmentRate"][0]["qdata:percentage"] == 58.33


def test_writing_again_gives_the_same_bytes(written, tmp_path):
    result, paths = written
    again = {p.name: p for p in write_outputs(result, tmp_path, "Fixture run")}
    for name in ("measures.csv", "measures.jsonld", "report.html"):
        assert again[name].read_bytes() == paths[name].read_bytes(), name
