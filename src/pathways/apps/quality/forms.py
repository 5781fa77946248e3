"""Forms of the self-assessment pages. They check the shape of input; the rules (scale
values, open rounds, who may do what) live in ``actions``, whose InputError problems are
shown on the form through ``add_problems``."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from pathways.apps.quality.actions.frameworks import MAX_FRAMEWORK_CHARS
from pathways.apps.quality.models import Action, FrameworkVersion
from pathways.core.errors import InputError
from pathways.core.numbers import MAX_ID
from pathways.web.yamlform import yaml_file_form


def add_problems(form: forms.Form, error: InputError, fields: dict[str, str] | None = None
                 ) -> None:
    """Show each problem on the field it names (``fields`` maps problem fields to form
    fields), or at the top of the form."""
    for problem in error.problems:
        name = (fields or {}).get(problem.field, problem.field)
        target = name if name in form.fields else None
        form.add_error(target, str(problem) if target is None else problem.message)


FrameworkFileForm = yaml_file_form(_("Framework file (YAML)"), MAX_FRAMEWORK_CHARS,
                                   _("The file is too large for a framework."),
                                   _("Choose a file or paste the framework's YAML."))


class OpenRoundForm(forms.Form):
    framework = forms.ModelChoiceField(queryset=FrameworkVersion.objects.none(),
                                       label=_("Framework"), empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=200)

    def __init__(self, *args, frameworks: list[FrameworkVersion], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = FrameworkVersion.objects.filter(
            pk__in=[v.pk for v in frameworks])
        self.fields["framework"].label_from_instance = lambda v: f"{v.title} ({v.version})"
        if not self.is_bound:
            self.initial.setdefault("title", _("Self-assessment, %(month)s") % {
                "month": date_format(timezone.localdate(), "F Y")})


MAX_TABLES = 30


class WorkshopForm(forms.Form):
    tables = forms.IntegerField(label=_("Number of tables"), min_value=1, max_value=MAX_TABLES,
                                initial=2)
    notes_minutes = forms.IntegerField(label=_("Minutes of individual notes per criterion"),
                                       min_value=1, max_value=120, initial=5)
    conversation_minutes = forms.IntegerField(label=_("Minutes of conversation per criterion"),
                                              min_value=1, max_value=120, initial=15)


class ActionForm(forms.Form):
    title = forms.CharField(label=_("What will be done"), max_length=200)
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int,
                                   empty_value=None)
    due_on = forms.DateField(label=_("Due date"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}),
                             help_text=_("Year-month-day, for example 2026-09-30."))
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices,
                               initial=Action.Status.OPEN)
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 4}))
    # The version of the action the form was opened on (changing an action only).
    opened_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID,
                                 error_messages=dict.fromkeys(
                                     ("required", "invalid", "min_value", "max_value"),
                                     _("The form arrived incomplete: open the action again.")))

    def __init__(self, *args, members: list, version: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", _("Nobody yet"))] + [
            (u.pk, u.get_full_name() or u.get_username()) for u in members]
        if version is None:
            del self.fields["opened_version"]
        else:
            self.fields["opened_version"].initial = version
