"""The finder's questions, in plain words (about grade 6), and their checks.

A GET form: the answers travel in the address (so the back button and a shared link work)
and nothing is written anywhere. Every value is checked here; a bad one is a form error.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from pathways.apps.finder.matching import ENGLISH, LIKES, Answers, yearly

# Schooling in plain words, one for each of the engine's education levels
# (pathways.core.education), lowest first.
SCHOOLING = (
    ("none", _("I did not go to school")),
    ("below_9", _("I finished less than 9th grade")),
    ("some_hs", _("I went to high school, but I have no diploma")),
    ("hs", _("High school diploma or GED")),
    ("some_college", _("Some college, or a job training certificate")),
    ("associate", _("A 2-year college degree")),
    ("bachelor", _("A 4-year college degree or more")),
)
ENGLISH_CHOICES = (
    ("starting", _("I know a few words")),
    ("simple", _("I can say and read simple things")),
    ("everyday", _("I can talk about everyday things")),
    ("well", _("I speak and read English well, with some mistakes")),
    ("fluent", _("English is my first language, or I speak it very well")),
)
WORKING = (("yes", _("Yes")), ("no", _("No")))
HOURS = (("5", _("About 5 hours")), ("10", _("About 10 hours")), ("20", _("About 20 hours")),
         ("30", _("About 30 hours")), ("40", _("40 hours or more")))
MONTHS = (("3", _("3 months")), ("6", _("6 months")), ("12", _("1 year")),
          ("24", _("2 years")), ("48", _("4 years")), ("any", _("As long as it takes")))
PER = (("hour", _("an hour")), ("year", _("a year")))
LIKE_CHOICES = (
    ("helping", _("Helping and caring for people")),
    ("building", _("Building and fixing things, with tools or machines")),
    ("organizing", _("Working with computers, numbers and records")),
    ("solving", _("Solving problems and finding out how things work")),
    ("creating", _("Art, music, writing or design")),
    ("leading", _("Leading people, selling and starting things")),
)
assert {code for code, _label in LIKE_CHOICES} == set(LIKES)
assert {code for code, _label in ENGLISH_CHOICES} == set(ENGLISH)

CHOOSE = {"invalid_choice": _("Choose one of the answers."),
          "required": _("Choose one of the answers.")}
MOST_AN_HOUR = 500
MOST_A_YEAR = 1_000_000
AMOUNT = re.compile(r"[0-9]{1,7}(\.[0-9]{1,2})?")


class FinderForm(forms.Form):
    education = forms.ChoiceField(label=_("How much school have you finished?"),
                                  help_text=_("In any country."), choices=SCHOOLING,
                                  widget=forms.RadioSelect, error_messages=CHOOSE)
    english = forms.ChoiceField(label=_("How well do you speak and read English?"),
                                choices=ENGLISH_CHOICES, widget=forms.RadioSelect,
                                error_messages=CHOOSE)
    working = forms.ChoiceField(label=_("Do you have a job now?"), choices=WORKING,
                                required=False, widget=forms.RadioSelect,
                                error_messages=CHOOSE)
    hours = forms.ChoiceField(label=_("How many hours a week do you have for classes?"),
                              choices=HOURS, required=False, widget=forms.RadioSelect,
                              error_messages=CHOOSE)
    months = forms.ChoiceField(label=_("How long can you train before you need a new job?"),
                               choices=MONTHS, required=False, widget=forms.RadioSelect,
                               error_messages=CHOOSE)
    pay = forms.CharField(label=_("What pay do you need?"), required=False, max_length=20,
                          help_text=_("A number in dollars, like 18 or 40000. You may leave it "
                                      "empty."),
                          widget=forms.TextInput(attrs={"inputmode": "decimal",
                                                        "autocomplete": "off"}),
                          error_messages={"max_length": _("Write a number, like 18 or "
                                                          "40000.")})
    per = forms.ChoiceField(label=_("The pay is"), choices=PER, required=False,
                            initial="hour", widget=forms.RadioSelect, error_messages=CHOOSE)
    likes = forms.MultipleChoiceField(
        label=_("What do you like to do? Choose any."), choices=LIKE_CHOICES, required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose from the list."),
                        "invalid_list": _("Choose from the list.")})

    def clean_pay(self) -> Decimal | None:
        text = re.sub(r"[\s$,]", "", self.cleaned_data["pay"])
        if not text:
            return None
        if not AMOUNT.fullmatch(text):
            raise forms.ValidationError(_("Write a number, like 18 or 40000."))
        return Decimal(text)

    def clean(self) -> dict:
        data = super().clean()
        pay, per = data.get("pay"), data.get("per") or "hour"
        data["per"] = per
        if pay is not None and "pay" not in self.errors and "per" not in self.errors:
            if per == "hour" and pay > MOST_AN_HOUR:
                self.add_error("pay", _("That is more than $500 an hour. Did you mean a "
                                        "year? Choose “a year” below."))
            elif per == "year" and pay > MOST_A_YEAR:
                self.add_error("pay", _("Write a number up to 1000000 for a year."))
            elif per == "year" and 0 < pay < MOST_AN_HOUR:
                self.add_error("pay", _("That is very little for a year. Did you mean an "
                                        "hour? Choose “an hour” below."))
        return data

    def answers(self) -> Answers:
        """The checked answers, as the matching reads them."""
        data = self.cleaned_data
        pay = data.get("pay")
        return Answers(
            education=data["education"], english=data["english"],
            working={"yes": True, "no": False}.get(data.get("working") or ""),
            hours=int(data["hours"]) if data.get("hours") else None,
            months=int(data["months"]) if data.get("months") not in (None, "", "any")
            else None,
            pay=yearly(pay, data["per"]) if pay else None,
            likes=tuple(LIKES[k] for k in data.get("likes") or ()))


def like_labels() -> dict[str, str]:
    """RIASEC letter -> the plain words the form shows for it."""
    return {LIKES[code]: label for code, label in LIKE_CHOICES}


__all__ = ["FinderForm", "like_labels"]
