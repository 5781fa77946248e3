"""What changed between two published versions of a pathway, in plain sentences.

Compares two ``PathwayDocument``s (the previous version and the new one) and says what a
participant would notice: steps added, removed, renamed or moved; what a step needs first
or leads to; costs, lengths and credits; entry and exit points, the occupation an exit
leads to and the wage area its wages come from; support services, the pathway's and
each step's. Steps and levels are
matched by CTID (publishing keeps the live CTIDs), entry and exit points by name.

Each sentence is a ``Change``: an English template and its values, so the web layer can
show it in the reader's language (``_`` only marks templates for ``makemessages``).
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, field
from decimal import Decimal

from pathways.standards.ctdl.model import (
    Component,
    Condition,
    EntryPointInfo,
    ExitPointInfo,
    PathwayDocument,
)


def _(text: str) -> str:
    return text


@dataclass(frozen=True)
class Change:
    template: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template % self.params if self.params else self.template

    def as_pair(self) -> list:
        """The stored form: ``[template, params]``."""
        return [self.template, dict(self.params)]


FIRST = Change(_("First published version."))
NOTHING = Change(_("No changes that participants see since the last version."))


def describe_changes(before: PathwayDocument | None, after: PathwayDocument) -> list[Change]:
    """The sentences for ``after`` compared with ``before`` (None: the first version)."""
    if before is None:
        return [FIRST]
    found = [*_pathway(before, after), *_levels(before, after), *_steps(before, after),
             *_entries(before, after), *_exits(before, after), *_services(before, after)]
    return found or [NOTHING]


def _money(value: Decimal | None) -> str:
    return "—" if value is None else f"${value:,.2f}"


def _number(value: Decimal | int | None) -> str:
    if value is None:
        return "—"
    text = format(Decimal(value).normalize(), "f")
    return text


def _pathway(before: PathwayDocument, after: PathwayDocument) -> list[Change]:
    found = []
    if before.name != after.name:
        found.append(Change(_('The pathway was renamed from "%(old)s" to "%(new)s".'),
                            {"old": before.name, "new": after.name}))
    if before.description != after.description:
        found.append(Change(_("The pathway's description changed.")))
    if before.wage_area != after.wage_area:
        found.append(Change(_("Exit wages now come from area %(new)s (before: %(old)s)."),
                            {"old": before.wage_area or "U.S.",
                             "new": after.wage_area or "U.S."}))
    return found


def _levels(before: PathwayDocument, after: PathwayDocument) -> list[Change]:
    old = {lv.ctid: lv for lv in (before.progression_model.levels
                                  if before.progression_model else [])}
    new = {lv.ctid: lv for lv in (after.progression_model.levels
                                  if after.progression_model else [])}
    found = [Change(_('Level "%(name)s" was added.'), {"name": lv.name})
             for ctid, lv in new.items() if ctid not in old]
    found += [Change(_('Level "%(name)s" was removed.'), {"name": lv.name})
              for ctid, lv in old.items() if ctid not in new]
    found += [Change(_('Level "%(old)s" was renamed "%(new)s".'),
                     {"old": old[ctid].name, "new": lv.name})
              for ctid, lv in new.items() if ctid in old and old[ctid].name != lv.name]
    return found


def _level_names(doc: PathwayDocument) -> dict[str, str]:
    return {lv.ctid: lv.name for lv in (doc.progression_model.levels
                                        if doc.progression_model else [])}


def _condition_key(condition: Condition) -> tuple:
    return (condition.name, condition.description, condition.operator,
            condition.required_number, tuple(sorted(condition.targets)),
            tuple(_condition_key(c) for c in condition.conditions),
            tuple(astuple(c) for c in condition.constraints))


def _other_details(comp: Component) -> tuple:
    """What a step shows besides its name, place, needs, links, cost, length and credits."""
    return (comp.component_type, comp.subject_webpage, comp.proxy_for,
            astuple(comp.credential) if comp.credential else None, comp.program, comp.code,
            comp.designation, tuple(astuple(o) for o in comp.occupations), comp.is_iet,
            comp.is_apprenticeship, tuple(sorted(comp.children)))


def _steps(before: PathwayDocument, after: PathwayDocument) -> list[Change]:
    old = {c.ctid: c for c in before.components}
    new = {c.ctid: c for c in after.components}
    found = [Change(_('Step "%(name)s" was added.'), {"name": c.name})
             for ctid, c in new.items() if ctid not in old]
    found += [Change(_('Step "%(name)s" was removed.'), {"name": c.name})
              for ctid, c in old.items() if ctid not in new]
    old_levels, new_levels = _level_names(before), _level_names(after)
    services = {s.ctid: s.name for s in before.all_services()}
    services.update((s.ctid, s.name) for s in after.all_services())
    for ctid, comp in new.items():
        if ctid in old:
            found += _step(old[ctid], comp, old_levels, new_levels)
            found += _step_services(old[ctid], comp, services)
    return found


def _step_services(old: Component, new: Component, names: dict[str, str]) -> list[Change]:
    """The services a participant receives in the step, matched by CTID."""
    added = sorted(names.get(c, c) for c in set(new.support_services) - set(old.support_services))
    removed = sorted(names.get(c, c) for c in set(old.support_services)
                     - set(new.support_services))
    params = {"name": new.name, "added": ", ".join(added), "removed": ", ".join(removed)}
    if added and removed:
        return [Change(_('"%(name)s": support services changed: added %(added)s, '
                         'removed %(removed)s.'), params)]
    if added:
        return [Change(_('"%(name)s": support services changed: added %(added)s.'),
                       {"name": new.name, "added": params["added"]})]
    if removed:
        return [Change(_('"%(name)s": support services changed: removed %(removed)s.'),
                       {"name": new.name, "removed": params["removed"]})]
    return []


def _step(old: Component, new: Component, old_levels: dict[str, str],
          new_levels: dict[str, str]) -> list[Change]:
    name = {"name": new.name}
    found = []
    if old.name != new.name:
        found.append(Change(_('Step "%(old)s" was renamed "%(new)s".'),
                            {"old": old.name, "new": new.name}))
    if (old.level or "") != (new.level or ""):  # by CTID: a renamed level is no move
        found.append(Change(_('Step "%(name)s" moved from level "%(old)s" to "%(new)s".'), {
            **name, "old": old_levels.get(old.level or "", "—"),
            "new": new_levels.get(new.level or "", "—")}))
    if [_condition_key(c) for c in old.conditions] != [_condition_key(c)
                                                       for c in new.conditions]:
        found.append(Change(_('What "%(name)s" needs first changed.'), name))
    if sorted(old.precedes) != sorted(new.precedes):
        found.append(Change(_('What "%(name)s" leads to changed.'), name))
    if old.cost != new.cost:
        found.append(Change(_('The cost of "%(name)s" changed from %(old)s to %(new)s.'),
                            {**name, "old": _money(old.cost), "new": _money(new.cost)}))
    if old.length_weeks != new.length_weeks:
        found.append(Change(
            _('The length of "%(name)s" changed from %(old)s to %(new)s weeks.'),
            {**name, "old": _number(old.length_weeks), "new": _number(new.length_weeks)}))
    if old.credit_value != new.credit_value:
        found.append(Change(_('The credits of "%(name)s" changed from %(old)s to %(new)s.'),
                            {**name, "old": _number(old.credit_value),
                             "new": _number(new.credit_value)}))
    if old.description != new.description:
        found.append(Change(_('The description of "%(name)s" changed.'), name))
    if _other_details(old) != _other_details(new):
        found.append(Change(_('Other details of "%(name)s" changed.'), name))
    return found


def _ends(doc: PathwayDocument, which: str) -> dict[str, tuple[Component, object]]:
    """Entry (``which`` = "entry_points") or exit points by name, with their step."""
    return {point.name: (comp, point) for comp in doc.components
            for point in getattr(comp, which)}


def _entry_key(entry: EntryPointInfo) -> tuple:
    return astuple(entry)


def _entries(before: PathwayDocument, after: PathwayDocument) -> list[Change]:
    old, new = _ends(before, "entry_points"), _ends(after, "entry_points")
    found = [Change(_('Entry point "%(name)s" was added.'), {"name": n})
             for n in new if n not in old]
    found += [Change(_('Entry point "%(name)s" was removed.'), {"name": n})
              for n in old if n not in new]
    for n, (comp, entry) in new.items():
        if n not in old:
            continue
        old_comp, old_entry = old[n]
        if old_comp.ctid != comp.ctid:
            found.append(Change(_('Entry point "%(name)s" now starts at "%(step)s".'),
                                {"name": n, "step": comp.name}))
        elif _entry_key(old_entry) != _entry_key(entry):  # type: ignore[arg-type]
            found.append(Change(_('Who entry point "%(name)s" is for changed.'), {"name": n}))
    return found


def _exits(before: PathwayDocument, after: PathwayDocument) -> list[Change]:
    old, new = _ends(before, "exit_points"), _ends(after, "exit_points")
    found = [Change(_('Exit "%(name)s" was added.'), {"name": n}) for n in new if n not in old]
    found += [Change(_('Exit "%(name)s" was removed.'), {"name": n})
              for n in old if n not in new]
    for n, (comp, point) in new.items():
        if n not in old:
            continue
        old_comp, old_point = old[n]
        exit_point: ExitPointInfo = point  # type: ignore[assignment]
        was: ExitPointInfo = old_point  # type: ignore[assignment]
        if was.occupation.code != exit_point.occupation.code:
            found.append(Change(
                _('Exit "%(name)s" now leads to %(new)s (was %(old)s), with its wages.'),
                {"name": n, "new": exit_point.occupation.name or exit_point.occupation.code,
                 "old": was.occupation.name or was.occupation.code}))
        if old_comp.ctid != comp.ctid:
            found.append(Change(_('Exit "%(name)s" is now reached after "%(step)s".'),
                                {"name": n, "step": comp.name}))
        if (was.summary, was.translations.get("summary")) != (
                exit_point.summary, exit_point.translations.get("summary")):
            found.append(Change(_('The plain summary of exit "%(name)s" changed.'),
                                {"name": n}))
    return found


def _services(before: PathwayDocument, after: PathwayDocument) -> list[Change]:
    old = {s.ctid: s.name for s in before.support_services}
    new = {s.ctid: s.name for s in after.support_services}
    found = [Change(_('Support service "%(name)s" was added.'), {"name": name})
             for ctid, name in new.items() if ctid not in old]
    found += [Change(_('Support service "%(name)s" was removed.'), {"name": name})
              for ctid, name in old.items() if ctid not in new]
    return found


__all__ = ["FIRST", "NOTHING", "Change", "describe_changes"]
