"""Forms of the linking app: partners' files with their labels, a reviewer's decision, the
reporting period of the joined files' measures."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pathways.apps.linking.partner_files import label_problem
from pathways.apps.reports.forms import MAX_UPLOAD, UploadForm

SLOTS = 4


class PartnerFilesForm(forms.Form):
    """Up to four partners, each a label and a CSV file; at least two."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, SLOTS + 1):
            self.fields[f"label_{n}"] = forms.CharField(
                label=_("Partner %(n)s: short label") % {"n": n}, max_length=40,
                required=False, widget=forms.TextInput(attrs={
                    "autocomplete": "off", "spellcheck": "false"}),
                help_text=_("Lower-case letters, digits, - and _; for example college."))
            self.fields[f"file_{n}"] = forms.FileField(
                label=_("Partner %(n)s: file (CSV)") % {"n": n}, required=False)

    def slots(self) -> list[tuple[Any, Any]]:
        return [(self[f"label_{n}"], self[f"file_{n}"]) for n in range(1, SLOTS + 1)]

    def clean(self) -> dict:
        data = super().clean()
        chosen: list[tuple[Any, str]] = []
        labels: set[str] = set()
        for n in range(1, SLOTS + 1):
            label = (data.get(f"label_{n}") or "").strip()
            upload = data.get(f"file_{n}")
            if not label and upload is None:
                continue
            if upload is None:
                self.add_error(f"file_{n}", _("Choose this partner's file."))
                continue
            if upload.size > MAX_UPLOAD:
                self.add_error(f"file_{n}", _("The file is larger than 50 MB: link it with "
                                              "`pathways linkage run` instead."))
                continue
            if not label:
                self.add_error(f"label_{n}", _("Give this partner a short label."))
                continue
            if label_problem(label):
                self.add_error(f"label_{n}", _("Use lower-case letters, digits, - and _ "
                                               "only (at most 40)."))
                continue
            if label in labels:
                self.add_error(f"label_{n}", _("Another file has this label: give each "
                                               "partner its own."))
                continue
            labels.add(label)
            chosen.append((upload, label))
        if not self.errors and len(chosen) < 2:
            raise forms.ValidationError(_("Give at least two partners' files."))
        data["files"] = chosen
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("match", _("The same person")),
                                          ("not_match", _("Not the same person"))],
                                 widget=forms.RadioSelect, label=_("Your decision"))


class PeriodForm(UploadForm):
    """The reporting period and threshold of the shared measures and, optionally, UI wage
    records: the linkage run's joined files are the rest of the input."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["pirl"]
        self.fields["wages"].help_text = _(
            "Columns person, year, quarter, employer, wages; person is a partner's record "
            "as the linkage names it (partner:record_id, for example college:A1).")
