"""The upload form: PIRL and wage files, the reporting period, the suppression threshold."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 50 * 1024 * 1024  # larger files belong on the command line


class UploadForm(forms.Form):
    pirl = forms.FileField(label=_("PIRL file (CSV or Parquet)"),
                           help_text=_("One row per period of participation; columns named "
                                       "by PIRL element number (100, 900, 901, ...)."))
    wages = forms.FileField(label=_("UI wage records (optional)"), required=False,
                            help_text=_("Columns person, year, quarter, employer, wages."))
    start = forms.DateField(label=_("Exits from"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Exits to"), widget=forms.DateInput(attrs={"type": "date"}))
    as_of = forms.DateField(label=_("As of"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}),
                            help_text=_("The date that fixes what has passed; default "
                                        "today."))
    threshold = forms.IntegerField(label=_("Hide cells smaller than"), initial=10)

    def __init__(self, *args, min_threshold: int = 10, **kwargs):
        super().__init__(*args, **kwargs)
        self.min_threshold = min_threshold
        self.fields["threshold"].min_value = min_threshold
        self.fields["threshold"].initial = max(10, min_threshold)
        self.fields["threshold"].widget.attrs["min"] = min_threshold

    def clean_threshold(self) -> int:
        value = self.cleaned_data["threshold"]
        if value < self.min_threshold:
            raise forms.ValidationError(_("A published run hides cells under %(n)s at least."),
                                        params={"n": self.min_threshold})
        return value

    def clean(self) -> dict:
        data = super().clean()
        for name in ("pirl", "wages"):
            upload = data.get(name)
            if upload is not None and upload.size > MAX_UPLOAD:
                self.add_error(name, _("The file is larger than 50 MB: run it with "
                                       "`pathways measures run --partnership` instead."))
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        data["as_of"] = data.get("as_of") or dt.date.today()
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this run withdrawn?"), max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the record, for example: the wrong PIRL file, or the wrong "
                    "reporting period. Up to 300 characters."))


class PublishForm(forms.Form):
    """Choose a shown cell of a run and the partnership's pathway page that shows it."""

    pathway = forms.TypedChoiceField(label=_("Pathway page"), coerce=int)
    cell = forms.TypedChoiceField(
        label=_("Figure"), coerce=int,
        help_text=_("Only cells that are shown (not suppressed) of measures that can be "
                    "said in plain words, by pathway, step or exit point."))

    def __init__(self, *args, pathways=(), cells=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pathway"].choices = [(p.pk, p.name) for p in pathways]
        self.fields["cell"].choices = list(cells)
