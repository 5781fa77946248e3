"""Workspace pages: the partnership's pathways, a new pathway, the map editor.

Every change is a POST to ``edit`` naming an operation and its item. An htmx request gets
the editor fragment back (the checks panel with it, out of band); a plain form post is
redirected to the map at the changed place. A refused change shows its form again, with
the person's entries and the reason, in either case (ADR 0044).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pathways.apps.accounts.roles import user_can
from pathways.apps.accounts.rules import requires
from pathways.apps.accounts.versioning import StaleEdit
from pathways.apps.catalog import queries as catalog
from pathways.apps.catalog.graph import pathway_graph
from pathways.apps.catalog.queries import EDIT, PathwayAccess, new_pathway_access
from pathways.apps.catalog.translations import coverage
from pathways.apps.catalog.wioa import wioa_check
from pathways.apps.partnership.queries import due_for as agreements_due
from pathways.apps.workspace import actions, editor, queries, review
from pathways.apps.workspace.forms import (
    ConfirmForm,
    ConnectForm,
    EntryForm,
    ExitForm,
    LevelForm,
    PathwayDetailsForm,
    PathwayForm,
    RenameLevelForm,
    ServiceForm,
    StepForm,
    VersionedForm,
    choices,
)
from pathways.core.errors import InputError


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# -- home and new pathway ------------------------------------------------------------------
@requires(EDIT)
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    rows = []
    for row in queries.workspace_pathways(request.user):
        results = wioa_check(row.current, pathway_graph(row.current))
        rows.append({"row": row, "met": sum(r.status == "met" for r in results),
                     "total": len(results),
                     "missing": [r for r in results if r.status != "met"],
                     "spanish": coverage(row.current),
                     "waiting": queries.waits_for_review(request.user, row.current)})
    rows.sort(key=lambda item: not item["waiting"])  # what waits for me first
    return render(request, "workspace/home.html", {
        "rows": rows, "waiting": [item["row"] for item in rows if item["waiting"]],
        "due": agreements_due(queries.partnerships_for(request.user), timezone.localdate()),
        "loads_reference": user_can(request.user, "reference.load")})


def _pathway_form(request: HttpRequest) -> PathwayForm:
    user = request.user
    partnerships = list(queries.partnerships_for(user))
    owners = [o for p in partnerships for o in queries.owners_for(p.pk)]
    return PathwayForm(
        request.POST or None, partnerships=choices(partnerships),
        sectors=choices(queries.sectors()), owners=choices(dict.fromkeys(owners)),
        pathways=choices(queries.copyable_pathways(user)))


@requires(EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def new_pathway(request: HttpRequest) -> HttpResponse:
    form = _pathway_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        access = new_pathway_access(request.user, data["partnership"])
        try:
            pathway = actions.create_pathway(access, actions.PathwayInput(
                name_en=data["name_en"], name_es=data["name_es"], sector_id=data["sector"],
                owner_id=data["owner"], wage_area=data["wage_area"],
                description_en=data["description_en"], description_es=data["description_es"],
                copy_of=data["copy_of"]))
        except InputError as exc:
            for problem in exc.problems:
                form.add_error(problem.field if problem.field in form.fields else None,
                               problem.message)
        else:
            messages.success(request, _("The pathway is made. Build its map below."))
            return redirect("workspace:pathway", pathway.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "workspace/new.html", {"form": form}, status=status)


# -- the map editor ------------------------------------------------------------------------
def _render(request: HttpRequest, page: editor.EditorPage, status: int = 200,
            refused: tuple[str, VersionedForm] | None = None) -> HttpResponse:
    context = {"page": page, "pathway": page.access.pathway, "access": page.access}
    if is_htmx(request):  # the editor only: its steps' review comments, no lifecycle panel
        review.attach_comments(page.parts.components,
                               catalog.review_comments(page.access.pathway))
        html = (render_to_string("workspace/_editor.html", context, request)
                + render_to_string("workspace/_checks.html", {**context, "oob": True},
                                   request))
        return HttpResponse(html)  # htmx swaps only 2xx answers
    context["review"] = review.panel(page.access, refused)  # ``refused``: shown again
    review.attach_comments(page.parts.components, context["review"].comments)
    return render(request, "workspace/pathway.html", context, status=status)


def _render_local(request: HttpRequest, page: editor.EditorPage, anchor: str) -> HttpResponse:
    """An htmx answer to a change that stays in one place: that level or step, with the
    map, the status line and the checks panel out of band, not the whole editor."""
    context = {"page": page, "pathway": page.access.pathway, "access": page.access,
               "may_edit": page.access.may_edit, "oob": True}
    review.attach_comments(page.parts.components,
                           catalog.review_comments(page.access.pathway))
    kind, _sep, pk = anchor.partition("-")
    if kind == "level":
        level = next(lv for lv in page.parts.levels if str(lv.pk) == pk)
        html = render_to_string("workspace/_level.html", {**context, "level": level}, request)
    else:
        step = next(c for c in page.parts.components if str(c.pk) == pk)
        html = render_to_string("workspace/_step.html", {**context, "step": step}, request)
        for other in page.parts.components:  # those that name it: links and conditions
            if other is not step and (step.name in other.needs or any(
                    n.pk == step.pk for n in other.precedes.all())):
                html += render_to_string("workspace/_step.html", {
                    **context, "step": other, "swap_oob": True}, request)
    html += render_to_string("workspace/_editor_oob.html", context, request)
    html += render_to_string("workspace/_checks.html", context, request)
    version = json.dumps({"pathwayVersion": page.access.pathway.version})
    return HttpResponse(html, headers={"HX-Retarget": f"#{anchor}", "HX-Reswap": "outerHTML",
                                       "HX-Trigger": version})  # workspace.js


def _open_step(request: HttpRequest) -> int | None:
    value = request.GET.get("edit", "")
    return int(value) if value.isdigit() and len(value) < 12 else None


@requires(EDIT)
@require_safe
def pathway(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_pathway_access(request.user, pk)
    return _render(request, editor.build(access, open_step=_open_step(request)))


@requires(EDIT)
@require_safe
def step_forms(request: HttpRequest, pk: int, step: int) -> HttpResponse:
    """One step with its forms (htmx, from its "Edit" button), or closed again with
    ``?close=1``; without JavaScript, the map with that step open."""
    access = queries.get_pathway_access(request.user, pk)
    closing = request.GET.get("close") == "1"
    if not is_htmx(request):
        there = reverse("workspace:pathway", args=[pk])
        return redirect(there + ("" if closing else f"?edit={step}") + f"#step-{step}")
    page = editor.build(access, focus=f"step-{step}", open_step=None if closing else step)
    found = next((c for c in page.parts.components if c.pk == step), None)
    if found is None:
        raise Http404("No such step")
    review.attach_comments([found], catalog.review_comments(access.pathway))
    return render(request, "workspace/_step.html", {
        "page": page, "pathway": access.pathway, "access": access,
        "may_edit": access.may_edit, "step": found})


@dataclass(frozen=True)
class Op:
    form: type[VersionedForm]
    run: Callable[[PathwayAccess, Any, int], tuple[str, str]]  # -> (anchor, what was done)
    query_fields: tuple[str, ...] = ()


def _step_input(data: dict, level_id: int | None) -> actions.StepInput:
    return actions.StepInput(
        name_en=data["name_en"], name_es=data["name_es"],
        component_type=data["component_type"], level_id=level_id,
        description_en=data["description_en"], description_es=data["description_es"],
        cost=data["cost"], length_weeks=data["length_weeks"],
        credit_value=data["credit_value"], program_id=_id(data["program"]),
        credential_id=_id(data["credential"]), occupation_code=data["occupation"] or "")


def _id(value: str) -> int | None:
    from pathways.core.numbers import record_id

    return record_id(value) if value else None


def _edit_pathway(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    data = form.cleaned_data
    actions.edit_pathway(access, form.seen(), actions.PathwayInput(
        name_en=data["name_en"], name_es=data["name_es"], sector_id=data["sector"],
        owner_id=data["owner"], wage_area=data["wage_area"],
        description_en=data["description_en"], description_es=data["description_es"]))
    return "pathway-details", _("The pathway’s details are saved.")


def _add_level(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    data = form.cleaned_data
    level = actions.add_level(access, form.seen(), data["name_en"], data["name_es"])
    return f"level-{level.pk}", _("Level added: %(name)s") % {"name": level.name}


def _rename_level(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    data = form.cleaned_data
    level = actions.rename_level(access, form.seen(), target, data["name_en"], data["name_es"],
                                 data["description_en"], data["description_es"])
    return f"level-{level.pk}", _("Level renamed: %(name)s") % {"name": level.name}


def _remove_level(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    actions.remove_level(access, form.seen(), target)
    return "levels", _("Level removed. Its steps are under “Other steps”.")


def _add_step(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    data = form.cleaned_data
    step = actions.add_step(access, form.seen(), _step_input(data, data["level"]))
    return f"step-{step.pk}", _("Step added: %(name)s") % {"name": step.name}


def _edit_step(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    data = form.cleaned_data
    step = actions.edit_step(access, form.seen(), target, _step_input(data, data["level"]))
    return f"step-{step.pk}", _("Step saved: %(name)s") % {"name": step.name}


def _remove_step(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    actions.remove_step(access, form.seen(), target)
    return "levels", _("Step removed.")


def _connect(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    actions.connect(access, form.seen(), target, form.cleaned_data["target"])
    return f"step-{target}", _("Connection added.")


def _disconnect(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    actions.disconnect(access, form.seen(), target, form.cleaned_data["item"] or 0)
    return f"step-{target}", _("Connection removed.")


def _add_entry(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    data = form.cleaned_data
    actions.add_entry(access, form.seen(), target, _entry_input(data))
    return f"step-{target}", _("Entry point added.")


def _entry_input(data: dict) -> actions.EntryInput:
    return actions.EntryInput(**{name: data[name] for name in (
        "name_en", "name_es", "kind", "description_en", "description_es", "prerequisites_en",
        "prerequisites_es")})


def _edit_entry(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    entry = actions.edit_entry(access, form.seen(), target, _entry_input(form.cleaned_data))
    return f"entry-{entry.pk}", _("Entry point saved: %(name)s") % {"name": entry.name}


def _remove_entry(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    actions.remove_entry(access, form.seen(), target)
    return "levels", _("Entry point removed.")


def _add_exit(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    data = form.cleaned_data
    actions.add_exit(access, form.seen(), target, _exit_input(data))
    return f"step-{target}", _("Exit point added.")


def _exit_input(data: dict) -> actions.ExitInput:
    return actions.ExitInput(data["occupation"] or "", **{name: data[name] for name in (
        "name_en", "name_es", "description_en", "description_es", "summary_en",
        "summary_es")})


def _edit_exit(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    exit_point = actions.edit_exit(access, form.seen(), target, _exit_input(form.cleaned_data))
    return f"exit-{exit_point.pk}", _("Exit point saved: %(name)s") % {"name": exit_point.name}


def _remove_exit(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    actions.remove_exit(access, form.seen(), target)
    return "levels", _("Exit point removed.")


def _attach(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    service = _id(form.cleaned_data["service"])
    actions.attach_service(access, form.seen(), target, service or 0)
    return f"step-{target}", _("Support service attached.")


def _detach(access: PathwayAccess, form: Any, target: int) -> tuple[str, str]:
    actions.detach_service(access, form.seen(), target, form.cleaned_data["item"] or 0)
    return f"step-{target}", _("Support service taken off.")


OPS: dict[str, Op] = {
    "edit-pathway": Op(PathwayDetailsForm, _edit_pathway),
    "add-level": Op(LevelForm, _add_level),
    "rename-level": Op(RenameLevelForm, _rename_level),
    "remove-level": Op(ConfirmForm, _remove_level),
    "add-step": Op(StepForm, _add_step, ("program", "credential", "occupation")),
    "edit-step": Op(StepForm, _edit_step, ("program", "credential", "occupation")),
    "remove-step": Op(ConfirmForm, _remove_step),
    "connect": Op(ConnectForm, _connect),
    "disconnect": Op(ConfirmForm, _disconnect),
    "add-entry": Op(EntryForm, _add_entry),
    "edit-entry": Op(EntryForm, _edit_entry),
    "remove-entry": Op(ConfirmForm, _remove_entry),
    "add-exit": Op(ExitForm, _add_exit, ("occupation",)),
    "edit-exit": Op(ExitForm, _edit_exit, ("occupation",)),
    "remove-exit": Op(ConfirmForm, _remove_exit),
    "attach-service": Op(ServiceForm, _attach, ("service",)),
    "detach-service": Op(ConfirmForm, _detach),
}


# Changes whose htmx answer is their own level or step, not the whole editor.
LOCAL = {"rename-level", "edit-step"}


def _level_of(access: PathwayAccess, step: int) -> str:
    """The level of ``step`` as the step form posts it ("" for none)."""
    found = access.pathway.components.filter(pk=step).values_list("level_id", flat=True)
    level = next(iter(found), None)
    return "" if level is None else str(level)


def _bind(op: str, spec: Op, access: PathwayAccess, request: HttpRequest,
          target: int) -> VersionedForm:
    form = spec.form(request.POST, prefix=f"{op}-{target}")
    parts = access.pathway
    if isinstance(form, StepForm):
        form.set_choices([(str(lv.pk), lv.name) for lv in parts.levels.all()], {})
    elif isinstance(form, PathwayDetailsForm):
        editor.details_choices(form, access)
    elif isinstance(form, ConnectForm):
        form.set_choices([(str(c.pk), c.name) for c in parts.components.all()])
    return form


@requires(EDIT)
@require_POST
def edit(request: HttpRequest, pk: int, op: str, target: int) -> HttpResponse:
    access = queries.get_pathway_access(request.user, pk)
    spec = OPS.get(op)
    if spec is None:
        raise Http404("No such change")
    access.check(EDIT, "may_edit")  # a page that is not a draft offers no change at all
    form = _bind(op, spec, access, request, target)
    query = {name: form.data.get(form.add_prefix(f"{name}_q"), "").strip()[:100]
             for name in spec.query_fields}
    failed = editor.Failed(form.prefix, form, query)
    if request.POST.get("find"):  # a picker's search without JavaScript: nothing is written
        return _render(request, editor.build(access, failed, focus=form.prefix))
    status = 400
    moved = op == "edit-step" and _level_of(access, target) != form.data.get(
        form.add_prefix("level"), "")
    if form.is_valid():
        try:
            anchor, done = spec.run(access, form, target)
        except StaleEdit as exc:
            form.show_problems(exc)
            status = 409
        except InputError as exc:
            form.show_problems(exc)
        else:
            there = reverse("workspace:pathway", args=[pk]) + f"#{anchor}"
            if is_htmx(request) and op == "edit-pathway":  # the heading is outside the editor
                messages.success(request, done)
                return HttpResponse(headers={"HX-Redirect": there})
            if is_htmx(request):
                access.pathway.refresh_from_db()
                page = editor.build(access, status=done, focus=anchor)
                if op in LOCAL and not moved:
                    return _render_local(request, page, anchor)
                return _render(request, page)
            messages.success(request, done)
            return redirect(there)
    access.pathway.refresh_from_db()
    return _render(request, editor.build(access, failed, focus=form.prefix), status=status)


@requires(EDIT)
@require_safe
def pick(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Options for a picker, found by the search box beside it (htmx)."""
    access = queries.get_pathway_access(request.user, pk)
    if kind not in {"program", "credential", "occupation", "service"}:
        raise Http404("No such picker")
    text = next((v for k, v in request.GET.items() if k.endswith("_q")), "")[:100]
    options = editor.pickers(access, {kind: text.strip()})[kind]
    return render(request, "workspace/_options.html", {"options": options, "kind": kind,
                                                       "query": text})
