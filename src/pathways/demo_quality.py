"""The demo partnership's self-assessment (sample data): two closed rounds a spring apart, a
workshop with two tables, an open round, and an action plan. Deterministic: ratings come
from a fixed rule, not chance, so tests can count on them.

The story: employers and shared vision are strong; data and policy are weak, and data
improves between the two rounds after the partnership acts on it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.contrib.auth import get_user_model

from pathways.apps.accounts.audit import record
from pathways.apps.accounts.models import Membership, Partnership, Profile, Role

# Sample team members who rate in the demo rounds but never log in (no usable password).
TEAM = [
    ("team-college", "Carmen", "Cruz", "college"),
    ("team-services", "Sam", "Soto", "services"),
    ("team-employers", "Mo", "Miller", "employers"),
    ("team-hospital", "Hana", "Hughes", "hospital"),
]
# Demo accounts (demo.DEMO_PEOPLE) that rate; the navigator's role has no self-assessment.
RATERS = ["admin", "editor", "partner", "analyst"] + [t[0] for t in TEAM]
FRAMEWORK = "aqcp-local"
# Base phase per criterion in the first round; the second round moves c1 and c5 up.
BASE = {"c1": 3, "c2": 3, "c3": 2, "c4": 1, "c5": 1, "c6": 2}
MOVES = {"c1": 0, "c5": 1}
OWN_ELEMENT = {"c1": "strategy", "c2": "employers", "c3": "resources", "c4": "policy",
               "c5": "data", "c6": "strategy"}
ROUNDS = [
    # title, opened, closed (None = still open), round number for the rule
    ("Autumn 2025 self-assessment", datetime(2025, 10, 1, 15, tzinfo=UTC),
     datetime(2025, 10, 31, 17, tzinfo=UTC), 0),
    ("Spring 2026 self-assessment", datetime(2026, 4, 1, 15, tzinfo=UTC),
     datetime(2026, 4, 30, 17, tzinfo=UTC), 1),
    ("Autumn 2026 self-assessment", datetime(2026, 10, 1, 15, tzinfo=UTC), None, 2),
]
# Who has rated the open round so far (so a demo member can still rate it first-hand).
OPEN_ROUND_RATERS = ["team-college", "team-services", "team-employers"]
NOTES = {
    "c1": "We agreed the vision at the 2025 retreat; it still needs the hospital's signature.",
    "c2": "The manufacturers' association meets with us every quarter.",
    "c3": "Each partner still budgets on its own.",
    "c4": "Co-enrolment paperwork is the main complaint from navigators.",
    "c5": "Partners report different numbers for the same people.",
    "c6": "Bridge classes work; navigation depends on one person.",
}
SHY_INDICATOR = "c1-voice"  # only two people rate it in spring: members see it withheld


def value_for(person: int, criterion: str, indicator: int, round_number: int) -> str:
    """The deterministic rating rule: a criterion's base phase, moved by the round, nudged
    by a fixed pattern over person and indicator, with an occasional "don't know"."""
    if (person * 5 + indicator * 3 + round_number) % 13 == 0:
        return "dont_know"
    base = BASE[criterion] + (MOVES.get(criterion, 0) if round_number >= 1 else 0)
    nudge = (0, 1, 0, -1, 0, 1, -1)[(person * 3 + indicator * 2 + round_number) % 7]
    # How far people differ on this indicator: not at all, a phase, or two phases.
    width = (1, 0, 1, 2, 1)[(indicator + int(criterion[1:])) % 5]
    return str(min(4, max(1, base + nudge * width)))


def build_quality_demo(partnership: Partnership) -> None:
    """Called once from demo._Builder.build(), inside its transaction."""
    from pathways.apps.quality.actions import sync_shipped_frameworks
    from pathways.apps.quality.models import Action, FrameworkVersion, Rating, Round

    sync_shipped_frameworks()
    users = get_user_model()
    orgs = {o.name: o for o in partnership.organisations.all()}
    from pathways.demo_pathways import ORGANISATIONS

    for username, first, last, org_key in TEAM:
        user = users.objects.create_user(username=username, first_name=first, last_name=last,
                                         email=f"{username}@example.org", password=None)
        Profile.objects.create(user=user, role=Role.PARTNER_STAFF,
                               organisation=orgs.get(ORGANISATIONS[org_key][0]))
        Membership.objects.create(partnership=partnership, user=user)
    people = {u.username: u for u in users.objects.filter(username__in=RATERS)}
    facilitator = people["analyst"]
    version = FrameworkVersion.objects.get(key=FRAMEWORK, partnership__isnull=True,
                                           is_shipped=True)
    framework = version.definition()
    made = []
    for title, opened, closed, number in ROUNDS:
        found = Round.objects.create(
            partnership=partnership, framework=version, framework_checksum=version.checksum,
            title=title, opened_by=facilitator, opened_at=opened,
            status=Round.Status.CLOSED if closed else Round.Status.OPEN, closed_at=closed)
        raters = RATERS if closed else OPEN_ROUND_RATERS
        rows = []
        for p, username in enumerate(raters):
            for criterion in framework.criteria:
                for i, indicator in enumerate(criterion.indicators):
                    if number == 1 and indicator.key == SHY_INDICATOR and p >= 2:
                        continue
                    rows.append(_rating(found, people[username], p, criterion.key, i,
                                        indicator.key, number))
        Rating.objects.bulk_create(rows)
        made.append(found)
    _workshop(made[1], framework, people)
    actions = [
        ("Agree a shared data-sharing agreement with every partner", "c5-sharing", "partner",
         date(2026, 3, 15), Action.Status.DONE, datetime(2026, 3, 10, 12, tzinfo=UTC)),
        ("Publish one co-enrolment form for all partners", "c4-coenrol", "admin",
         date(2026, 9, 30), Action.Status.IN_PROGRESS, None),
        ("Map every funding stream with the finance leads", "c3-map", "team-services",
         date(2026, 12, 15), Action.Status.OPEN, None),
    ]
    for title, indicator, owner, due, status, completed in actions:
        source = made[0] if status == Action.Status.DONE else made[1]
        Action.objects.create(
            partnership=partnership, round=source, indicator=indicator,
            criterion=framework.criterion_of(indicator).key, title=title,
            owner=people[owner], due_on=due, status=status, created_by=facilitator,
            created_at=source.closed_at, completed_at=completed)
    record(None, "demo.quality", partnership,
           summary="Loaded the demo self-assessment rounds (sample data)",
           changes={"rounds": [r.pk for r in made], "raters": len(RATERS)})


def _rating(found, user, p: int, criterion: str, i: int, indicator: str, number: int):
    from pathways.apps.quality.models import Rating

    value = value_for(p, criterion, i, number)
    score = int(value) if value.isdigit() else 0
    own = OWN_ELEMENT[criterion]
    contributes = sorted({own, "employers"} if score >= 3 else set())
    attention = sorted({own, "data"} - set(contributes)) if 0 < score <= 2 else []
    note = NOTES[criterion] if (p + i) % 4 == 0 else ""
    evidence = [f"https://example.org/evidence/{criterion}"] if (p + i + number) % 9 == 0 else []
    return Rating(round=found, member=user, indicator=indicator, value=value, note=note,
                  contributes=contributes, attention=attention, evidence=evidence)


def _workshop(found, framework, people) -> None:
    """Spring's workshop: two tables, three criteria each, every consensus recorded."""
    from pathways.apps.quality.models import Consensus, Workshop, WorkshopTable
    from pathways.frameworks import assign_criteria

    workshop = Workshop.objects.create(round=found)
    workshop.step = len(workshop.steps())  # walked through to the end
    workshop.step_started_at = datetime(2026, 4, 15, 17, tzinfo=UTC)
    workshop.save()
    plan = assign_criteria([c.key for c in framework.criteria], 2)
    seated = [u for name, u in sorted(people.items()) if name != "analyst"]
    for number, criteria in enumerate(plan, start=1):
        table = WorkshopTable.objects.create(workshop=workshop, number=number,
                                             criteria=list(criteria))
        table.members.set(seated[number - 1::2])
        for key in criteria:
            phase = BASE[key] + MOVES.get(key, 0)
            Consensus.objects.create(
                table=table, criterion=key, value=str(phase), recorded_by=people["analyst"],
                notes=f"Table {number}: {NOTES[key]}")


def remove_quality_demo() -> None:
    """Delete the sample team (rounds go with the sample partnership)."""
    from pathways.apps.quality.models import Round

    Round.objects.filter(partnership__is_sample=True).delete()
    get_user_model().objects.filter(username__in=[t[0] for t in TEAM]).delete()
