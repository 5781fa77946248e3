"""Read the demo region's data files (``demo/data``) and check them before anything is built.

Every problem names the file, line and field. The checks stay small: each record has its
fields with the right kinds of values, coded values are ones the models know, and keys
refer to things that exist (organisations, services, credentials, steps, people, rounds).
What only the database knows (occupation and CIP codes) is checked by the builder.

The files, read in this order:

- ``organisations.yaml``: key -> {name, kind, website, locations}; a provider's
  ``locations`` map a key (unique in the region) to {name, address, city, state, zip,
  notes}: the places where its classes meet
- ``services.yaml``: key -> {name, category, provider, description, cost}
- ``credentials.yaml``: key -> {name, type, awarded_by | awarding_body, stacks_into}
- ``people.yaml``: accounts, referral_staff and team (see the file)
- ``pathways/*.yaml``: one pathway each, built in the order of the file names: slug,
  name, description, owner (an organisation key), sector {slug, name, naics, description},
  services (keys), levels (names, lowest first), steps, entries and exits. A step has a
  key, a level (1 = the first), a CTDL component ``type`` and a name, and may have a
  description, credential, occupation, code, credits, designation, weeks, cost, iet,
  apprenticeship, ``leads_to`` (step keys), ``services`` (keys of the support services
  given as part of the step), ``conditions`` and a ``program`` (provider,
  name, cip, weeks, cost, hours, credits, schedule, modality, requires, iet, credential,
  description, locations (location keys), url (its enrollment page, https only); a
  program named twice by one provider is one program). A condition has a name and may
  have a description, an operator (And, Or, Not), required_number, required_credits,
  targets (step keys) and conditions of its own.
  An entry names the step it starts ``at``, its kind and its rules; an exit names its
  step, its occupation, whether it is the pathway's destination and a plain ``summary``
  of the job (shown before O*NET's official description).
- Every text a participant reads (a name, description, program ``requires``, service
  ``cost``, entry ``prerequisites``, exit ``summary``) has its Spanish value beside it as
  ``<field>_es``, and a pathway's ``levels_es`` names its levels in Spanish, in order
  (ADR 0042; the demo is fully translated, which ``tests/test_demo_data.py`` checks).
- ``participants.yaml``: the navigator's caseload (see the file)
- ``quality.yaml``: the self-assessment rounds and action plan (see the file)
- ``employers.yaml``: employer partners, their commitments and hiring requirements (ADR 0047)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pathways.core.errors import InputError, InputProblem
from pathways.core.validate import Checker, Field
from pathways.core.yamldata import load_yaml
from pathways.demo import checks

DATA = Path(__file__).with_name("data")


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
    employers: dict[str, Any]

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


def _read(path: Path, kind: type) -> Field:
    """The file's top field: a mapping, or a list for ``kind=list``."""
    return Checker(str(path)).top(load_yaml(path), kind=kind)


@cache
def content() -> DemoContent:
    """The shipped demo content (read and checked once per process)."""
    return load_content(DATA)


def load_content(folder: Path = DATA) -> DemoContent:
    """Read and check every data file in ``folder``; InputError lists every problem."""
    names = ["organisations.yaml", "services.yaml", "credentials.yaml", "people.yaml",
             *sorted(f"pathways/{p.name}" for p in (folder / "pathways").glob("*.yaml")),
             "participants.yaml", "quality.yaml", "employers.yaml"]
    problems: list[InputProblem] = []
    files: dict[str, Field] = {}
    for name in names:  # a file that is not YAML at all stops the checks before they start
        try:
            files[name] = _read(folder / name, list if name == "participants.yaml" else dict)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    organisations = files["organisations.yaml"]
    checks.organisations(organisations)
    services = files["services.yaml"]
    checks.services(services, organisations.value)
    credentials = files["credentials.yaml"]
    checks.credentials(credentials, organisations.value)
    people = files["people.yaml"]
    usernames = checks.people(people, organisations.value)
    pathways: list[dict] = []
    for name in names:
        if name.startswith("pathways/") and checks.pathway(
                files[name], organisations.value, services.value, credentials.value,
                pathways):
            pathways.append(files[name].value)
    participants = files["participants.yaml"]
    checks.participants(participants, usernames, organisations.value, services.value,
                        credentials.value, pathways)
    quality = files["quality.yaml"]
    checks.quality(quality, usernames)
    employers = files["employers.yaml"]
    checks.employers(employers, organisations.value, pathways)
    problems = [problem for top in files.values() for problem in top.check.problems]
    if problems:
        raise InputError(problems)
    return DemoContent(organisations.value, services.value, credentials.value, people.value,
                       pathways, participants.value, quality.value, employers.value)
