"""The conditions editor: what a step needs first, as a form that reads like a sentence
("Needs all of: ... and at least 2 of: ..."), with the result previewed in words.

One group of steps, and up to ``SUBGROUPS`` groups nested in it, each with its rule. A
rule nested deeper (from an import or the admin) is shown in the preview and replaced only
when the person saves.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pathways.apps.accounts.rules import requires
from pathways.apps.accounts.versioning import StaleEdit
from pathways.apps.catalog.models import ComponentCondition, PathwayComponent
from pathways.apps.catalog.queries import EDIT
from pathways.apps.workspace import actions, queries
from pathways.apps.workspace.actions import ALL, ANY, AT_LEAST, CREDITS, Group
from pathways.apps.workspace.forms import VersionedForm, in_english, in_spanish
from pathways.core.errors import InputError

SUBGROUPS = 3
RULE_CHOICES = [(ALL, gettext_lazy("all of")), (ANY, gettext_lazy("any one of")),
                (AT_LEAST, gettext_lazy("at least this many of")),
                (CREDITS, gettext_lazy("at least this many credits from"))]


def _names(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _options(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s or %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def group_name(group: Group) -> str:
    """The group's name in the reader's language (English when there is no Spanish one)."""
    spanish = (get_language() or "en").startswith("es") and group.name_es
    return (spanish or group.name).strip()


def describe(group: Group, names: dict[int, str]) -> str:
    """The group in words: "Nurse aide training and one of CPR or First aid"; a named
    group says its name first: "Safety card: one of CPR or First aid"."""
    text = _rule_words(group, names)
    name = group_name(group)
    return _("%(name)s: %(rule)s") % {"name": name, "rule": text} if name else text


def _rule_words(group: Group, names: dict[int, str]) -> str:
    items = [names.get(s, "?") for s in group.steps]
    items += [f"({describe(g, names)})" if len(g.steps) + len(g.groups) > 1 or group_name(g)
              else describe(g, names) for g in group.groups if not g.is_empty()]
    if group.rule == ANY:
        return items[0] if len(items) == 1 else _("one of %(items)s") % {
            "items": _options(items)}
    if group.rule == AT_LEAST:
        return _("at least %(n)s of %(items)s") % {"n": group.number or 0,
                                                    "items": ", ".join(items)}
    if group.rule == CREDITS:
        return _("at least %(n)s credits from %(items)s") % {"n": group.credits or 0,
                                                              "items": ", ".join(items)}
    return _names(items)


def group_of(row: ComponentCondition) -> Group:
    if row.required_credits is not None:
        rule = CREDITS
    elif row.required_number is not None:
        rule = AT_LEAST
    else:
        rule = ANY if row.logical_operator == ComponentCondition.Operator.OR else ALL
    return Group(rule, tuple(t.pk for t in row.targets.all()),
                 tuple(group_of(sub) for sub in row.subconditions.all()),
                 row.required_number, row.required_credits, row.name_en or "",
                 row.name_es or "")


def stored_group(step: PathwayComponent) -> Group:
    """The step's conditions as one group (several top conditions must all hold)."""
    rows = list(step.conditions.all())
    if len(rows) == 1:
        return group_of(rows[0])
    return Group(ALL, (), tuple(group_of(r) for r in rows))


class ConditionsForm(VersionedForm):
    def __init__(self, *args: Any, steps: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(SUBGROUPS + 1):
            self.fields[f"g{n}_name_en"] = in_english(
                gettext_lazy("Name of this group (optional)"), False, 250)
            self.fields[f"g{n}_name_es"] = in_spanish(
                gettext_lazy("Name of this group (optional)"), 250)
            self.fields[f"g{n}_rule"] = forms.ChoiceField(
                label=_("Rule"), choices=RULE_CHOICES, initial=ALL)
            self.fields[f"g{n}_number"] = forms.IntegerField(
                label=_("How many (for “at least this many of”)"), required=False,
                min_value=1, max_value=99)
            self.fields[f"g{n}_credits"] = forms.DecimalField(
                label=_("How many credits (for “at least this many credits”)"),
                required=False, min_value=Decimal("0.5"), max_digits=5, decimal_places=1)
            self.fields[f"g{n}_steps"] = forms.MultipleChoiceField(
                label=_("these steps") if n == 0 else _("Steps of group %(n)s") % {"n": n},
                choices=steps, required=False, widget=forms.CheckboxSelectMultiple)

    def groups(self) -> list[list[forms.BoundField]]:
        return [[self[f"g{n}_{part}"] for part in ("name_en", "name_es", "rule", "number",
                                                  "credits", "steps")]
                for n in range(SUBGROUPS + 1)]

    def group(self) -> Group:
        data = self.cleaned_data

        def one(n: int, nested: tuple[Group, ...] = ()) -> Group:
            return Group(data[f"g{n}_rule"], tuple(int(s) for s in data[f"g{n}_steps"]),
                         nested, data[f"g{n}_number"], data[f"g{n}_credits"],
                         data[f"g{n}_name_en"].strip(), data[f"g{n}_name_es"].strip())

        subs = tuple(g for g in (one(n) for n in range(1, SUBGROUPS + 1)) if not g.is_empty())
        return one(0, subs)


def initial_of(group: Group) -> dict:
    initial: dict[str, Any] = {}
    flat = [group, *group.groups[:SUBGROUPS]]
    for n, g in enumerate(flat):
        initial.update({f"g{n}_name_en": g.name, f"g{n}_name_es": g.name_es,
                        f"g{n}_rule": g.rule, f"g{n}_number": g.number,
                        f"g{n}_credits": g.credits, f"g{n}_steps": [str(s) for s in g.steps]})
    return initial


def _too_deep(group: Group) -> bool:
    return len(group.groups) > SUBGROUPS or any(g.groups for g in group.groups)


@requires(EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def conditions(request: HttpRequest, pk: int, step: int) -> HttpResponse:
    access = queries.get_pathway_access(request.user, pk)
    pathway = access.pathway
    found = pathway.components.filter(pk=step).first()
    if found is None:
        from django.http import Http404

        raise Http404("No such step")
    others = list(pathway.components.exclude(pk=found.pk).order_by("level__order", "position",
                                                                   "name"))
    names = {c.pk: c.name for c in others}
    stored = stored_group(found)
    form = ConditionsForm(request.POST or None, steps=[(str(c.pk), c.name) for c in others],
                          initial={"opened_version": pathway.version, **initial_of(stored)})
    shown, status = stored, 200
    if request.method == "POST":
        access.check(EDIT, "may_edit")
        if form.is_valid():
            shown = form.group()
            if "preview" not in request.POST:
                try:
                    actions.set_conditions(access, form.seen(), found.pk, shown)
                except StaleEdit as exc:
                    form.show_problems(exc)
                    status = 409
                except InputError as exc:
                    form.show_problems(exc, {
                        "group-name": "g0_name_en",
                        **{f"group-{part}": f"g0_{part}"
                           for part in ("rule", "number", "credits", "steps")}})
                    status = 400
                else:
                    messages.success(request, _("Conditions saved."))
                    return redirect(reverse("workspace:pathway", args=[pk])
                                    + f"#step-{found.pk}")
        else:
            status = 400
    preview = describe(shown, names) if not shown.is_empty() else ""
    template = ("workspace/_conditions_preview.html"
                if request.headers.get("HX-Request") == "true" and "preview" in request.POST
                else "workspace/conditions.html")
    return render(request, template, {
        "pathway": pathway, "step": found, "form": form, "preview": preview,
        "too_deep": _too_deep(stored), "access": access}, status=status if
        template.endswith("conditions.html") else 200)
