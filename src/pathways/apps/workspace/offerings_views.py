"""The workspace page for the partnership's providers, programs, credentials and support
services: what it has, and a form to add each (a possible duplicate is flagged first)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
from pathways.apps.catalog.models.programs import https_only
from pathways.apps.catalog.queries import EDIT, new_pathway_access
from pathways.apps.workspace import offerings, queries
from pathways.apps.workspace.forms import Rows, choices, in_english, in_spanish
from pathways.core.errors import InputError
from pathways.core.numbers import record_id

ANYWAY = gettext_lazy("Add it anyway (it is not a duplicate)")


class _Base(Rows, forms.Form):
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
            self.fields["cip_q"].widget.attrs.update({
                "hx-get": reverse("workspace:pick_cip"), "hx-target": f"#{self['cip'].auto_id}"})
            query = (self.data.get(self.add_prefix("cip_q")) or "").strip()[:100]
            current = (self.data.get(self.add_prefix("cip")) or "").strip()[:7]
            found = [(c.code, str(c)) for c in queries.find_cip(query)[:queries.PICKER_LIMIT]]
            if current and current not in {code for code, _label in found}:
                found = [(current, current), *found]
            self.fields["cip"].widget = forms.Select(
                choices=[("", _("Search first, then choose"))] + found)
        if "stacks_into" in self.fields:
            self.fields["stacks_into"].choices = choices(queries.credentials_for(pid))
        if "locations" in self.fields:
            self.fields["locations"].choices = [
                (p.pk, f"{p.name} – {p.address}") for p in queries.locations_for(pid)]


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


class LocationForm(_Base):
    name_en = in_english(gettext_lazy("Place name"),
                         help_text=gettext_lazy("Such as “Main campus” or “Downtown center”"))
    name_es = in_spanish(gettext_lazy("Place name"))
    provider = _choice(gettext_lazy("Provider"))
    address_1 = forms.CharField(label=gettext_lazy("Street address"), max_length=200)
    city = forms.CharField(label=gettext_lazy("City"), max_length=100)
    state = forms.CharField(label=gettext_lazy("State (two letters)"), max_length=2)
    postal_code = forms.CharField(label=gettext_lazy("ZIP code"), max_length=10)
    notes_en = in_english(gettext_lazy("Notes"), False, 300,
                          help_text=gettext_lazy("Such as “Room 104, evenings”"))
    notes_es = in_spanish(gettext_lazy("Notes"), 300)
    field_order = ["name_en", "name_es", "provider", "address_1", "city", "state",
                   "postal_code", "notes_en", "notes_es", "anyway"]


class ProgramForm(_Base):
    name_en = in_english(gettext_lazy("Program name"))
    name_es = in_spanish(gettext_lazy("Program name"))
    provider = _choice(gettext_lazy("Provider"))
    cip_q = forms.CharField(
        label=gettext_lazy("Find a CIP 2020 program"), max_length=100, required=False,
        help_text=gettext_lazy("A title word or a code such as 51.3902"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off",
                                      "hx-trigger": "input changed delay:400ms, search",
                                      "hx-swap": "innerHTML"}))
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
    url = forms.URLField(
        label=gettext_lazy("Enrollment web page"), required=False, assume_scheme="https",
        validators=[https_only],
        help_text=gettext_lazy("Where people sign up, starting with https://. The pathway "
                               "page shows it under “How to sign up”."))
    is_iet = forms.BooleanField(label=gettext_lazy("Integrated education and training"),
                                required=False)
    locations = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Where classes meet"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Add a place under “Add a place” first if it is not listed."))
    entry_requirements_en = in_english(gettext_lazy("Entry requirements"), False, 10_000, 2)
    entry_requirements_es = in_spanish(gettext_lazy("Entry requirements"), 10_000, 2)
    description_en = in_english(gettext_lazy("Description"), False, 10_000, 2)
    description_es = in_spanish(gettext_lazy("Description"), 10_000, 2)
    field_order = ["name_en", "name_es", "provider", "cip_q", "cip", "length_weeks", "cost",
                   "credit_hours", "contact_hours", "schedule", "modality", "credential", "url",
                   "is_iet", "locations", "entry_requirements_en", "entry_requirements_es",
                   "description_en", "description_es", "anyway"]


class CredentialForm(_Base):
    name_en = in_english(gettext_lazy("Credential name"))
    name_es = in_spanish(gettext_lazy("Credential name"))
    credential_type = forms.ChoiceField(label=gettext_lazy("Type"),
                                        choices=CredentialType.choices)
    awarded_by = _choice(gettext_lazy("Awarded by (a provider)"), required=False)
    awarding_body = forms.CharField(label=gettext_lazy("Or awarded by (another body)"),
                                    max_length=200, required=False)
    stacks_into = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Stacks into"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple)
    description_en = in_english(gettext_lazy("Description"), False, 10_000, 2)
    description_es = in_spanish(gettext_lazy("Description"), 10_000, 2)
    field_order = ["name_en", "name_es", "credential_type", "awarded_by", "awarding_body",
                   "stacks_into", "description_en", "description_es", "anyway"]


class SupportServiceForm(_Base):
    name_en = in_english(gettext_lazy("Service name"))
    name_es = in_spanish(gettext_lazy("Service name"))
    category = forms.ChoiceField(label=gettext_lazy("Category"),
                                 choices=SupportService.Category.choices)
    provider = _choice(gettext_lazy("Provider"), required=False)
    cost_en = in_english(gettext_lazy("Cost"), False, 120,
                         help_text=gettext_lazy("Such as “Free” or “$5 a day”"))
    cost_es = in_spanish(gettext_lazy("Cost"), 120)
    description_en = in_english(gettext_lazy("Description"), False, 10_000, 2)
    description_es = in_spanish(gettext_lazy("Description"), 10_000, 2)
    field_order = ["name_en", "name_es", "category", "provider", "cost_en", "cost_es",
                   "description_en", "description_es", "anyway"]


def _texts(d: dict, *names: str) -> dict[str, str]:
    return {f"{n}_{lang}": d[f"{n}_{lang}"] for n in names for lang in ("en", "es")}


def _provider_input(d: dict) -> offerings.ProviderInput:
    return offerings.ProviderInput(d["name"], d["organisation"], d["city"], d["state"],
                                   d["website"])


def _program_input(d: dict) -> offerings.ProgramInput:
    return offerings.ProgramInput(
        provider_id=d["provider"], length_weeks=d["length_weeks"], cost=d["cost"],
        schedule=d["schedule"], modality=d["modality"], cip_code=d["cip"],
        credit_hours=d["credit_hours"], contact_hours=d["contact_hours"],
        credential_id=d["credential"], url=d["url"], is_iet=d["is_iet"],
        location_ids=tuple(d["locations"]),
        **_texts(d, "name", "entry_requirements", "description"))


def _location_input(d: dict) -> offerings.LocationInput:
    return offerings.LocationInput(
        provider_id=d["provider"], address_1=d["address_1"], city=d["city"],
        state=d["state"], postal_code=d["postal_code"], **_texts(d, "name", "notes"))


def _credential_input(d: dict) -> offerings.CredentialInput:
    return offerings.CredentialInput(
        credential_type=d["credential_type"], awarded_by_id=d["awarded_by"],
        awarding_body=d["awarding_body"], stacks_into=tuple(d["stacks_into"]),
        **_texts(d, "name", "description"))


def _service_input(d: dict) -> offerings.ServiceInput:
    return offerings.ServiceInput(category=d["category"], provider_id=d["provider"],
                                  **_texts(d, "name", "description", "cost"))


@dataclass(frozen=True)
class Kind:
    form: type[_Base]
    read: Callable[[dict], Any]  # cleaned data -> the action's input
    create: Callable[..., Any]
    edit: Callable[..., Any]
    rows: Callable[[int], Any]  # partnership id -> the items
    title: Any
    change: Any  # "Change %(name)s"


KINDS = {
    "provider": Kind(ProviderForm, _provider_input, offerings.create_provider,
                     offerings.edit_provider, queries.providers_for,
                     gettext_lazy("Add a provider"), gettext_lazy("Change the provider")),
    "program": Kind(ProgramForm, _program_input, offerings.create_program,
                    offerings.edit_program, queries.programs_for,
                    gettext_lazy("Add a program"), gettext_lazy("Change the program")),
    "location": Kind(LocationForm, _location_input, offerings.create_location,
                     offerings.edit_location, queries.locations_for,
                     gettext_lazy("Add a place"), gettext_lazy("Change the place")),
    "credential": Kind(CredentialForm, _credential_input, offerings.create_credential,
                       offerings.edit_credential, queries.credentials_for,
                       gettext_lazy("Add a credential"), gettext_lazy("Change the credential")),
    "service": Kind(SupportServiceForm, _service_input, offerings.create_service,
                    offerings.edit_service, queries.services_for,
                    gettext_lazy("Add a support service"),
                    gettext_lazy("Change the support service")),
}


def _partnership(request: HttpRequest):
    mine = list(queries.partnerships_for(request.user))
    wanted = record_id(request.GET.get("partnership", ""))
    found = next((p for p in mine if p.pk == wanted), mine[0] if mine else None)
    if found is None:
        raise Http404("No partnership")
    return found, mine


def initial_of(obj: Any, form: _Base) -> dict[str, Any]:
    """The stored values for an edit form: each language as stored (no fallback)."""
    found: dict[str, Any] = {"item": obj.pk, "opened": offerings.fingerprint(obj)}
    for name in form.fields:
        if name in found or name in {"anyway", "cip_q"}:
            continue
        if name in {"stacks_into", "locations"}:
            found[name] = list(getattr(obj, name).values_list("pk", flat=True))
        elif name.endswith(("_en", "_es")):
            found[name] = getattr(obj, name) or ""
        elif hasattr(obj, f"{name}_id"):
            found[name] = getattr(obj, f"{name}_id")
        else:
            found[name] = getattr(obj, name)
    return found


def _edit_form(kind: Kind, data: Any, pid: int, prefix: str,
               initial: dict | None = None) -> _Base:
    form = kind.form(data, pid=pid, prefix=prefix, initial=initial)
    del form.fields["anyway"]
    form.fields["item"] = forms.IntegerField(widget=forms.HiddenInput)
    form.fields["opened"] = forms.CharField(widget=forms.HiddenInput, max_length=40)
    return form


def _show(form: _Base, exc: InputError) -> None:
    for problem in exc.problems:
        form.add_error(problem.field if problem.field in form.fields else None, problem.message)


@requires(EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def offerings_page(request: HttpRequest) -> HttpResponse:
    """Each kind's list and its "Add" form; ``?edit=program-12`` (or a refused edit) shows
    that item's edit form in its place. Every form is a plain POST (no JavaScript needed)."""
    partnership, mine = _partnership(request)
    pid = partnership.pk
    kind = request.POST.get("kind") if request.method == "POST" else None
    if kind is not None and kind not in KINDS:
        raise Http404("No such kind")
    editing = request.POST.get("edit") == "1"
    forms_shown, status, edit_form, edit_target = {}, 200, None, ""
    back = reverse("workspace:offerings") + f"?partnership={pid}"
    access = new_pathway_access(request.user, pid)
    for name, spec in KINDS.items():
        bound = name == kind and not editing
        form = spec.form(request.POST if bound else None, pid=pid, prefix=name)
        if bound and request.POST.get("find"):  # a search without JavaScript: no write
            forms_shown[name] = {"form": form, "title": spec.title, "open": True}
            continue
        if bound and form.is_valid():
            try:
                made = spec.create(access, spec.read(form.cleaned_data),
                                   form.cleaned_data["anyway"])
            except InputError as exc:
                _show(form, exc)
            else:
                messages.success(request, _("Added: %(name)s") % {"name": made})
                return redirect(f"{back}#{name}-{made.pk}")
        if bound:
            status = 400
        forms_shown[name] = {"form": form, "title": spec.title, "open": bound}
    if editing:
        spec = KINDS[kind]
        edit_form = _edit_form(spec, request.POST, pid, f"edit-{kind}")
        if request.POST.get("find"):
            status = 200
        elif edit_form.is_valid():
            d = edit_form.cleaned_data
            try:
                saved = spec.edit(access, d["item"], d["opened"], spec.read(d))
            except offerings.StaleOffering as exc:
                _show(edit_form, exc)
                status = 409
            except InputError as exc:
                _show(edit_form, exc)
                status = 400
            else:
                messages.success(request, _("Saved: %(name)s") % {"name": saved})
                return redirect(f"{back}#{kind}-{saved.pk}")
        else:
            status = 400
        edit_target = f"{kind}-{edit_form.data.get(edit_form.add_prefix('item'), '')}"
    else:
        wanted = request.GET.get("edit", "")
        kind_name, _sep, pk = wanted.partition("-")
        if kind_name in KINDS and record_id(pk):
            spec = KINDS[kind_name]
            obj = spec.rows(pid).filter(pk=record_id(pk)).first()
            if obj is not None:
                edit_form = _edit_form(spec, None, pid, f"edit-{kind_name}")
                edit_form.initial = initial_of(obj, edit_form)
                _with_cip(edit_form, getattr(obj, "cip_id", None))
                edit_target = f"{kind_name}-{obj.pk}"
    return render(request, "workspace/offerings.html", {
        "partnership": partnership, "partnerships": mine, "forms": forms_shown,
        "edit_form": edit_form, "edit_target": edit_target,
        "edit_kind": edit_target.partition("-")[0],
        "edit_title": KINDS[edit_target.partition("-")[0]].change if edit_target else "",
        "providers": queries.providers_for(pid),
        "programs": queries.programs_for(pid).select_related("credential", "cip")
        .prefetch_related("locations"),
        "locations": queries.locations_for(pid),
        "credentials": queries.credentials_for(pid).prefetch_related("stacks_into"),
        "services": queries.services_for(pid).select_related("provider"),
    }, status=status)


def _with_cip(form: _Base, code: str | None) -> None:
    """An edit form's CIP select offers the stored code before any search."""
    if code and "cip" in form.fields:
        widget = form.fields["cip"].widget
        if code not in {value for value, _label in widget.choices}:
            widget.choices = [widget.choices[0], (code, code), *widget.choices[1:]]


@requires(EDIT)
@require_safe
def pick_cip(request: HttpRequest) -> HttpResponse:
    """CIP 2020 codes by title or code, as options for the program form's select (htmx)."""
    text = next((v for k, v in request.GET.items() if k.endswith("_q")), "")[:100]
    options = [(c.code, str(c)) for c in queries.find_cip(text)[:queries.PICKER_LIMIT]]
    return render(request, "workspace/_options.html", {"options": options, "query": text})
