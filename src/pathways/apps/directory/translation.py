"""The directory texts with a Spanish value (django-modeltranslation, ADR 0042 and 0051)."""

from __future__ import annotations

from modeltranslation.translator import TranslationOptions, register

from pathways.apps.directory.models import CostOption, Schedule, ServiceRecord

TRANSLATED: dict[type, tuple[str, ...]] = {
    ServiceRecord: ("eligibility_description", "application_process", "fees_description"),
    Schedule: ("description",),
    CostOption: ("option", "amount_description"),
}

for _model, _names in TRANSLATED.items():
    register(_model)(type(f"{_model.__name__}Translation", (TranslationOptions,),
                          {"fields": _names}))
