"""The workspace's translation panel: "31 of 40 texts in Spanish" (catalog.translations,
ADR 0042) and each untranslated text with a link to the place where it is edited."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from pathways.apps.catalog.models import (
    ComponentCondition,
    Credential,
    EntryPoint,
    ExitPoint,
    Pathway,
    PathwayComponent,
    Program,
    ProgressionLevel,
    SupportService,
)
from pathways.apps.catalog.pathway_map import PathwayParts
from pathways.apps.catalog.translations import Coverage, coverage

FIELDS = {"name": gettext_lazy("name"), "description": gettext_lazy("description"),
          "prerequisites": gettext_lazy("what it asks first"), "cost": gettext_lazy("cost"),
          "entry_requirements": gettext_lazy("entry requirements")}
KINDS = {Pathway: gettext_lazy("Pathway"), ProgressionLevel: gettext_lazy("Level"),
         PathwayComponent: gettext_lazy("Step"), ComponentCondition: gettext_lazy("Condition"),
         EntryPoint: gettext_lazy("Entry point"), ExitPoint: gettext_lazy("Exit point"),
         Program: gettext_lazy("Program"), Credential: gettext_lazy("Credential"),
         SupportService: gettext_lazy("Support service")}
OFFERINGS = {Program: "program", Credential: "credential", SupportService: "service"}


@dataclass(frozen=True)
class Untranslated:
    text: str  # "Step “Welding I”: description"
    link: str  # where it is edited; "" when not in the workspace (a sector)


@dataclass(frozen=True)
class TranslationPanel:
    coverage: Coverage
    items: list[Untranslated]

    def describe(self) -> str:
        return self.coverage.describe()

    @property
    def complete(self) -> bool:
        return self.coverage.complete


def _condition_step(condition: ComponentCondition) -> int | None:
    seen = 0
    while condition.component_id is None and condition.parent_id and seen < 50:
        condition, seen = condition.parent, seen + 1  # nested groups: the root names the step
    return condition.component_id


def link(pathway: Pathway, obj: models.Model) -> str:
    """The map anchor (or page) where ``obj``'s texts are edited."""
    anchors = {Pathway: "pathway-details", ProgressionLevel: f"level-{obj.pk}",
               PathwayComponent: f"step-{obj.pk}", EntryPoint: f"entry-{obj.pk}",
               ExitPoint: f"exit-{obj.pk}"}
    if type(obj) in anchors:
        return "#" + anchors[type(obj)]
    if isinstance(obj, ComponentCondition):
        step = _condition_step(obj)
        return reverse("workspace:conditions", args=[pathway.pk, step]) if step else ""
    if type(obj) in OFFERINGS:
        return (reverse("workspace:offerings") + f"?partnership={pathway.partnership_id}"
                f"#{OFFERINGS[type(obj)]}-{obj.pk}")
    return ""


def describe_text(obj: models.Model, name: str) -> str:
    kind = KINDS.get(type(obj), obj._meta.verbose_name.capitalize())
    label = getattr(obj, "name_en", "") or str(obj)
    return gettext("%(kind)s “%(name)s”: %(field)s") % {
        "kind": kind, "name": label, "field": FIELDS.get(name, name)}


def translation_panel(pathway: Pathway, parts: PathwayParts | None = None) -> TranslationPanel:
    found = coverage(pathway, parts)
    return TranslationPanel(found, [Untranslated(describe_text(obj, name), link(pathway, obj))
                                    for obj, name in found.missing])
