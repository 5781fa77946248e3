"""A round's results: the page (which prints as the report) and its CSV."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from pathways.apps.accounts.rules import requires
from pathways.apps.quality import queries
from pathways.apps.quality.results import bars, heat_class, indicator_row, median_label
from pathways.apps.quality.views._helpers import csv_response
from pathways.frameworks import (
    MIN_CELL,
    Framework,
    RoundResult,
    criterion_trends,
    result_columns,
    result_rows,
)


def results_context(framework: Framework, result: RoundResult) -> dict:
    """Everything the results templates show, as rows (templates do no look-ups)."""
    criteria = []
    for criterion in framework.criteria:
        summary = result.criteria[criterion.key]
        criteria.append({
            "criterion": criterion, "summary": summary,
            "median_label": median_label(framework, summary),
            "bars": bars(framework, summary),
            "indicators": [indicator_row(framework, i.key, result.indicators[i.key])
                           for i in criterion.indicators],
        })
    heatmap = []
    for criterion in framework.criteria:
        cells = []
        for element in framework.elements:
            cell = result.heatmap[(criterion.key, element.key)]
            cells.append({"element": element, "cell": cell, "class": heat_class(cell.balance)})
        heatmap.append({"criterion": criterion, "cells": cells,
                        "most_contributing": _top(cells, "contributes"),
                        "most_attention": _top(cells, "attention")})

    def rows(summaries):
        return [indicator_row(framework, s.key, s) for s in summaries]

    return {
        "framework": framework, "result": result, "criteria": criteria, "heatmap": heatmap,
        "strengths": rows(result.strengths()), "priorities": rows(result.priorities()),
        "disagreement": rows(result.most_disagreement()), "min_cell": MIN_CELL,
    }


def _top(cells: list[dict], kind: str) -> list[str]:
    counts = [(getattr(c["cell"], kind) or 0, c["element"].label) for c in cells]
    best = max((n for n, _label in counts), default=0)
    return [label for n, label in counts if n == best and n > 0]


@requires(queries.TAKE_PART)
@require_safe
def results(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_round_for(request.user, pk)
    result = queries.results_for(access)
    framework = result.framework
    history = queries.trend_for(access)
    trend_rows = []
    if len(history) > 1:
        for trend in criterion_trends([r for _round, r in history]):
            criterion = framework.criterion(trend.criterion)
            trend_rows.append({"criterion": criterion,
                               "cells": list(zip(trend.medians, trend.means, strict=True)),
                               "change": trend.change})
    return render(request, "quality/results.html", {
        "access": access, "round": access.round, "partnership": access.partnership,
        **results_context(framework, result),
        "history": [r for r, _result in history], "trend_rows": trend_rows,
        "progress": queries.progress(access),
        "actions": queries.actions_for(access).filter(round=access.round),
    })


@requires(queries.TAKE_PART)
@require_safe
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_round_for(request.user, pk)
    result = queries.results_for(access)
    return csv_response(f"round-{pk}-results.csv", result_columns(result), result_rows(result))
