"""Forms of the funding app: an award on a participant's plan, a partnership's stream file."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pathways.apps.cases.forms import DATE
from pathways.apps.funding.actions import MAX_STREAM_CHARS
from pathways.web.yamlform import yaml_file_form


class AwardForm(forms.Form):
    stream = forms.ChoiceField(label=_("Funding stream"))
    amount = forms.DecimalField(label=_("Amount (USD)"), min_value=0.01, max_digits=9,
                                decimal_places=2)
    component = forms.ModelChoiceField(label=_("Step it pays for"), queryset=None,
                                       required=False,
                                       empty_label=_("The plan as a whole"))
    awarded_on = forms.DateField(label=_("Awarded on"), widget=DATE)
    period_from = forms.DateField(label=_("Period from"), widget=DATE, required=False)
    period_to = forms.DateField(label=_("Period to"), widget=DATE, required=False)

    def __init__(self, *args, streams, components, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stream"].choices = [("", "---------")] + [
            (s.key, f"{s.title} ({s.assistance_listing})" if s.assistance_listing
             else s.title) for s in streams]
        self.fields["component"].queryset = components

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("The period ends before it starts."))
        return data


StreamFileForm = yaml_file_form(_("Funding stream file (YAML)"), MAX_STREAM_CHARS,
                                _("The file is too large for a funding stream."),
                                _("Choose a file or paste the stream's YAML."))


YES_NO = [("", _("Not asked")), ("yes", _("Yes")), ("no", _("No"))]
QUESTIONS = {
    "low_income": _("Low-income (WIOA sec. 3(36))"),
    "in_school": _("Attending school now"),
    "receives_tanf": _("Receives TANF cash assistance"),
    "receives_snap": _("Receives SNAP food assistance"),
    "dislocated": _("Dislocated worker (laid off, or has a layoff notice)"),
    "disability": _("Has a disability"),
    "pell_need": _("The FAFSA shows Pell Grant eligibility"),
    "career_pathway_program": _("Enrolled in an eligible career pathway program"),
    "atb_test_passed": _("Passed an approved ability-to-benefit test"),
    "atb_credit_hours": _("College credit hours completed"),
    "atb_clock_hours": _("Clock hours completed toward a certificate"),
}
NUMBERS = {"atb_credit_hours", "atb_clock_hours"}


class FactsForm(forms.Form):
    """What funding rules need and the assessment does not ask; "Not asked" stays unknown."""

    def __init__(self, *args, answers: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        answers = answers or {}
        for name, label in QUESTIONS.items():
            if name in NUMBERS:
                self.fields[name] = forms.IntegerField(label=label, required=False,
                                                       min_value=0, max_value=10000)
                self.initial[name] = answers.get(name)
            else:
                self.fields[name] = forms.ChoiceField(label=label, choices=YES_NO,
                                                      required=False)
                value = answers.get(name)
                self.initial[name] = "" if value is None else ("yes" if value else "no")

    def answers(self) -> dict:
        found = {}
        for name, value in self.cleaned_data.items():
            if name in NUMBERS:
                found[name] = value
            elif value:
                found[name] = value == "yes"
        return {k: v for k, v in found.items() if v is not None}
