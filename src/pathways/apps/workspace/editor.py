"""What the map editor page shows: the map, each level and step with its forms, and the
checks panel. The view passes the one form that failed (bound, with its errors) so it is
shown in its place with the person's entries; every other form is fresh on the current
version."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import prefetch_related_objects
from django.urls import reverse

from pathways.apps.catalog.display import cost_label, weeks_label
from pathways.apps.catalog.models import Occupation, PathwayComponent
from pathways.apps.catalog.pathway_map import PathwayMap, PathwayParts, layout_map, load_parts
from pathways.apps.catalog.queries import PathwayAccess
from pathways.apps.workspace import queries
from pathways.apps.workspace.checks import Panel, panel
from pathways.apps.workspace.conditions import describe, stored_group
from pathways.apps.workspace.coverage import TranslationPanel, translation_panel
from pathways.apps.workspace.forms import (
    Choices,
    ConfirmForm,
    ConnectForm,
    EntryForm,
    ExitForm,
    LevelForm,
    PathwayDetailsForm,
    RenameLevelForm,
    ServiceForm,
    StepForm,
    VersionedForm,
    choices,
)

LIMIT = queries.PICKER_LIMIT


@dataclass
class Failed:
    """The form that was refused (or a search asked for), by its prefix."""

    prefix: str
    form: VersionedForm
    query: dict[str, str] = field(default_factory=dict)  # picker -> search text


def occupation_label(o: Occupation) -> str:
    return f"{o.title} ({o.code})"


def pickers(access: PathwayAccess, query: dict[str, str] | None = None,
            current: dict[str, Any] | None = None) -> dict[str, Choices]:
    """Options of the step pickers: the partnership's programs and credentials (filtered
    by a search), occupations found by a search, and whatever is chosen now."""
    query = query or {}
    pid = access.partnership_id
    found = {
        "program": choices(queries.programs_for(pid, query.get("program", ""))[:LIMIT]),
        "credential": choices(queries.credentials_for(pid, query.get("credential", ""))[:LIMIT]),
        "occupation": choices(queries.find_occupations(query.get("occupation", ""))[:LIMIT],
                              occupation_label),
        "service": choices(queries.services_for(pid, query.get("service", ""))[:LIMIT]),
    }
    return with_current(found, current or {})


def with_current(found: dict[str, Choices], current: dict[str, Any]) -> dict[str, Choices]:
    """``found`` with each chosen row first when the search did not find it."""
    found = dict(found)
    for name, row in current.items():
        if row is not None and str(row.pk) not in {v for v, _l in found[name]}:
            label = occupation_label(row) if name == "occupation" else str(row)
            found[name] = [(str(row.pk), label), *found[name]]
    return found


def searchable(form: VersionedForm, pathway_id: int) -> None:
    """Let each search box refill the select after it as the person types (htmx); without
    JavaScript its "Find" button does the same through the page."""
    for name in list(form.fields):
        if not name.endswith("_q"):
            continue
        picker = name[:-2]
        form.fields[name].widget.input_type = "search"
        form.fields[name].widget.attrs.update({
            "hx-get": reverse("workspace:pick", args=[pathway_id, picker]),
            "hx-trigger": "input changed delay:400ms, search",
            "hx-target": f"#{form[picker].auto_id}", "hx-swap": "innerHTML",
            "autocomplete": "off"})


@dataclass
class EditorPage:
    access: PathwayAccess
    parts: PathwayParts
    map: PathwayMap
    panel: Panel
    add_level: LevelForm
    unplaced_add: StepForm
    details: PathwayDetailsForm
    status: str = ""
    focus: str = ""
    coverage: TranslationPanel | None = None


def _form(cls: type, prefix: str, failed: Failed | None, version: int,
          initial: dict | None = None) -> Any:
    if failed is not None and failed.prefix == prefix:
        return failed.form
    return cls(prefix=prefix, initial={"opened_version": version, **(initial or {})})


def texts(obj: Any, *names: str) -> dict[str, str]:
    """The stored English and Spanish values of ``names`` (no fallback), for a form."""
    return {f"{n}_{lang}": getattr(obj, f"{n}_{lang}") or "" for n in names
            for lang in ("en", "es")}


def _step_initial(step: PathwayComponent) -> dict:
    return {**texts(step, "name", "description"), "component_type": step.component_type,
            "level": step.level_id,
            "cost": step.cost, "length_weeks": step.length_weeks,
            "credit_value": step.credit_value, "program": step.program_id or "",
            "credential": step.credential_id or "", "occupation": step.occupation_id or ""}


def _opens(step: PathwayComponent, failed: Failed | None, open_step: int | None) -> bool:
    """Whether ``step`` shows its forms: asked for, or one of them was refused."""
    if step.pk == open_step:
        return True
    if failed is None:
        return False
    op, _sep, target = failed.prefix.rpartition("-")
    if op in STEP_FORMS and target == str(step.pk):
        return True
    return failed.prefix in {f"edit-entry-{e.pk}" for e in step.entries} | {
        f"edit-exit-{e.pk}" for e in step.exits}


STEP_FORMS = {"edit-step", "connect", "add-entry", "add-exit", "attach-service"}


def build(access: PathwayAccess, failed: Failed | None = None, status: str = "",
          focus: str = "", open_step: int | None = None) -> EditorPage:
    """The editor. Each step shows a summary; only ``open_step`` (or the step whose form
    was refused) gets its forms and pickers, so the page grows linearly with the steps."""
    pathway = access.pathway
    parts = load_parts(pathway)
    prefetch_related_objects(parts.components, "support_services")
    version = pathway.version
    levels = [(str(lv.pk), lv.name) for lv in parts.levels]
    steps = [(str(c.pk), c.name) for c in parts.components]
    query = failed.query if failed else {}
    base = pickers(access)  # read once: every step's forms offer the same sets
    searched = pickers(access, query) if query else base
    entries_at: dict[int, list] = {}
    for entry in parts.entries:
        entries_at.setdefault(entry.component_id, []).append(entry)
    exits_at: dict[int, list] = {}
    for exit_point in parts.exits:
        exits_at.setdefault(exit_point.component_id, []).append(exit_point)

    def step_form(prefix: str, initial: dict, current: dict) -> StepForm:
        form = _form(StepForm, prefix, failed, version, initial)
        form.set_choices(levels, with_current(searched if form.is_bound else base, current))
        searchable(form, pathway.pk)
        return form

    def step_forms(step: PathwayComponent) -> None:
        pre = f"-{step.pk}"
        step.edit_form = step_form("edit-step" + pre, _step_initial(step), {
            "program": step.program, "credential": step.credential,
            "occupation": step.occupation})
        step.connect_form = _form(ConnectForm, "connect" + pre, failed, version)
        step.connect_form.set_choices([s for s in steps if s[0] != str(step.pk)])
        step.entry_form = _form(EntryForm, "add-entry" + pre, failed, version)
        step.exit_form = _form(ExitForm, "add-exit" + pre, failed, version)
        step.exit_form.set_choices((searched if step.exit_form.is_bound else base)
                                   ["occupation"])
        searchable(step.exit_form, pathway.pk)
        step.service_form = _form(ServiceForm, "attach-service" + pre, failed, version)
        step.service_form.set_choices((searched if step.service_form.is_bound else base)
                                      ["service"])
        searchable(step.service_form, pathway.pk)
        step.remove_form = _form(ConfirmForm, "remove-step" + pre, failed, version)
        for entry in step.entries:
            entry.edit_form = _form(EntryForm, f"edit-entry-{entry.pk}", failed, version, {
                **texts(entry, "name", "description", "prerequisites"), "kind": entry.kind})
        for exit_point in step.exits:
            form = _form(ExitForm, f"edit-exit-{exit_point.pk}", failed, version, {
                **texts(exit_point, "name", "description", "summary"),
                "occupation": exit_point.occupation_id})
            form.set_choices(with_current(searched if form.is_bound else base, {
                "occupation": exit_point.occupation})["occupation"])
            searchable(form, pathway.pk)
            exit_point.edit_form = form

    names = {c.pk: c.name for c in parts.components}
    for level in parts.levels:
        level.anchor = f"level-{level.pk}"
        level.rename_form = _form(RenameLevelForm, f"rename-level-{level.pk}", failed,
                                  version, texts(level, "name", "description"))
        level.remove_form = _form(ConfirmForm, f"remove-level-{level.pk}", failed, version)
        level.add_form = step_form(f"add-step-{level.pk}", {"level": level.pk}, {})
        level.steps = parts.in_level(level)
    for step in parts.components:
        step.anchor = f"step-{step.pk}"
        group = stored_group(step)
        step.needs = "" if group.is_empty() else describe(group, names)
        step.services = list(step.support_services.all())
        step.summary = f"{weeks_label(step.effective_length_weeks)} · " \
                       f"{cost_label(step.effective_cost)}"
        step.entries = entries_at.get(step.pk, [])
        step.exits = exits_at.get(step.pk, [])
        step.open = _opens(step, failed, open_step)
        if step.open:
            step_forms(step)
    unplaced = step_form("add-step-0", {}, {})
    details = _form(PathwayDetailsForm, "edit-pathway-0", failed, version, {
        **texts(pathway, "name", "description"), "sector": pathway.sector_id,
        "owner": pathway.owner_id, "wage_area": pathway.wage_area})
    details_choices(details, access)
    return EditorPage(access, parts, layout_map(parts), panel(pathway, parts),
                      _form(LevelForm, "add-level-0", failed, version), unplaced,
                      details, status, focus, translation_panel(pathway, parts))


def details_choices(form: PathwayDetailsForm, access: PathwayAccess) -> None:
    form.set_choices(choices(queries.sectors()), choices(queries.owners_for(
        access.partnership_id)))
