"""The demo partnership's self-assessment (quality.yaml): closed rounds, a workshop, an open
round and an action plan. Deterministic: ratings come from a fixed rule (``value_for``),
not chance, so tests can count on them.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from pathways.apps.accounts.audit import record
from pathways.apps.accounts.models import Membership, Partnership, Profile, Role
from pathways.demo.loader import content

_QUALITY = content().quality
# Who rates the closed rounds, in order: the position feeds the rule.
RATERS: list[str] = list(_QUALITY["raters"])
# The indicator too few people rate in one round, so members see it withheld.
SHY_INDICATOR: str = _QUALITY["few_raters"]["indicator"]


def value_for(person: int, criterion: str, indicator: int, round_number: int) -> str:
    """The deterministic rating rule: a criterion's base phase, moved from the second round
    on, nudged by a fixed pattern over person and indicator, with an occasional "don't
    know"."""
    if (person * 5 + indicator * 3 + round_number) % 13 == 0:
        return "dont_know"
    spec = _QUALITY["criteria"][criterion]
    base = spec["phase"] + (spec["moves"] if round_number >= 1 else 0)
    nudge = (0, 1, 0, -1, 0, 1, -1)[(person * 3 + indicator * 2 + round_number) % 7]
    # How far people differ on this indicator: not at all, a phase, or two phases.
    width = (1, 0, 1, 2, 1)[(indicator + int(criterion[1:])) % 5]
    return str(min(4, max(1, base + nudge * width)))


def build_quality_demo(partnership: Partnership) -> None:
    """Called once from region._Builder.build(), inside its transaction."""
    from pathways.apps.quality.actions import sync_shipped_frameworks
    from pathways.apps.quality.models import FrameworkVersion, Rating, Round

    sync_shipped_frameworks()
    _team(partnership)
    users = get_user_model()
    people = {u.username: u for u in users.objects.filter(username__in=RATERS)}
    facilitator = people[_QUALITY["facilitator"]]
    version = FrameworkVersion.objects.get(key=_QUALITY["framework"],
                                           partnership__isnull=True, is_shipped=True)
    framework = version.definition()
    few = _QUALITY["few_raters"]
    made = {}
    for number, spec in enumerate(_QUALITY["rounds"]):
        closed = spec.get("closed")
        found = Round.objects.create(
            partnership=partnership, framework=version, framework_checksum=version.checksum,
            title=spec["title"], opened_by=facilitator, opened_at=spec["opened"],
            status=Round.Status.CLOSED if closed else Round.Status.OPEN, closed_at=closed)
        rows = []
        for p, username in enumerate(spec.get("raters", RATERS)):
            for criterion in framework.criteria:
                for i, indicator in enumerate(criterion.indicators):
                    if spec["key"] == few["round"] and indicator.key == few["indicator"] \
                            and p >= few["raters"]:
                        continue
                    rows.append(_rating(found, people[username], p, criterion.key, i,
                                        indicator.key, number))
        Rating.objects.bulk_create(rows)
        made[spec["key"]] = found
    for spec in _QUALITY["rounds"]:
        if "workshop" in spec:
            _workshop(made[spec["key"]], framework, people, facilitator, spec["workshop"])
    _actions(partnership, framework, people, facilitator, made)
    record(None, "demo.quality", partnership,
           summary="Loaded the demo self-assessment rounds (sample data)",
           changes={"rounds": [r.pk for r in made.values()], "raters": len(RATERS)})


def _team(partnership: Partnership) -> None:
    """The sample members who rate but never sign in (no usable password)."""
    users = get_user_model()
    orgs = {o.name: o for o in partnership.organisations.all()}
    names = {key: spec["name"] for key, spec in content().organisations.items()}
    for spec in content().people["team"]:
        username = spec["username"]
        user = users.objects.create_user(username=username, first_name=spec["first_name"],
                                         last_name=spec["last_name"],
                                         email=f"{username}@example.org", password=None)
        Profile.objects.create(user=user, role=Role.PARTNER_STAFF,
                               organisation=orgs.get(names[spec["organisation"]]))
        Membership.objects.create(partnership=partnership, user=user)


def _rating(found, user, p: int, criterion: str, i: int, indicator: str, number: int):
    from pathways.apps.quality.models import Rating

    value = value_for(p, criterion, i, number)
    score = int(value) if value.isdigit() else 0
    own = _QUALITY["criteria"][criterion]["element"]
    contributes = sorted({own, "employers"} if score >= 3 else set())
    attention = sorted({own, "data"} - set(contributes)) if 0 < score <= 2 else []
    note = _QUALITY["criteria"][criterion]["note"] if (p + i) % 4 == 0 else ""
    evidence = [f"https://example.org/evidence/{criterion}"] if (p + i + number) % 9 == 0 else []
    return Rating(round=found, member=user, indicator=indicator, value=value, note=note,
                  contributes=contributes, attention=attention, evidence=evidence)


def _workshop(found, framework, people, facilitator, spec: dict) -> None:
    """A workshop walked through to the end: criteria shared among the tables, every
    consensus recorded at the criterion's phase in that round."""
    from pathways.apps.quality.models import Consensus, Workshop, WorkshopTable
    from pathways.frameworks import assign_criteria

    workshop = Workshop.objects.create(round=found)
    workshop.step = len(workshop.steps())
    workshop.step_started_at = spec["last_step_started"]
    workshop.save()
    plan = assign_criteria([c.key for c in framework.criteria], spec["tables"])
    seated = [u for name, u in sorted(people.items()) if u != facilitator]
    for number, criteria in enumerate(plan, start=1):
        table = WorkshopTable.objects.create(workshop=workshop, number=number,
                                             criteria=list(criteria))
        table.members.set(seated[number - 1::spec["tables"]])
        for key in criteria:
            criterion = _QUALITY["criteria"][key]
            Consensus.objects.create(
                table=table, criterion=key, value=str(criterion["phase"] + criterion["moves"]),
                recorded_by=facilitator, notes=f"Table {number}: {criterion['note']}")


def _actions(partnership: Partnership, framework, people, facilitator, rounds: dict) -> None:
    """The action plan, each action dated when the round it came out of closed."""
    from pathways.apps.quality.models import Action

    for spec in _QUALITY["actions"]:
        source = rounds[spec["round"]]
        Action.objects.create(
            partnership=partnership, round=source, indicator=spec["indicator"],
            criterion=framework.criterion_of(spec["indicator"]).key, title=spec["title"],
            owner=people[spec["owner"]], due_on=spec["due"], status=spec["status"],
            created_by=facilitator, created_at=source.closed_at,
            completed_at=spec.get("completed"))


def remove_quality_demo() -> None:
    """Delete the sample team (rounds go with the sample partnership)."""
    from pathways.apps.quality.models import Round

    Round.objects.filter(partnership__is_sample=True).delete()
    get_user_model().objects.filter(
        username__in=[t["username"] for t in content().people["team"]]).delete()
