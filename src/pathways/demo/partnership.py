"""The demo partnership's own records (``data/partnership.yaml``): vision and goals, member
roles, a one-stop MOU and an infrastructure funding agreement, and policy items linked to
the self-assessment's criterion 4 and to the action plan.

``check`` reads the file and names file, line and field for every problem; ``build`` is
called by the region builder after the self-assessment demo, so action items exist.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from pathways.apps.accounts.access import ConsoleUser
from pathways.apps.accounts.models import Partnership
from pathways.apps.partnership.models import Agreement, PartnerRole, PolicyItem
from pathways.core.errors import InputError
from pathways.core.validate import Checker
from pathways.core.yamldata import load_yaml
from pathways.demo.checks import _shape, record
from pathways.demo.loader import DATA, content

FILE = "partnership.yaml"
TOP = _shape({"vision": str, "goals": list, "members": dict, "agreements": list,
              "policies": list}, {"vision_es": str, "goals_es": list, "state": dict})
STATE = _shape({"name": str}, {"members": list, "other_locals": list})
MEMBER = _shape({"roles": list}, {"description": str})
AGREEMENT = _shape({"kind": str, "title": str, "parties": list, "effective": dt.date},
                   {"ends": dt.date, "reviewed": dt.date, "document": str, "notes": str})
POLICY = _shape({"title": str, "category": str, "kind": str, "level": str, "status": str,
                 "indicators": list},
                {"owner": str, "evidence": str, "evidence_url": str, "actions": list})
# The framework the links name: the one the demo's rounds use.
CRITERION = "c4"


def check(path: Path = DATA / FILE) -> dict:
    """The checked file; InputError lists every problem with its line and field."""
    from pathways.frameworks.loader import shipped_frameworks

    shipped = content()
    organisations = set(shipped.organisations)
    criterion = shipped_frameworks()[shipped.quality["framework"]].criterion(CRITERION)
    links = {CRITERION, *(i.key for i in criterion.indicators)}
    actions = {a["title"] for a in shipped.quality["actions"]}
    top = Checker(str(path)).top(load_yaml(path), kind=dict)
    found = record(top, TOP)
    if found is not None:
        if "members" in found.valid:
            for key, member in found.valid["members"].entries():
                if str(key) not in organisations:
                    member.problem(f"unknown organisation {str(key)!r}")
                if (roles := record(member, MEMBER)) is not None:
                    roles.known("roles", PartnerRole.values, "role")
        for spec in found.each("agreements", AGREEMENT):
            spec.known("kind", Agreement.Kind.values, "kind")
            spec.known("parties", organisations, "organisation")
        for spec in found.each("policies", POLICY):
            spec.known("category", PolicyItem.Category.values, "policy area")
            spec.known("kind", PolicyItem.Kind.values, "kind")
            spec.known("level", PolicyItem.Level.values, "level")
            spec.known("status", PolicyItem.Status.values, "status")
            spec.known("owner", organisations, "organisation")
            spec.known("indicators", links, "criterion 4 indicator")
            spec.known("actions", actions, "action")
        if "state" in found.valid:
            state = record(found.valid["state"], STATE)
            if state is not None:
                state.known("members", {a["username"] for a in shipped.people["accounts"]},
                            "demo account")
    if top.check.problems:
        raise InputError(list(top.check.problems))
    return top.value


@cache
def data() -> dict:
    return check()


def build_state(partnership: Partnership) -> Partnership | None:
    """The demo's state partnership, with the demo region and ``other_locals`` under it."""
    from django.contrib.auth import get_user_model

    from pathways.apps.accounts.models import Membership

    spec = data().get("state")
    if not spec:
        return None
    state = Partnership.objects.create(name=spec["name"], scope=Partnership.Scope.STATE,
                                       state=partnership.state, is_sample=True)
    partnership.state_partnership = state
    partnership.save(update_fields=["state_partnership"])
    for name in spec.get("other_locals", []):
        Partnership.objects.create(name=name, scope=Partnership.Scope.LOCAL,
                                   state=partnership.state, state_partnership=state,
                                   is_sample=True)
    for user in get_user_model().objects.filter(username__in=spec.get("members", [])):
        Membership.objects.create(partnership=state, user=user)
    return state


def build(partnership: Partnership, orgs: dict) -> None:
    """Record the demo's partnership records through the actions (audited), as the
    console."""
    from pathways.apps.partnership import actions, queries

    spec = data()
    framework = content().quality["framework"]
    access = queries.access_for(ConsoleUser("pathways demo load"), partnership)
    actions.save_vision(access, actions.VisionInput(
        spec["vision"], spec.get("vision_es", ""), "\n".join(spec["goals"]),
        "\n".join(spec.get("goals_es", []))))
    for key, member in spec["members"].items():
        actions.set_roles(access, orgs[key].pk, member["roles"], member.get("description", ""))
    for one in spec["agreements"]:
        actions.create_agreement(access, actions.AgreementInput(
            kind=one["kind"], title=one["title"], effective_on=one["effective"],
            parties=tuple(orgs[p].pk for p in one["parties"]), ends_on=one.get("ends"),
            last_reviewed_on=one.get("reviewed"), document_url=one.get("document", ""),
            notes=one.get("notes", "")))
    plan = {a.title: a.pk for a in partnership.quality_actions.all()}
    for one in spec["policies"]:
        links = tuple(f"{framework}:{CRITERION}" + ("" if key == CRITERION else f":{key}")
                      for key in one["indicators"])
        actions.create_policy(access, actions.PolicyInput(
            title=one["title"], category=one["category"], kind=one["kind"],
            level=one["level"], status=one["status"],
            owner_id=orgs[one["owner"]].pk if one.get("owner") else None,
            evidence=one.get("evidence", ""), evidence_url=one.get("evidence_url", ""),
            indicators=links, actions=tuple(plan[t] for t in one.get("actions", []))))
    build_state(partnership)
