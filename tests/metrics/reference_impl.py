"""A plain-Python, row-by-row reference for every shipped measure, written apart from the
engine (no pandas, no ibis, no engine module imported).

It reads raw rows (PIRL element -> text, pathway columns by name) and wage tuples, and
follows the rules as written in docs/measures.md one record at a time, so that the compiled
engine can be checked against it. Results: {measure: {group: (denominator, numerator)}}
for rates and {measure: {group: (count, median in dollars as Decimal)}} for medians; groups
are "all", "program:<name>", "sex:<label>", "exit_quarter:<label>" and
"pathway_level:<label>".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

TABLE_A = {1, 2, 3, 4}
EXIT_EXCLUSIONS = {"youth": {1, 2, 3, 4, 5}, "adult_education": {1, 2, 3, 4, 7},
                   "vocational_rehabilitation": {1, 2, 3, 4, 6}}
MSG_EXCLUSIONS = {"youth": {1, 2, 3, 4, 5}, "adult_education": {1, 2, 3, 4},
                  "vocational_rehabilitation": {1, 2, 3, 4, 6}}
RATES = ("employment_q2", "employment_q4", "credential_attainment", "measurable_skill_gains",
         "retention_same_employer", "efl_gain", "secondary_equivalency",
         "credit_bearing_enrolment", "credits_12", "credits_24", "pathway_credential",
         "earnings_gain_q2", "pathway_level_transition", "exit_point_employment_q2",
         "step_completion", "step_credential")
MEDIANS = ("median_earnings_q2", "median_earnings_change_q2", "exit_point_earnings_q2",
           "days_to_completion", "days_to_credential", "days_to_next_level")
DAYS = ("days_to_completion", "days_to_credential", "days_to_next_level")
PROGRAM_FLAGS = {"903": ({1, 2, 3}, {4}), "904": ({1, 2, 3}, {4}), "905": ({1, 2, 3}, {4}),
                 "918": ({1}, {2}), "910": ({1}, set()), "917": ({1, 3}, {2}),
                 "909": ({1}, set())}


def day(text) -> dt.date | None:
    text = (text or "").strip().replace("-", "")
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])) if text else None


def num(text) -> int | None:
    text = (text or "").strip()
    return int(text) if text else None


def quarter(d: dt.date) -> int:
    return d.year * 4 + (d.month - 1) // 3


def year_later(d: dt.date) -> dt.date:
    if d.month == 2 and d.day == 29:
        return dt.date(d.year + 1, 2, 28)
    return dt.date(d.year + 1, d.month, d.day)


# -- periods of participation ------------------------------------------------------------
def combine(rows: list[dict]) -> list[dict]:
    """Records of one person less than 90 days apart (or overlapping) become one period."""
    by_person: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for line, r in enumerate(rows):
        by_person[r["100"]].append((line, r))
    out = []
    for records in by_person.values():
        records.sort(key=lambda lr: (day(lr[1]["900"]), lr[0]))
        group: list[tuple[int, dict]] = []
        end = None  # the latest end so far; dt.date.max when a record is open
        for line, r in records:
            start = day(r["900"])
            if group and (start - end).days >= 90:
                out.append(merge(group))
                group = []
            group.append((line, r))
            exit_ = day(r.get("901")) or dt.date.max
            end = exit_ if end is None or len(group) == 1 else max(end, exit_)
        out.append(merge(group))
    out.sort(key=lambda r: r["_line"])
    return out


def _blank(element: str, value) -> bool:
    """Blank, or (for wages) all 9s: "not yet available", as good as blank."""
    text = (value or "").strip()
    return text == "" or (element in MONEY and text in ("999999", "9999999"))


MONEY = {"1700", "1701", "1702", "1703", "1704", "1705", "1706"}


def _program_rank(element: str, value: int | None) -> int:
    participant, reportable = PROGRAM_FLAGS[element]
    if value in participant:
        return 3
    if value in reportable:
        return 2
    return 1 if value is not None else 0


def merge(group: list[tuple[int, dict]]) -> dict:
    if len(group) == 1:
        line, r = group[0]
        return {**r, "_line": line}
    # The record that ends last first (open ones end last), then the later entry.
    ranked = sorted(group, key=lambda lr: (day(lr[1].get("901")) or dt.date.max,
                                           day(lr[1]["900"]), lr[0]), reverse=True)
    rows = [r for _l, r in ranked]
    keys = {k for r in rows for k in r}
    merged: dict = {}
    for key in keys:
        merged[key] = next((r[key] for r in rows if not _blank(key, r.get(key))), "")
    merged["_line"] = min(line for line, _r in group)
    merged["900"] = min(day(r["900"]) for r in rows).strftime("%Y%m%d")
    exits = [day(r.get("901")) for r in rows]
    merged["901"] = "" if None in exits else max(exits).strftime("%Y%m%d")
    for element in PROGRAM_FLAGS:
        values = [num(r.get(element)) for r in rows]
        best = max(values, key=lambda v: (_program_rank(element, v), v or 0))
        merged[element] = "" if best is None else str(best)
    for element in ("1806", "1807", "1808", "1809", "1810", "1300", "1332", "1401"):
        values = [r.get(element) or "" for r in rows if (r.get(element) or "") != ""]
        merged[element] = max(values, key=lambda v: int(v.replace("-", ""))) if values else ""
    starts = [day(r.get("1811")) for r in rows if day(r.get("1811"))]
    merged["1811"] = min(starts).strftime("%Y%m%d") if starts else ""
    open_education = any(day(r.get("1811")) and not day(r.get("1813")) for r in rows)
    ends = [day(r.get("1813")) for r in rows if day(r.get("1813"))]
    merged["1813"] = "" if open_education or not ends else max(ends).strftime("%Y%m%d")
    types = []
    for r in rows:
        for element in ("1303", "1310", "1315"):
            t = num(r.get(element))
            if t not in (None, 0) and t not in types:
                types.append(t)
    types.sort(key=lambda t: (0 if t == 4 else 1 if t not in (1, 5) else 2, t))
    for element, t in zip(("1303", "1310", "1315"), [*types, None, None, None], strict=False):
        merged[element] = "" if t is None else str(t)
    entry, exit_ = day(merged["900"]), day(merged["901"])
    credentials = []
    for r in rows:
        for kind, when in (("1800", "1801"), ("1802", "1803"), ("1804", "1805")):
            pair = (num(r.get(kind)), day(r.get(when)))
            if pair != (None, None) and pair not in credentials:
                credentials.append(pair)

    def order(pair):
        kind, when = pair
        inside = when is not None and when >= entry and (exit_ is None
                                                        or _ymd_after(when, exit_))
        rank = 0 if inside and kind in (2, 3, 4, 5, 6, 7) else 1 if inside and kind == 1 else 2
        return (rank, when or dt.date.max)

    credentials.sort(key=order)
    slots = (("1800", "1801"), ("1802", "1803"), ("1804", "1805"))
    for (kind, when), pair in zip(slots, [*credentials, None, None, None], strict=False):
        merged[kind] = "" if pair is None or pair[0] is None else str(pair[0])
        merged[when] = "" if pair is None or pair[1] is None else pair[1].strftime("%Y%m%d")
    return merged


def _ymd_after(when: dt.date, exit_: dt.date) -> bool:
    # The engine compares YYYYMMDD numbers with exit + 10000 (a year, near enough).
    return int(when.strftime("%Y%m%d")) <= int(exit_.strftime("%Y%m%d")) + 10000


# -- programs and one period ---------------------------------------------------------------
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

    def __init__(self, r: dict, wages: dict, as_of: dt.date, wages_from: int | None,
                 next_level: dt.date | None):
        self.r, self.as_of = r, as_of
        self.entry, self.exit = day(r["900"]), day(r.get("901"))
        self.reason = num(r.get("923")) or 0
        self.programs = programs_of(r)
        self.wages = wages.get(r["100"], {})
        self.wages_from = wages_from
        self.next_level = next_level
        self.now = quarter(as_of)

    def last_day(self) -> dt.date:
        return year_later(self.exit)

    def wage_total(self, q: int) -> int:
        return sum(self.wages.get(q, {}).values()) if q < self.now else 0

    def employed(self, k: int) -> int | None:
        value = num(self.r.get({1: "1600", 2: "1602", 3: "1604", 4: "1606"}[k]))
        if value in (0, 1):
            return value
        target = quarter(self.exit) + k
        if self.wage_total(target) > 0:
            return 1
        return 0 if self.now > target + 2 else None

    def earnings_q2(self) -> int | None:  # cents
        value = num(self.r.get("1704"))
        if value is not None and value not in (999999, 9999999) and num(self.r.get("1603")) != 9:
            return value * 100
        total = self.wage_total(quarter(self.exit) + 2)
        return total if total > 0 else None

    def same_employer(self) -> int | None:
        value = num(self.r.get("1618"))
        if value in (0, 1):
            return value
        q2, q4 = quarter(self.exit) + 2, quarter(self.exit) + 4
        paid2 = {e for e, c in self.wages.get(q2, {}).items() if c > 0 and q2 < self.now}
        paid4 = {e for e, c in self.wages.get(q4, {}).items() if c > 0 and q4 < self.now}
        if paid2 & paid4:
            return 1
        if self.employed(4) == 0:
            return 0
        return 0 if self.now > q4 + 2 else None

    def pre_wage(self) -> int | None:  # cents, mean of 3 quarters rounded down
        values = []
        for k, element in ((1, "1702"), (2, "1701"), (3, "1700")):
            value = num(self.r.get(element))
            if value is not None and value not in (999999, 9999999):
                values.append(value * 100)
                continue
            q = quarter(self.entry) - k
            if self.wages_from is not None and q >= self.wages_from and q + 2 < self.now:
                values.append(sum(self.wages.get(q, {}).values()))
            else:
                return None
        return sum(values) // 3

    def exited_in(self, start: dt.date, end: dt.date) -> bool:
        return (self.exit is not None and start <= self.exit <= end
                and self.exit + dt.timedelta(days=90) <= self.as_of)

    def credentials(self) -> list[tuple[int, dt.date]]:
        out = []
        for kind, when in (("1800", "1801"), ("1802", "1803"), ("1804", "1805")):
            if num(self.r.get(kind)) is not None and day(self.r.get(when)):
                out.append((num(self.r.get(kind)), day(self.r.get(when))))
        return out

    def got(self, kinds: tuple[int, ...]) -> bool:
        return any(kind in kinds and self.entry <= when <= self.last_day()
                   for kind, when in self.credentials())

    def excluded(self, program: str, table: dict) -> bool:
        return self.reason in table.get(program, TABLE_A)


def _is(value, *codes) -> bool:
    return num(value) in codes


# -- exit-based measures, per program (None = not in the denominator) ---------------------
def employment(p: Period, program: str, k: int) -> tuple[int, int] | None:
    if p.excluded(program, EXIT_EXCLUSIONS):
        return None
    if program == "youth" and _is(p.r.get("1900" if k == 2 else "1901"), 1, 2, 3):
        return (1, 1)
    status = p.employed(k)
    return None if status is None else (1, status)


def quarter_last_day(q: int) -> dt.date:
    """The last day of running quarter ``q`` (year * 4 + quarter - 1)."""
    year, index = divmod(q, 4)
    following = dt.date(year + (index == 3), 1 if index == 3 else index * 3 + 4, 1)
    return following - dt.timedelta(days=1)


def credential(p: Period, program: str) -> tuple[int, int] | None:
    if program == "wagner_peyser" or p.excluded(program, EXIT_EXCLUSIONS):
        return None
    given = [num(p.r.get(e)) for e in ("1303", "1310", "1315")]
    given = [t for t in given if t not in (None, 0)]
    ojt_only = bool(given) and all(t in (1, 5) for t in given)
    diploma = _is(p.r.get("408"), 1, 2)
    training = ((_is(p.r.get("1300"), 1) and not ojt_only) or _is(p.r.get("1332"), 1)
                or (_is(p.r.get("1401"), 1) and not diploma))
    if not training or not p.last_day() < p.as_of:
        return None
    enrolled = day(p.r.get("1406"))
    follow = (any(p.employed(k) == 1 for k in (1, 2, 3, 4))
              or (enrolled is not None and p.exit <= enrolled <= p.last_day())
              or (program == "youth" and any(
                  _is(p.r.get(e), 1, 2) and quarter_last_day(quarter(p.exit) + k) <= p.last_day()
                  for e, k in (("1900", 2), ("1901", 4)))))
    return (1, int(p.got((2, 3, 4, 5, 6, 7)) or (p.got((1,)) and follow)))


def exit_rates(p: Period, program: str) -> dict[str, tuple[int, int] | None]:
    out: dict[str, tuple[int, int] | None] = {
        "employment_q2": employment(p, program, 2),
        "employment_q4": employment(p, program, 4),
        "credential_attainment": credential(p, program)}
    if p.excluded(program, EXIT_EXCLUSIONS):
        return out
    year_passed = p.last_day() < p.as_of
    r = p.r
    if _is(r.get("408"), 0, 3) and year_passed:
        out["secondary_equivalency"] = (1, int(p.got((1,))))
    if _is(r.get("408"), 0, 1, 2, 3) and year_passed:
        bearing = day(r.get("credit_bearing_date"))
        enrolled = day(r.get("1406"))
        first = (_is(r.get("1332"), 1)
                 or (bearing is not None and p.entry <= bearing <= p.last_day())
                 or (enrolled is not None and p.exit <= enrolled <= p.last_day())
                 or _is(r.get("1900"), 2) or _is(r.get("1901"), 2))
        out["credit_bearing_enrolment"] = (1, int(first))
    postsecondary = _is(r.get("1332"), 1) or bool(day(r.get("credit_bearing_date")))
    credits = num(r.get("credits"))
    if postsecondary and credits is not None:
        out["credits_12"] = (1, int(credits >= 12))
        out["credits_24"] = (1, int(credits >= 24))
    if year_passed:
        out["pathway_credential"] = (1, int(p.got((2, 3, 4, 5, 6, 7))))
    employed = p.employed(2) == 1
    earnings, before = p.earnings_q2(), p.pre_wage()
    if employed and earnings is not None and before is not None:
        out["earnings_gain_q2"] = (1, int(earnings > before))
    same = p.same_employer()
    if employed and same is not None:
        out["retention_same_employer"] = (1, same)
    if r.get("pathway") and num(r.get("pathway_level")) is not None and year_passed:
        moved = p.next_level is not None and p.next_level <= p.last_day() \
            and p.next_level <= p.as_of
        out["pathway_level_transition"] = (1, int(moved))
    if r.get("exit_point") and p.employed(2) is not None:
        out["exit_point_employment_q2"] = (1, p.employed(2))
    if r.get("pathway") and num(r.get("pathway_level")) is not None:
        completed = day(r.get("1813"))
        if day(r.get("1811")) is not None:
            out["step_completion"] = (1, int(completed is not None and completed <= p.as_of))
        if year_passed:
            out["step_credential"] = (1, int(p.got((2, 3, 4, 5, 6, 7))))
    return out


def step_days(p: Period, program: str) -> dict[str, int]:
    """Days from entry to each milestone the period reached (for the medians of days)."""
    r = p.r
    if (p.excluded(program, EXIT_EXCLUSIONS) or not r.get("pathway")
            or num(r.get("pathway_level")) is None):
        return {}

    def reached(when: dt.date | None) -> bool:
        return when is not None and p.entry <= when <= p.as_of

    out = {}
    completed = day(r.get("1813"))
    if day(r.get("1811")) is not None and reached(completed):
        out["days_to_completion"] = (completed - p.entry).days
    firsts = [when for kind, when in p.credentials()
              if kind in (2, 3, 4, 5, 6, 7) and p.entry <= when <= p.last_day()]
    if firsts and reached(min(firsts)):
        out["days_to_credential"] = (min(firsts) - p.entry).days
    moved = p.next_level
    if moved is not None and moved <= p.last_day() and reached(moved):
        out["days_to_next_level"] = (moved - p.entry).days
    return out


def exit_values(p: Period, program: str) -> dict[str, int]:
    """Median values (cents) the period adds under ``program``."""
    if p.excluded(program, EXIT_EXCLUSIONS) or p.employed(2) != 1:
        return {}
    out = {}
    earnings = p.earnings_q2()
    if earnings is not None:
        out["median_earnings_q2"] = earnings
        if p.r.get("exit_point"):
            out["exit_point_earnings_q2"] = earnings
        before = p.pre_wage()
        if before is not None:
            out["median_earnings_change_q2"] = earnings - before
    return out


# -- skill gains, per program and program year ----------------------------------------------
def skill_rates(p: Period, program: str, py: int) -> dict[str, tuple[int, int] | None]:
    first, last = dt.date(py, 7, 1), dt.date(py + 1, 6, 30)
    if program == "wagner_peyser":
        return {}
    if p.exit is not None and p.exit <= last and p.excluded(program, MSG_EXCLUSIONS):
        return {}
    enrolled, completed = day(p.r.get("1811")), day(p.r.get("1813"))
    if enrolled is None or enrolled > last or enrolled > p.as_of:
        return {}
    if completed is not None and completed < first:
        return {}
    if p.entry > last or (p.exit is not None and p.exit < first):
        return {}

    def gained(d: dt.date | None) -> bool:
        return d is not None and first <= d <= last and p.entry <= d <= p.as_of

    efl = gained(day(p.r.get("1806")))
    diploma = any(kind == 1 and gained(when) for kind, when in p.credentials())
    others = [gained(day(p.r.get(e))) for e in ("1807", "1808", "1809", "1810")]
    iet = any(_is(p.r.get(e), 4) for e in ("1303", "1310", "1315"))
    success = efl or diploma or ((program != "adult_education" or iet) and any(others))
    out: dict[str, tuple[int, int] | None] = {"measurable_skill_gains": (1, int(success))}
    if program == "adult_education" or _is(p.r.get("804"), 1):
        out["efl_gain"] = (1, int(efl))
    return out


# -- groups -----------------------------------------------------------------------------------
def labels(r: dict) -> dict[str, str]:
    exit_ = day(r.get("901"))
    sex = {1: "male", 2: "female", 9: "did not self-identify"}.get(num(r.get("201")),
                                                                     "unknown")
    level = num(r.get("pathway_level"))
    return {"sex": sex,
            "exit_quarter": "not exited" if exit_ is None else
            f"{exit_.year}Q{(exit_.month - 1) // 3 + 1}",
            "pathway_level": "not given" if level is None else f"level {level}"}


def next_levels(periods: list[dict]) -> dict[int, dt.date]:
    """Per period position: entry of the person's first later period one level up."""
    out = {}
    for i, p in enumerate(periods):
        if not p.get("pathway") or num(p.get("pathway_level")) is None:
            continue
        later = [day(q["900"]) for j, q in enumerate(periods)
                 if j != i and q["100"] == p["100"] and q.get("pathway") == p["pathway"]
                 and num(q.get("pathway_level")) == num(p["pathway_level"]) + 1
                 and day(q["900"]) >= day(p["900"])]
        if later:
            out[i] = min(later)
    return out


def compute(rows: list[dict], wage_rows: list[tuple], start: dt.date, end: dt.date,
            as_of: dt.date) -> dict:
    wages: dict = defaultdict(lambda: defaultdict(dict))
    for person, year, q, employer, amount in wage_rows:
        cents = int((Decimal(str(amount)) * 100).to_integral_value(ROUND_HALF_UP))
        wages[person][int(year) * 4 + int(q) - 1][employer] = cents
    first_wage = min((int(w[1]) * 4 + int(w[2]) - 1 for w in wage_rows), default=None)
    rates: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    values: dict = defaultdict(lambda: defaultdict(list))

    def add(groups: list[str], per_program: dict[str, dict]) -> None:
        # The total and other slices count a unit once: in when in under any program, a
        # success when one under any; the program slice counts each program.
        measures = {m for v in per_program.values() for m, c in v.items() if c is not None}
        for measure in measures:
            counted = {g: v[measure] for g, v in per_program.items()
                       if v.get(measure) is not None}
            for program, (den, hit) in counted.items():
                rates[measure][f"program:{program}"][0] += den
                rates[measure][f"program:{program}"][1] += hit
            for group in groups:
                rates[measure][group][0] += 1
                rates[measure][group][1] += int(any(h for _, h in counted.values()))

    def add_values(groups: list[str], per_program: dict[str, dict]) -> None:
        for measure in {m for v in per_program.values() for m in v}:
            counted = {g: v[measure] for g, v in per_program.items() if measure in v}
            for program, cents in counted.items():
                values[measure][f"program:{program}"].append(cents)
            for group in groups:
                values[measure][group].append(next(iter(counted.values())))

    periods = combine(rows)
    later = next_levels(periods)
    for i, r in enumerate(periods):
        p = Period(r, wages, as_of, first_wage, later.get(i))
        if not p.programs:
            continue
        groups = ["all", *(f"{k}:{v}" for k, v in labels(r).items())]
        if p.exited_in(start, end):
            add(groups, {g: exit_rates(p, g) for g in p.programs})
            add_values(groups, {g: exit_values(p, g) for g in p.programs})
            add_values(groups, {g: step_days(p, g) for g in p.programs})
        first_py = start.year - (start.month < 7)
        last_py = end.year - (end.month < 7)
        for py in range(first_py, last_py + 1):
            add(groups, {g: skill_rates(p, g, py) for g in p.programs})
    out: dict = {m: {g: tuple(v) for g, v in groups.items()} for m, groups in rates.items()}
    for measure, groups in values.items():
        scale = 1 if measure in DAYS else 100
        out[measure] = {g: (len(v), median(v, scale)) for g, v in groups.items()}
    return out


def median(values: list[int], scale: int = 100) -> Decimal:
    """The median of cents in dollars (``scale`` 100), or of days (``scale`` 1)."""
    values = sorted(values)
    n = len(values)
    middle = values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2])
    return (Decimal(middle) / (scale if n % 2 else 2 * scale)).quantize(Decimal("0.01"),
                                                                        ROUND_HALF_UP)
