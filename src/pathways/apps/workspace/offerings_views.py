"""The workspace page for the partnership's providers, programs, credentials and support
services: what it has, and a form to add each (a possible duplicate is flagged first)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from pathways.apps.accounts.rules import requires
from pathways.apps.catalog.models import CredentialType, Program, SupportService
from pathways.apps.catalog.queries import EDIT, new_pathway_access
from pathways.apps.workspace import offerings, queries
from pathways.apps.workspace.forms import choices
from pathways.core.errors import InputError
from pathways.core.numbers import record_id

ANYWAY = gettext_lazy("Add it anyway (it is not a duplicate)")


class _Base(forms.Form):
    anyway = forms.BooleanField(label=ANYWAY, required=False)

    def __init__(self, *args: Any, pid: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        providers = choices(queries.providers_for(pid))
        for name in ("provider", "awarded_by"):
            if name in self.fields:
                self.fields[name].choices = [("", _("Choose a provider"))] + providers
        if "organisation" in self.fields:
            self.fields["organisation"].choices = [("", _("Choose an organisation"))] + \
                choices(queries.owners_for(pid))
        if "credential" in self.fields:
            self.fields["credential"].choices = [("", _("None"))] + choices(
                queries.credentials_for(pid))
        if "cip" in self.fields:
            self.fields["cip_q"].widget.attrs["hx-get"] = reverse("workspace:pick_cip")
            query = (self.data.get(self.add_prefix("cip_q")) or "").strip()[:100]
            current = (self.data.get(self.add_prefix("cip")) or "").strip()[:7]
            found = [(c.code, str(c)) for c in queries.find_cip(query)[:queries.PICKER_LIMIT]]
            if current and current not in {code for code, _label in found}:
                found = [(current, current), *found]
            self.fields["cip"].widget = forms.Select(
                choices=[("", _("Search first, then choose"))] + found)
        if "stacks_into" in self.fields:
            self.fields["stacks_into"].choices = choices(queries.credentials_for(pid))


def _choice(label: Any, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, coerce=int, required=required, empty_value=None)


class ProviderForm(_Base):
    name = forms.CharField(label=gettext_lazy("Provider name"), max_length=200)
    organisation = _choice(gettext_lazy("Organisation of the partnership"))
    city = forms.CharField(label=gettext_lazy("City"), max_length=100, required=False)
    state = forms.CharField(label=gettext_lazy("State (two letters)"), max_length=2,
                            required=False)
    website = forms.URLField(label=gettext_lazy("Website"), required=False)
    field_order = ["name", "organisation", "city", "state", "website", "anyway"]


class ProgramForm(_Base):
    name = forms.CharField(label=gettext_lazy("Program name"), max_length=200)
    provider = _choice(gettext_lazy("Provider"))
    cip_q = forms.CharField(
        label=gettext_lazy("Find a CIP 2020 program"), max_length=100, required=False,
        help_text=gettext_lazy("A title word or a code such as 51.3902"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off",
                                      "hx-trigger": "input changed delay:400ms, search",
                                      "hx-target": "#id_program-cip", "hx-swap": "innerHTML"}))
    cip = forms.CharField(label=gettext_lazy("CIP 2020 code"), max_length=7, required=False)
    length_weeks = forms.IntegerField(label=gettext_lazy("Length (weeks)"), min_value=1,
                                      max_value=520)
    cost = forms.DecimalField(label=gettext_lazy("Cost (USD)"), min_value=0, max_digits=9,
                              decimal_places=2)
    credit_hours = forms.DecimalField(label=gettext_lazy("Credit hours"), required=False,
                                      min_value=0, max_digits=5, decimal_places=1)
    contact_hours = forms.IntegerField(label=gettext_lazy("Contact hours"), required=False,
                                       min_value=0, max_value=100_000)
    schedule = forms.ChoiceField(label=gettext_lazy("Schedule"),
                                 choices=Program.Schedule.choices)
    modality = forms.ChoiceField(label=gettext_lazy("Modality"),
                                 choices=Program.Modality.choices)
    credential = _choice(gettext_lazy("Credential awarded"), required=False)
    url = forms.URLField(label=gettext_lazy("Enrollment web page"), required=False)
    is_iet = forms.BooleanField(label=gettext_lazy("Integrated education and training"),
                                required=False)
    entry_requirements = forms.CharField(label=gettext_lazy("Entry requirements"),
                                         required=False, max_length=10_000,
                                         widget=forms.Textarea(attrs={"rows": 2}))
    description = forms.CharField(label=gettext_lazy("Description"), required=False,
                                  max_length=10_000, widget=forms.Textarea(attrs={"rows": 2}))
    field_order = ["name", "provider", "cip_q", "cip", "length_weeks", "cost", "credit_hours",
                   "contact_hours", "schedule", "modality", "credential", "url", "is_iet",
                   "entry_requirements", "description", "anyway"]


class CredentialForm(_Base):
    name = forms.CharField(label=gettext_lazy("Credential name"), max_length=200)
    credential_type = forms.ChoiceField(label=gettext_lazy("Type"),
                                        choices=CredentialType.choices)
    awarded_by = _choice(gettext_lazy("Awarded by (a provider)"), required=False)
    awarding_body = forms.CharField(label=gettext_lazy("Or awarded by (another body)"),
                                    max_length=200, required=False)
    stacks_into = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Stacks into"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple)
    description = forms.CharField(label=gettext_lazy("Description"), required=False,
                                  max_length=10_000, widget=forms.Textarea(attrs={"rows": 2}))
    field_order = ["name", "credential_type", "awarded_by", "awarding_body", "stacks_into",
                   "description", "anyway"]


class SupportServiceForm(_Base):
    name = forms.CharField(label=gettext_lazy("Service name"), max_length=200)
    category = forms.ChoiceField(label=gettext_lazy("Category"),
                                 choices=SupportService.Category.choices)
    provider = _choice(gettext_lazy("Provider"), required=False)
    cost = forms.CharField(label=gettext_lazy("Cost"), max_length=120, required=False,
                           help_text=gettext_lazy("Such as “Free” or “$5 a day”"))
    description = forms.CharField(label=gettext_lazy("Description"), required=False,
                                  max_length=10_000, widget=forms.Textarea(attrs={"rows": 2}))
    field_order = ["name", "category", "provider", "cost", "description", "anyway"]


def _provider(access, d: dict, anyway: bool):
    return offerings.create_provider(access, offerings.ProviderInput(
        d["name"], d["organisation"], d["city"], d["state"], d["website"]), anyway)


def _program(access, d: dict, anyway: bool):
    return offerings.create_program(access, offerings.ProgramInput(
        d["name"], d["provider"], d["length_weeks"], d["cost"], d["schedule"], d["modality"],
        d["cip"], d["credit_hours"], d["contact_hours"], d["credential"], d["url"],
        d["is_iet"], d["entry_requirements"], d["description"]), anyway)


def _credential(access, d: dict, anyway: bool):
    return offerings.create_credential(access, offerings.CredentialInput(
        d["name"], d["credential_type"], d["awarded_by"], d["awarding_body"], d["description"],
        tuple(d["stacks_into"])), anyway)


def _service(access, d: dict, anyway: bool):
    return offerings.create_service(access, offerings.ServiceInput(
        d["name"], d["category"], d["provider"], d["description"], d["cost"]), anyway)


KINDS = {
    "provider": (ProviderForm, _provider, gettext_lazy("Add a provider")),
    "program": (ProgramForm, _program, gettext_lazy("Add a program")),
    "credential": (CredentialForm, _credential, gettext_lazy("Add a credential")),
    "service": (SupportServiceForm, _service, gettext_lazy("Add a support service")),
}


def _partnership(request: HttpRequest):
    mine = list(queries.partnerships_for(request.user))
    wanted = record_id(request.GET.get("partnership", ""))
    found = next((p for p in mine if p.pk == wanted), mine[0] if mine else None)
    if found is None:
        raise Http404("No partnership")
    return found, mine


@requires(EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def offerings_page(request: HttpRequest) -> HttpResponse:
    partnership, mine = _partnership(request)
    pid = partnership.pk
    kind = request.POST.get("kind") if request.method == "POST" else None
    if kind is not None and kind not in KINDS:
        raise Http404("No such kind")
    forms_shown, status = {}, 200
    for name, (form_class, _run, title) in KINDS.items():
        bound = name == kind
        form = form_class(request.POST if bound else None, pid=pid, prefix=name)
        if bound and request.POST.get("find"):  # a search without JavaScript: no write
            forms_shown[name] = {"form": form, "title": title, "open": True}
            continue
        if bound and form.is_valid():
            access = new_pathway_access(request.user, pid)
            try:
                made = _run(access, form.cleaned_data, form.cleaned_data["anyway"])
            except InputError as exc:
                for problem in exc.problems:
                    form.add_error(problem.field if problem.field in form.fields else None,
                                   problem.message)
            else:
                messages.success(request, _("Added: %(name)s") % {"name": made})
                return redirect(reverse("workspace:offerings") + f"?partnership={pid}#{name}")
        if bound:
            status = 400
        forms_shown[name] = {"form": form, "title": title, "open": bound}
    return render(request, "workspace/offerings.html", {
        "partnership": partnership, "partnerships": mine, "forms": forms_shown,
        "providers": queries.providers_for(pid),
        "programs": queries.programs_for(pid).select_related("credential", "cip"),
        "credentials": queries.credentials_for(pid).prefetch_related("stacks_into"),
        "services": queries.services_for(pid).select_related("provider"),
    }, status=status)


@requires(EDIT)
@require_safe
def pick_cip(request: HttpRequest) -> HttpResponse:
    """CIP 2020 codes by title or code, as options for the program form's select (htmx)."""
    text = next((v for k, v in request.GET.items() if k.endswith("_q")), "")[:100]
    options = [(c.code, str(c)) for c in queries.find_cip(text)[:queries.PICKER_LIMIT]]
    return render(request, "workspace/_options.html", {"options": options, "query": text})
