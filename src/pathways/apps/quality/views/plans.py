"""Action plans: the partnership's list, and creating or changing one action."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from pathways.apps.accounts.rules import requires
from pathways.apps.accounts.versioning import StaleEdit, show_stale
from pathways.apps.quality import actions, queries
from pathways.apps.quality.actions import ActionInput
from pathways.apps.quality.forms import ActionForm, add_problems
from pathways.core.errors import InputError
from pathways.core.numbers import record_id


def _origin(access, round_id: str | None, indicator: str, criterion: str) -> dict:
    """Where an action comes from (a round's indicator or criterion), for its heading.
    A round that is not a number is a bad request; one of another partnership is none."""
    found = None
    if round_id:
        number = record_id(round_id)
        if number is None:
            raise BadRequest("round must be a round number")
        found = queries.round_of(access, number)
    if found is None:
        return {"round": None, "indicator": "", "criterion": "", "text": ""}
    framework = found.definition()
    text = ""
    if indicator and framework.indicator(indicator):
        text = framework.indicator(indicator).text
    elif criterion and framework.criterion(criterion):
        text = framework.criterion(criterion).title
    return {"round": found, "indicator": indicator, "criterion": criterion, "text": text}


def _input(form: ActionForm, origin: dict) -> ActionInput:
    data = form.cleaned_data
    return ActionInput(title=data["title"], owner_id=data["owner"], due_on=data["due_on"],
                       status=data["status"], notes=data["notes"],
                       round_id=origin["round"].pk if origin["round"] else None,
                       indicator=origin["indicator"], criterion=origin["criterion"],
                       version=data.get("opened_version"))


@requires(queries.TAKE_PART)
@require_safe
def action_list(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_partnership_for(request.user, pk)
    show_all = request.GET.get("show") == "all"
    return render(request, "quality/actions.html", {
        "access": access, "partnership": access.partnership, "show_all": show_all,
        "actions": queries.actions_for(access, open_only=not show_all),
    })


@requires(queries.TAKE_PART)
@require_http_methods(["GET", "HEAD", "POST"])
def new_action(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_partnership_for(request.user, pk)
    source = request.POST if request.method == "POST" else request.GET
    origin = _origin(access, source.get("round"), source.get("indicator", ""),
                     source.get("criterion", ""))
    members = queries.members_of(access.partnership)
    initial = {"title": origin["text"][:200]} if origin["text"] else {}
    form = ActionForm(request.POST or None, members=members, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = actions.create_action(access, _input(form, origin))
        except InputError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("The action is in the plan."))
            return redirect("quality:action", action.pk)
    return render(request, "quality/action_form.html", {
        "access": access, "partnership": access.partnership, "form": form, "origin": origin,
        "action": None,
    }, status=400 if form.errors else 200)


@requires(queries.TAKE_PART)
@require_http_methods(["GET", "HEAD", "POST"])
def action_page(request: HttpRequest, pk: int) -> HttpResponse:
    access, action = queries.get_action_for(request.user, pk)
    may_edit = queries.may_edit_action(access, action)
    origin = _origin(access, str(action.round_id or ""), action.indicator, action.criterion)
    members = queries.members_of(access.partnership)
    initial = {"title": action.title, "owner": action.owner_id, "due_on": action.due_on,
               "status": action.status, "notes": action.notes}
    form = ActionForm(request.POST or None, members=members, initial=initial,
                      version=action.version)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_action(access, action, _input(form, origin))
        except StaleEdit as exc:
            show_stale(form, exc)
        except InputError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("The action is updated."))
            return redirect("quality:action", action.pk)
    return render(request, "quality/action_form.html", {
        "access": access, "partnership": access.partnership, "form": form, "origin": origin,
        "action": action, "may_edit": may_edit,
    }, status=400 if form.errors else 200)
