"""The HSDS upload form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pathways.apps.exchange.queries import import_partnerships
from pathways.standards.hsds.limits import MAX_FILE_BYTES


class HsdsUploadForm(forms.Form):
    document = forms.FileField(
        label=_("Directory file (HSDS JSON, or a zip of HSDS CSV tables)"),
        help_text=_("Open Referral HSDS 3.0, as a 211 or another directory exports it, up "
                    "to 50 MB. Nothing is written until you have seen the preview."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.zip,.csv,application/json,"
                                                         "application/zip,text/csv"}))
    partnership = forms.ModelChoiceField(
        label=_("Partnership"), queryset=None, empty_label=None,
        help_text=_("The partnership whose directory this is; the import is recorded for it."))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = import_partnerships(user)
        for name in ("document", "partnership"):
            self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def clean_document(self) -> Any:
        upload = self.cleaned_data["document"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB. Split the "
                                          "directory into smaller files."))
        return upload

    def clean(self) -> dict:
        data = super().clean()
        if not self.fields["partnership"].queryset.exists():
            raise forms.ValidationError(
                _("You are not a member of any partnership. Ask an administrator to add you "
                  "to your partnership."))
        return data
