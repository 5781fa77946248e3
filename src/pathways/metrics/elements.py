"""The PIRL elements the measures engine reads: kind, allowed code values, and their use.

Numbers, names and code values follow DOL's PIRL record layout (PY2022 Q4, vendored as
``data/pirl_layout.csv``; where the operational definitions and the layout differ, the layout
wins). Columns naming another element of the layout are accepted and ignored; columns that
are neither a layout element nor a pathway column are reported as unknown.
docs/measures.md shows the table ``markdown_table()`` makes from this module.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LAYOUT_FILE = Path(__file__).with_name("data") / "pirl_layout.csv"

YES_NO = {1: "yes", 0: "no"}
YES_NO_9 = {1: "yes", 0: "no", 9: "did not self-identify"}
PROGRAM = {1: "yes, local formula", 2: "yes, statewide", 3: "yes, both",
           4: "reportable individual", 0: "no"}
CREDENTIAL = {1: "secondary school diploma or equivalency", 2: "AA or AS degree",
              3: "BA or BS degree", 4: "occupational licensure", 5: "occupational certificate",
              6: "occupational certification", 7: "other recognized diploma, degree or "
              "certificate", 0: "no recognized credential"}
TRAINING = {1: "on-the-job training", 2: "skill upgrading", 3: "entrepreneurial training",
            4: "ABE or ESL with training", 5: "customized training",
            6: "occupational skills training", 7: "ABE or ESL not with training (TAA)",
            8: "prerequisite training", 9: "registered apprenticeship",
            10: "youth occupational skills training", 11: "other non-occupational training",
            12: "job readiness with other training", 0: "no training"}
EMPLOYED = {1: "yes", 0: "no", 9: "information not yet available"}
PLACEMENT = {1: "occupational skills training", 2: "postsecondary education",
             3: "secondary education", 0: "no placement"}


@dataclass(frozen=True)
class Element:
    number: str
    kind: str  # "id", "date", "code", "money", "text", "count"
    name: str
    use: str
    codes: dict[int, str] = field(default_factory=dict)


def _e(number: str, kind: str, name: str, use: str, codes: dict[int, str] | None = None
       ) -> Element:
    return Element(number, kind, name, use, dict(codes or {}))


_BARRIER = "slice: Sec. 3(24) barrier"
ELEMENTS: dict[str, Element] = {e.number: e for e in [
    _e("100", "id", "unique individual identifier", "the person: links periods of one person "
       "and the UI wage records (column `person`); with 900 the key of a row"),
    _e("200", "date", "date of birth", "age at entry (900 - 200): slice `age_band`, "
       "barrier `barrier_older` (55 and over)"),
    _e("201", "code", "sex", "slice `sex`", {1: "male", 2: "female",
                                              9: "did not self-identify"}),
    _e("202", "code", "individual with a disability", f"{_BARRIER} `barrier_disability`",
       YES_NO_9),
    _e("210", "code", "Hispanic / Latino", "slice `hispanic`", YES_NO_9),
    _e("211", "code", "American Indian / Alaska Native", "slice `race_american_indian`; "
       "barrier `barrier_native`", YES_NO_9),
    _e("212", "code", "Asian", "slice `race_asian`", YES_NO_9),
    _e("213", "code", "Black / African American", "slice `race_black`", YES_NO_9),
    _e("214", "code", "Native Hawaiian / Other Pacific Islander",
       "slice `race_pacific_islander`; barrier `barrier_native`", YES_NO_9),
    _e("215", "code", "White", "slice `race_white`", YES_NO_9),
    _e("300", "code", "veteran status", "slice `veteran`",
       {1: "yes", 0: "no", 9: "status not known"}),
    _e("402", "code", "long-term unemployed at entry", f"{_BARRIER} "
       "`barrier_long_term_unemployed`", YES_NO),
    _e("408", "code", "highest educational level completed at entry",
       "1-2: had a diploma at entry (credential denominator for secondary students; "
       "secondary equivalency); 0-3: no postsecondary (first credit-bearing enrolment)",
       {1: "secondary school diploma", 2: "secondary school equivalency",
        3: "IEP certificate of attendance", 4: "one or more years of postsecondary",
        5: "postsecondary certificate", 6: "associate degree", 7: "bachelor's degree",
        8: "beyond bachelor's", 0: "none"}),
    _e("413", "code", "migrant and seasonal farmworker (20 CFR 651.10)",
       f"{_BARRIER} `barrier_farmworker` (with 808)", {1: "seasonal farmworker",
                                                      2: "migrant", 0: "no"}),
    _e("601", "code", "exhausting TANF within 2 years", f"{_BARRIER} "
       "`barrier_tanf_exhausting` (9 counts as no)", {1: "yes", 0: "no", 9: "not applicable"}),
    _e("704", "code", "foster care youth at entry", f"{_BARRIER} `barrier_foster_care`",
       YES_NO),
    _e("800", "code", "homeless or runaway youth at entry", f"{_BARRIER} `barrier_homeless`",
       YES_NO),
    _e("801", "code", "ex-offender at entry", f"{_BARRIER} `barrier_ex_offender`",
       {1: "yes", 0: "no", 9: "did not disclose"}),
    _e("802", "code", "low income at entry", f"{_BARRIER} `barrier_low_income`", YES_NO),
    _e("803", "code", "English language learner at entry", f"{_BARRIER} "
       "`barrier_english_learner`", YES_NO),
    _e("804", "code", "basic skills deficient / low literacy at entry", f"{_BARRIER} "
       "`barrier_low_literacy`; population of the EFL gain measure", YES_NO),
    _e("805", "code", "cultural barriers at entry", f"{_BARRIER} `barrier_cultural`",
       YES_NO_9),
    _e("806", "code", "single parent at entry", f"{_BARRIER} `barrier_single_parent`",
       YES_NO_9),
    _e("807", "code", "displaced homemaker at entry", f"{_BARRIER} "
       "`barrier_displaced_homemaker`", YES_NO),
    _e("808", "code", "eligible migrant and seasonal farmworker (sec. 167)",
       f"{_BARRIER} `barrier_farmworker` (1-5 count as yes)",
       {1: "seasonal farmworker adult", 2: "migrant farmworker adult", 3: "MSFW youth",
        4: "dependent adult", 5: "dependent youth", 0: "no"}),
    _e("900", "date", "date of program entry", "start of the period of participation "
       "(required); quarter of participation for 1700-1702; age"),
    _e("901", "date", "date of program exit", "end of the period (blank: still "
       "participating); exit quarter; exit cohort; a period counts as exited 90 days "
       "after it"),
    _e("903", "code", "Adult (WIOA)", "program `adult` when 1-3; 4 alone: reportable "
       "individual, not counted", PROGRAM),
    _e("904", "code", "Dislocated Worker (WIOA)", "program `dislocated_worker` when 1-3",
       PROGRAM),
    _e("905", "code", "Youth (WIOA)", "program `youth` when 1-3 (Youth variants, Table B)",
       {**PROGRAM, 4: "youth reportable individual"}),
    _e("909", "code", "Rapid Response (additional assistance)", "1 also makes the period "
       "`dislocated_worker`", {1: "yes", 0: "no", 9: "unknown"}),
    _e("910", "code", "Adult Education (WIOA Title II)", "program `adult_education` when 1 "
       "(Table C; MSG gain types 1-2 unless IET)", {1: "yes", 0: "no", 9: "unknown"}),
    _e("917", "code", "Vocational Rehabilitation", "program `vocational_rehabilitation` "
       "when 1 or 3 (2 alone is the VA's VR&E, not WIOA Title IV)",
       {1: "yes", 2: "VR&E", 3: "both VR and VR&E", 0: "no", 9: "unknown"}),
    _e("918", "code", "Wagner-Peyser Employment Service", "program `wagner_peyser` when 1; "
       "2 alone: reportable individual", {1: "yes", 2: "reportable individual", 0: "no",
                                          9: "unknown"}),
    _e("923", "code", "other reasons for exit", "exclusions: 1-4 everywhere (Table A), 5 "
       "for youth (Table B), 6 for VR, 7 for Title II in employment, earnings and "
       "credential (Table C); blank = 0",
       {1: "institutionalized", 2: "health/medical", 3: "deceased",
        4: "reserve forces called to active duty", 5: "foster care (youth)",
        6: "ineligible (VR)", 7: "criminal offender (Title II sec. 225)", 0: "none"}),
    _e("1300", "code", "received training", "1: in the credential denominator unless "
       "every training type is OJT or customized", YES_NO),
    _e("1303", "code", "type of training service #1", "01 and 05 are OJT and customized "
       "training (credential denominator); 04 is IET (Title II MSG)", TRAINING),
    _e("1310", "code", "type of training service #2", "as 1303", TRAINING),
    _e("1315", "code", "type of training service #3", "as 1303", TRAINING),
    _e("1332", "code", "postsecondary education during participation", "1: in the "
       "credential denominator; first credit-bearing enrolment", YES_NO),
    _e("1401", "code", "enrolled in secondary education program", "1 (without a diploma "
       "at entry): in the credential denominator", YES_NO),
    _e("1406", "date", "date enrolled in post-exit education or training", "within a "
       "year after exit: the diploma special rule; first credit-bearing enrolment"),
    _e("1600", "code", "employed in 1st quarter after exit quarter", "employed within a "
       "year (diploma rule); 9 or blank: from wage records, else pending", EMPLOYED),
    _e("1602", "code", "employed in 2nd quarter after exit quarter", "employment Q2, "
       "median earnings, retention; 9 or blank: from wage records, else pending until the "
       "two-quarter lag has passed, then not employed", EMPLOYED),
    _e("1603", "code", "type of employment match 2nd quarter", "9: earnings not yet "
       "available, so left out of the median unless wage records give them",
       {1: "verified by a direct wage match", 2: "verified with supplemental information",
        9: "information not yet available", 0: "not employed"}),
    _e("1604", "code", "employed in 3rd quarter after exit quarter", "as 1600", EMPLOYED),
    _e("1606", "code", "employed in 4th quarter after exit quarter", "employment Q4; as "
       "1602", EMPLOYED),
    _e("1618", "code", "retention with the same employer Q2 and Q4", "retention with the "
       "same employer; blank: from wage records, else pending until the Q4 lag has passed",
       YES_NO),
    _e("1700", "money", "wages 3rd quarter prior to participation quarter",
       "pre-participation wage (mean of 1700-1702); blank: from wage records"),
    _e("1701", "money", "wages 2nd quarter prior to participation quarter", "as 1700"),
    _e("1702", "money", "wages 1st quarter prior to participation quarter", "as 1700"),
    _e("1703", "money", "wages 1st quarter after exit quarter", "read and checked; not "
       "used by a shipped measure"),
    _e("1704", "money", "wages 2nd quarter after exit quarter", "median earnings Q2; all "
       "9s or blank: from wage records, else left out"),
    _e("1705", "money", "wages 3rd quarter after exit quarter", "as 1703"),
    _e("1706", "money", "wages 4th quarter after exit quarter", "as 1703"),
    _e("1800", "code", "type of recognized credential #1", "credential attainment: 2-7 "
       "postsecondary, 1 the diploma rule and MSG type 2", CREDENTIAL),
    _e("1801", "date", "date attained recognized credential #1", "counts from entry to one "
       "year after exit"),
    _e("1802", "code", "type of recognized credential #2", "as 1800", CREDENTIAL),
    _e("1803", "date", "date attained recognized credential #2", "as 1801"),
    _e("1804", "code", "type of recognized credential #3", "as 1800", CREDENTIAL),
    _e("1805", "date", "date attained recognized credential #3", "as 1801"),
    _e("1806", "date", "date of most recent MSG: educational functioning level",
       "MSG type 1 and the EFL gain measure, when in the program year"),
    _e("1807", "date", "date of most recent MSG: postsecondary transcript", "MSG type 3"),
    _e("1808", "date", "date of most recent MSG: secondary transcript", "MSG type 3"),
    _e("1809", "date", "date of most recent MSG: training milestone", "MSG type 4"),
    _e("1810", "date", "date of most recent MSG: skills progression", "MSG type 5"),
    _e("1811", "date", "date enrolled in education or training during participation",
       "MSG denominator: education from 1811 to 1813 overlaps the program year"),
    _e("1813", "date", "date completed education or training during participation",
       "MSG denominator (blank: still enrolled)"),
    _e("1900", "code", "youth placement 2nd quarter after exit", "Youth employment Q2: "
       "1-3 count as placed (blank = 0)", PLACEMENT),
    _e("1901", "code", "youth placement 4th quarter after exit", "Youth employment Q4: "
       "1-3 count as placed (blank = 0)", PLACEMENT),
]}

# Columns a partnership may add for pathway measures and slicing; not PIRL elements.
PATHWAY_COLUMNS: dict[str, Element] = {e.number: e for e in [
    _e("provider", "text", "provider that served the period", "slice `provider`"),
    _e("pathway", "text", "career pathway the period belongs to", "slice `pathway`; level "
       "transitions stay on one pathway"),
    _e("pathway_level", "count", "level of the pathway the period is at (1 = first)",
       "slice `pathway_level`; transitions to the next level"),
    _e("exit_point", "text", "pathway exit point (job or credential) left at",
       "slice `exit_point`; employment and earnings at each exit point"),
    _e("credits", "count", "college credits earned during the period", "12 and 24 credits"),
    _e("credit_bearing_date", "date", "date of first enrolment in credit-bearing education",
       "first credit-bearing enrolment"),
]}

REQUIRED = ("100", "900")

# Wage values of all nines mean "information not yet available" (PIRL 1700-1706).
NOT_YET_AVAILABLE_WAGES = frozenset({999999, 9999999})


@cache
def layout() -> dict[str, str]:
    """Every element number of DOL's PIRL layout with its name."""
    with LAYOUT_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["element"]: row["name"] for row in csv.DictReader(handle)}


def layout_codes(number: str) -> set[int]:
    """The code numbers the layout prints for an element (its letter spacing undone)."""
    with LAYOUT_FILE.open(encoding="utf-8", newline="") as handle:
        text = next(r["codes"] for r in csv.DictReader(handle) if r["element"] == number)
    text = re.sub(r"\b0 (\d) =", r"0\1 =", text)
    return {int(code) for code in re.findall(r"(?:^|\s)(\d{1,2})\s?=", text)}


def column_element(name: str) -> str | None:
    """The element a column header names ("901", "PIRL 901", "pirl_901"), or None.

    Pathway columns are returned by their own name.
    """
    text = name.strip().lstrip("\ufeff")
    lowered = text.lower()
    if lowered in PATHWAY_COLUMNS:
        return lowered
    for prefix in ("pirl ", "pirl_", "pirl-", "pirl"):
        if lowered.startswith(prefix):
            text = text[len(prefix):].strip()
            break
    text = text.upper() if text.lower().startswith("calc") else text
    return text if text in layout() else None


def markdown_table() -> str:
    """The table of docs/measures.md: every element read, its codes and its use."""
    lines = ["| element | name | kind | code values | what the engine does with it |",
             "|---|---|---|---|---|"]
    for e in [*ELEMENTS.values(), *PATHWAY_COLUMNS.values()]:
        codes = "; ".join(f"{c} {label}" for c, label in e.codes.items()) or {
            "date": "YYYYMMDD or YYYY-MM-DD", "money": "dollars (cents kept)",
            "id": "text", "text": "text", "count": "whole number"}[e.kind]
        lines.append(f"| {e.number} | {e.name} | {e.kind} | {codes} | {e.use} |")
    return "\n".join(lines)
