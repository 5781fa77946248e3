"""Every change made in the workspace: one registered action each (ADR 0034, 0044).

Each action takes the person's ``PathwayAccess`` (``catalog.queries``; member of the
pathway's partnership and the pathway a draft, checked by ``@action`` before anything runs)
and ``seen``, the pathway version their form was opened on. It refuses a stale form
(``StaleEdit``, naming what changed), checks that every item it is given belongs to this
pathway or this partnership (``InputError`` naming the field), writes, moves the pathway's
version on and audits the change against the pathway (ids and field names, no free text
beyond names).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pathways.apps.accounts.access import action
from pathways.apps.accounts.audit import record
from pathways.apps.catalog.models import (
    ComponentCondition,
    ComponentType,
    EntryPoint,
    ExitPoint,
    Occupation,
    Pathway,
    PathwayComponent,
    ProgressionLevel,
)
from pathways.apps.catalog.models.programs import new_ctid
from pathways.apps.catalog.queries import EDIT, PathwayAccess
from pathways.apps.workspace import queries
from pathways.apps.workspace.changes import assign
from pathways.core.errors import InputError, InputProblem

MAX_NAME = 200
MAX_TEXT = 10_000
MAX_SUMMARY = 600  # a plain summary is two or three short sentences
MAX_GROUPS = 20  # nested condition groups in one step: far more than any real rule


def _problem(message: str, name: str) -> InputError:
    return InputError(InputProblem(message, field=name))


def _name(value: str, name: str = "name", limit: int = MAX_NAME) -> str:
    text = (value or "").strip()
    if not text:
        raise _problem(_("Give it a name."), name)
    if len(text) > limit:
        raise _problem(_("Keep it under %(n)s characters.") % {"n": limit}, name)
    return text


def _text(value: str, name: str, limit: int = MAX_TEXT) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise _problem(_("Keep it under %(n)s characters.") % {"n": limit}, name)
    return text


def _spanish(value: str | None, name: str, limit: int = MAX_TEXT) -> str | None:
    """A Spanish text, optional: ``None`` when empty, so that "not translated" is one value
    and an empty name never collides with another under a per-language unique constraint."""
    text = (value or "").strip()
    if len(text) > limit:
        raise _problem(_("Keep it under %(n)s characters.") % {"n": limit}, name)
    return text or None


def _begin(access: PathwayAccess, seen: int | None) -> Pathway:
    """The pathway, locked, after refusing a form opened on an older version."""
    pathway = access.pathway
    assert pathway is not None  # may_edit holds
    pathway.check_version(seen, lock=True)
    return pathway


def _done(access: PathwayAccess, name: str, parts: list[str], summary: str,
          changes: dict | None = None) -> None:
    """Move the pathway's version on (noting which parts changed) and audit the change."""
    pathway = access.pathway
    pathway.changed_by = _person(access)
    pathway.note_changes(parts)
    pathway.save(update_fields=["updated_at", "changed_by"])
    record(access.actor, f"workspace.{name}", pathway, summary=summary[:300],
           changes=changes or {})


def _person(access: PathwayAccess) -> Any:
    """Who to name as the last to change the pathway (no one for the console)."""
    return access.user if getattr(access.user, "pk", None) else None


def _level(pathway: Pathway, pk: int | None, name: str = "level") -> ProgressionLevel:
    found = ProgressionLevel.objects.filter(pathway=pathway, pk=pk).first() if pk else None
    if found is None:
        raise _problem(_("Choose a level of this pathway."), name)
    return found


def _step(pathway: Pathway, pk: int | None, name: str = "step") -> PathwayComponent:
    found = PathwayComponent.objects.filter(pathway=pathway, pk=pk).first() if pk else None
    if found is None:
        raise _problem(_("Choose a step of this pathway."), name)
    return found


def _in(rows: Any, pk: int | None, name: str, message: str) -> Any:
    if pk is None:
        return None
    found = rows.filter(pk=pk).first()
    if found is None:
        raise _problem(message, name)
    return found


# -- the pathway itself --------------------------------------------------------------------
@dataclass(frozen=True)
class PathwayInput:
    """Texts by language (``_en`` required, ``_es`` optional): never the plain ``name``,
    which would write the editor's interface language."""

    name_en: str
    sector_id: int | None
    owner_id: int | None = None
    wage_area: str = ""
    description_en: str = ""
    copy_of: int | None = None
    name_es: str = ""
    description_es: str = ""


def _unique_slug(name: str) -> str:
    base = slugify(name)[:40] or "pathway"
    slug, n = base, 2
    while Pathway.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@action("workspace.create_pathway", PathwayAccess, EDIT, "may_create")
def create_pathway(access: PathwayAccess, data: PathwayInput) -> Pathway:
    """A new draft in the access's partnership, empty or as a copy of one it sees."""
    name = _name(data.name_en, "name_en")
    sector = _in(queries.sectors(), data.sector_id, "sector", _("Choose a sector."))
    if sector is None:
        raise _problem(_("Choose a sector."), "sector")
    owner = _in(queries.owners_for(access.partnership_id), data.owner_id, "owner",
                _("Choose an organisation of the partnership."))
    area = (data.wage_area or "").strip()
    if area and not (area.isascii() and area.isdigit() and len(area) <= 7):
        raise _problem(_("Give a state FIPS code such as 21, or leave it empty."), "wage_area")
    source = _in(queries.copyable_pathways(access.user), data.copy_of, "copy_of",
                 _("Choose a pathway of your partnership."))
    pathway = Pathway.objects.create(
        name_en=name, name_es=_spanish(data.name_es, "name_es", MAX_NAME),
        slug=_unique_slug(name), sector=sector, owner=owner,
        partnership_id=access.partnership_id, wage_area=area,
        description_en=_text(data.description_en, "description_en"),
        description_es=_spanish(data.description_es, "description_es"),
        status=Pathway.Status.DRAFT,
        changed_by=_person(access))
    if source is not None:
        copy_contents(source, pathway)
    record(access.actor, "workspace.create_pathway", pathway,
           summary=f"Created {pathway.name}" + (f" as a copy of {source.pk}" if source else ""),
           changes={"copy_of": source.pk if source else None})
    return pathway


@action("workspace.edit_pathway", PathwayAccess, EDIT, "may_edit")
def edit_pathway(access: PathwayAccess, seen: int | None, data: PathwayInput) -> Pathway:
    """The pathway's name, sector, owner, wage area and description (its slug stays: the
    public address does not move)."""
    pathway = _begin(access, seen)
    fields = {
        "name_en": _name(data.name_en, "name_en"),
        "name_es": _spanish(data.name_es, "name_es", MAX_NAME),
        "sector": _in(queries.sectors(), data.sector_id, "sector", _("Choose a sector.")),
        "owner": _in(queries.owners_for(access.partnership_id), data.owner_id, "owner",
                     _("Choose an organisation of the partnership.")),
        "wage_area": (data.wage_area or "").strip(),
        "description_en": _text(data.description_en, "description_en"),
        "description_es": _spanish(data.description_es, "description_es"),
    }
    if fields["sector"] is None:
        raise _problem(_("Choose a sector."), "sector")
    area = fields["wage_area"]
    if area and not (area.isascii() and area.isdigit() and len(area) <= 7):
        raise _problem(_("Give a state FIPS code such as 21, or leave it empty."), "wage_area")
    changed = list(dict.fromkeys(  # "name", not "name_es": what the stale refusal names
        name[:-3] if name.endswith(("_en", "_es")) else name
        for name, value in fields.items() if getattr(pathway, name) != value))
    for name, value in fields.items():
        setattr(pathway, name, value)
    pathway.changed_by = _person(access)
    pathway.note_changes(changed)
    pathway.save()
    record(access.actor, "workspace.edit_pathway", pathway, summary=f"Changed {pathway.name}",
           changes={"fields": changed})
    return pathway


def _both(row: Any, *names: str) -> dict[str, Any]:
    """The English and Spanish values of ``names``, as stored (no fallback)."""
    return {f"{n}_{lang}": getattr(row, f"{n}_{lang}") for n in names for lang in ("en", "es")}


def copy_contents(source: Pathway, target: Pathway) -> None:
    """Levels, steps (links, parts, services), conditions, entry and exit points of
    ``source`` into the empty ``target``, each with a new CTDL id."""
    target.support_services.set(source.support_services.all())
    levels = {}
    for level in source.levels.all():
        levels[level.pk] = ProgressionLevel.objects.create(
            pathway=target, order=level.order, **_both(level, "name", "description"))
    steps: dict[int, PathwayComponent] = {}
    originals = list(source.components.prefetch_related("precedes", "children",
                                                        "support_services"))
    for step in originals:
        old = step.pk
        services = list(step.support_services.all())
        step.pk, step.id, step.ctid = None, None, new_ctid()
        step.pathway, step.level = target, levels.get(step.level_id)
        step._state.adding = True
        step.save()
        step.support_services.set(services)
        steps[old] = step
    for original in source.components.prefetch_related("precedes", "children"):
        copy = steps[original.pk]
        copy.precedes.set(steps[n.pk] for n in original.precedes.all() if n.pk in steps)
        copy.children.set(steps[n.pk] for n in original.children.all() if n.pk in steps)

    def conditions(rows: Any, owner: PathwayComponent | None,
                   parent: ComponentCondition | None) -> None:
        for row in rows:
            made = ComponentCondition.objects.create(
                component=owner, parent=parent, **_both(row, "name", "description"),
                logical_operator=row.logical_operator, required_number=row.required_number,
                required_credits=row.required_credits, position=row.position)
            made.targets.set(steps.get(t.pk, t) for t in row.targets.all())
            conditions(row.subconditions.all(), None, made)

    for original in source.components.all():
        conditions(original.conditions.all(), steps[original.pk], None)
    for entry in source.entry_points.all():
        entry.pk, entry.pathway, entry.component = None, target, steps[entry.component_id]
        entry.save()
    for exit_point in source.exit_points.all():
        exit_point.pk, exit_point.pathway = None, target
        exit_point.component = steps[exit_point.component_id]
        exit_point.save()


# -- levels --------------------------------------------------------------------------------
@action("workspace.add_level", PathwayAccess, EDIT, "may_edit")
def add_level(access: PathwayAccess, seen: int | None, name_en: str,
              name_es: str = "") -> ProgressionLevel:
    pathway = _begin(access, seen)
    name = _name(name_en, "name_en", limit=120)
    spanish = _spanish(name_es, "name_es", 120)
    order = (pathway.levels.aggregate(m=Max("order"))["m"] or 0) + 1
    level = ProgressionLevel.objects.create(pathway=pathway, order=order, name_en=name,
                                            name_es=spanish)
    _done(access, "add_level", ["progressionlevel"], f"Added level {name}",
          {"level": level.pk})
    return level


@action("workspace.rename_level", PathwayAccess, EDIT, "may_edit")
def rename_level(access: PathwayAccess, seen: int | None, level_id: int,
                 name_en: str, name_es: str = "", description_en: str | None = None,
                 description_es: str | None = None) -> ProgressionLevel:
    """Its name, and its description when given (``None`` keeps the stored one)."""
    pathway = _begin(access, seen)
    level = _level(pathway, level_id)
    level.name_en = _name(name_en, "name_en", limit=120)
    level.name_es = _spanish(name_es, "name_es", 120)
    fields = ["name_en", "name_es"]
    if description_en is not None:
        level.description_en = _text(description_en, "description_en")
        fields.append("description_en")
    if description_es is not None:
        level.description_es = _spanish(description_es, "description_es")
        fields.append("description_es")
    level.save(update_fields=fields)
    _done(access, "rename_level", ["progressionlevel"], f"Renamed level {level.name}",
          {"level": level.pk})
    return level


@action("workspace.remove_level", PathwayAccess, EDIT, "may_edit")
def remove_level(access: PathwayAccess, seen: int | None, level_id: int) -> None:
    """Its steps stay, under "Other steps", until they are placed again."""
    pathway = _begin(access, seen)
    level = _level(pathway, level_id)
    moved = list(level.components.values_list("pk", flat=True))
    level.delete()
    _done(access, "remove_level", ["progressionlevel", "pathwaycomponent"],
          f"Removed level {level.name}", {"level": level_id, "steps_unplaced": moved})


# -- steps ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class StepInput:
    name_en: str
    component_type: str = ComponentType.COURSE
    level_id: int | None = None
    description_en: str = ""
    cost: Decimal | None = None
    length_weeks: int | None = None
    credit_value: Decimal | None = None
    program_id: int | None = None
    credential_id: int | None = None
    occupation_code: str = ""
    name_es: str = ""
    description_es: str = ""


def _step_fields(access: PathwayAccess, data: StepInput) -> dict:
    pathway = access.pathway
    problems = []

    def check(name: str, make: Any) -> Any:
        try:
            return make()
        except InputError as exc:
            problems.extend(exc.problems)
            return None

    fields = {
        "name_en": check("name_en", lambda: _name(data.name_en, "name_en", limit=250)),
        "name_es": check("name_es", lambda: _spanish(data.name_es, "name_es", 250)),
        "description_en": check("description_en",
                                lambda: _text(data.description_en, "description_en")),
        "description_es": check("description_es",
                                lambda: _spanish(data.description_es, "description_es")),
        "level": check("level", lambda: _level(pathway, data.level_id)
                       if data.level_id else None),
        "program": check("program", lambda: _in(
            queries.programs_for(access.partnership_id), data.program_id, "program",
            _("Choose a program of the partnership."))),
        "credential": check("credential", lambda: _in(
            queries.credentials_for(access.partnership_id), data.credential_id, "credential",
            _("Choose a credential of the partnership."))),
        "occupation": check("occupation", lambda: _in(
            Occupation.objects.all(), data.occupation_code or None, "occupation",
            _("Choose an occupation from the search."))),
        "component_type": data.component_type,
        "cost": data.cost, "length_weeks": data.length_weeks, "credit_value": data.credit_value,
    }
    if data.component_type not in ComponentType.values:
        problems.append(InputProblem(_("Choose a kind of step."), field="component_type"))
    for name, top in (("cost", Decimal("9999999")), ("length_weeks", 520),
                      ("credit_value", Decimal("9999"))):
        value = fields[name]
        if value is not None and not (0 <= value <= top):
            problems.append(InputProblem(_("Give a number from 0 to %(top)s.") % {"top": top},
                                         field=name))
    if problems:
        raise InputError(problems)
    return fields


@action("workspace.add_step", PathwayAccess, EDIT, "may_edit")
def add_step(access: PathwayAccess, seen: int | None, data: StepInput) -> PathwayComponent:
    pathway = _begin(access, seen)
    fields = _step_fields(access, data)
    position = (pathway.components.filter(level=fields["level"])
                .aggregate(m=Max("position"))["m"])
    step = PathwayComponent.objects.create(pathway=pathway, **fields,
                                           position=0 if position is None else position + 1)
    _done(access, "add_step", ["pathwaycomponent"], f"Added step {step.name}",
          {"step": step.pk, "level": step.level_id})
    return step


@action("workspace.edit_step", PathwayAccess, EDIT, "may_edit")
def edit_step(access: PathwayAccess, seen: int | None, step_id: int,
              data: StepInput) -> PathwayComponent:
    pathway = _begin(access, seen)
    step = _step(pathway, step_id)
    changed = assign(step, _step_fields(access, data))
    step.save()
    _done(access, "edit_step", ["pathwaycomponent"], f"Changed step {step.name}",
          {"step": step.pk, "fields": changed})
    return step


@action("workspace.remove_step", PathwayAccess, EDIT, "may_edit")
def remove_step(access: PathwayAccess, seen: int | None, step_id: int) -> None:
    """Its links, conditions, entry and exit points go with it."""
    pathway = _begin(access, seen)
    step = _step(pathway, step_id)
    name = step.name
    step.delete()
    _done(access, "remove_step", ["pathwaycomponent", "entrypoint", "exitpoint"],
          f"Removed step {name}", {"step": step_id})


@action("workspace.connect", PathwayAccess, EDIT, "may_edit")
def connect(access: PathwayAccess, seen: int | None, step_id: int, target_id: int) -> None:
    """``step`` leads to ``target`` (CTDL precedes). A loop is accepted and shown by the
    checks, which explain it better than a refusal could; a step leading to itself is
    refused here, since it is never meant."""
    pathway = _begin(access, seen)
    step, target = _step(pathway, step_id), _step(pathway, target_id, "target")
    if step.pk == target.pk:
        raise _problem(_("A step cannot lead to itself."), "target")
    step.precedes.add(target)
    _done(access, "connect", ["pathwaycomponent"], f"{step.name} leads to {target.name}",
          {"step": step.pk, "target": target.pk})


@action("workspace.disconnect", PathwayAccess, EDIT, "may_edit")
def disconnect(access: PathwayAccess, seen: int | None, step_id: int, target_id: int) -> None:
    pathway = _begin(access, seen)
    step = _step(pathway, step_id)
    step.precedes.remove(target_id)
    _done(access, "disconnect", ["pathwaycomponent"], f"{step.name} no longer leads on",
          {"step": step.pk, "target": target_id})


# -- entry and exit points, services -------------------------------------------------------
@dataclass(frozen=True)
class EntryInput:
    """A way in: its name, who it is for (``description``) and what it asks first
    (``prerequisites``), in English (name required) and Spanish (optional)."""

    name_en: str
    kind: str = EntryPoint.Kind.DIRECT
    description_en: str = ""
    prerequisites_en: str = ""
    name_es: str = ""
    description_es: str = ""
    prerequisites_es: str = ""


def _entry_fields(data: EntryInput) -> dict[str, Any]:
    if data.kind not in EntryPoint.Kind.values:
        raise _problem(_("Choose who this way in is for."), "kind")
    return {"name_en": _name(data.name_en, "name_en"),
            "name_es": _spanish(data.name_es, "name_es", MAX_NAME), "kind": data.kind,
            "description_en": _text(data.description_en, "description_en"),
            "description_es": _spanish(data.description_es, "description_es"),
            "prerequisites_en": _text(data.prerequisites_en, "prerequisites_en"),
            "prerequisites_es": _spanish(data.prerequisites_es, "prerequisites_es")}


@action("workspace.add_entry", PathwayAccess, EDIT, "may_edit")
def add_entry(access: PathwayAccess, seen: int | None, step_id: int,
              data: EntryInput) -> EntryPoint:
    pathway = _begin(access, seen)
    step = _step(pathway, step_id)
    entry = EntryPoint.objects.create(pathway=pathway, component=step, **_entry_fields(data),
                                      position=pathway.entry_points.count())
    _done(access, "add_entry", ["entrypoint"], f"Entry {entry.name_en} at {step.name_en}",
          {"entry": entry.pk, "step": step.pk, "kind": entry.kind})
    return entry


@action("workspace.edit_entry", PathwayAccess, EDIT, "may_edit")
def edit_entry(access: PathwayAccess, seen: int | None, entry_id: int,
               data: EntryInput) -> EntryPoint:
    pathway = _begin(access, seen)
    entry = EntryPoint.objects.filter(pathway=pathway, pk=entry_id).first()
    if entry is None:
        raise _problem(_("Choose an entry point of this pathway."), "entry")
    changed = assign(entry, _entry_fields(data))
    entry.save()
    _done(access, "edit_entry", ["entrypoint"], f"Changed entry {entry.name_en}",
          {"entry": entry.pk, "fields": changed})
    return entry


@action("workspace.remove_entry", PathwayAccess, EDIT, "may_edit")
def remove_entry(access: PathwayAccess, seen: int | None, entry_id: int) -> None:
    pathway = _begin(access, seen)
    deleted, _rows = EntryPoint.objects.filter(pathway=pathway, pk=entry_id).delete()
    if not deleted:
        raise _problem(_("Choose an entry point of this pathway."), "entry")
    _done(access, "remove_entry", ["entrypoint"], "Removed an entry point", {"entry": entry_id})


@dataclass(frozen=True)
class ExitInput:
    """A job reached: its occupation and a name (the occupation's title when empty), with a
    description and a plain summary for the public pages, in English and Spanish."""

    occupation_code: str
    name_en: str = ""
    name_es: str = ""
    description_en: str = ""
    description_es: str = ""
    summary_en: str = ""
    summary_es: str = ""


def _exit_fields(data: ExitInput) -> dict[str, Any]:
    occupation = _in(Occupation.objects.all(), data.occupation_code or None, "occupation",
                     _("Choose an occupation from the search."))
    if occupation is None:
        raise _problem(_("Choose an occupation from the search."), "occupation")
    return {"occupation": occupation,
            "name_en": _name(data.name_en or occupation.title, "name_en"),
            "name_es": _spanish(data.name_es, "name_es", MAX_NAME),
            "description_en": _text(data.description_en, "description_en"),
            "description_es": _spanish(data.description_es, "description_es"),
            "summary_en": _text(data.summary_en, "summary_en", MAX_SUMMARY),
            "summary_es": _spanish(data.summary_es, "summary_es", MAX_SUMMARY)}


@action("workspace.add_exit", PathwayAccess, EDIT, "may_edit")
def add_exit(access: PathwayAccess, seen: int | None, step_id: int,
             data: ExitInput) -> ExitPoint:
    pathway = _begin(access, seen)
    step = _step(pathway, step_id)
    fields = _exit_fields(data)
    exit_point = ExitPoint.objects.create(pathway=pathway, component=step, **fields,
                                          position=pathway.exit_points.count())
    code = fields["occupation"].code
    _done(access, "add_exit", ["exitpoint"], f"Exit {code} after {step.name_en}",
          {"exit": exit_point.pk, "step": step.pk, "occupation": code})
    return exit_point


@action("workspace.edit_exit", PathwayAccess, EDIT, "may_edit")
def edit_exit(access: PathwayAccess, seen: int | None, exit_id: int,
              data: ExitInput) -> ExitPoint:
    pathway = _begin(access, seen)
    exit_point = ExitPoint.objects.filter(pathway=pathway, pk=exit_id).first()
    if exit_point is None:
        raise _problem(_("Choose an exit point of this pathway."), "exit")
    changed = assign(exit_point, _exit_fields(data))
    exit_point.save()
    _done(access, "edit_exit", ["exitpoint"], f"Changed exit {exit_point.name_en}",
          {"exit": exit_point.pk, "fields": changed})
    return exit_point


@action("workspace.remove_exit", PathwayAccess, EDIT, "may_edit")
def remove_exit(access: PathwayAccess, seen: int | None, exit_id: int) -> None:
    pathway = _begin(access, seen)
    deleted, _rows = ExitPoint.objects.filter(pathway=pathway, pk=exit_id).delete()
    if not deleted:
        raise _problem(_("Choose an exit point of this pathway."), "exit")
    _done(access, "remove_exit", ["exitpoint"], "Removed an exit point", {"exit": exit_id})


@action("workspace.attach_service", PathwayAccess, EDIT, "may_edit")
def attach_service(access: PathwayAccess, seen: int | None, step_id: int,
                   service_id: int) -> None:
    pathway = _begin(access, seen)
    step = _step(pathway, step_id)
    service = _in(queries.services_for(access.partnership_id), service_id, "service",
                  _("Choose a support service of the partnership."))
    if service is None:
        raise _problem(_("Choose a support service of the partnership."), "service")
    step.support_services.add(service)
    _done(access, "attach_service", ["pathwaycomponent"], f"Service at {step.name}",
          {"step": step.pk, "service": service.pk})


@action("workspace.detach_service", PathwayAccess, EDIT, "may_edit")
def detach_service(access: PathwayAccess, seen: int | None, step_id: int,
                   service_id: int) -> None:
    pathway = _begin(access, seen)
    step = _step(pathway, step_id)
    step.support_services.remove(service_id)
    _done(access, "detach_service", ["pathwaycomponent"], f"Service off {step.name}",
          {"step": step.pk, "service": service_id})


# -- conditions ----------------------------------------------------------------------------
ALL, ANY, AT_LEAST, CREDITS = "all", "any", "at_least", "credits"
RULES = (ALL, ANY, AT_LEAST, CREDITS)


@dataclass(frozen=True)
class Group:
    """One rule over steps and nested groups: all of, any of, at least ``number`` of, or at
    least ``credits`` credits from them."""

    rule: str = ALL
    steps: tuple[int, ...] = ()
    groups: tuple[Group, ...] = ()
    number: int | None = None
    credits: Decimal | None = None
    name: str = field(default="", compare=False)  # English; optional, shown before the rule
    name_es: str = field(default="", compare=False)

    def is_empty(self) -> bool:
        return not self.steps and all(g.is_empty() for g in self.groups)


def _check_group(group: Group, allowed: set[int], where: str, count: list[int]) -> None:
    count[0] += 1
    if count[0] > MAX_GROUPS:
        raise _problem(_("Use at most %(n)s groups.") % {"n": MAX_GROUPS}, where)
    if group.rule not in RULES:
        raise _problem(_("Choose a rule."), f"{where}-rule")
    if len(group.name) > 250 or len(group.name_es) > 250:
        raise _problem(_("Keep it under %(n)s characters.") % {"n": 250}, f"{where}-name")
    outside = [s for s in group.steps if s not in allowed]
    if outside:
        raise _problem(_("Choose steps of this pathway (not the step itself)."),
                       f"{where}-steps")
    items = len(group.steps) + len([g for g in group.groups if not g.is_empty()])
    if group.rule == AT_LEAST and not (group.number and 1 <= group.number <= max(items, 1)):
        raise _problem(_("Say how many, from 1 to the number of items chosen."),
                       f"{where}-number")
    if group.rule == CREDITS and not (group.credits and 0 < group.credits < 10000):
        raise _problem(_("Say how many credits, more than 0."), f"{where}-credits")
    for n, sub in enumerate(group.groups, start=1):
        _check_group(sub, allowed, f"{where}-{n}", count)


def _store_group(group: Group, component: PathwayComponent | None,
                 parent: ComponentCondition | None, position: int) -> None:
    operator = ComponentCondition.Operator.OR if group.rule in (ANY, AT_LEAST) \
        else ComponentCondition.Operator.AND
    row = ComponentCondition.objects.create(
        component=component, parent=parent, name_en=group.name.strip(),
        name_es=group.name_es.strip() or None, logical_operator=operator,
        required_number=group.number if group.rule == AT_LEAST else None,
        required_credits=group.credits if group.rule == CREDITS else None, position=position)
    row.targets.set(group.steps)
    for n, sub in enumerate(g for g in group.groups if not g.is_empty()):
        _store_group(sub, None, row, n)


@action("workspace.set_conditions", PathwayAccess, EDIT, "may_edit")
def set_conditions(access: PathwayAccess, seen: int | None, step_id: int,
                   group: Group) -> None:
    """Replace what the step needs first with ``group`` (an empty group: nothing)."""
    pathway = _begin(access, seen)
    step = _step(pathway, step_id)
    allowed = set(pathway.components.exclude(pk=step.pk).values_list("pk", flat=True))
    _check_group(group, allowed, "group", [0])
    step.conditions.all().delete()  # nested rows go with their parents (CASCADE)
    if not group.is_empty():
        _store_group(group, step, None, 0)
    _done(access, "set_conditions", ["componentcondition"], f"Conditions of {step.name}",
          {"step": step.pk})


from pathways.apps.workspace import offerings  # noqa: E402, F401  (registers its actions)
