"""The demo region's employer partners, commitments and hiring requirements
(``data/employers.yaml``), recorded through the employers actions like any partnership's."""

from __future__ import annotations

import datetime as dt

from pathways.apps.accounts.access import ConsoleUser
from pathways.apps.accounts.models import Partnership
from pathways.apps.catalog.models import Pathway
from pathways.apps.employers import actions
from pathways.apps.employers.models import Commitment
from pathways.apps.employers.queries import employer_access
from pathways.demo.region import ctid, decimal

LOADER = ConsoleUser("pathways demo load")


def build(builder, partnership: Partnership, today: dt.date) -> None:
    data = builder.data.employers
    access = employer_access(LOADER, partnership)
    profiles = {}
    for key, spec in data["employers"].items():
        organisation = builder.orgs[key]
        profiles[key] = actions.save_employer(access, {
            "name": organisation.name, "naics": spec["naics"], "size": spec["size"],
            "locations": [tuple(p.rsplit(", ", 1)) for p in spec["locations"]],
            **{k: spec[k] for k in ("fein", "ui_account", "ui_state") if spec.get(k)}})
    pathways = {p.slug: p for p in Pathway.objects.filter(partnership=partnership,
                                                          draft_of__isnull=True)}

    def parts(spec: dict) -> dict:
        pathway = pathways[spec["pathway"]]
        found = {"employer": profiles[spec["employer"]], "pathway": pathway,
                 "component": None, "exit_point": None}
        if spec.get("step"):
            found["component"] = pathway.components.get(
                ctid=ctid("component", pathway.slug, spec["step"]))
        if spec.get("exit"):
            # By the English name: the YAML gives it, whatever language is active.
            found["exit_point"] = pathway.exit_points.get(name_en=spec["exit"])
        return found

    for spec in data["commitments"]:
        ends = spec.get("ends_in_days")
        commitment = actions.save_commitment(access, {
            **parts(spec), "kind": spec["kind"], "in_kind": spec.get("in_kind", ""),
            "dollar_value": decimal(spec["dollar_value"]) if spec.get("dollar_value")
            else None,
            "quantity": spec.get("quantity"),
            "wage_floor": decimal(spec["wage_floor"]) if spec.get("wage_floor") else None,
            "starts_on": today - dt.timedelta(days=spec["starts_days_ago"]),
            "ends_on": today + dt.timedelta(days=ends) if ends is not None else None,
            "status": spec["status"], "is_public": spec["public"],
            "note": spec.get("note", "")})
        Commitment.objects.filter(pk=commitment.pk).update(is_sample=True)
    for spec in data["requirements"]:
        found = parts(spec)
        actions.save_requirement(access, {
            "employer": found["employer"], "exit_point": found["exit_point"],
            "credentials": "\n".join(spec.get("credentials", [])),
            "skills": "\n".join(spec.get("skills", []))})
