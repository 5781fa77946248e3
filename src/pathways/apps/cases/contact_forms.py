"""The public "talk to a navigator" form and the navigator's form to close a request."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from pathways.apps.cases.contact import requestable_pathways
from pathways.apps.cases.models import ContactRequest, Participant
from pathways.apps.catalog.languages import shown

CONSENT = _("Yes, a navigator may call, text or email me about this pathway. I can say stop "
            "at any time.")


class PathwayChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return shown(obj, "name")[0]


class ContactForm(forms.Form):
    """Name, a way to reach the person, language, best time, the pathway and consent. Two
    fields are for the spam checks (``frontdoor``): ``website`` stays empty for people
    (it is hidden), ``started`` carries the signed time the form was shown."""

    name = forms.CharField(label=_("Your name"), max_length=100,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False,
                            widget=forms.TextInput(attrs={"type": "tel",
                                                          "autocomplete": "tel"}))
    email = forms.EmailField(label=_("Email"), max_length=254, required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    preferred_language = forms.ChoiceField(label=_("Language you want to talk in"),
                                           choices=Participant.Language.choices,
                                           widget=forms.RadioSelect)
    best_time = forms.ChoiceField(label=_("Best time to call you"),
                                  choices=ContactRequest.BestTime.choices,
                                  initial=ContactRequest.BestTime.ANY,
                                  widget=forms.RadioSelect)
    pathway = PathwayChoice(label=_("The pathway you want to talk about"),
                            queryset=requestable_pathways(), empty_label=None,
                            error_messages={"invalid_choice": _(
                                "Choose a pathway from the list.")})
    consent = forms.BooleanField(label=CONSENT, error_messages={"required": _(
        "Tick the box so a navigator may contact you.")})
    website = forms.CharField(label=_("Leave this empty"), required=False,
                              widget=forms.TextInput(attrs={"tabindex": "-1",
                                                            "autocomplete": "off"}))
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Write your name."))
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and (not re.fullmatch(r"[0-9 ()+.\-]{7,30}", phone)
                      or sum(c.isdigit() for c in phone) < 7):
            raise forms.ValidationError(_("Write a phone number with at least 7 digits, "
                                          "like 555 123 4567."))
        return phone

    def clean(self):
        data = super().clean()
        if not self.errors.get("phone") and not self.errors.get("email") and not (
                data.get("phone") or data.get("email")):
            raise forms.ValidationError(_("Give a phone number or an email, so a navigator "
                                          "can reach you."), code="no_contact")
        return data

    def request_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in
                ("name", "phone", "email", "preferred_language", "best_time")}


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why is it closed?"),
                               choices=ContactRequest.CloseReason.choices)
