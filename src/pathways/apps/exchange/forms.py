"""The CTDL upload form of the workspace."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pathways.apps.exchange.queries import import_partnerships
from pathways.standards.ctdl.limits import MAX_FILE_BYTES


class CtdlUploadForm(forms.Form):
    document = forms.FileField(
        label=_("CTDL file (JSON-LD)"),
        help_text=_("A pathway as Credential Engine's Registry or Pathway Builder writes it, "
                    "up to 20 MB. Nothing is written until you have seen the preview."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.jsonld,application/json,"
                                                         "application/ld+json"}))
    partnership = forms.ModelChoiceField(
        label=_("Partnership"), queryset=None, empty_label=None,
        help_text=_("New pathways are created as drafts of this partnership."))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = import_partnerships(user)
        for name in ("document", "partnership"):
            self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def clean_document(self) -> Any:
        upload = self.cleaned_data["document"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 20 MB. Split it into smaller files, one pathway "
                  "or a few per file."))
        return upload

    def clean(self) -> dict:
        data = super().clean()
        if not self.fields["partnership"].queryset.exists():
            raise forms.ValidationError(
                _("You are not a member of any partnership, so an import has nowhere to put "
                  "its drafts. Ask an administrator to add you to your partnership."))
        return data


class ReferenceLoadForm(forms.Form):
    """Which reference data a worker loads: the bundled subset, or the server's folder of
    full releases (``PATHWAYS_REFERENCE_DIR``) when one is set."""

    BUNDLED, FOLDER = "bundled", "folder"
    source = forms.ChoiceField(label=_("Load from"), widget=forms.RadioSelect)
    force = forms.BooleanField(
        label=_("Load again even when the files have not changed"), required=False)

    def __init__(self, *args: Any, folder: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(self.BUNDLED, _("The subset that comes with Pathways"))]
        if folder:
            choices.append((self.FOLDER, _("The server's folder %(folder)s") % {
                "folder": folder}))
        self.fields["source"].choices = choices
        self.fields["source"].initial = choices[-1][0]
