"""A round's results as one flat table (for CSV): a row per criterion, then its indicators.

Withheld figures stay empty, exactly as on the page the same reader sees.
"""

from __future__ import annotations

from pathways.frameworks.scoring import RoundResult, Summary


def result_columns(result: RoundResult) -> list[str]:
    framework = result.framework
    columns = ["row", "criterion", "indicator", "text", "people", "answers"]
    columns += [f"count_{value}" for value in framework.scale.values]
    columns += ["median", "mean", "spread", "dont_know_share", "disagreement", "withheld"]
    for element in framework.elements:
        columns += [f"contributes_{element.key}", f"attention_{element.key}"]
    return columns


def result_rows(result: RoundResult) -> list[dict[str, object]]:
    """Every summary as a dict keyed by ``result_columns``; numbers stay numbers."""
    framework = result.framework
    rows: list[dict[str, object]] = []
    for criterion in framework.criteria:
        row = _row(result, "criterion", criterion.key, "", criterion.title,
                   result.criteria[criterion.key])
        for element in framework.elements:
            cell = result.heatmap[(criterion.key, element.key)]
            row[f"contributes_{element.key}"] = _blank(cell.contributes)
            row[f"attention_{element.key}"] = _blank(cell.attention)
        rows.append(row)
        for indicator in criterion.indicators:
            rows.append(_row(result, "indicator", criterion.key, indicator.key, indicator.text,
                             result.indicators[indicator.key]))
    return rows


def _row(result: RoundResult, kind: str, criterion: str, indicator: str, text: str,
         summary: Summary) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(result_columns(result), "")
    row.update({"row": kind, "criterion": criterion, "indicator": indicator, "text": text,
                "people": summary.people, "answers": summary.answers if summary.shown else "",
                "withheld": "yes" if summary.suppressed else ""})
    for value in result.framework.scale.values:
        row[f"count_{value}"] = (summary.distribution or {}).get(value, "") \
            if summary.distribution is not None else ""
    for name in ("median", "mean", "spread", "dont_know_share", "disagreement"):
        row[name] = _blank(getattr(summary, name))
    return row


def _blank(value: object) -> object:
    return "" if value is None else value
