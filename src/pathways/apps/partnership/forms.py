"""Forms of the partnership pages. They check the shape of input; the rules (members,
links, dates) live in ``actions``, whose problems are shown on the fields they name."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pathways.apps.partnership.models import Agreement, PartnerRole, PolicyItem
from pathways.core.errors import InputError


def add_problems(form: forms.Form, error: InputError) -> None:
    for problem in error.problems:
        target = problem.field if problem.field in form.fields else None
        form.add_error(target, problem.message if target else str(problem))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class VisionForm(forms.Form):
    vision = forms.CharField(label=_("Vision"), required=False, max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 4}))
    vision_es = forms.CharField(label=_("Vision in Spanish"), required=False, max_length=4000,
                                widget=forms.Textarea(attrs={"rows": 4, "lang": "es"}))
    goals = forms.CharField(label=_("Goals"), required=False, max_length=4000,
                            help_text=_("One goal a line."),
                            widget=forms.Textarea(attrs={"rows": 5}))
    goals_es = forms.CharField(label=_("Goals in Spanish"), required=False, max_length=4000,
                               help_text=_("One goal a line, in the same order."),
                               widget=forms.Textarea(attrs={"rows": 5, "lang": "es"}))


class RolesForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    roles = forms.MultipleChoiceField(label=_("Roles in the partnership"), required=False,
                                      choices=PartnerRole.choices,
                                      widget=forms.CheckboxSelectMultiple)
    description = forms.CharField(label=_("What it does in the partnership"), required=False,
                                  max_length=300)

    def __init__(self, *args, organisations: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = organisations


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Agreement.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    parties = forms.TypedMultipleChoiceField(label=_("Parties"), coerce=int,
                                             widget=forms.CheckboxSelectMultiple)
    effective_on = forms.DateField(label=_("Effective date"), widget=DateInput())
    ends_on = forms.DateField(label=_("End date"), required=False, widget=DateInput())
    last_reviewed_on = forms.DateField(
        label=_("Last reviewed"), required=False, widget=DateInput(),
        help_text=_("A one-stop MOU is reviewed at least every 3 years (20 CFR 678.500)."))
    document_url = forms.URLField(label=_("Document link"), required=False, max_length=500,
                                  assume_scheme="https")
    notes = forms.CharField(label=_("Notes"), required=False, max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, parties: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parties"].choices = parties


class PolicyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ChoiceField(label=_("Policy area"), choices=PolicyItem.Category.choices)
    kind = forms.ChoiceField(label=_("Barrier or change"), choices=PolicyItem.Kind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=PolicyItem.Level.choices)
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int, required=False,
                                   empty_value=None)
    status = forms.ChoiceField(label=_("Status"), choices=PolicyItem.Status.choices)
    evidence = forms.CharField(label=_("Evidence"), required=False, max_length=4000,
                               widget=forms.Textarea(attrs={"rows": 3}))
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, max_length=500,
                                  assume_scheme="https")
    indicators = forms.MultipleChoiceField(
        label=_("Self-assessment criteria and indicators"), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}))
    actions = forms.TypedMultipleChoiceField(label=_("Action-plan items"), coerce=int,
                                             required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, owners: list[tuple[int, str]], indicators: list[tuple[str, str]],
                 actions: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "–"), *owners]
        self.fields["indicators"].choices = indicators
        self.fields["actions"].choices = actions


class PolicyFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Policy area"), required=False,
                                 choices=[("", _("Any")), *PolicyItem.Category.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any")), *PolicyItem.Status.choices])
    level = forms.ChoiceField(label=_("Level"), required=False,
                              choices=[("", _("Any")), *PolicyItem.Level.choices])
