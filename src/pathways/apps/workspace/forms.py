"""The workspace's forms. Many sit on one page, so each has a prefix (its operation and
item) and carries the pathway version it was opened on; pickers are selects whose options
the view fills from the workspace queries (scoped there, checked again by the actions)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pathways.apps.accounts.versioning import FORM_FIELD, StaleEdit
from pathways.apps.catalog.models import ComponentType, EntryPoint
from pathways.apps.workspace.actions import MAX_SUMMARY
from pathways.core.errors import InputError

Choices = list[tuple[str, str]]


def in_english(label: Any, required: bool = True, max_length: int = 200,
               rows: int = 0, **kwargs: Any) -> forms.CharField:
    """The English value of a participant-facing text (required where the text is)."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=format_lazy(_("{label} (English)"), label=label),
                           required=required, max_length=max_length, widget=widget, **kwargs)


def in_spanish(label: Any, max_length: int = 200, rows: int = 0,
               **kwargs: Any) -> forms.CharField:
    """Its Spanish value: optional; empty shows the English one to Spanish readers."""
    widget = forms.Textarea(attrs={"rows": rows, "lang": "es"}) if rows else \
        forms.TextInput(attrs={"lang": "es"})
    return forms.CharField(label=format_lazy(_("{label} (Spanish)"), label=label),
                           required=False, max_length=max_length, widget=widget, **kwargs)


class Rows:
    """Fields as rows for the templates: an ``x_en``/``x_es`` pair shares a row (side by
    side; stacked on a phone), every other field has its own."""

    def rows(self) -> list[tuple[Any, Any]]:
        fields = self.fields  # type: ignore[attr-defined]
        found = []
        for bound in self.visible_fields():  # type: ignore[attr-defined]
            name = bound.name
            if name.endswith("_es") and f"{name[:-3]}_en" in fields:
                continue
            pair = f"{name[:-3]}_es" if name.endswith("_en") else ""
            found.append((bound, self[pair] if pair in fields else None))  # type: ignore
        return found


class VersionedForm(Rows, forms.Form):
    opened_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def seen(self) -> int | None:
        return self.cleaned_data.get(FORM_FIELD)

    def show_problems(self, error: InputError, fields: dict[str, str] | None = None) -> None:
        """Each problem on the field it names, else at the top; a stale save keeps the
        person's entries and takes the version now stored, so saving again is deliberate."""
        if isinstance(error, StaleEdit):
            self.add_error(None, stale_message(error))
        else:
            for problem in error.problems:
                name = (fields or {}).get(problem.field, problem.field)
                self.add_error(name if name in self.fields else None, problem.message)
        if isinstance(error, StaleEdit) and error.current is not None:
            self.data = self.data.copy()
            self.data[self.add_prefix(FORM_FIELD)] = str(error.current)


def stale_message(error: StaleEdit) -> str:
    """The refusal of a stale form in the reader's language (the labels of what changed
    are translated already: ``Versioned.label_of`` reads them when it refuses)."""
    if error.current is None:
        return gettext("This pathway was deleted after you opened it; nothing was saved.")
    changed = ", ".join(error.changed)
    if changed:
        return gettext("Someone else saved this pathway after you opened it and changed: "
                       "%(changed)s. Nothing of yours was saved; your entries are still in "
                       "the form. Compare them with the pathway as it is now, then save "
                       "again.") % {"changed": changed}
    return gettext("Someone else saved this pathway after you opened it. Nothing of yours "
                   "was saved; your entries are still in the form. Compare them with the "
                   "pathway as it is now, then save again.")


def select(choices: Choices, empty: str | None = None) -> forms.Select:
    return forms.Select(choices=([("", empty)] if empty is not None else []) + choices)


class PathwayForm(Rows, forms.Form):
    name_en = in_english(_("Name"))
    name_es = in_spanish(_("Name"))
    partnership = forms.TypedChoiceField(label=_("Partnership"), coerce=int)
    sector = forms.TypedChoiceField(label=_("Sector"), coerce=int)
    owner = forms.TypedChoiceField(label=_("Owned by"), coerce=int, required=False,
                                   empty_value=None)
    wage_area = forms.CharField(
        label=_("Wage area"), max_length=7, required=False,
        help_text=_("A state FIPS code such as 21 for wages in that state; empty for the U.S."))
    description_en = in_english(_("Description"), False, 10_000, 4)
    description_es = in_spanish(_("Description"), 10_000, 4)
    copy_of = forms.TypedChoiceField(
        label=_("Start as a copy of"), coerce=int, required=False, empty_value=None,
        help_text=_("Leave empty to start from nothing. A copy takes the levels, steps, "
                    "links, conditions, entry and exit points."))

    def __init__(self, *args: Any, partnerships: Choices, sectors: Choices, owners: Choices,
                 pathways: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"].choices = partnerships
        self.fields["sector"].choices = [("", _("Choose a sector"))] + sectors
        self.fields["owner"].choices = [("", _("No one in particular"))] + owners
        self.fields["copy_of"].choices = [("", _("Nothing: an empty pathway"))] + pathways


class PathwayDetailsForm(VersionedForm):
    name_en = in_english(_("Name"))
    name_es = in_spanish(_("Name"))
    sector = forms.TypedChoiceField(label=_("Sector"), coerce=int)
    owner = forms.TypedChoiceField(label=_("Owned by"), coerce=int, required=False,
                                   empty_value=None)
    wage_area = forms.CharField(
        label=_("Wage area"), max_length=7, required=False,
        help_text=_("A state FIPS code such as 21 for wages in that state; empty for the U.S."))
    description_en = in_english(_("Description"), False, 10_000, 4)
    description_es = in_spanish(_("Description"), 10_000, 4)

    def set_choices(self, sectors: Choices, owners: Choices) -> None:
        self.fields["sector"].choices = sectors
        self.fields["owner"].choices = [("", _("No one in particular"))] + owners


class LevelForm(VersionedForm):
    name_en = in_english(_("Level name"), max_length=120)
    name_es = in_spanish(_("Level name"), max_length=120)


class RenameLevelForm(LevelForm):
    """A level's name and what it means (shown under its name on the public map)."""

    description_en = in_english(_("What this level means"), False, 10_000, 2)
    description_es = in_spanish(_("What this level means"), 10_000, 2)


class ConfirmForm(VersionedForm):
    """A remove button: the version, and which item (a link's target, a service)."""

    item = forms.IntegerField(widget=forms.HiddenInput, required=False)


class StepForm(VersionedForm):
    name_en = in_english(_("Step name"), max_length=250)
    name_es = in_spanish(_("Step name"), max_length=250)
    component_type = forms.ChoiceField(label=_("Kind of step"), choices=ComponentType.choices,
                                       initial=ComponentType.COURSE)
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, required=False,
                                   empty_value=None)
    cost = forms.DecimalField(label=_("Cost (USD)"), required=False, min_value=0,
                              max_digits=9, decimal_places=2,
                              help_text=_("Leave empty to use the program's"))
    length_weeks = forms.IntegerField(label=_("Length (weeks)"), required=False, min_value=0,
                                      max_value=520,
                                      help_text=_("Leave empty to use the program's"))
    credit_value = forms.DecimalField(label=_("Credits"), required=False, min_value=0,
                                      max_digits=5, decimal_places=1)
    program_q = forms.CharField(label=_("Find a program"), required=False, max_length=100)
    program = forms.CharField(label=_("Program"), required=False)
    credential_q = forms.CharField(label=_("Find a credential"), required=False,
                                   max_length=100)
    credential = forms.CharField(label=_("Credential earned"), required=False)
    occupation_q = forms.CharField(
        label=_("Find an occupation"), required=False, max_length=100,
        help_text=_("A job title or an O*NET-SOC code such as 29-1141"))
    occupation = forms.CharField(label=_("Occupation (for a job step)"), required=False)
    description_en = in_english(_("Description"), False, 10_000, 3)
    description_es = in_spanish(_("Description"), 10_000, 3)

    PICKERS = ("program", "credential", "occupation")

    def set_choices(self, levels: Choices, pickers: dict[str, Choices]) -> None:
        self.fields["level"].choices = [("", _("Other steps (no level)"))] + levels
        for name in self.PICKERS:
            self.fields[name].widget = select(pickers.get(name, []), _("None"))


class ConnectForm(VersionedForm):
    target = forms.TypedChoiceField(label=_("Leads to"), coerce=int)

    def set_choices(self, steps: Choices) -> None:
        self.fields["target"].choices = [("", _("Choose a step"))] + steps


class EntryForm(VersionedForm):
    name_en = in_english(_("Name of this way in"))
    name_es = in_spanish(_("Name of this way in"))
    kind = forms.ChoiceField(label=_("Kind"), choices=EntryPoint.Kind.choices)
    description_en = in_english(_("Who it is for"), False, 10_000, 2)
    description_es = in_spanish(_("Who it is for"), 10_000, 2)
    prerequisites_en = in_english(_("What it asks first"), False, 10_000, 2)
    prerequisites_es = in_spanish(_("What it asks first"), 10_000, 2)


class ExitForm(VersionedForm):
    occupation_q = forms.CharField(
        label=_("Find an occupation"), required=False, max_length=100,
        help_text=_("A job title or an O*NET-SOC code such as 29-1141"))
    occupation = forms.CharField(label=_("Occupation"), required=False)
    name_en = in_english(_("Name"), False,
                         help_text=_("Leave empty to use the occupation's title"))
    name_es = in_spanish(_("Name"))
    description_en = in_english(_("Description"), False, 10_000, 2)
    description_es = in_spanish(_("Description"), 10_000, 2)
    summary_en = in_english(
        _("Plain summary"), False, MAX_SUMMARY, 3,
        help_text=_("What the job is, for the public pages: two or three short sentences in "
                    "common words, at about a 6th grade level. O*NET's description is shown "
                    "under “Official description”."))
    summary_es = in_spanish(_("Plain summary"), MAX_SUMMARY, 3)

    def set_choices(self, occupations: Choices) -> None:
        self.fields["occupation"].widget = select(occupations, _("Search first, then choose"))


class ServiceForm(VersionedForm):
    service_q = forms.CharField(label=_("Find a support service"), required=False,
                                max_length=100)
    service = forms.CharField(label=_("Support service"), required=False)

    def set_choices(self, services: Choices) -> None:
        self.fields["service"].widget = select(services, _("Choose a service"))


def choices(rows: Iterable[Any], label: Any = str) -> Choices:
    return [(str(row.pk), str(label(row))) for row in rows]
