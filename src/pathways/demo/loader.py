"""Read the demo region's data files (``demo/data``) and check them before anything is built.

Every problem names the file, line and field. The checks stay small: each record has its
fields with the right kinds of values, coded values are ones the models know, and keys
refer to things that exist (organisations, services, credentials, steps, people, rounds).
What only the database knows (occupation and CIP codes) is checked by the builder.

The files, read in this order:

- ``organisations.yaml``: key -> {name, kind, website}
- ``services.yaml``: key -> {name, category, provider, description, cost}
- ``credentials.yaml``: key -> {name, type, awarded_by | awarding_body, stacks_into}
- ``people.yaml``: accounts, referral_staff and team (see the file)
- ``pathways/*.yaml``: one pathway each, built in the order of the file names: slug,
  name, description, owner (an organisation key), sector {slug, name, naics, description},
  services (keys), levels (names, lowest first), steps, entries and exits. A step has a
  key, a level (1 = the first), a CTDL component ``type`` and a name, and may have a
  description, credential, occupation, code, credits, designation, weeks, cost, iet,
  apprenticeship, ``leads_to`` (step keys), ``conditions`` and a ``program`` (provider,
  name, cip, weeks, cost, hours, credits, schedule, modality, requires, iet, credential,
  description; a program named twice by one provider is one program). A condition has a
  name and may have a description, an operator (And, Or, Not), required_number,
  required_credits, targets (step keys) and conditions of its own. An entry names the
  step it starts ``at``, its kind and its rules; an exit names its step, its occupation
  and whether it is the pathway's destination.
- ``participants.yaml``: the navigator's caseload (see the file)
- ``quality.yaml``: the self-assessment rounds and action plan (see the file)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pathways.core.errors import InputError, InputProblem
from pathways.core.yamldata import line_of, load_yaml
from pathways.demo import checks
from pathways.demo.checks import NUMBER, Shape

DATA = Path(__file__).with_name("data")
_KINDS = {str: "text", int: "a whole number", bool: "true or false", list: "a list",
          dict: "a mapping", dt.date: "a date", dt.datetime: "a date and time",
          NUMBER: "a number"}


@dataclass(frozen=True)
class DemoContent:
    """The checked data files, as read (mappings and lists, in file order)."""

    organisations: dict[str, dict]
    services: dict[str, dict]
    credentials: dict[str, dict]
    people: dict[str, Any]
    pathways: list[dict]
    participants: list[dict]
    quality: dict[str, Any]

    def occupation_codes(self) -> list[str]:
        codes = {e["occupation"] for p in self.pathways for e in p["exits"]}
        codes.update(s["occupation"] for p in self.pathways for s in p["steps"]
                     if s.get("occupation"))
        for person in self.participants:
            codes.update(j["occupation"] for j in person["assessment"].get("prior_jobs", []))
            codes.update(m["occupation"] for m in person.get("milestones", [])
                         if m.get("occupation"))
        return sorted(codes)

    def cip_codes(self) -> list[str]:
        return sorted({s["program"]["cip"] for p in self.pathways for s in p["steps"]
                       if s.get("program", {}).get("cip")})


class DataFile:
    """One data file being checked: its problems go to the shared list."""

    def __init__(self, path: Path, problems: list[InputProblem]) -> None:
        self.source = str(path)
        self.problems = problems

    def add(self, message: str, container: Any, key: str | int | None, field: str) -> None:
        self.problems.append(InputProblem(message, self.source, line_of(container, key)
                                          or line_of(container), field))

    def record(self, value: Any, shape: Shape, field: str, container: Any = None,
               key: str | int | None = None) -> bool:
        """Check that ``value`` is a mapping with ``shape``'s fields; False when it is not
        a mapping at all (the caller then skips it)."""
        if not isinstance(value, dict):
            self.add("must be a mapping", container, key, field)
            return False
        allowed = shape.required | shape.optional
        for name in value:
            if name not in allowed:
                self.add(f"unknown field (expected one of: {', '.join(allowed)})", value,
                         name, _join(field, name))
        for name in shape.required:
            if name not in value:
                self.add("is required", value, None, _join(field, name))
        for name, kind in allowed.items():
            if name in value and not _is(value[name], kind):
                self.add(f"must be {_KINDS[kind]}", value, name, _join(field, name))
        return True

    def records(self, items: Any, shape: Shape, field: str) -> list[tuple[str, dict]]:
        """The mappings of a list (or of a keyed mapping) with their field names."""
        if isinstance(items, dict):
            pairs = [(str(k), k, v) for k, v in items.items()]
        elif isinstance(items, list):
            pairs = [(f"[{i}]", i, v) for i, v in enumerate(items)]
        else:
            return []
        return [(_join(field, name), value) for name, key, value in pairs
                if self.record(value, shape, _join(field, name), items, key)]

    def known(self, record: dict, name: str, allowed: Any, field: str, what: str) -> None:
        """``record[name]`` (one value or a list of them) names something in ``allowed``."""
        value = record.get(name)
        values = value if isinstance(value, list) else [value]
        for index, item in enumerate(values):
            if item is None or not isinstance(item, str | int) or item in allowed:
                continue
            where = (value, index) if isinstance(value, list) else (record, name)
            self.add(f"unknown {what} {item!r}", *where, _join(field, name))


def _join(field: str, name: Any) -> str:
    name = str(name)  # a key written as a number is still named
    if not field:
        return name
    return f"{field}{name}" if name.startswith("[") else f"{field}.{name}"


def _is(value: Any, kind: Any) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind is NUMBER:
        return isinstance(value, NUMBER) and not isinstance(value, bool)
    return isinstance(value, kind)


def _read(path: Path, kind: type, problems: list[InputProblem]) -> tuple[DataFile, Any]:
    check = DataFile(path, problems)
    data = load_yaml(path)
    if not isinstance(data, kind):
        check.add(f"must be {_KINDS[kind]} at the top level", data, None, "")
        return check, kind()
    return check, data


@cache
def content() -> DemoContent:
    """The shipped demo content (read and checked once per process)."""
    return load_content(DATA)


def load_content(folder: Path = DATA) -> DemoContent:
    """Read and check every data file in ``folder``; InputError lists every problem."""
    names = ["organisations.yaml", "services.yaml", "credentials.yaml", "people.yaml",
             *sorted(f"pathways/{p.name}" for p in (folder / "pathways").glob("*.yaml")),
             "participants.yaml", "quality.yaml"]
    problems: list[InputProblem] = []
    files = {}
    for name in names:  # a file that is not YAML at all stops the checks before they start
        try:
            files[name] = _read(folder / name, list if name == "participants.yaml" else dict,
                                problems)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    check, organisations = files["organisations.yaml"]
    checks.organisations(check, organisations)
    check, services = files["services.yaml"]
    checks.services(check, services, organisations)
    check, credentials = files["credentials.yaml"]
    checks.credentials(check, credentials, organisations)
    check, people = files["people.yaml"]
    usernames = checks.people(check, people, organisations)
    pathways: list[dict] = []
    for name in names:
        if name.startswith("pathways/"):
            check, pathway = files[name]
            if checks.pathway(check, pathway, organisations, services, credentials,
                              pathways):
                pathways.append(pathway)
    check, participants = files["participants.yaml"]
    checks.participants(check, participants, usernames, organisations, services,
                        credentials, pathways)
    check, quality = files["quality.yaml"]
    checks.quality(check, quality, usernames)
    if problems:
        raise InputError(problems)
    return DemoContent(organisations, services, credentials, people, pathways, participants,
                       quality)
