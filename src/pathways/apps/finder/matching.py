"""Which pathways and ways in fit a person, from a few plain answers (issue 20).

The answers become the navigation engine's ``Learner``; for every exit of every pathway the
engine's ``plan_for`` decides which ways in are open and routes each to the job, exactly as
for a navigator's plan. Nothing here plans: it reads the engine's routes and then holds
them against the rest of the answers (time, hours a week, pay, what the person likes, the
RIASEC interests O*NET gives each exit's occupation) to sort them into "fits", "nearly
fits" and "not open to you", and to rank them.

Plain data in, plain data out, so the rules are tested without a database; messages are
the engine's ``Reason`` (a template and its parameters), translated by the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from pathways.core.education import EDUCATION_LEVELS, education_rank
from pathways.navigation import (
    ELIGIBLE,
    NOT_ELIGIBLE,
    Component,
    EntryPoint,
    ExitPoint,
    Learner,
    PathwayGraph,
    Reason,
    plan_for,
)
from pathways.navigation.reasons import _

WEEKS_PER_MONTH = Decimal("4.345")
HOURS_PER_YEAR = 2080  # full time: 40 hours a week, 52 weeks
NEAR = 3  # options that nearly fit, shown after the fits (the nearest when nothing fits)

# What the person likes, in plain words, and the RIASEC interest it stands for (O*NET's
# Interest Profiler areas: Realistic, Investigative, Artistic, Social, Enterprising,
# Conventional). One plain choice for each code, so the mapping is one to one.
LIKES: dict[str, str] = {
    "building": "R",
    "solving": "I",
    "creating": "A",
    "helping": "S",
    "leading": "E",
    "organizing": "C",
}

# English in plain words -> (the engine's English level, an NRS ESL level). The person says
# it; a test (CASAS, BEST Plus) decides it later, so a navigator confirms the level.
ENGLISH: dict[str, tuple[str, str]] = {
    "starting": ("limited", "ESL2"),     # a few words: Low Beginning ESL
    "simple": ("limited", "ESL3"),       # simple things: High Beginning ESL
    "everyday": ("intermediate", "ESL4"),  # everyday talk: Low Intermediate ESL
    "well": ("intermediate", "ESL5"),    # well, with mistakes: High Intermediate ESL
    "fluent": ("proficient", ""),        # first language or as good: no ESL level
}

EDUCATION = tuple(level.code for level in EDUCATION_LEVELS)

# A job fits a liked area when the area is one of its two strongest O*NET interests, or
# scores high on O*NET's 1-7 scale whatever its place.
TOP_INTERESTS = 2
HIGH_INTEREST = 5.0


@dataclass(frozen=True)
class Answers:
    education: str  # a pathways.core.education level code
    english: str  # a key of ENGLISH
    working: bool | None = None
    hours: int | None = None  # hours a week free; None: not said
    months: int | None = None  # how long they can train; None: as long as it takes
    pay: int | None = None  # pay needed, dollars a year; None: not said
    likes: tuple[str, ...] = ()  # RIASEC letters

    def __post_init__(self) -> None:
        if self.education not in EDUCATION:
            raise ValueError(f"unknown education level {self.education!r}")
        if self.english not in ENGLISH:
            raise ValueError(f"unknown English answer {self.english!r}")
        if any(letter not in "RIASEC" or len(letter) != 1 for letter in self.likes):
            raise ValueError(f"not RIASEC codes: {self.likes!r}")


def learner_for(answers: Answers) -> Learner:
    """The engine's person: education as said, English as a level and an ESL level."""
    english, esl = ENGLISH[answers.english]
    return Learner(education=answers.education, efl=(esl,) if esl else (), english=english)


def yearly(amount: Decimal, per: str) -> int:
    """Pay a year for an amount an hour (full time) or a year."""
    if per == "hour":
        return int((amount * HOURS_PER_YEAR).to_integral_value())
    if per == "year":
        return int(amount.to_integral_value())
    raise ValueError(f"pay is per hour or per year, not {per!r}")


def months(weeks: int) -> int:
    """Whole months for ``weeks`` (at least one when there are any weeks)."""
    if weeks <= 0:
        return 0
    return max(1, int((Decimal(weeks) / WEEKS_PER_MONTH).to_integral_value()))


@dataclass(frozen=True)
class StepFacts:
    """What the first step asks of a week: from its program (contact hours over weeks)."""

    hours_a_week: int | None = None
    schedule: str = ""  # daytime, evening, weekend, flexible; "" when not known


def liked(interests: Mapping[str, float], likes: Iterable[str]) -> tuple[str, ...]:
    """The liked RIASEC areas that an occupation's O*NET interests fit."""
    if not interests:
        return ()
    top = sorted(interests, key=lambda k: (-interests[k], k))[:TOP_INTERESTS]
    return tuple(k for k in likes if k in top or interests.get(k, 0) >= HIGH_INTEREST)


def interest_score(interests: Mapping[str, float], likes: Iterable[str]) -> float | None:
    """The mean of the occupation's O*NET interest scores (1-7) on the liked areas."""
    values = [float(interests[k]) for k in likes if k in interests]
    return round(sum(values) / len(values), 2) if values else None


@dataclass(frozen=True)
class Job:
    """An exit the way in reaches, after ``weeks`` and ``cost`` (the engine's route)."""

    exit: ExitPoint
    weeks: int
    cost: Decimal
    likes: tuple[str, ...] = ()  # liked areas this job fits
    score: float | None = None  # interest_score; None when not known

    @property
    def annual(self) -> int | None:
        return self.exit.occupation.annual_median if self.exit.occupation else None

    @property
    def hourly(self) -> int | None:
        return round(self.annual / HOURS_PER_YEAR) if self.annual else None

    @property
    def months(self) -> int:
        return months(self.weeks)


@dataclass
class Match:
    """One way into one pathway, held against the answers."""

    key: str  # the caller's name for the pathway (its slug)
    graph: PathwayGraph
    entry: EntryPoint
    status: str  # the engine's: eligible, needs_information or not_eligible
    reasons: tuple[Reason, ...]  # plain words for the engine's reasons (not all eligible)
    jobs: tuple[Job, ...] = ()  # quickest first
    step: StepFacts = field(default_factory=StepFacts)
    target: Job | None = None  # the first job that pays what is needed (or the first job)
    misses: tuple[Reason, ...] = ()  # what does not fit the answers
    notes: tuple[Reason, ...] = ()  # worth knowing, not a reason against

    @property
    def first_step(self) -> Component:
        return self.graph.components[self.entry.component]

    @property
    def first_job(self) -> Job | None:
        return self.jobs[0] if self.jobs else None

    @property
    def open(self) -> bool:
        return self.status != NOT_ELIGIBLE and bool(self.jobs)

    @property
    def fits(self) -> bool:
        return self.open and not self.misses

    @property
    def interest(self) -> float | None:
        scores = [j.score for j in self.jobs if j.score is not None]
        return max(scores) if scores else None

    @property
    def liked(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k for j in self.jobs for k in j.likes))

    @property
    def daytime_for_a_worker(self) -> bool:
        return any(n.template == DAYTIME for n in self.notes)


DAYTIME = _("Classes meet in the daytime. Ask a navigator about fitting them around work.")
EVENINGS = _("Classes meet in the evening, so you can keep working.")
WEEKENDS = _("Classes meet on weekends, so you can keep working.")
FLEXIBLE = _("You learn at your own pace, so you can keep working.")
TOO_LONG = _("It takes about %(months)s months to reach %(job)s. You said %(limit)s months.")
TOO_LITTLE = _("Its jobs pay less than the $%(pay)s a year you need.")
TOO_MANY_HOURS = _("The first step takes about %(hours)s hours a week. You said you have "
                   "%(free)s.")
NOT_LIKED = _("Its jobs are not much like what you said you like.")
# Kinds of "why nothing fits", one sentence for each kind of miss.
WHY = {
    TOO_LONG: _("They take longer than the time you said you can train."),
    TOO_LITTLE: _("Their jobs pay less than you said you need."),
    TOO_MANY_HOURS: _("Their first steps need more hours a week than you have."),
    NOT_LIKED: _("Their jobs are not much like what you said you like."),
}
NONE_OPEN = _("No way in is open to you yet with the schooling and English you told us.")


NO_TEST = "No %(family)s test score is recorded."  # the engine's (navigation.learner)


def plain(reason: Reason) -> Reason:
    """An engine reason about a way in, in words for the person (not for a navigator)."""
    template, params = reason.template, reason.params
    if template == "Needs at least: %(level)s.":
        code = _education_code(params.get("level", ""))
        if code and education_rank(code) <= education_rank("hs"):
            return Reason(_("You need a high school diploma or GED for this way in."))
        return Reason(_("You need more schooling for this way in."))
    if template == "For people with at most: %(level)s.":
        code = _education_code(params.get("level", ""))
        if code and education_rank(code) < education_rank("hs"):
            return Reason(_("This way in is for people without a high school diploma."))
        return Reason(_("This way in is for people with less schooling than you."))
    if template.startswith("Test level %(level)s is below"):
        if str(params.get("min", "")).startswith("ESL"):
            return Reason(_("You need a little more English first. Free English classes "
                            "can help."))
        return Reason(_("You need a little more reading and math first. Free classes can "
                        "help."))
    if template.startswith("Test level %(level)s is above"):
        if str(params.get("max", "")).startswith("ESL"):
            return Reason(_("This way in is for people still learning English."))
        return Reason(_("This way in is for people still building reading and math."))
    if template == "For English levels: %(levels)s.":
        if "proficient" in str(params.get("levels", "")):
            return Reason(_("You need a little more English first. Free English classes "
                            "can help."))
        return Reason(_("This way in is for people still learning English."))
    if template == NO_TEST:
        if params.get("family") == "ESL":
            return Reason(_("You take a short English test first. It shows if you can "
                            "start here."))
        return Reason(_("You take a short reading and math test first. It shows if you "
                        "can start here."))
    return reason


def _unique(reasons: Iterable[Reason]) -> tuple[Reason, ...]:
    """Each reason once (two rules can say the same in plain words)."""
    found: dict[str, Reason] = {}
    for reason in reasons:
        found.setdefault(str(reason), reason)
    return tuple(found.values())


def _education_code(label: str) -> str:
    return next((level.code for level in EDUCATION_LEVELS if level.label == label), "")


def ways_in(key: str, graph: PathwayGraph, learner: Learner) -> list[Match]:
    """Every way into the pathway, with the jobs the engine routes it to.

    ``plan_for`` runs once for each exit: an option with a rank is a way in the engine would
    plan (eligible, or could be once a test is taken) and its route's weeks and cost are the
    time and cost to that job."""
    found: dict[str, Match] = {}
    jobs: dict[str, list[Job]] = {}
    for exit_point in graph.exit_points:
        plan = plan_for(graph, learner, exit_point.id)
        for option in plan.options:
            entry = option.entry
            if entry.id not in found:
                status = option.eligibility.status
                said = option.eligibility.reasons
                if status == NOT_ELIGIBLE:  # what fails; a missing test is beside the point
                    said = tuple(r for r in said if r.template != NO_TEST)
                reasons = () if status == ELIGIBLE else _unique(plain(r) for r in said)
                found[entry.id] = Match(key, graph, entry, status, reasons)
                jobs[entry.id] = []
            if option.rank is None:
                continue
            jobs[entry.id].append(Job(exit_point, option.route.weeks, option.route.cost))
    for entry_id, match in found.items():
        match.jobs = tuple(sorted(jobs[entry_id], key=lambda j: (j.weeks, j.cost, j.exit.id)))
    return list(found.values())


def weigh(match: Match, answers: Answers, interests: Mapping[str, Mapping[str, float]],
          step: StepFacts | None = None) -> Match:
    """Hold one way in against the answers: misses (reasons it does not fit) and notes."""
    match.step = step or StepFacts()
    match.jobs = tuple(_liking(job, answers.likes, interests) for job in match.jobs)
    if not match.open:
        return match
    misses: list[Reason] = []
    target = match.jobs[0]
    if answers.pay:
        paying = [j for j in match.jobs if j.annual is not None and j.annual >= answers.pay]
        if paying:
            target = paying[0]
        else:
            misses.append(Reason(TOO_LITTLE, {"pay": f"{answers.pay:,}"}))
    match.target = target
    if answers.months is not None and target.weeks > answers.months * WEEKS_PER_MONTH:
        misses.append(Reason(TOO_LONG, {"months": target.months, "job": target.exit.name,
                                        "limit": answers.months}))
    hours = match.step.hours_a_week
    if answers.hours is not None and hours is not None and hours > answers.hours:
        misses.append(Reason(TOO_MANY_HOURS, {"hours": hours, "free": answers.hours}))
    known = [j for j in match.jobs if j.score is not None]
    if answers.likes and known and not match.liked:
        misses.append(Reason(NOT_LIKED))
    match.misses = tuple(misses)
    notes = list(match.reasons)
    if answers.working:
        note = {"daytime": DAYTIME, "evening": EVENINGS, "weekend": WEEKENDS,
                "flexible": FLEXIBLE}.get(match.step.schedule)
        if note:
            notes.append(Reason(note))
    match.notes = tuple(notes)
    return match


def _liking(job: Job, likes: tuple[str, ...],
            interests: Mapping[str, Mapping[str, float]]) -> Job:
    if not likes or job.exit.occupation is None:
        return job
    profile = interests.get(job.exit.occupation.code) or {}
    return Job(job.exit, job.weeks, job.cost, liked(profile, likes),
               interest_score(profile, likes))


def rank_key(match: Match) -> tuple:
    """Fewest misses first, then ways you can start now (before ways a test decides), then
    the closest to what you like, then classes that fit around work, then the quickest and
    cheapest to a job that pays what is needed."""
    target = match.target or match.first_job
    return (len(match.misses), match.status != ELIGIBLE, -round(match.interest or 0, 1),
            match.daytime_for_a_worker, target.weeks if target else 0,
            target.cost if target else Decimal(0), match.graph.name, match.entry.name)


@dataclass
class Results:
    fits: list[Match]
    near: list[Match]  # open, but missing something; nearest first
    closed: list[Match]  # ways in not open to the person, with the engine's reasons
    why: tuple[Reason, ...] = ()  # when nothing fits: why, in general

    @property
    def nothing_fits(self) -> bool:
        return not self.fits


def find(pathways: Iterable[tuple[str, PathwayGraph]], answers: Answers,
         interests: Mapping[str, Mapping[str, float]],
         steps: Mapping[str, StepFacts] | None = None) -> Results:
    """Every way into every pathway, ranked: what fits, what nearly fits, what is closed.

    ``pathways`` are (key, graph) pairs; ``interests`` maps O*NET-SOC codes to RIASEC
    scores; ``steps`` maps a first step's component id to what it asks of a week."""
    learner = learner_for(answers)
    steps = steps or {}
    matches = [weigh(m, answers, interests, steps.get(m.entry.component))
               for key, graph in pathways for m in ways_in(key, graph, learner)]
    fits = sorted((m for m in matches if m.fits), key=rank_key)
    near = sorted((m for m in matches if m.open and not m.fits), key=rank_key)
    closed = [m for m in matches if not m.open]
    why: tuple[Reason, ...] = ()
    if not fits:
        kinds = dict.fromkeys(miss.template for m in near for miss in m.misses)
        why = tuple(Reason(WHY[k]) for k in WHY if k in kinds)
        if not near:
            why = (Reason(NONE_OPEN),)
    return Results(fits, near[:NEAR], closed, why)


__all__ = ["ENGLISH", "LIKES", "Answers", "Job", "Match", "Results",
           "StepFacts", "find", "interest_score", "learner_for", "liked", "months", "plain",
           "rank_key", "ways_in", "weigh", "yearly"]
