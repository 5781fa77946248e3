"""Posting the admin's change forms from a test as a browser would."""

from __future__ import annotations


def admin_form_data(page) -> dict:
    """What the admin's change form would post unchanged: the pathway's fields and every
    inline row, from the page's own forms."""
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields
            if form[name].value() is not None}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for inline_form in formset.formset.forms:
            for name, field in inline_form.fields.items():
                value = inline_form[name].value()
                if value is None or value is False:
                    continue
                data[inline_form[name].html_name] = value
                if field.show_hidden_initial:  # as the page's hidden input sends it
                    data[inline_form[name].html_initial_name] = value
    return data
