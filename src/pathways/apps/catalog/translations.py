"""How much of a pathway is in Spanish: the workspace's "31 of 40 texts in Spanish".

A text counts when it has an English value (an empty description is nothing to translate);
it is translated when its Spanish value is not empty. Counted: everything a participant
reads of the pathway (catalog/translation.py): the pathway and its sector, levels, steps,
their conditions (nested ones too), entry and exit points, and the support services,
programs and credentials the pathway uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import ngettext

from pathways.apps.catalog.models import (
    ComponentCondition,
    Credential,
    Pathway,
    Program,
    SupportService,
)
from pathways.apps.catalog.translation import TRANSLATED

if TYPE_CHECKING:
    from pathways.apps.catalog.pathway_map import PathwayParts

SPANISH = "es"
ENGLISH = "en"


@dataclass(frozen=True)
class Coverage:
    """``translated`` of ``total`` texts have a Spanish value; ``missing`` names the rest,
    as (object, field name), in the order of the pathway map."""

    translated: int
    total: int
    missing: list[tuple[models.Model, str]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.translated == self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.translated / self.total)

    def describe(self) -> str:
        """"31 of 40 texts in Spanish", in the reader's language."""
        return ngettext("%(done)d of %(total)d text in Spanish",
                        "%(done)d of %(total)d texts in Spanish",
                        self.total) % {"done": self.translated, "total": self.total}


def value(obj: models.Model, name: str, language: str) -> str:
    """The stored value of one language, without falling back to another."""
    return (getattr(obj, f"{name}_{language}", None) or "").strip()


def texts(obj: models.Model) -> Iterator[tuple[models.Model, str]]:
    """(obj, field) for each translated field of ``obj`` that has an English value."""
    for name in TRANSLATED.get(type(obj), ()):
        if value(obj, name, ENGLISH):
            yield obj, name


def _conditions(pathway: Pathway) -> dict[int, list[ComponentCondition]]:
    """Each step's conditions, nested ones after their parent, by step id."""
    found: dict[int, list[ComponentCondition]] = {}
    level = list(ComponentCondition.objects.filter(component__pathway=pathway))
    owner = {c.pk: c.component_id for c in level}
    while level:
        for condition in level:
            found.setdefault(owner[condition.pk], []).append(condition)
        level = list(ComponentCondition.objects.filter(parent__in=[c.pk for c in level]))
        for condition in level:
            owner[condition.pk] = owner[condition.parent_id]
    return found


def objects(pathway: Pathway, parts: PathwayParts | None = None) -> list[models.Model]:
    """Every object whose texts a participant reads on this pathway, in map order; the
    steps, levels, entries and exits from ``parts`` when the caller has read them."""
    if parts is None:
        components = list(pathway.components.select_related("program", "credential",
                                                            "program__credential"))
        levels, entries, exits = (list(pathway.levels.all()), list(pathway.entry_points.all()),
                                  list(pathway.exit_points.all()))
    else:
        components, levels, entries, exits = (parts.components, parts.levels, parts.entries,
                                              parts.exits)
    conditions = _conditions(pathway)
    found: list[models.Model] = [pathway, pathway.sector, *levels]
    for component in components:
        found.append(component)
        found.extend(conditions.get(component.pk, []))
    found += [*entries, *exits]
    services = SupportService.objects.filter(
        models.Q(pathways=pathway) | models.Q(components__pathway=pathway)).distinct()
    programs = Program.objects.filter(components__pathway=pathway).distinct()
    credentials = Credential.objects.filter(
        models.Q(components__pathway=pathway) | models.Q(programs__components__pathway=pathway)
    ).distinct()
    found += [*services, *programs, *credentials]
    return found


def coverage(pathway: Pathway, parts: PathwayParts | None = None) -> Coverage:
    """How many of the pathway's texts have a Spanish value, and which do not."""
    return count(objects(pathway, parts))


def count(found: Iterable[models.Model]) -> Coverage:
    total, missing = 0, []
    for obj, name in (text for one in found for text in texts(one)):
        total += 1
        if not value(obj, name, SPANISH):
            missing.append((obj, name))
    return Coverage(total - len(missing), total, missing)
