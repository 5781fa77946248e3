"""The CSV table of a round: one row per criterion then per indicator; withheld stays empty."""

from __future__ import annotations

from pathways.frameworks import Answer, Mark, result_columns, result_rows, score_round
from tests.frameworks.helpers import tiny


def test_rows_follow_the_framework_and_keep_withheld_cells_empty():
    rows_in = [Answer(f"p{n}", "i1", v) for n, v in enumerate("123")] + [
        Answer("p0", "i2", "4")]
    result = score_round(tiny(), rows_in, [Mark("p0", "i1", "data", "attention")])
    columns = result_columns(result)
    assert columns[:6] == ["row", "criterion", "indicator", "text", "people", "answers"]
    assert "count_dont_know" in columns and "attention_data" in columns
    rows = result_rows(result)
    assert [(r["row"], r["indicator"] or r["criterion"]) for r in rows] == [
        ("criterion", "k1"), ("indicator", "i1"), ("indicator", "i2"), ("indicator", "i3"),
        ("criterion", "k2"), ("indicator", "i4"), ("indicator", "i5")]
    k1, i1, i2 = rows[0], rows[1], rows[2]
    assert (i1["median"], i1["mean"], i1["count_2"], i1["withheld"]) == (2.0, 2.0, 1, "")
    assert (i2["people"], i2["median"], i2["count_4"], i2["withheld"]) == (1, "", "", "yes")
    assert k1["answers"] == 3  # i2's answer is not pooled
    assert k1["attention_data"] == ""  # one person marked k1: withheld
    assert set(rows[0]) == set(columns)
