"""A plain-Python, row-by-row reference for the six indicators, written apart from the engine.

It reads raw rows (PIRL element -> text) and wage tuples, and follows the rules as written in
docs/measures.md one record at a time, so that the compiled engine can be checked against it.
Results: {measure: {group: (denominator, numerator)}} for rates and
{measure: {group: (count, median in dollars as Decimal)}} for medians; groups are "all" and
"program:<name>".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

EXIT_BASED_EXCLUSIONS = {"youth": {1, 2, 3, 4, 5}, "adult_education": {1, 2, 3, 4, 7},
                         "vocational_rehabilitation": {1, 2, 3, 4, 6}}
MSG_EXCLUSIONS = {"youth": {1, 2, 3, 4, 5}, "adult_education": {1, 2, 3, 4},
                  "vocational_rehabilitation": {1, 2, 3, 4, 6}}
TABLE_A = {1, 2, 3, 4}


def day(text: str) -> dt.date | None:
    text = (text or "").strip().replace("-", "")
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])) if text else None


def num(text: str) -> int | None:
    text = (text or "").strip()
    return int(text) if text else None


def quarter(d: dt.date) -> int:
    return d.year * 4 + (d.month - 1) // 3


def year_later(d: dt.date) -> dt.date:
    if d.month == 2 and d.day == 29:
        return dt.date(d.year + 1, 2, 28)
    return dt.date(d.year + 1, d.month, d.day)


def programs_of(r: dict) -> list[str]:
    out = []
    if num(r.get("903")) in (1, 2, 3):
        out.append("adult")
    if num(r.get("904")) in (1, 2, 3) or num(r.get("909")) == 1:
        out.append("dislocated_worker")
    if num(r.get("905")) in (1, 2, 3):
        out.append("youth")
    if num(r.get("918")) == 1:
        out.append("wagner_peyser")
    if num(r.get("910")) == 1:
        out.append("adult_education")
    if num(r.get("917")) in (1, 3):
        out.append("vocational_rehabilitation")
    if not out and not (num(r.get("903")) == 4 or num(r.get("904")) == 4
                        or num(r.get("905")) == 4 or num(r.get("918")) == 2):
        out.append("other")
    return out


class Period:
    """One period of participation, its outcomes resolved as of a date."""

    def __init__(self, r: dict, wages: dict, as_of: dt.date):
        self.r, self.as_of = r, as_of
        self.entry, self.exit = day(r["900"]), day(r.get("901", ""))
        self.reason = num(r.get("923")) or 0
        self.programs = programs_of(r)
        self.wages = wages.get(r["100"], {})

    def wage_total(self, q: int) -> int:
        return sum(c for c in self.wages.get(q, {}).values())

    def employed(self, k: int) -> int | None:
        element = {1: "1600", 2: "1602", 3: "1604", 4: "1606"}[k]
        value = num(self.r.get(element))
        if value in (0, 1):
            return value
        target, now = quarter(self.exit) + k, quarter(self.as_of)
        if target < now and self.wage_total(target) > 0:
            return 1
        if now > target + 2:
            return 0
        return None

    def earnings_q2(self) -> int | None:  # cents
        value = num(self.r.get("1704"))
        if value is not None and value not in (999999, 9999999):
            return value * 100
        target = quarter(self.exit) + 2
        if target < quarter(self.as_of) and self.wage_total(target) > 0:
            return self.wage_total(target)
        return None

    def same_employer(self) -> int | None:
        value = num(self.r.get("1618"))
        if value in (0, 1):
            return value
        q2, q4, now = quarter(self.exit) + 2, quarter(self.exit) + 4, quarter(self.as_of)
        if q4 < now:
            paid2 = {e for e, c in self.wages.get(q2, {}).items() if c > 0}
            paid4 = {e for e, c in self.wages.get(q4, {}).items() if c > 0}
            if paid2 & paid4:
                return 1
        return 0 if now > q4 + 2 else None

    def in_window(self, start: dt.date, end: dt.date) -> bool:
        return (self.exit is not None and start <= self.exit <= end
                and self.exit + dt.timedelta(days=90) <= self.as_of)

    def credentials(self) -> list[tuple[int, dt.date]]:
        out = []
        for kind, when in (("1800", "1801"), ("1802", "1803"), ("1804", "1805")):
            if num(self.r.get(kind)) is not None and day(self.r.get(when, "")):
                out.append((num(self.r.get(kind)), day(self.r.get(when, ""))))
        return out


def employment(p: Period, program: str, k: int) -> tuple[int, int] | None:
    if p.reason in EXIT_BASED_EXCLUSIONS.get(program, TABLE_A):
        return None
    placed = program == "youth" and num(p.r.get("1900" if k == 2 else "1901")) in (1, 2, 3)
    status = p.employed(k)
    if placed:
        return (1, 1)
    if status is None:
        return None
    return (1, status)


def credential(p: Period, program: str) -> tuple[int, int] | None:
    if program == "wagner_peyser" or p.reason in EXIT_BASED_EXCLUSIONS.get(program, TABLE_A):
        return None
    types = [num(p.r.get(e)) for e in ("1303", "1310", "1315")]
    given = [t for t in types if t not in (None, 0)]
    ojt_only = bool(given) and all(t in (1, 5) for t in given)
    diploma = num(p.r.get("408")) in (1, 2)
    training = ((num(p.r.get("1300")) == 1 and not ojt_only) or num(p.r.get("1332")) == 1
                or (num(p.r.get("1401")) == 1 and not diploma))
    last = year_later(p.exit)
    if not training or not last < p.as_of:
        return None
    got = [kind for kind, when in p.credentials() if p.entry <= when <= last]
    post = any(kind in (2, 3, 4, 5, 6, 7) for kind in got)
    enrolled = day(p.r.get("1406", ""))
    follow = (any(p.employed(k) == 1 for k in (1, 2, 3, 4))
              or (enrolled is not None and p.exit <= enrolled <= last))
    return (1, int(post or (1 in got and follow)))


def skill_gain(p: Period, program: str, py: int) -> tuple[int, int] | None:
    if program == "wagner_peyser" or (p.exit and p.reason in MSG_EXCLUSIONS.get(program,
                                                                                   TABLE_A)):
        return None
    first, last = dt.date(py, 7, 1), dt.date(py + 1, 6, 30)
    enrolled, completed = day(p.r.get("1811", "")), day(p.r.get("1813", ""))
    if enrolled is None or enrolled > last or enrolled > p.as_of:
        return None
    if completed is not None and completed < first:
        return None
    if p.entry > last or (p.exit is not None and p.exit < first):
        return None

    def gained(d: dt.date | None) -> bool:
        return d is not None and first <= d <= last and d >= p.entry and d <= p.as_of

    iet = any(num(p.r.get(e)) == 4 for e in ("1303", "1310", "1315"))
    gains = [gained(day(p.r.get("1806", ""))),
             any(kind == 1 and gained(when) for kind, when in p.credentials())]
    if program != "adult_education" or iet:
        gains += [gained(day(p.r.get(e, ""))) for e in ("1807", "1808", "1809", "1810")]
    return (1, int(any(gains)))


def compute(rows: list[dict], wage_rows: list[tuple], start: dt.date, end: dt.date,
            as_of: dt.date) -> dict:
    wages: dict = defaultdict(lambda: defaultdict(dict))
    for person, year, q, employer, amount in wage_rows:
        cents = int((Decimal(str(amount)) * 100).to_integral_value())
        wages[person][int(year) * 4 + int(q) - 1][employer] = cents
    rates: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    medians: dict = defaultdict(lambda: defaultdict(list))

    def add(measure: str, per_program: dict) -> None:
        # The total counts a unit once: in when in under any program, a success under any.
        counted = {k: v for k, v in per_program.items() if v is not None}
        for program, (den, hit) in counted.items():
            rates[measure][f"program:{program}"][0] += den
            rates[measure][f"program:{program}"][1] += hit
        if counted:
            rates[measure]["all"][0] += 1
            rates[measure]["all"][1] += int(any(h for _, h in counted.values()))

    for r in rows:
        p = Period(r, wages, as_of)
        if not p.programs:
            continue
        if p.in_window(start, end):
            add("employment_q2", {g: employment(p, g, 2) for g in p.programs})
            add("employment_q4", {g: employment(p, g, 4) for g in p.programs})
            add("credential_attainment", {g: credential(p, g) for g in p.programs})
            ok = [g for g in p.programs
                  if p.reason not in EXIT_BASED_EXCLUSIONS.get(g, TABLE_A)]
            earn = p.earnings_q2()
            if (ok and p.employed(2) == 1 and num(r.get("1603")) != 5 and earn is not None):
                for g in ok:
                    medians["median_earnings_q2"][f"program:{g}"].append(earn)
                medians["median_earnings_q2"]["all"].append(earn)
            same = p.same_employer()
            if p.employed(2) == 1 and same is not None:
                add("retention_same_employer", {g: (1, same) for g in ok})
        for py in range(start.year - (start.month < 7), end.year - (end.month < 7) + 1):
            add("measurable_skill_gains", {g: skill_gain(p, g, py) for g in p.programs})
    out: dict = {m: {g: tuple(v) for g, v in groups.items()} for m, groups in rates.items()}
    for measure, groups in medians.items():
        out[measure] = {g: (len(v), median(v)) for g, v in groups.items()}
    return out


def median(cents: list[int]) -> Decimal:
    values = sorted(cents)
    n = len(values)
    middle = values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2])
    return (Decimal(middle) / (100 if n % 2 else 200)).quantize(Decimal("0.01"))
