"""Pages of the employers app: a partnership's employer partners, their commitments and
hiring requirements, and the typed employer names left to link (all need a login).

Who may see which partnership is decided in ``queries``; writes go through ``actions``."""

from __future__ import annotations

import contextlib
import copy

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from pathways.apps.accounts.rules import requires
from pathways.apps.employers import actions, naics, queries
from pathways.apps.employers.counting import fulfilments
from pathways.apps.employers.forms import (
    CommitmentForm,
    EmployerForm,
    RequirementForm,
    ResolveForm,
)
from pathways.core.errors import InputError


def _apply(form, call) -> bool:
    """Run an action; its problems land on the form's fields."""
    try:
        call()
    except InputError as exc:
        for problem in exc.problems:
            form.add_error(problem.field if problem.field in form.fields else None,
                           problem.message)
        return False
    return True


def _form_page(request, form, title: str, access, back: str) -> HttpResponse:
    return render(request, "employers/form.html", {
        "form": form, "title": title, "partnership": access.partnership, "back": back},
        status=400 if form.errors else 200)


@requires(queries.VIEW)
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    partnerships = list(queries.partnerships_for(request.user))
    if len(partnerships) == 1:
        return redirect("employers:list", pk=partnerships[0].pk)
    return render(request, "employers/index.html", {"partnerships": partnerships})


@requires(queries.VIEW)
@require_safe
def employer_list(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_employer_access(request.user, pk)
    partnership = access.partnership
    commitments = list(queries.commitments_of(partnership))
    return render(request, "employers/list.html", {
        "partnership": partnership, "employers": queries.employers_of(partnership),
        "commitments": fulfilments(commitments, partnership),
        "unmatched": len(queries.unmatched_names(partnership)),
        "can_manage": access.may_manage})


@requires(queries.VIEW)
@require_safe
def employer(request: HttpRequest, pk: int, employer: int) -> HttpResponse:
    access = queries.get_employer_access(request.user, pk)
    profile = queries.employer_of(access, employer)
    commitments = queries.commitments_of(access.partnership).filter(employer=profile)
    return render(request, "employers/employer.html", {
        "partnership": access.partnership, "employer": profile,
        "naics_title": naics.title_of(profile.naics),
        "commitments": fulfilments(list(commitments), access.partnership),
        "requirements": profile.hiring_requirements.select_related(
            "exit_point__pathway", "exit_point__occupation"),
        "can_manage": access.may_manage})


@requires(queries.MANAGE)
@require_http_methods(["GET", "POST"])
def add_employer(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an employer partner; from the unmatched names page (``?name=``), the typed name
    is then linked to it."""
    access = queries.get_employer_access(request.user, pk)
    typed = request.GET.get("name", "")[:200].strip()
    form = EmployerForm(request.POST or None, initial={"name": typed} if typed else None)
    if request.method == "POST" and form.is_valid():
        def save():
            profile = actions.save_employer(access, form.action_data())
            if typed:
                # Nothing left to link when someone linked it meanwhile.
                with contextlib.suppress(InputError):
                    actions.resolve_name(access, typed, profile)
            return profile

        if _apply(form, save):
            messages.success(request, _("The employer was added."))
            return redirect("employers:list", pk=pk)
    return _form_page(request, form, _("Add an employer partner"), access,
                      reverse("employers:list", args=[pk]))


@requires(queries.MANAGE)
@require_http_methods(["GET", "POST"])
def change_employer(request: HttpRequest, pk: int, employer: int) -> HttpResponse:
    access = queries.get_employer_access(request.user, pk)
    profile = queries.employer_of(access, employer)
    form = EmployerForm(request.POST or None, profile=profile)
    if request.method == "POST" and form.is_valid() and _apply(
            form, lambda: actions.save_employer(access, form.action_data(), profile)):
        messages.success(request, _("Saved."))
        return redirect("employers:employer", pk=pk, employer=profile.pk)
    return _form_page(request, form, _("Change %(name)s") % {"name": profile}, access,
                      reverse("employers:employer", args=[pk, profile.pk]))


def _commitment_data(form: CommitmentForm) -> dict:
    return {name: form.cleaned_data.get(name) for name in CommitmentForm.Meta.fields}


@requires(queries.MANAGE)
@require_http_methods(["GET", "POST"])
def commitment(request: HttpRequest, pk: int, commitment: int | None = None) -> HttpResponse:
    """Add a commitment (``?employer=`` chooses the employer), or change one."""
    access = queries.get_employer_access(request.user, pk)
    current = queries.commitment_of(access, commitment) if commitment else None
    initial = {"employer": request.GET.get("employer")} if current is None else None
    form = CommitmentForm(request.POST or None, partnership=access.partnership,
                          instance=copy.copy(current) if current else None, initial=initial)
    if request.method == "POST" and form.is_valid() and _apply(
            form, lambda: actions.save_commitment(access, _commitment_data(form), current)):
        messages.success(request, _("Saved."))
        return redirect("employers:list", pk=pk)
    title = _("Change a commitment") if current else _("Add a commitment")
    return _form_page(request, form, title, access, reverse("employers:list", args=[pk]))


@requires(queries.MANAGE)
@require_http_methods(["GET", "POST"])
def requirement(request: HttpRequest, pk: int, requirement: int | None = None) -> HttpResponse:
    """Add or change what an employer asks of people it hires into an exit."""
    access = queries.get_employer_access(request.user, pk)
    current = queries.requirement_of(access, requirement) if requirement else None
    initial = {"employer": request.GET.get("employer")} if current is None else None
    form = RequirementForm(request.POST or None, partnership=access.partnership,
                           instance=copy.copy(current) if current else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data.get(name) for name in RequirementForm.Meta.fields}
        if _apply(form, lambda: actions.save_requirement(access, data, current)):
            messages.success(request, _("Saved."))
            return redirect("employers:employer", pk=pk, employer=data["employer"].pk)
    return _form_page(request, form, _("Hiring requirements for a job"), access,
                      reverse("employers:list", args=[pk]))


@requires(queries.MANAGE)
@require_http_methods(["GET", "POST"])
def unmatched(request: HttpRequest, pk: int) -> HttpResponse:
    """Typed employer names not linked to an organisation: link each to an employer."""
    access = queries.get_employer_access(request.user, pk)
    partnership = access.partnership
    failed = None
    if request.method == "POST":
        form = ResolveForm(request.POST, partnership=partnership)
        if form.is_valid() and _apply(form, lambda: actions.resolve_name(
                access, form.cleaned_data["name"], form.cleaned_data["employer"])):
            messages.success(request, _("The records were linked to the employer."))
            return redirect("employers:unmatched", pk=pk)
        failed = form
    names = queries.unmatched_names(partnership)
    rows = []
    for index, found in enumerate(names):
        chosen = failed if failed is not None and failed.data.get("name") == found.name \
            else ResolveForm(initial={"name": found.name}, partnership=partnership)
        chosen.auto_id = f"id_%s_{index}"  # one form a row: ids stay unique
        rows.append((index, found, chosen))
    return render(request, "employers/unmatched.html", {
        "partnership": partnership, "rows": rows, "failed": failed,
        "has_employers": queries.employers_of(partnership).exists()},
        status=400 if failed is not None else 200)
