"""Partnership pages: the partnership (vision, members, agreements and what is due), the
forms that change it, and the policy register. Every change goes through ``actions``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from pathways.apps.accounts.rules import requires
from pathways.apps.partnership import actions, queries, state
from pathways.apps.partnership.forms import (
    AgreementForm,
    PolicyFilterForm,
    PolicyForm,
    RolesForm,
    VisionForm,
    add_problems,
)
from pathways.apps.partnership.models import Agreement, PolicyItem
from pathways.apps.partnership.queries import EDIT, STATE_VIEW, VIEW, Access
from pathways.core.errors import InputError

FORM = ["GET", "HEAD", "POST"]


def _may_edit(access: Access) -> None:
    if not access.may_edit:
        raise PermissionDenied("only the partnership's editors and administrators")


@requires(VIEW)
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    found = list(queries.partnerships_for(request.user))
    if len(found) == 1:
        return redirect("partnership:page", found[0].pk)
    return render(request, "partnership/home.html", {
        "partnerships": found,
        "due": queries.due_for(found, timezone.localdate())})


@requires(VIEW)
@require_safe
def page(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_access(request.user, pk)
    partnership = access.partnership
    today = timezone.localdate()
    vision = queries.vision_of(partnership)
    spanish = (get_language() or "").startswith("es")
    agreements = [{"agreement": a, "parties": list(a.parties.all()),
                   "reminders": a.reminders(today), "ended": a.has_ended(today)}
                  for a in queries.agreements_of(partnership)]
    return render(request, "partnership/page.html", {
        "access": access, "partnership": partnership, "vision": vision,
        "vision_text": ((vision.vision_es or vision.vision) if spanish else vision.vision)
        if vision else "",
        "goals": vision.goal_lines(spanish) if vision else [],
        "members": queries.members_of(partnership), "agreements": agreements,
        "due": queries.due_for([partnership], today),
        "policy_count": partnership.policy_items.count(),
        "sees_locals": partnership.scope == partnership.Scope.STATE
        and queries.state_partnerships_for(request.user).filter(pk=partnership.pk).exists()})


@requires(STATE_VIEW)
@require_safe
def state_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A state partnership's local partnerships side by side (what each has published)."""
    access = queries.get_state_access(request.user, pk)
    return render(request, "partnership/state.html", {
        "partnership": access.partnership, "summaries": state.summaries(access)})


@requires(EDIT)
@require_http_methods(FORM)
def vision(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_access(request.user, pk)
    _may_edit(access)
    found = queries.vision_of(access.partnership)
    initial = {k: getattr(found, k) for k in ("vision", "vision_es", "goals", "goals_es")} \
        if found else {}
    form = VisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_vision(access, actions.VisionInput(**form.cleaned_data))
        except InputError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("The vision and goals are saved."))
            return redirect("partnership:page", pk)
    return render(request, "partnership/form.html", {
        "partnership": access.partnership, "form": form,
        "heading": _("Vision and goals")}, status=400 if form.errors else 200)


@requires(EDIT)
@require_http_methods(FORM)
def members(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_access(request.user, pk)
    _may_edit(access)
    organisations = [(o.pk, o.name) for o in queries.organisations()]
    chosen = request.GET.get("organisation", "")
    initial = {}
    if chosen.isdigit():
        held = access.partnership.member_roles.filter(organisation_id=int(chosen)).first()
        initial = {"organisation": int(chosen), "roles": held.roles if held else [],
                   "description": held.description if held else ""}
    form = RolesForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.set_roles(access, data["organisation"], data["roles"], data["description"])
        except InputError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("The member's roles are saved."))
            return redirect("partnership:page", pk)
    return render(request, "partnership/form.html", {
        "partnership": access.partnership, "form": form,
        "heading": _("A member organisation's roles"),
        "lead": _("Choose an organisation and tick every role it holds. An organisation that "
                  "is not yet a member joins the partnership.")},
        status=400 if form.errors else 200)


def _agreement_input(data: dict) -> actions.AgreementInput:
    return actions.AgreementInput(
        kind=data["kind"], title=data["title"], effective_on=data["effective_on"],
        parties=tuple(data["parties"]), ends_on=data["ends_on"],
        last_reviewed_on=data["last_reviewed_on"], document_url=data["document_url"],
        notes=data["notes"])


def _parties(access: Access) -> list[tuple[int, str]]:
    return [(o.pk, o.name) for o in access.partnership.organisations.order_by("name")]


@requires(EDIT)
@require_http_methods(FORM)
def new_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_access(request.user, pk)
    _may_edit(access)
    form = AgreementForm(request.POST or None, parties=_parties(access),
                         initial={"kind": request.GET.get("kind", Agreement.Kind.MOU)})
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_agreement(access, _agreement_input(form.cleaned_data))
        except InputError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("The agreement is saved."))
            return redirect("partnership:page", pk)
    return render(request, "partnership/form.html", {
        "partnership": access.partnership, "form": form, "heading": _("New agreement")},
        status=400 if form.errors else 200)


@requires(VIEW)
@require_http_methods(FORM)
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    access, found = queries.get_agreement(request.user, pk)
    form = None
    if access.may_edit:
        initial = {k: getattr(found, k) for k in ("kind", "title", "effective_on", "ends_on",
                                                  "last_reviewed_on", "document_url", "notes")}
        initial["parties"] = list(found.parties.values_list("pk", flat=True))
        form = AgreementForm(request.POST or None, parties=_parties(access), initial=initial)
    elif request.method == "POST":
        _may_edit(access)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            actions.update_agreement(access, found, _agreement_input(form.cleaned_data))
        except InputError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("The agreement is saved."))
            return redirect("partnership:page", found.partnership_id)
    return render(request, "partnership/agreement.html", {
        "partnership": access.partnership, "agreement": found, "form": form,
        "parties": found.parties.all(), "reminders": found.reminders(timezone.localdate())},
        status=400 if form is not None and form.errors else 200)


@requires(VIEW)
@require_safe
def policies(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_access(request.user, pk)
    filters = PolicyFilterForm(request.GET or None)
    chosen = queries.PolicyFilter(**filters.cleaned_data) if filters.is_valid() \
        else queries.PolicyFilter()
    return render(request, "partnership/policies.html", {
        "access": access, "partnership": access.partnership, "filters": filters,
        "items": queries.policies_of(access.partnership, chosen),
        "total": access.partnership.policy_items.count()})


def _policy_form(request: HttpRequest, access: Access, initial: dict | None = None
                 ) -> PolicyForm:
    return PolicyForm(request.POST or None, initial=initial or {},
                      owners=_parties(access),
                      indicators=queries.indicator_choices(access.partnership),
                      actions=queries.action_choices(access.partnership))


def _policy_input(data: dict) -> actions.PolicyInput:
    return actions.PolicyInput(
        title=data["title"], category=data["category"], kind=data["kind"],
        level=data["level"], status=data["status"], owner_id=data["owner"],
        evidence=data["evidence"], evidence_url=data["evidence_url"],
        indicators=tuple(data["indicators"]), actions=tuple(data["actions"]))


@requires(EDIT)
@require_http_methods(FORM)
def new_policy(request: HttpRequest, pk: int) -> HttpResponse:
    access = queries.get_access(request.user, pk)
    _may_edit(access)
    form = _policy_form(request, access, {"status": PolicyItem.Status.IDENTIFIED})
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_policy(access, _policy_input(form.cleaned_data))
        except InputError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("The policy item is saved."))
            return redirect("partnership:policies", pk)
    return render(request, "partnership/form.html", {
        "partnership": access.partnership, "form": form, "heading": _("New policy item"),
        "back": ("partnership:policies", _("The policy register"))},
        status=400 if form.errors else 200)


@requires(VIEW)
@require_http_methods(FORM)
def policy(request: HttpRequest, pk: int) -> HttpResponse:
    access, found = queries.get_policy(request.user, pk)
    form = None
    if access.may_edit:
        initial = {k: getattr(found, k) for k in ("title", "category", "kind", "level",
                                                  "status", "evidence", "evidence_url")}
        initial.update(owner=found.owner_id,
                       indicators=[":".join(x for x in (i.framework, i.criterion, i.indicator)
                                            if x) for i in found.indicators.all()],
                       actions=list(found.actions.values_list("pk", flat=True)))
        form = _policy_form(request, access, initial)
    elif request.method == "POST":
        _may_edit(access)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            actions.update_policy(access, found, _policy_input(form.cleaned_data))
        except InputError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("The policy item is saved."))
            return redirect("partnership:policies", found.partnership_id)
    return render(request, "partnership/policy.html", {
        "partnership": access.partnership, "item": found, "form": form,
        "links": found.indicators.all(), "plan": found.actions.all()},
        status=400 if form is not None and form.errors else 200)
