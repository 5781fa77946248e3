"""A person's partnerships, a partnership's dashboard, opening rounds, and frameworks."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from pathways.apps.accounts.rules import requires
from pathways.apps.quality import actions, queries
from pathways.apps.quality.forms import FrameworkFileForm, OpenRoundForm, add_problems
from pathways.core.errors import InputError


@requires(queries.TAKE_PART)
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    partnerships = list(queries.partnerships_for(request.user))
    for partnership in partnerships:
        partnership.open_rounds = queries.open_rounds_of(partnership)
    return render(request, "quality/home.html", {"partnerships": partnerships})


@requires(queries.TAKE_PART)
@require_safe
def partnership(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_partnership_for(request.user, pk)
    rounds = list(queries.rounds_of(access))
    frameworks = queries.frameworks_for(access.partnership)
    return render(request, "quality/partnership.html", {
        "access": access, "partnership": access.partnership,
        "open_rounds": [r for r in rounds if r.is_open],
        "closed_rounds": [r for r in rounds if not r.is_open],
        "changes": queries.changes_since_last_round(access),
        "open_actions": queries.actions_for(access, open_only=True),
        "form": OpenRoundForm(frameworks=frameworks) if access.is_facilitator else None,
    })


@requires(queries.TAKE_PART)
@require_http_methods(["GET", "HEAD", "POST"])
def open_round(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_partnership_for(request.user, pk)
    queries.require_facilitator(access)
    frameworks = queries.frameworks_for(access.partnership)
    form = OpenRoundForm(request.POST or None, frameworks=frameworks)
    if request.method == "POST" and form.is_valid():
        try:
            found = actions.open_round(access, form.cleaned_data["framework"],
                                       form.cleaned_data["title"])
        except InputError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("The round is open. Members can rate now."))
            return redirect("quality:round", found.pk)
    return render(request, "quality/round_new.html", {
        "access": access, "partnership": access.partnership, "form": form,
    }, status=400 if form.errors else 200)


@requires(queries.TAKE_PART)
@require_http_methods(["GET", "HEAD", "POST"])
def frameworks(request: HttpRequest, pk: int) -> HttpResponse:
    """The frameworks this partnership can use; staff and facilitators add or replace one by
    uploading or pasting YAML: "Check" validates only, "Load" stores it."""
    access = queries.get_partnership_for(request.user, pk)
    preview = None
    form = FrameworkFileForm()
    if request.method == "POST":
        form = FrameworkFileForm(request.POST, request.FILES)
        if form.is_valid():
            text, name = form.cleaned_data["yaml"], form.cleaned_data["name"]
            try:
                preview = queries.framework_preview(text, name, access.partnership)
                if request.POST.get("op") == "load":
                    (outcome,) = actions.load_frameworks(
                        queries.frameworks_access(request.user, access.partnership),
                        [(text, name)])
                    if outcome.created:
                        messages.success(request, _("Loaded %(title)s, version %(version)s.")
                                         % {"title": outcome.version.title,
                                            "version": outcome.version.version})
                    else:
                        messages.info(request, _("This version is already loaded; nothing "
                                                 "changed."))
                    return redirect("quality:frameworks", pk)
            except InputError as exc:
                preview = None
                add_problems(form, exc)
    return render(request, "quality/frameworks.html", {
        "access": access, "partnership": access.partnership, "form": form,
        "preview": preview, "current": queries.frameworks_for(access.partnership),
        "versions": queries.versions_for(access.partnership),
    }, status=400 if form.errors else 200)


@requires(queries.TAKE_PART)
@require_safe
def framework(request: HttpRequest, pk: int, version_id: int) -> HttpResponse:
    access = queries.get_partnership_for(request.user, pk)
    version = queries.get_framework_for(access, version_id)
    return render(request, "quality/framework.html", {
        "access": access, "partnership": access.partnership, "version": version,
        "framework": version.definition(),
    })
