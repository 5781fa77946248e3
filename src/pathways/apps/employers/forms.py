"""Forms of the employers app. They check what a person typed and name the field at fault;
the actions check again whatever the front door."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from pathways.apps.employers import naics
from pathways.apps.employers.models import Commitment, EmployerProfile, HiringRequirement
from pathways.apps.employers.queries import employers_of, pathways_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EmployerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    state = forms.CharField(label=_("Main state (two letters)"), max_length=2,
                            required=False)
    naics = forms.CharField(label=_("Industry (NAICS 2022 code)"), max_length=6,
                            help_text=_("2 to 6 digits, for example 622 (hospitals) or "
                                        "331511 (iron foundries)."))
    size = forms.ChoiceField(label=_("Size"), choices=EmployerProfile.Size.choices)
    locations = forms.CharField(
        label=_("Locations"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: city, then the two-letter state. For example: "
                    "Riverton, KY"))
    fein = forms.CharField(
        label=_("Federal employer identification number (FEIN)"), required=False,
        max_length=11, widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("9 digits. Stored encrypted and never shown again; leave empty to keep "
                    "the one on file."))
    clear_fein = forms.BooleanField(label=_("Remove the FEIN on file"), required=False)
    ui_account = forms.CharField(
        label=_("State UI account number"), required=False, max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("Stored encrypted and never shown again; leave empty to keep the one on "
                    "file."))
    ui_state = forms.CharField(label=_("State of the UI account (two letters)"),
                               max_length=2, required=False)
    clear_ui_account = forms.BooleanField(label=_("Remove the UI account number on file"),
                                          required=False)

    def __init__(self, *args, profile: EmployerProfile | None = None, **kwargs):
        if profile is not None and "initial" not in kwargs:
            organisation = profile.organisation
            kwargs["initial"] = {
                "name": organisation.name, "website": organisation.website,
                "state": organisation.state, "naics": profile.naics, "size": profile.size,
                "ui_state": profile.ui_state,
                "locations": "\n".join(str(place) for place in profile.locations.all())}
        super().__init__(*args, **kwargs)
        self.profile = profile
        if profile is None:
            del self.fields["clear_fein"], self.fields["clear_ui_account"]
        else:
            if profile.fein:
                self.fields["fein"].help_text = _("On file: %(shown)s. %(hint)s") % {
                    "shown": profile.fein_shown, "hint": self.fields["fein"].help_text}
            if profile.ui_account:
                self.fields["ui_account"].help_text = _("On file: %(shown)s. %(hint)s") % {
                    "shown": profile.ui_account_shown,
                    "hint": self.fields["ui_account"].help_text}

    def clean_state(self) -> str:
        return _state(self.cleaned_data["state"])

    def clean_ui_state(self) -> str:
        return _state(self.cleaned_data["ui_state"])

    def clean_naics(self) -> str:
        code = self.cleaned_data["naics"].strip()
        if naics.problem(code):
            raise forms.ValidationError(
                _("Give a NAICS 2022 code: 2 to 6 digits starting with a real sector, such "
                  "as 62 (health care) or 331 (primary metal manufacturing)."))
        return code

    def clean_fein(self) -> str:
        value = re.sub(r"[\s-]", "", self.cleaned_data["fein"])
        if value and not re.fullmatch(r"\d{9}", value):
            raise forms.ValidationError(_("A FEIN has 9 digits."))
        return value

    def clean_ui_account(self) -> str:
        value = self.cleaned_data["ui_account"].strip()
        if value and not re.fullmatch(r"[0-9A-Za-z-]{1,20}", value):
            raise forms.ValidationError(_("Use only letters, digits and dashes."))
        return value

    def clean_locations(self) -> list[tuple[str, str]]:
        found = []
        for number, line in enumerate(self.cleaned_data["locations"].splitlines(), start=1):
            if not line.strip():
                continue
            city, _comma, state = line.rpartition(",")
            state = state.strip().upper()
            if not city.strip() or not re.fullmatch(r"[A-Z]{2}", state):
                raise forms.ValidationError(
                    _("Line %(n)s: write the city, a comma, then the two-letter state."),
                    params={"n": number})
            found.append((city.strip()[:100], state))
        return found

    def action_data(self) -> dict:
        """What the action stores: an empty identifier keeps the one on file."""
        data = {name: self.cleaned_data[name] for name in
                ("name", "website", "state", "naics", "size", "locations", "ui_state")}
        for field, clear in (("fein", "clear_fein"), ("ui_account", "clear_ui_account")):
            if self.cleaned_data.get(clear):
                data[field] = ""
            elif self.cleaned_data[field]:
                data[field] = self.cleaned_data[field]
        return data


def _state(value: str) -> str:
    value = value.strip().upper()
    if value and not re.fullmatch(r"[A-Z]{2}", value):
        raise forms.ValidationError(_("Use the two-letter state code, such as KY."))
    return value


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["employer", "kind", "in_kind", "dollar_value", "pathway", "component",
                  "exit_point", "quantity", "wage_floor", "starts_on", "ends_on", "status",
                  "is_public", "note"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        help_texts = {
            "component": _("Optional: the step the commitment is for."),
            "exit_point": _("Optional: the job the commitment is for."),
            "quantity": _("Slots, interviews, hires or seats."),
            "is_public": _("Public commitments that are pledged or active show on the "
                           "pathway's public page."),
        }

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        from pathways.apps.catalog.models import ExitPoint, PathwayComponent

        pathways = pathways_of(partnership)
        self.fields["employer"].queryset = employers_of(partnership)
        self.fields["pathway"].queryset = pathways
        self.fields["component"].queryset = PathwayComponent.objects.filter(
            pathway__in=pathways).select_related("pathway").order_by("pathway__name", "name")
        self.fields["component"].label_from_instance = lambda c: f"{c.pathway}: {c.name}"
        self.fields["exit_point"].queryset = ExitPoint.objects.filter(
            pathway__in=pathways).select_related("pathway").order_by("pathway__name", "name")
        self.fields["exit_point"].label_from_instance = lambda e: f"{e.pathway}: {e.name}"


class RequirementForm(forms.ModelForm):
    class Meta:
        model = HiringRequirement
        fields = ["employer", "exit_point", "credentials", "skills"]
        widgets = {"credentials": forms.Textarea(attrs={"rows": 3}),
                   "skills": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        from pathways.apps.catalog.models import ExitPoint

        self.fields["employer"].queryset = employers_of(partnership)
        self.fields["exit_point"].queryset = ExitPoint.objects.filter(
            pathway__in=pathways_of(partnership)).select_related("pathway").order_by(
            "pathway__name", "name")
        self.fields["exit_point"].label_from_instance = lambda e: f"{e.pathway}: {e.name}"

    def validate_unique(self) -> None:
        pass  # the action says so, naming the field


class ResolveForm(forms.Form):
    name = forms.CharField(widget=forms.HiddenInput, max_length=200)
    employer = forms.ModelChoiceField(label=_("Employer partner"), queryset=None)

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers_of(partnership)
