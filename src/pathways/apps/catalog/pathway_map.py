"""Lay a pathway out as a map: levels are columns left to right, steps are boxes in them.

``load_parts`` reads a pathway in a fixed handful of queries; ``layout_map`` turns the
parts into geometry and text lines (pure: no queries), which the template
``catalog/_pathway_map.html`` draws. Text is wrapped here because SVG cannot wrap text.
The same pass also gives the phone's layout, ``PathwayMap.rows``: levels top to bottom,
steps as cards (``catalog/_pathway_stack.html``), so both show one reading of the parts.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from pathways.apps.catalog.display import cost_label, weeks_label
from pathways.apps.catalog.languages import shown
from pathways.apps.catalog.models import (
    ComponentType,
    EntryPoint,
    ExitPoint,
    Pathway,
    PathwayComponent,
    ProgressionLevel,
)

# Geometry in SVG user units (pixels at natural size).
PAD = 16
COL_W = 208
COL_GAP = 64  # room for arrows between columns
LINE_H = 16
NAME_LINE_H = 18
BOX_PAD = 10
TAG_GAP = 4
ITEM_GAP = 28
# Rough characters per line at the template's font sizes (13-14 px sans-serif).
NAME_CHARS = 23
DETAIL_CHARS = 27
TAG_CHARS = 25


@dataclass
class PathwayParts:
    """Everything the map and the text version need, read once."""

    pathway: Pathway
    levels: list[ProgressionLevel]
    components: list[PathwayComponent]
    entries: list[EntryPoint]
    exits: list[ExitPoint]

    def in_level(self, level: ProgressionLevel | None) -> list[PathwayComponent]:
        level_id = level.pk if level else None
        return [c for c in self.components if c.level_id == level_id]

    @property
    def unplaced(self) -> list[PathwayComponent]:
        return self.in_level(None)


def load_parts(pathway: Pathway) -> PathwayParts:
    components = list(
        pathway.components.select_related("level", "program__credential__awarded_by",
                                          "program__provider", "program__cip",
                                          "credential__awarded_by", "occupation")
        .prefetch_related("precedes", "preceded_by", "children", "conditions__targets",
                          "conditions__subconditions__targets", "program__locations")
        .order_by("level__order", "position", "name")
    )
    return PathwayParts(
        pathway=pathway,
        levels=list(pathway.levels.order_by("order")),
        components=components,
        entries=list(pathway.entry_points.all()),
        exits=list(pathway.exit_points.select_related("occupation", "component")),
    )


@dataclass(frozen=True)
class Line:
    text: str
    x: float
    y: float
    style: str  # a CSS class: name, detail, tag, column, column-note
    lang: str = ""  # "en" when a Spanish page shows the English text (catalog.languages)


@dataclass
class Tag:
    """A marker stuck to a box: an entry above it, an exit below it."""

    kind: str  # "entry" or "exit"
    x: float
    y: float
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


@dataclass
class Box:
    component_id: int
    x: float
    y: float
    width: float
    height: float
    is_job: bool
    lines: list[Line] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)


@dataclass(frozen=True)
class Column:
    level_id: int | None
    x: float
    y: float
    width: float
    height: float
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Arrow:
    d: str  # SVG path data
    kind: str  # "leads" (precedes) or "child" (part of)


@dataclass(frozen=True)
class Said:
    """A text for the phone's cards and its language mark (see ``Line.lang``)."""

    text: str
    lang: str = ""


@dataclass
class Card:
    """One step on the phone's map: what it is, where it starts and what job it leads to."""

    component_id: int
    name: Said
    is_job: bool
    facts: list[tuple[str, Said]]  # (label, value): provider, time, cost, credential
    entries: list[tuple[Said, str]]  # "Start here" marks: the way in and its kind
    exits: list[str]  # "Job: ..." with its median pay
    then: list[Said]  # the steps it leads to


@dataclass
class Row:
    """One level on the phone's map: its cards top to bottom."""

    level_id: int | None
    name: Said
    note: Said
    cards: list[Card]


@dataclass
class PathwayMap:
    width: float
    height: float
    columns: list[Column]
    boxes: list[Box]
    arrows: list[Arrow]
    description: str
    rows: list[Row] = field(default_factory=list)


def _wrap(text: str, chars: int) -> list[str]:
    return textwrap.wrap(text, chars) or [""]


NOTE_LINES = 3  # a level's description under its name: the list below has all of it


def _note(text: str) -> list[str]:
    lines = textwrap.wrap(text, DETAIL_CHARS)
    if len(lines) > NOTE_LINES:
        lines = [*lines[:NOTE_LINES - 1], textwrap.shorten(
            " ".join(lines[NOTE_LINES - 1:]), DETAIL_CHARS, placeholder=" …")]
    return lines


def _box_text(component: PathwayComponent) -> tuple[list[str], list[str]]:
    """Name lines and detail lines for one box."""
    details: list[str] = []
    if component.component_type == ComponentType.JOB:
        details.append(_("Job"))
    else:
        details.extend(_wrap(f"{weeks_label(component.effective_length_weeks)} · "
                             f"{cost_label(component.effective_cost)}", DETAIL_CHARS))
    credential = component.effective_credential
    if credential is not None:
        details.extend(_wrap(_("Earn: %(name)s") % {"name": credential.name}, DETAIL_CHARS))
    if component.effective_iet:
        details.extend(_wrap(_("Skills and job training together"), DETAIL_CHARS))
    return _wrap(component.name, NAME_CHARS), details


def _tag(kind: str, texts: list[str], x: float, y: float) -> Tag:
    lines = [line for text in texts for line in _wrap(text, TAG_CHARS)]
    tag = Tag(kind, x, y, COL_W, len(lines) * LINE_H + 2 * TAG_GAP + 2)
    for index, text in enumerate(lines):
        tag.lines.append(Line(text, x + BOX_PAD, y + TAG_GAP + (index + 1) * LINE_H - 3, "tag"))
    return tag


def _stack(component: PathwayComponent, x: float, y: float,
           entries: list[EntryPoint], exits: list[ExitPoint],
           wages: Mapping[str, str]) -> tuple[Box, float]:
    """One box with its entry tags above and exit tags below; returns it and the next y."""
    tags = []
    for entry in entries:
        tag = _tag("entry", [_("Start here: %(name)s") % {"name": entry.name}], x, y)
        tags.append(tag)
        y += tag.height + TAG_GAP
    names, details = _box_text(component)
    lang = shown(component, "name")[1]
    height = 2 * BOX_PAD + len(names) * NAME_LINE_H + len(details) * LINE_H
    box = Box(component.pk, x, y, COL_W, height,
              component.component_type == ComponentType.JOB)
    baseline = y + BOX_PAD
    for text in names:
        baseline += NAME_LINE_H
        box.lines.append(Line(text, x + BOX_PAD, baseline - 4, "name", lang))
    for text in details:
        baseline += LINE_H
        box.lines.append(Line(text, x + BOX_PAD, baseline - 3, "detail"))
    y += height + TAG_GAP
    for exit_point in exits:
        texts = [_("Job: %(title)s") % {"title": exit_point.occupation.title}]
        if wages.get(exit_point.occupation_id):
            texts.append(_("Median: %(wage)s") % {"wage": wages[exit_point.occupation_id]})
        tag = _tag("exit", texts, x, y)
        tags.append(tag)
        y += tag.height + TAG_GAP
    box.tags = tags
    return box, y + ITEM_GAP - TAG_GAP


def _arrow(source: Box, target: Box, kind: str) -> Arrow:
    """A curve from source to target; a loop out of the right side when they share a column."""
    sy, ty = source.y + source.height / 2, target.y + target.height / 2
    if target.x > source.x:
        x1, x2 = source.x + source.width, target.x
        bend = (x2 - x1) / 2
        return Arrow(f"M{x1:.0f},{sy:.0f} C{x1 + bend:.0f},{sy:.0f} "
                     f"{x2 - bend:.0f},{ty:.0f} {x2 - 2:.0f},{ty:.0f}", kind)
    x1, x2 = source.x + source.width, target.x + target.width
    reach = max(x1, x2) + COL_GAP / 2 - 6
    return Arrow(f"M{x1:.0f},{sy:.0f} C{reach:.0f},{sy:.0f} "
                 f"{reach:.0f},{ty:.0f} {x2 + 2:.0f},{ty:.0f}", kind)


def _header(level: ProgressionLevel | None, name: str, x: float,
            y: float) -> tuple[tuple[Line, ...], float]:
    """A column's title lines (the level's name, then its description) and their height."""
    lines, baseline = [], y
    name_lang = shown(level, "name")[1] if level else ""
    for text in _wrap(name, NAME_CHARS):
        baseline += NAME_LINE_H
        lines.append(Line(text, x + 4, baseline - 4, "column", name_lang))
    if level is not None and level.description:
        note, note_lang = shown(level, "description")
        for text in _note(note):
            baseline += LINE_H
            lines.append(Line(text, x + 4, baseline - 3, "column-note", note_lang))
    return tuple(lines), baseline - y


def layout_map(parts: PathwayParts, wages: Mapping[str, str] | None = None) -> PathwayMap:
    """Place every level as a column and every step as a box; ``wages`` maps O*NET-SOC codes
    to a short median label for the exit tags."""
    wages = wages or {}
    columns_of: list[tuple[ProgressionLevel | None, str]] = [
        (level, level.name) for level in parts.levels]
    if parts.unplaced:
        columns_of.append((None, _("Other steps")))
    header_height = max((_header(level, name, 0, 0)[1] for level, name in columns_of),
                        default=NAME_LINE_H)
    top = PAD + header_height + 12

    entries_at: dict[int, list[EntryPoint]] = {}
    for entry in parts.entries:
        entries_at.setdefault(entry.component_id, []).append(entry)
    exits_at: dict[int, list[ExitPoint]] = {}
    for exit_point in parts.exits:
        exits_at.setdefault(exit_point.component_id, []).append(exit_point)

    titles, boxes, bottom, rows = [], {}, top, []
    for index, (level, name) in enumerate(columns_of):
        x = PAD + index * (COL_W + COL_GAP)
        titles.append((level, x, _header(level, name, x, PAD)[0]))
        y = top
        cards = []
        for component in parts.in_level(level):
            box, y = _stack(component, x, y, entries_at.get(component.pk, []),
                            exits_at.get(component.pk, []), wages)
            boxes[component.pk] = box
            cards.append(_card(component, entries_at.get(component.pk, []),
                               exits_at.get(component.pk, []), wages))
        rows.append(_row(level, name, cards))
        bottom = max(bottom, y)
    # Column bands reach the tallest column, so they are made once every column is stacked.
    columns = [Column(level.pk if level else None, x - 8, PAD - 8, COL_W + 16,
                      bottom - PAD + 8 - ITEM_GAP / 2, lines)
               for level, x, lines in titles]

    arrows = []
    for component in parts.components:
        for target in component.precedes.all():
            if target.pk in boxes:
                arrows.append(_arrow(boxes[component.pk], boxes[target.pk], "leads"))
        for child in component.children.all():
            if child.pk in boxes:
                arrows.append(_arrow(boxes[component.pk], boxes[child.pk], "child"))

    width = PAD * 2 + len(columns) * COL_W + max(len(columns) - 1, 0) * COL_GAP + COL_GAP / 2
    return PathwayMap(width=width, height=bottom + PAD, columns=columns,
                      boxes=list(boxes.values()), arrows=arrows,
                      description=_describe(parts), rows=rows)


def _said(obj: object, name: str) -> Said:
    return Said(*shown(obj, name))


def _row(level: ProgressionLevel | None, name: str, cards: list[Card]) -> Row:
    if level is None:
        return Row(None, Said(name), Said(""), cards)
    return Row(level.pk, _said(level, "name"), _said(level, "description"), cards)


def _card(component: PathwayComponent, entries: list[EntryPoint], exits: list[ExitPoint],
          wages: Mapping[str, str]) -> Card:
    """The phone's card for a step: the box's facts unwrapped (HTML wraps them), plus the
    provider, and the steps it leads to in words where the wide map draws arrows."""
    facts: list[tuple[str, Said]] = []
    is_job = component.component_type == ComponentType.JOB
    if component.program_id and component.program.provider_id:
        facts.append((_("Where"), Said(component.program.provider.name)))
    if not is_job:
        facts.append((_("How long"), Said(weeks_label(component.effective_length_weeks))))
        facts.append((_("Cost"), Said(cost_label(component.effective_cost))))
    credential = component.effective_credential
    if credential is not None:
        facts.append((_("You earn"), _said(credential, "name")))
    marks = []
    for entry in entries:
        name, kind = _said(entry, "name"), str(entry.get_kind_display())
        marks.append((name, "" if kind == name.text else kind))  # "Direct entry" once
    jobs = []
    for exit_point in exits:
        text = _("Job: %(title)s") % {"title": exit_point.occupation.title}
        if wages.get(exit_point.occupation_id):
            text += " · " + _("Median: %(wage)s") % {"wage": wages[exit_point.occupation_id]}
        jobs.append(text)
    then = [_said(step, "name") for step in component.precedes.all()]
    return Card(component.pk, _said(component, "name"), is_job, facts, marks, jobs, then)


def _describe(parts: PathwayParts) -> str:
    """The map's <desc>: its shape in a few words (the details are in the text version)."""
    return _("Levels from left to right: %(levels)s. Steps: %(steps)s. Ways in: %(entries)s. "
             "Jobs to aim for: %(exits)s. The same information follows as a list.") % {
        "levels": ", ".join(level.name for level in parts.levels),
        "steps": len(parts.components), "entries": len(parts.entries),
        "exits": len(parts.exits)}
