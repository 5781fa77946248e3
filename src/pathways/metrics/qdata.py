"""Published outcomes as CTDL Quality Data (QData) JSON-LD.

One ``qdata:DataSetProfile`` for the run: its time frame (``qdata:DataSetTimeFrame``) with a
``qdata:DataProfile`` of the headline totals; one ``qdata:Metric`` per measure; one
``qdata:Dimension`` per slice with its points; and one ``qdata:Observation`` per measure and
group, at the point of its dimension. Only the suppressed (published) table goes in: a
withheld cell is an observation with no value and a comment saying why. Rates are verbatim
percentages (54.8 = 54.8%), as CTDL advises; medians are US dollars.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import pandas as pd

from pathways.metrics.definitions import Measure
from pathways.metrics.dimensions import DIMENSIONS
from pathways.metrics.facts import Window

CONTEXT = "https://credreg.net/ctdl/schema/context/json"
TERMS_FILE = Path(__file__).with_name("data") / "qdata_terms.txt"
LANG = "en-US"


UNIT_TEXT = {"dollars": " Unit: US dollars (median).", "days": " Unit: days (median)."}


def _text(value: str) -> dict[str, str]:
    return {LANG: value}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _number(value: Decimal | float | int) -> float | int:
    if isinstance(value, int):
        return value
    number = float(value)
    return int(number) if number == int(number) else number


def _percentage(value: Decimal) -> float:
    return float((Decimal(value) * 100).quantize(Decimal("0.01")))


def _count(value: int) -> dict:
    return {"@type": "schema:QuantitativeValue", "schema:value": int(value)}


def dataset(table: pd.DataFrame, measures: Iterable[Measure], window: Window, *,
            title: str, threshold: int, description: str = "") -> dict:
    """The JSON-LD document (a dict) of one run's published table."""
    measures = list(measures)
    by_id = {m.id: m for m in measures}
    graph: list[dict] = []
    metric_ids = {m.id: f"_:metric-{m.id}" for m in measures}
    for m in measures:
        graph.append({"@id": metric_ids[m.id], "@type": "qdata:Metric",
                      "ceterms:name": _text(m.name),
                      "ceterms:description": _text(
                          m.description + UNIT_TEXT.get(m.unit, " Unit: percentage."))})
    points: dict[tuple[str, str], str] = {}
    dimensions: dict[str, list[str]] = {}
    observations = []
    for row in table.itertuples(index=False):
        if row.measure not in by_id or row.dimension == "all":
            continue
        key = (row.dimension, row.group)
        if key not in points:
            points[key] = f"_:point-{_slug(row.dimension)}-{_slug(row.group)}"
            dimensions.setdefault(row.dimension, []).append(points[key])
            graph.append({"@id": points[key], "@type": "skos:Concept",
                          "skos:prefLabel": _text(row.group)})
        observations.append(_observation(row, by_id[row.measure], metric_ids, [points[key]],
                                         threshold))
    for name, members in dimensions.items():
        dimension = DIMENSIONS.get(name)
        graph.append({"@id": f"_:dimension-{_slug(name)}", "@type": "qdata:Dimension",
                      "ceterms:name": _text(dimension.title if dimension else name),
                      "qdata:hasPoint": members})
    totals = [r for r in table.itertuples(index=False) if r.dimension == "all"
              and r.measure in by_id]
    for row in totals:
        observations.append(_observation(row, by_id[row.measure], metric_ids, [], threshold))
    for i, observation in enumerate(observations):
        observation["@id"] = f"_:observation-{i + 1}"
    graph += observations
    graph.insert(0, _profile(totals, by_id))
    graph.insert(0, {"@id": "_:time-frame", "@type": "qdata:DataSetTimeFrame",
                     "ceterms:name": _text(f"{window.start:%Y-%m-%d} to {window.end:%Y-%m-%d}"),
                     "ceterms:description": _text(
                         f"Reporting period of exits (skill gains: the program years it "
                         f"overlaps), as of {window.as_of:%Y-%m-%d}."),
                     "ceterms:startDate": f"{window.start:%Y-%m-%d}",
                     "ceterms:endDate": f"{window.end:%Y-%m-%d}",
                     "qdata:dataAttributes": ["_:profile"]})
    graph.insert(0, {
        "@id": "_:dataset", "@type": "qdata:DataSetProfile", "ceterms:name": _text(title),
        "ceterms:description": _text(description or "Shared performance measures: the WIOA "
                                     "primary indicators of performance and career pathway "
                                     "progress measures, computed by Pathways."),
        "qdata:subjectIdentification": _text(
            "Periods of participation (PIRL 100 and 900); records of one person less than 90 "
            "days apart are one period."),
        "qdata:dataSuppressionPolicy": _text(
            f"Cells with a denominator from 1 to {threshold - 1} are withheld, and further "
            "cells are withheld so that no withheld cell can be recovered from the totals or "
            "from other cells (complementary suppression)."),
        "qdata:dataSetTimePeriod": ["_:time-frame"],
        "qdata:hasMetric": list(metric_ids.values()),
        "qdata:hasDimension": [f"_:dimension-{_slug(n)}" for n in dimensions],
        "qdata:hasObservation": [o["@id"] for o in observations],
    })
    return {"@context": CONTEXT, "@graph": graph}


def _observation(row, measure: Measure, metric_ids: dict[str, str], at: list[str],
                 threshold: int) -> dict:
    out: dict = {"@type": "qdata:Observation", "qdata:isObservationOf": metric_ids[row.measure]}
    if at:
        out["qdata:atPoint"] = at
    if row.suppressed:
        out["ceasn:comment"] = _text(f"Withheld: fewer than {threshold} in the denominator, "
                                     "or withheld so that such a cell cannot be recovered.")
        return out
    if row.value is not None and not pd.isna(row.value):
        if measure.unit in {"dollars", "days"}:
            out["schema:value"] = _number(row.value)
        else:
            out["qdata:percentage"] = _percentage(row.value)
    out["qdata:sizeOfPopulation"] = _count(row.denominator)
    return out


def _profile(totals: list, by_id: dict[str, Measure]) -> dict:
    profile: dict = {"@id": "_:profile", "@type": "qdata:DataProfile",
                     "ceterms:description": _text("All periods of participation, every "
                                                  "program (each period counted once).")}
    employment, earnings = [], []
    for row in totals:
        measure = by_id[row.measure]
        if row.suppressed or row.value is None or pd.isna(row.value):
            continue
        if measure.unit == "dollars" and measure.id == "median_earnings_q2":
            earnings.append({"@type": "schema:MonetaryAmount", "schema:value": _number(row.value),
                             "schema:unitText": "USD", "schema:description": _text(measure.name)})
        elif measure.id in {"employment_q2", "employment_q4"}:
            employment.append({"@type": "schema:QuantitativeValue",
                               "qdata:percentage": _percentage(row.value),
                               "schema:description": _text(measure.name)})
    if employment:
        profile["qdata:employmentRate"] = employment
    if earnings:
        profile["qdata:earningsAmount"] = earnings
    return profile


def dumps(document: dict) -> str:
    """Deterministic JSON text (the same table always gives the same bytes)."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def qdata_terms() -> set[str]:
    """The qdata: terms CTDL defines (vendored list)."""
    return set(TERMS_FILE.read_text(encoding="utf-8").split())
