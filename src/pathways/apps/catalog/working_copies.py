"""Working copies of pathways: copying every row of a pathway, and applying a copy back
onto the live pathway it was made from (ADR 0041). ``catalog.lifecycle`` decides when.

Copies are generic over each model's stored columns and many-to-many fields, so columns
added later (translated ones, say) are copied and applied without a change here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import F
from django.utils.translation import gettext

from pathways.apps.catalog.models import (
    ComponentCondition,
    EntryPoint,
    ExitPoint,
    Pathway,
    PathwayComponent,
    ProgressionLevel,
    ReviewComment,
)
from pathways.apps.catalog.models.programs import new_ctid
from pathways.core.errors import InputError, InputProblem

# The rows of a pathway, in the order they are copied (what a row points at comes first).
CHILDREN: tuple[type[models.Model], ...] = (
    ProgressionLevel, PathwayComponent, ComponentCondition, EntryPoint, ExitPoint)
# Pathway fields publishing never takes from a working copy: the live row's identity and
# its place in the review.
KEEP_ON_LIVE = {"id", "slug", "ctid", "progression_model_ctid", "status", "draft_of",
                "based_on_version",
                "submitted_by", "submitted_at", "changed_by", "version", "changed_in",
                "is_sample", "updated_at"}


# -- reading a pathway's rows ---------------------------------------------------------------
def conditions_of(pathway: Pathway) -> list[ComponentCondition]:
    """Every condition of the pathway's steps, parents before their sub-conditions."""
    found: list[ComponentCondition] = []
    level = list(ComponentCondition.objects.filter(component__pathway=pathway).order_by("pk"))
    while level:
        found += level
        level = list(ComponentCondition.objects.filter(parent__in=[c.pk for c in level])
                     .order_by("pk"))
    return found


def rows_of(model: type[models.Model], pathway: Pathway) -> list[Any]:
    if model is ComponentCondition:
        return conditions_of(pathway)
    return list(model.objects.filter(pathway=pathway).order_by("pk"))


def _ctid_fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if f.name.endswith("ctid")]


def _values(row: models.Model, skip: Iterable[str] = ()) -> dict[str, Any]:
    """Every stored column of ``row`` (translated columns included) but its key."""
    skipped = set(skip)
    return {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields
            if not f.primary_key and f.name not in skipped}


def _remapped(row: models.Model, maps: dict[type, dict[int, int]],
              skip: Iterable[str] = ()) -> dict[str, Any]:
    """``row``'s columns with every reference to a copied row replaced by its copy."""
    values = _values(row, skip)
    for f in row._meta.concrete_fields:
        if f.is_relation and f.attname in values and f.related_model in maps:
            old = values[f.attname]
            values[f.attname] = maps[f.related_model].get(old, old)
    return values


# -- copying --------------------------------------------------------------------------------
def free_slug(base: str, suffix: str = "") -> str:
    limit = Pathway._meta.get_field("slug").max_length
    stem = (base or "pathway")[:limit - len(suffix)].rstrip("-") + suffix
    candidate, number = stem, 2
    while Pathway.objects.filter(slug=candidate).exists():
        tail = f"-{number}"
        candidate = stem[:limit - len(tail)] + tail
        number += 1
    return candidate


def _m2m_fields(model: type[models.Model]) -> list[models.ManyToManyField]:
    return list(model._meta.local_many_to_many)


def _pairs(field: models.ManyToManyField, sources: Iterable[int]) -> list[tuple[int, int]]:
    through = field.remote_field.through
    src, tgt = field.m2m_field_name(), field.m2m_reverse_field_name()
    return list(through.objects.filter(**{f"{src}_id__in": list(sources)})
                .values_list(f"{src}_id", f"{tgt}_id"))


def _write_pairs(field: models.ManyToManyField, pairs: Iterable[tuple[int, int]]) -> None:
    through = field.remote_field.through
    src, tgt = field.m2m_field_name(), field.m2m_reverse_field_name()
    through.objects.bulk_create([through(**{f"{src}_id": a, f"{tgt}_id": b})
                                 for a, b in dict.fromkeys(pairs)])


def clone_pathway(source: Pathway, keep_origin: bool, **fields: Any) -> Pathway:
    """A new pathway with every row of ``source`` copied (fresh CTIDs), ``fields`` set on
    it; with ``keep_origin`` each copied row names the row it came from."""
    values = _values(source, skip={"version", "changed_in"})
    values.update({name: new_ctid() for name in _ctid_fields(Pathway)})
    for name, value in fields.items():  # a relation given by name replaces its column
        field = Pathway._meta.get_field(name)
        if field.is_relation and name != field.attname:
            name, value = field.attname, getattr(value, "pk", value)
        values[name] = value
    copy = Pathway.objects.create(**values)
    copy.support_services.set(source.support_services.all())
    maps: dict[type, dict[int, int]] = {Pathway: {source.pk: copy.pk}}
    for model in CHILDREN:
        rows = rows_of(model, source)
        if model is ComponentCondition:
            made = _clone_conditions(rows, maps, keep_origin)
        else:
            made = [model(**_copied(row, maps, keep_origin)) for row in rows]
            model.objects.bulk_create(made)
        maps[model] = {row.pk: new.pk for row, new in zip(rows, made, strict=True)}
    for model in CHILDREN:
        for field in _m2m_fields(model):
            targets = maps.get(field.related_model, {})
            _write_pairs(field, [(maps[model][a], targets.get(b, b))
                                 for a, b in _pairs(field, maps[model])])
    return copy


def _copied(row: models.Model, maps: dict[type, dict[int, int]],
            keep_origin: bool) -> dict[str, Any]:
    values = _remapped(row, maps)
    values["origin_id"] = row.pk if keep_origin else None
    values.update({name: new_ctid() for name in _ctid_fields(type(row))})
    return values


def _clone_conditions(rows: list[ComponentCondition], maps: dict[type, dict[int, int]],
                      keep_origin: bool) -> list[ComponentCondition]:
    """Conditions one depth at a time: a sub-condition needs its parent's new key."""
    made: dict[int, ComponentCondition] = {}
    own: dict[int, int] = {}
    maps[ComponentCondition] = own
    pending = list(rows)
    while pending:
        ready = [r for r in pending if r.parent_id is None or r.parent_id in own
                 or r.parent_id not in {p.pk for p in rows}]
        batch = [ComponentCondition(**_copied(row, maps, keep_origin)) for row in ready]
        ComponentCondition.objects.bulk_create(batch)
        for row, new in zip(ready, batch, strict=True):
            made[row.pk], own[row.pk] = new, new.pk
        pending = [r for r in pending if r.pk not in made]
    return [made[row.pk] for row in rows]


# -- applying a copy onto the live pathway ----------------------------------------------------
def _matches(model: type[models.Model], copy: Pathway, live: Pathway
             ) -> tuple[list[Any], dict[int, int], list[int]]:
    """The copy's rows, the key each takes on the live pathway (its origin's, or its own
    when it is new and moves over) and the live rows no copied row names (removed)."""
    rows = rows_of(model, copy)
    live_ids = {row.pk for row in rows_of(model, live)}
    mapping, taken = {}, set()
    for row in rows:
        if row.origin_id in live_ids and row.origin_id not in taken:
            mapping[row.pk] = row.origin_id
            taken.add(row.origin_id)
        else:
            mapping[row.pk] = row.pk
    return rows, mapping, sorted(live_ids - taken)


def _refuse_removing_used(model: type[models.Model], ids: list[int]) -> None:
    """A removed step that participants' records name (milestones, work experiences:
    protected) cannot go; say which, rather than fail at the delete."""
    if not ids:
        return
    used: dict[int, int] = {}
    for rel in model._meta.related_objects:
        if rel.on_delete is models.PROTECT and rel.related_model._meta.app_label != "catalog":
            for key in rel.related_model._base_manager.filter(
                    **{f"{rel.field.name}__in": ids}).values_list(rel.field.attname, flat=True):
                used[key] = used.get(key, 0) + 1
    if used:
        names = dict(model._base_manager.filter(pk__in=used).values_list("pk", "name"))
        raise InputError([InputProblem(gettext(
            '"%(step)s" cannot be removed: participants\' records (%(count)d) name it. '
            "Keep the step in this version.") % {"step": names[pk], "count": count},
            field="components") for pk, count in sorted(used.items())])


def apply_copy(copy: Pathway, live: Pathway) -> list[str]:
    """Write the working copy onto the live pathway: matched rows keep their keys and
    CTIDs, new rows move over, live rows the copy no longer has are deleted; then the
    copy goes. Returns what changed (field and part names, for ``Versioned``)."""
    found = {model: _matches(model, copy, live) for model in CHILDREN}
    maps: dict[type, dict[int, int]] = {model: m for model, (_r, m, _x) in found.items()}
    maps[Pathway] = {copy.pk: live.pk}
    for model in CHILDREN:
        _refuse_removing_used(model, found[model][2])
    pairs = {(model, field.name): _pairs(field, maps[model])
             for model in CHILDREN for field in _m2m_fields(model)}
    # Level numbers are unique per pathway: park the live ones above every number in use.
    top = max([lv.order for lv in found[ProgressionLevel][0]]
              + list(ProgressionLevel.objects.filter(pathway=live)
                     .values_list("order", flat=True)) + [0])
    ProgressionLevel.objects.filter(pathway=live).update(order=F("order") + top + 1)
    for model in CHILDREN:
        rows, mapping, _removed = found[model]
        for row in rows:
            values = _remapped(row, maps, skip=_ctid_fields(model) if mapping[row.pk] != row.pk
                               else ())
            values["origin_id"] = None
            model._base_manager.filter(pk=mapping[row.pk]).update(**values)
    for (model, name), found_pairs in pairs.items():
        field = model._meta.get_field(name)
        targets = maps.get(field.related_model, {})
        through = field.remote_field.through
        final = set(maps[model].values())
        through.objects.filter(**{f"{field.m2m_field_name()}_id__in": final}).delete()
        _write_pairs(field, [(maps[model][a], targets.get(b, b)) for a, b in found_pairs])
    for model in reversed(CHILDREN):
        model._base_manager.filter(pk__in=found[model][2]).delete()
    for comment in ReviewComment.objects.filter(pathway=copy):
        comment.pathway_id = live.pk
        comment.component_id = maps[PathwayComponent].get(comment.component_id)
        comment.save(update_fields=["pathway", "component"])
    changed = [model._meta.model_name for model in CHILDREN]
    for name, value in _values(copy, skip=KEEP_ON_LIVE).items():
        if getattr(live, name) != value:
            changed.append(Pathway._meta.get_field(name.removesuffix("_id")).name
                           if name.endswith("_id") else name)
            setattr(live, name, value)
    live.support_services.set(copy.support_services.all())
    Pathway.objects.filter(pk=copy.pk).delete()
    return changed
