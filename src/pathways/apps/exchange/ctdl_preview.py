"""What an uploaded CTDL document would do to the catalog, before anything is written.

The upload is read into ``PathwayDocument``s; each is compared with the pathway that has
its CTID, itself turned into a document the same way an export is (``catalog.ctdl``, then
written and read back, so both sides went through one reader). Levels, steps and support
services are matched by CTID; conditions by their place under their step; entry and exit
points by name under their step. Nothing is written (ADR 0043: documents are compared,
rather than the import being run and rolled back).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pathways.apps.catalog.ctdl import to_document
from pathways.apps.catalog.models import Pathway, PathwayComponent, ProgressionLevel
from pathways.apps.catalog.queries import pathway_access
from pathways.apps.exchange.ctdl_drafts import draft_target, goes_into_copy, live_ctids
from pathways.core.errors import InputError, InputProblem
from pathways.standards.ctdl import (
    Component,
    Condition,
    PathwayDocument,
    ReadReport,
    dumps,
    read_documents,
)

CREATED, CHANGED, REMOVED = "created", "changed", "removed"
KINDS: dict[str, Promise] = {
    "pathway": gettext_lazy("Pathway"), "level": gettext_lazy("Level"),
    "step": gettext_lazy("Step"), "condition": gettext_lazy("Condition"),
    "entry": gettext_lazy("Entry point"), "exit": gettext_lazy("Exit point"),
    "service": gettext_lazy("Support service"),
}
FIELDS: dict[str, Promise] = {
    "name": gettext_lazy("name"), "description": gettext_lazy("description"),
    "web_page": gettext_lazy("web page"), "wage_area": gettext_lazy("wage area"),
    "owner": gettext_lazy("owned by"), "destination": gettext_lazy("destination"),
    "order": gettext_lazy("order"), "kind": gettext_lazy("kind"),
    "level": gettext_lazy("level"), "code": gettext_lazy("code"),
    "credits": gettext_lazy("credits"), "cost": gettext_lazy("cost"),
    "weeks": gettext_lazy("length in weeks"), "designation": gettext_lazy("designation"),
    "iet": gettext_lazy("integrated education and training"),
    "apprenticeship": gettext_lazy("apprenticeship"), "credential": gettext_lazy("credential"),
    "leads_to": gettext_lazy("leads to"), "parts": gettext_lazy("parts"),
    "occupations": gettext_lazy("occupations"), "operator": gettext_lazy("logic"),
    "required": gettext_lazy("required number"), "targets": gettext_lazy("steps named"),
    "constraints": gettext_lazy("constraints"), "education": gettext_lazy("education"),
    "english": gettext_lazy("English level"), "prerequisites": gettext_lazy("prerequisites"),
    "occupation": gettext_lazy("occupation"), "is_destination": gettext_lazy("destination"),
    "category": gettext_lazy("category"),
    "support_services": gettext_lazy("support services"),
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str

    @property
    def label(self) -> str:
        return str(FIELDS.get(self.field, self.field))


@dataclass
class ItemChange:
    """One pathway, level, step, condition, entry, exit or service: created, changed or
    removed, with what changed."""

    kind: str
    key: str
    name: str
    action: str
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])


@dataclass
class PathwayPreview:
    ctid: str
    name: str
    existing: Pathway | None
    items: list[ItemChange] = field(default_factory=list)
    # What the document is compared with and written into: the draft, the working copy of
    # a published pathway, or (no copy yet) the published pathway itself.
    compared: Pathway | None = None

    @property
    def into_copy(self) -> bool:
        """The changes go into a working copy; the published version does not change."""
        return goes_into_copy(self.existing)

    @property
    def new_copy(self) -> bool:
        return self.into_copy and self.compared == self.existing

    @property
    def creates(self) -> bool:
        return self.existing is None

    def of(self, action: str) -> list[ItemChange]:
        return [item for item in self.items if item.action == action]

    @property
    def created(self) -> list[ItemChange]:
        return self.of(CREATED)

    @property
    def changed(self) -> list[ItemChange]:
        return self.of(CHANGED)

    @property
    def removed(self) -> list[ItemChange]:
        return self.of(REMOVED)


@dataclass
class Preview:
    """Everything an upload would do; ``errors`` block applying it, ``warnings`` do not."""

    pathways: list[PathwayPreview] = field(default_factory=list)
    unmapped: dict[str, int] = field(default_factory=dict)
    errors: list[InputProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.pathways)

    def seen_versions(self) -> dict[str, int]:
        """The version of the row each existing pathway was compared with, by that row's
        CTID (checked again on apply: a working copy started since is noticed)."""
        return {p.compared.ctid: p.compared.version for p in self.pathways
                if p.compared is not None}


def preview_upload(user: Any, sources: Sequence[tuple[str, str | bytes]]) -> Preview:
    """What applying ``sources`` as ``user`` would create, change and remove; writes nothing."""
    try:
        result = read_documents(sources)
    except InputError as exc:
        return Preview(errors=list(exc.problems))
    preview = Preview(warnings=_warnings(result.report),
                      unmapped=dict(sorted((result.report.unmapped
                                            + result.report.unmapped_values).items())))
    for doc in result.pathways:
        preview.pathways.append(_pathway(user, doc, preview))
    return preview


def _warnings(report: ReadReport) -> list[str]:
    unresolved = [_("%(reference)s is not in the file (%(count)s times)")
                  % {"reference": ref, "count": count}
                  for ref, count in sorted(report.unresolved.items())]
    return [*report.warnings, *unresolved]


def _pathway(user: Any, doc: PathwayDocument, preview: Preview) -> PathwayPreview:
    existing = Pathway.objects.filter(ctid=doc.ctid).select_related("sector", "owner").first()
    found = PathwayPreview(doc.ctid, doc.name, existing)
    if existing is None:
        found.items = diff(None, doc)
        _foreign_ctids(doc, None, preview)
        return found
    access = pathway_access(user, existing)
    if not access.member:
        preview.errors.append(InputProblem(
            _("a pathway with this CTID exists and belongs to a partnership you are not a "
              "member of"), node=doc.ctid, field="ceterms:ctid"))
        return found
    try:
        target = draft_target(existing, user, preview=True)
    except InputError as exc:
        preview.errors.extend(exc.problems)
        target = existing
    found.compared = target
    found.items = diff(current_document(target), doc)
    _foreign_ctids(doc, target, preview)
    return found


def current_document(pathway: Pathway) -> PathwayDocument:
    """The pathway as the reader would read its own export (both sides read alike). A
    working copy is read under the live CTIDs its rows stand for, as the document does."""
    text = dumps(to_document(pathway))
    for own, live in live_ctids(pathway).items():  # CTIDs are unique, opaque strings
        text = text.replace(own, live)
    return read_documents([("catalog", text)]).pathways[0]


def _foreign_ctids(doc: PathwayDocument, pathway: Pathway | None, preview: Preview) -> None:
    """Levels and steps whose CTID another pathway uses get a new one when applied."""
    levels = [lv.ctid for lv in doc.progression_model.levels] if doc.progression_model else []
    for model, ctids, what in ((ProgressionLevel, levels, _("level")),
                               (PathwayComponent, [c.ctid for c in doc.components],
                                _("step"))):
        taken = model.objects.filter(ctid__in=ctids)
        if pathway is not None:  # a working copy's rows stand for the live ones
            taken = taken.exclude(pathway__in=[pathway.pk, pathway.draft_of_id or pathway.pk])
        for ctid in sorted(taken.values_list("ctid", flat=True)):
            preview.warnings.append(
                _("%(what)s %(ctid)s belongs to another pathway; the import gives it a new "
                  "CTID") % {"what": what, "ctid": ctid})


# -- comparing two documents ----------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Refs:
    """References to other items: equal when they name the same CTIDs, shown by name (so
    renaming a step does not show as a change of every step that names it)."""

    ctids: tuple[str, ...]
    names: str

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Refs) and self.ctids == other.ctids

    def __hash__(self) -> int:
        return hash(self.ctids)

    def __str__(self) -> str:
        return self.names


Fields = dict[str, "str | Refs"]


def diff(old: PathwayDocument | None, new: PathwayDocument) -> list[ItemChange]:
    """Created, changed and removed items of ``new`` against ``old`` (None: all created)."""
    out: list[ItemChange] = []
    for kind, items in (("pathway", _pathway_items), ("level", _levels), ("step", _steps),
                        ("condition", _conditions), ("entry", _entries), ("exit", _exits),
                        ("service", _services)):
        out += _compare(kind, items(old) if old is not None else {}, items(new))
    return out


def _compare(kind: str, old: dict[str, tuple[str, Fields]],
             new: dict[str, tuple[str, Fields]]) -> list[ItemChange]:
    out = []
    for key, (name, fields) in new.items():
        if key not in old:
            out.append(ItemChange(kind, key, name, CREATED))
            continue
        before = old[key][1]
        changes = [FieldChange(f, str(before.get(f, "")), str(value))
                   for f, value in fields.items() if before.get(f, "") != value]
        if changes:
            out.append(ItemChange(kind, key, name, CHANGED, changes))
    out += [ItemChange(kind, key, name, REMOVED) for key, (name, _f) in old.items()
            if key not in new]
    return out


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _names(doc: PathwayDocument, ctids: Iterable[str]) -> Refs:
    by_ctid = {c.ctid: c.name for c in doc.components}
    ctids = sorted(set(ctids))
    return Refs(tuple(ctids), ", ".join(sorted(by_ctid.get(c, c) for c in ctids)))


def _service_names(doc: PathwayDocument, ctids: Iterable[str]) -> Refs:
    """A step's services: matched by CTID like the pathway's, shown by name."""
    by_ctid = {s.ctid: s.name for s in doc.all_services()}
    ctids = sorted(set(ctids))
    return Refs(tuple(ctids), ", ".join(sorted(by_ctid.get(c, c) for c in ctids)))


def _pathway_items(doc: PathwayDocument) -> dict[str, tuple[str, Fields]]:
    return {doc.ctid: (doc.name, {
        "name": doc.name, "description": doc.description, "web_page": doc.subject_webpage,
        "wage_area": doc.wage_area, "owner": doc.owner.name if doc.owner else "",
        "destination": _names(doc, [doc.destination] if doc.destination else [])})}


def _levels(doc: PathwayDocument) -> dict[str, tuple[str, Fields]]:
    levels = doc.progression_model.levels if doc.progression_model else []
    return {lv.ctid: (lv.name, {"name": lv.name, "description": lv.description,
                                "order": str(number)})
            for number, lv in enumerate(levels, start=1)}


def _steps(doc: PathwayDocument) -> dict[str, tuple[str, Fields]]:
    levels = {lv.ctid: Refs((lv.ctid,), lv.name) for lv in
              (doc.progression_model.levels if doc.progression_model else [])}

    def fields(c: Component) -> Fields:
        return {
            "name": c.name, "description": c.description, "kind": c.component_type,
            "level": levels.get(c.level or "", ""), "code": c.code,
            "credits": _text(c.credit_value), "cost": _text(c.cost),
            "weeks": _text(c.length_weeks), "designation": c.designation,
            "iet": _text(c.is_iet), "apprenticeship": _text(c.is_apprenticeship),
            "web_page": c.subject_webpage,
            "credential": c.credential.name or c.credential.iri if c.credential else "",
            "leads_to": _names(doc, c.precedes), "parts": _names(doc, c.children),
            "occupations": ", ".join(sorted(o.code or o.name for o in c.occupations)),
            "support_services": _service_names(doc, c.support_services),
        }

    return {c.ctid: (c.name, fields(c)) for c in doc.components}


def _conditions(doc: PathwayDocument) -> dict[str, tuple[str, Fields]]:
    out: dict[str, tuple[str, Fields]] = {}

    def visit(step: Component, conditions: list[Condition], path: str) -> None:
        for number, cond in enumerate(conditions, start=1):
            place = f"{path}.{number}" if path else str(number)
            label = _("%(step)s: condition %(place)s") % {"step": step.name, "place": place}
            out[f"{step.ctid}/{place}"] = (label, {
                "name": cond.name, "description": cond.description,
                "operator": cond.operator.rsplit(":", 1)[-1],
                "required": _text(cond.required_number),
                "targets": _names(doc, cond.targets),
                "constraints": "; ".join(" ".join(filter(None, [
                    k.left_action, *k.left_source, k.comparator, *k.right_source]))
                    for k in cond.constraints)})
            visit(step, cond.conditions, place)

    for step in doc.components:
        visit(step, step.conditions, "")
    return out


def _points(doc: PathwayDocument, pick: Callable[[Component], list],
            fields: Callable[[Any], Fields]) -> dict[str, tuple[str, Fields]]:
    return {f"{c.ctid}/{point.name}": (f"{c.name}: {point.name}", fields(point))
            for c in doc.components for point in pick(c)}


def _entries(doc: PathwayDocument) -> dict[str, tuple[str, Fields]]:
    return _points(doc, lambda c: c.entry_points, lambda e: {
        "kind": e.kind, "description": e.description,
        "education": " – ".join(filter(None, [e.min_education, e.max_education])),
        "english": ", ".join(e.english_levels), "prerequisites": e.prerequisites})


def _exits(doc: PathwayDocument) -> dict[str, tuple[str, Fields]]:
    return _points(doc, lambda c: c.exit_points, lambda e: {
        "description": e.description, "occupation": e.occupation.code or e.occupation.name,
        "is_destination": _text(e.is_destination)})


def _services(doc: PathwayDocument) -> dict[str, tuple[str, Fields]]:
    return {s.ctid: (s.name, {"name": s.name, "category": s.category,
                              "description": s.description, "cost": s.cost})
            for s in doc.support_services}
