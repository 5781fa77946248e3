"""Participant records as a PIRL file: the same elements the measures engine reads.

Plain Python: the Django layer hands over one ``Person`` per participant (dates, codes,
amounts; never a name or government identifier) and this module works out the periods of
participation and writes the rows. Exit is never typed: DOL's rule (TEGL 10-16) makes the
exit date the last day of service once 90 days pass with no service and none scheduled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from pathways.core.csvwriter import write_rows
from pathways.core.quarters import one_year_after
from pathways.metrics.periods import GAP_DAYS

# Barrier codes of the shared assessment and the PIRL element reporting each (yes = 1).
BARRIER_ELEMENTS = {"disability": "202", "long_term_unemployed": "402", "foster_care": "704",
                    "homeless": "800", "ex_offender": "801", "low_income": "802",
                    "english_learner": "803", "low_literacy": "804",
                    "cultural_barriers": "805", "single_parent": "806",
                    "displaced_homemaker": "807", "farmworker": "808",
                    "tanf_exhausting": "601"}
PROGRAMS = {"adult": "903", "dislocated_worker": "904", "youth": "905",
            "adult_education": "910"}
# A quarter of full-time work: employment milestones give an hourly wage, not hours.
QUARTER_HOURS = 520
# Skill gain type (milestone) -> the PIRL date element of that kind of gain.
GAIN_ELEMENTS = {1: "1806", 3: "1807", 4: "1809", 5: "1810"}
SECONDARY_CREDENTIAL = 1

COLUMNS = ["100", "200", "408", *sorted(set(BARRIER_ELEMENTS.values()), key=int), "900",
           "901", "903", "904", "905", "910", "1300", "1303", "1811", "1813",
           "1600", "1602", "1603", "1604", "1606", "1618", "1703", "1704", "1705", "1706",
           "1800", "1801", "1802", "1803", "1804", "1805", "1806", "1807", "1809", "1810",
           "provider", "pathway", "pathway_level", "exit_point"]


@dataclass
class Job:
    """An employment milestone: started on ``on`` with ``employer`` at ``hourly_wage``."""

    on: dt.date
    employer: str
    hourly_wage: float


@dataclass
class Person:
    """What the records say about one participant, in PIRL terms (no personal values but
    the birth date, which the age measures and slices need)."""

    key: str
    birth_date: dt.date | None = None
    education: int | None = None  # PIRL 408, None when not assessed
    barriers: set[str] | None = None  # None when not assessed
    services: list[dt.date] = field(default_factory=list)
    scheduled: list[dt.date] = field(default_factory=list)
    enrolled: list[tuple[dt.date, str]] = field(default_factory=list)  # (date, step)
    completed: list[tuple[dt.date, str]] = field(default_factory=list)
    ojt: list[dt.date] = field(default_factory=list)  # on-the-job training started
    credentials: list[tuple[dt.date, int]] = field(default_factory=list)  # (date, 1800 code)
    gains: list[tuple[dt.date, int]] = field(default_factory=list)  # (date, gain type)
    jobs: list[Job] = field(default_factory=list)
    levels: list[tuple[dt.date, int]] = field(default_factory=list)  # steps' level orders
    provider: str = ""
    pathway: str = ""
    exit_point: str = ""


def person_key(record_id: object, secret: bytes) -> str:
    """A stable pseudonymous PIRL 100: keyed hash of the record id, not reversible without
    the key, never a name or government identifier."""
    return hmac.new(secret, f"participant:{record_id}".encode(), hashlib.sha256).hexdigest()[:24]


def periods(services: Iterable[dt.date], scheduled: Iterable[dt.date], as_of: dt.date
            ) -> list[tuple[dt.date, dt.date | None]]:
    """(entry, exit) of each period of participation; exit None while still participating.

    Services 90 or more days apart start a new period, the earlier one exited on its last
    service. The last period is exited once 90 days have passed since its last service
    (``as_of`` - last >= 90) and no service is scheduled on or after ``as_of``.
    """
    days = sorted({d for d in services if d <= as_of})
    if not days:
        return []
    out: list[tuple[dt.date, dt.date | None]] = []
    start = previous = days[0]
    for day in days[1:]:
        if (day - previous).days >= GAP_DAYS:
            out.append((start, previous))
            start = day
        previous = day
    waiting = any(d >= as_of for d in scheduled)
    ended = (as_of - previous).days >= GAP_DAYS and not waiting
    out.append((start, previous if ended else None))
    return out


def _within(day: dt.date, start: dt.date, end: dt.date | None) -> bool:
    return start <= day and (end is None or day <= end)


def _ymd(day: dt.date | None) -> str:
    return str(day.year * 10000 + day.month * 100 + day.day) if day else ""


def _quarter_end(day: dt.date, after: int) -> dt.date:
    """Last day of the ``after``-th calendar quarter after the quarter of ``day``."""
    year, quarter = divmod(day.year * 4 + (day.month - 1) // 3 + after, 4)
    month = 3 * quarter + 3
    first_next = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return first_next - dt.timedelta(days=1)


def _job_at(jobs: list[Job], start: dt.date, day: dt.date) -> Job | None:
    """The latest job started from program entry up to ``day``."""
    held = [j for j in jobs if start <= j.on <= day]
    return max(held, key=lambda j: j.on) if held else None


def rows(person: Person, as_of: dt.date, program: str = "adult") -> list[dict[str, str]]:
    """One PIRL row per period of participation of ``person``."""
    out = []
    for start, end in periods(person.services, person.scheduled, as_of):
        row = dict.fromkeys(COLUMNS, "")
        row.update({"100": person.key, "200": _ymd(person.birth_date),
                    "900": _ymd(start), "901": _ymd(end), PROGRAMS[program]: "1",
                    "provider": person.provider, "pathway": person.pathway})
        if person.education is not None:
            row["408"] = str(person.education)
        if person.barriers is not None:
            for code, element in BARRIER_ELEMENTS.items():
                row[element] = "1" if code in person.barriers else "0"
        _training(person, row, start, end)
        _gains(person, row, start, end)
        _credentials(person, row, start, end)
        if end is not None:
            _employment(person, row, start, end, as_of)
        levels = [order for day, order in person.levels if _within(day, start, end)]
        row["pathway_level"] = str(max(levels)) if levels else ""
        row["exit_point"] = person.exit_point if end is not None and row["1602"] == "1" \
            else ""
        out.append(row)
    return out


def _training(person: Person, row: dict[str, str], start: dt.date, end: dt.date | None
              ) -> None:
    enrolled = [(d, s) for d, s in person.enrolled if _within(d, start, end)]
    if not enrolled:
        row["1300"] = "0"
        return
    row["1300"] = "1"
    if any(_within(d, start, end) for d in person.ojt):
        row["1303"] = "1"
    row["1811"] = _ymd(min(d for d, _s in enrolled))
    done = {s for d, s in person.completed if _within(d, start, end)}
    if {s for _d, s in enrolled} <= done:
        row["1813"] = _ymd(max(d for d, s in person.completed if _within(d, start, end)))


def _gains(person: Person, row: dict[str, str], start: dt.date, end: dt.date | None) -> None:
    for kind, element in GAIN_ELEMENTS.items():
        days = [d for d, k in person.gains if k == kind and _within(d, start, end)]
        row[element] = _ymd(max(days)) if days else ""


def _credentials(person: Person, row: dict[str, str], start: dt.date, end: dt.date | None
                 ) -> None:
    last = one_year_after(end) if end else None
    found = sorted({(d, k) for d, k in person.credentials if _within(d, start, last)})
    # A secondary diploma gain (MSG type 2) is the diploma itself.
    found += sorted({(d, SECONDARY_CREDENTIAL) for d, k in person.gains
                     if k == 2 and _within(d, start, end)} - set(found))
    # Postsecondary first: the engine reads up to three, as PIRL has three slots.
    found.sort(key=lambda c: (c[1] == SECONDARY_CREDENTIAL, c[0]))
    for (day, kind), (k, d) in zip(found, (("1800", "1801"), ("1802", "1803"),
                                           ("1804", "1805")), strict=False):
        row[k], row[d] = str(kind), _ymd(day)


def _employment(person: Person, row: dict[str, str], start: dt.date, end: dt.date,
                as_of: dt.date) -> None:
    """Employment and wages in quarters 1-4 after the exit quarter, from employment
    milestones; blank until the quarter has ended (the engine then reads it as pending)."""
    held: dict[int, Job | None] = {}
    for n, (flag, wages) in enumerate((("1600", "1703"), ("1602", "1704"),
                                       ("1604", "1705"), ("1606", "1706")), start=1):
        last_day = _quarter_end(end, n)
        if last_day > as_of:
            continue
        job = held[n] = _job_at(person.jobs, start, last_day)
        row[flag] = "1" if job else "0"
        row[wages] = f"{job.hourly_wage * QUARTER_HOURS:.2f}" if job else ""
    if 2 in held:
        row["1603"] = "2" if held[2] else "0"
    if 2 in held and 4 in held:
        same = held[2] is not None and held[4] is not None \
            and held[2].employer == held[4].employer
        row["1618"] = "1" if same else "0"


def in_period(row: dict[str, str], start: dt.date, end: dt.date) -> bool:
    """A period belongs to the file when it was open at some time from ``start`` to
    ``end``: entered on or before ``end`` and not exited before ``start``."""
    entry, exit_ = row["900"], row["901"]
    return entry <= _ymd(end) and (not exit_ or exit_ >= _ymd(start))


def write(people: Iterable[Person], out: TextIO | str | Path, start: dt.date, end: dt.date,
          as_of: dt.date, program: str = "adult") -> int:
    """Write the PIRL CSV; returns how many periods it holds."""
    if program not in PROGRAMS:
        raise ValueError(f"unknown program {program!r}; one of {', '.join(PROGRAMS)}")
    if isinstance(out, (str, Path)):
        with Path(out).open("w", encoding="utf-8", newline="") as handle:
            return write(people, handle, start, end, as_of, program)
    return write_rows(out, COLUMNS, (row for person in people
                                     for row in rows(person, as_of, program)
                                     if in_period(row, start, end)))


# How each column is derived from the records (the data dictionary).
DERIVATION = {
    "100": "keyed hash (HMAC-SHA256) of the participant's record id under the site's "
           "secret: stable, never the name or a government identifier",
    "200": "the participant's date of birth",
    "408": "the shared assessment's highest education completed (blank: not assessed)",
    "900": "first service of the period: assessment, enrolment or completion of a pathway "
           "step, start or end of a work activity, referral sent or done (not a draft or one "
           "entered in error)",
    "901": "last service of the period, once 90 days have passed with no service and none "
           "scheduled (the plan's next-step due date, an ongoing work activity); blank "
           "while participating. Services 90 or more days apart start a new period",
    "903": "1 when the export is for the Adult program (--program adult)",
    "904": "1 when the export is for the Dislocated Worker program",
    "905": "1 when the export is for the Youth program",
    "910": "1 when the export is for Adult Education (Title II)",
    "1300": "1 when a pathway step was enrolled in during the period, else 0",
    "1303": "01 (on-the-job training) when an OJT work activity started in the period",
    "1811": "first pathway-step enrolment of the period",
    "1813": "last step completion, when every step enrolled in during the period is "
            "completed (blank: still enrolled)",
    "1600": "1 when an employment milestone (from entry) is dated on or before the end of "
            "the 1st quarter after the exit quarter, 0 when none; blank until it ends",
    "1602": "as 1600, 2nd quarter after the exit quarter",
    "1603": "2 (verified with supplemental information: the milestone's source) when "
            "employed in the 2nd quarter, 0 when not",
    "1604": "as 1600, 3rd quarter", "1606": "as 1600, 4th quarter",
    "1618": "1 when the job held at the end of the 2nd and 4th quarters is with the same "
            "employer, else 0; blank until the 4th quarter has ended",
    "1703": "the job's hourly wage times 520 hours (a full-time quarter: milestones record "
            "no hours), 1st quarter after exit",
    "1704": "as 1703, 2nd quarter", "1705": "as 1703, 3rd quarter",
    "1706": "as 1703, 4th quarter",
    "1800": "credential milestones from entry to one year after exit (type from the "
            "milestone or its catalog credential), postsecondary first; a secondary "
            "diploma skill gain (type 2) counts as a diploma (1)",
    "1801": "date of that credential", "1802": "as 1800, second credential",
    "1803": "as 1801", "1804": "as 1800, third credential", "1805": "as 1801",
    "1806": "latest educational functioning level gain (skill gain type 1) in the period",
    "1807": "latest transcript gain (skill gain type 3) in the period",
    "1809": "latest training milestone gain (skill gain type 4) in the period",
    "1810": "latest skills progression gain (skill gain type 5) in the period",
    "provider": "the organisation that enrolled the participant",
    "pathway": "slug of the pathway of the participant's career plan",
    "pathway_level": "highest progression level (order) of a step enrolled in or completed "
                     "during the period",
    "exit_point": "the plan's goal exit point, for an exited period employed in the 2nd "
                  "quarter after exit",
}
for _code, _element in BARRIER_ELEMENTS.items():
    DERIVATION.setdefault(_element, f"1 when the shared assessment lists the barrier "
                          f"'{_code}', 0 when it does not, blank when not assessed")


DICTIONARY_COLUMNS = ("element", "name", "derived from")


def dictionary() -> list[dict[str, str]]:
    """The data dictionary: element, name, how it is derived from the records."""
    from pathways.metrics.elements import ELEMENTS, PATHWAY_COLUMNS

    named = {**ELEMENTS, **PATHWAY_COLUMNS}
    return [{"element": c, "name": named[c].name if c in named else "",
             "derived from": DERIVATION[c]} for c in COLUMNS]


def markdown_table() -> str:
    """The data dictionary as docs/measures.md prints it."""
    lines = ["| element | name | derived from the records |", "|---|---|---|"]
    lines += [f"| {e['element']} | {e['name']} | {e['derived from']} |" for e in dictionary()]
    return "\n".join(lines)
