"""The form that takes a YAML definition (a framework, a funding stream) as an uploaded
file or as pasted text, with a size limit, and hands the text and a name to the loader,
which names the line and field at fault."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


def yaml_file_form(file_label: Any, max_chars: int, too_large: Any,
                   missing: Any) -> type[forms.Form]:
    """A form class whose ``cleaned_data`` has ``yaml`` (the text) and ``name`` (the
    file's name, or "pasted text")."""

    class YamlFileForm(forms.Form):
        file = forms.FileField(label=file_label, required=False)
        text = forms.CharField(label=_("Or paste the YAML"), required=False,
                               widget=forms.Textarea(attrs={"rows": 12,
                                                            "spellcheck": "false"}),
                               max_length=max_chars)

        def clean(self) -> dict:
            data = super().clean()
            upload = data.get("file")
            if upload:
                if upload.size > max_chars:
                    raise forms.ValidationError(too_large)
                try:
                    data["yaml"] = upload.read().decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise forms.ValidationError(_("The file is not UTF-8 text.")) from exc
                data["name"] = upload.name[-200:]
            elif data.get("text", "").strip():
                data["yaml"] = data["text"]
                data["name"] = "pasted text"
            else:
                raise forms.ValidationError(missing)
            return data

    return YamlFileForm
