"""A round: its overview, the rating pages (one per criterion), closing, and the
facilitator's view of every person's ratings."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pathways.apps.accounts.rules import requires
from pathways.apps.quality import actions, evidence, queries
from pathways.apps.quality.actions import RatingInput
from pathways.apps.quality.views._helpers import (
    act_then_redirect,
    csv_response,
    flash_problems,
    problems_response,
    wants_json,
)
from pathways.core.errors import InputError
from pathways.frameworks import Criterion, Framework


@requires(queries.TAKE_PART)
@require_safe
def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_round_for(request.user, pk)
    framework = access.round.definition()
    mine = queries.my_ratings(access)
    criteria = [(c, sum(1 for i in c.indicators if i.key in mine and mine[i.key].value),
                 len(c.indicators)) for c in framework.criteria]
    return render(request, "quality/round.html", {
        "access": access, "round": access.round, "partnership": access.partnership,
        "framework": framework, "criteria": criteria,
        "progress": queries.progress(access),
        "raters": queries.raters(access) if access.is_facilitator else None,
        "has_workshop": hasattr(access.round, "workshop"),
    })


def _entry(request: HttpRequest, key: str) -> RatingInput:
    data = request.POST
    evidence = tuple(line.strip() for line in data.get(f"{key}-evidence", "").splitlines()
                     if line.strip())
    return RatingInput(indicator=key, value=data.get(f"{key}-value", "").strip(),
                       note=data.get(f"{key}-note", ""),
                       contributes=tuple(data.getlist(f"{key}-contributes")),
                       attention=tuple(data.getlist(f"{key}-attention")), evidence=evidence)


def _items(framework: Framework, criterion: Criterion, saved: dict, posted: dict,
           errors: dict) -> list[dict]:
    items = []
    for indicator in criterion.indicators:
        entry = posted.get(indicator.key)
        if entry is None and indicator.key in saved:
            rating = saved[indicator.key]
            entry = RatingInput(indicator.key, rating.value, rating.note,
                                tuple(rating.contributes), tuple(rating.attention),
                                tuple(rating.evidence))
        entry = entry or RatingInput(indicator.key)
        items.append({"indicator": indicator, "entry": entry,
                      "evidence": "\n".join(entry.evidence),
                      "errors": errors.get(indicator.key, [])})
    return items


@requires(queries.TAKE_PART)
@require_http_methods(["GET", "HEAD", "POST"])
def rate(request: HttpRequest, pk: int, criterion: str) -> HttpResponse:
    """Rate the indicators of one criterion. The page's script posts one indicator at a time
    as it changes (``indicator`` names it) and gets JSON; without the script the whole form
    is posted and the page comes back."""
    access = queries.get_round_for(request.user, pk)
    framework = access.round.definition()
    found = framework.criterion(criterion)
    if found is None:
        raise Http404("No such criterion")
    posted: dict[str, RatingInput] = {}
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        # One indicator from the script; the whole criterion from a plain submit.
        only = request.POST.get("indicator")
        keys = [only] if only else [i.key for i in found.indicators]
        posted = {key: _entry(request, key) for key in keys}
        try:
            actions.save_ratings(access, list(posted.values()))
        except InputError as exc:
            if wants_json(request):
                return problems_response(exc)
            for problem in exc.problems:
                errors.setdefault(problem.field.split(".")[0], []).append(problem.message)
            if "round" in errors or "indicator" in errors:
                flash_problems(request, exc)
            status = 400
        else:
            if wants_json(request):
                return JsonResponse({"saved": list(posted), "message": _("Saved")})
            messages.success(request, _("Your ratings are saved."))
            following = _next_criterion(framework, found)
            if request.POST.get("go") == "next" and following is not None:
                return redirect("quality:rate", pk, following.key)
            return redirect(reverse("quality:rate", args=[pk, criterion]))
    position = [c.key for c in framework.criteria].index(found.key)
    # Records other apps register for this criterion (quality.evidence): shown, never scored.
    shown = evidence.evidence_for(access.partnership, framework.key, found)
    items = _items(framework, found, queries.my_ratings(access), posted, errors)
    for item in items:
        item["records"] = [e for e in shown if e.indicator == item["indicator"].key]
    return render(request, "quality/rate.html", {
        "access": access, "round": access.round, "partnership": access.partnership,
        "framework": framework, "criterion": found, "position": position + 1,
        "previous": framework.criteria[position - 1] if position else None,
        "next": _next_criterion(framework, found),
        "items": items, "records": [e for e in shown if not e.indicator],
    }, status=status)


def _next_criterion(framework: Framework, criterion: Criterion) -> Criterion | None:
    keys = [c.key for c in framework.criteria]
    position = keys.index(criterion.key)
    return framework.criteria[position + 1] if position + 1 < len(keys) else None


@requires(queries.TAKE_PART)
@require_POST
def close_round(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_round_for(request.user, pk)
    return act_then_redirect(request, lambda: actions.close_round(access),
                             _("The round is closed. Members can now see the results."),
                             "quality:round", pk)


@requires(queries.TAKE_PART)
@require_safe
def ratings(request: HttpRequest, pk: int) -> HttpResponse:
    """Every person's ratings, for the facilitator."""
    access = queries.get_round_for(request.user, pk)
    framework = access.round.definition()
    rows = list(queries.individual_ratings(access))
    labels = {lv.value: lv.label for lv in framework.scale.levels}
    elements = {e.key: e.label for e in framework.elements}
    by_indicator: dict[str, list] = {}
    for rating in rows:
        by_indicator.setdefault(rating.indicator, []).append({
            "rating": rating, "label": labels.get(rating.value, ""),
            "contributes": [elements.get(k, k) for k in rating.contributes],
            "attention": [elements.get(k, k) for k in rating.attention]})
    criteria = [(c, [(i, by_indicator.get(i.key, [])) for i in c.indicators])
                for c in framework.criteria]
    return render(request, "quality/ratings.html", {
        "access": access, "round": access.round, "partnership": access.partnership,
        "framework": framework, "criteria": criteria,
    })


@requires(queries.TAKE_PART)
@require_safe
def ratings_csv(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_round_for(request.user, pk)
    framework = access.round.definition()
    criterion_of = {i.key: c.key for c, i in framework.indicators()}
    rows = ({"person": r.member.get_username(), "criterion": criterion_of.get(r.indicator, ""),
             "indicator": r.indicator, "value": r.value, "note": r.note,
             "contributes": " ".join(r.contributes), "attention": " ".join(r.attention),
             "evidence": " ".join(r.evidence), "updated_at": r.updated_at.isoformat()}
            for r in queries.individual_ratings(access))
    columns = ["person", "criterion", "indicator", "value", "note", "contributes", "attention",
               "evidence", "updated_at"]
    return csv_response(f"round-{pk}-ratings.csv", columns, rows)
