"""The PIRL elements the measures engine reads: kind, allowed code values, meaning.

Numbers, names and code values follow DOL's ETA-9170 PIRL record layout (PY2022 Q4).
docs/measures.md explains what the engine does with each one. Columns that are not here
(and not one of the pathway columns) are reported as unknown, never silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

YES_NO = frozenset({0, 1})
YES_NO_UNKNOWN = frozenset({0, 1, 9})
PROGRAM_FLAG = frozenset({0, 1, 2, 3, 4})
CREDENTIAL_TYPES = frozenset(range(8))
TRAINING_TYPES = frozenset(range(13))


@dataclass(frozen=True)
class Element:
    number: str
    kind: str  # "id", "date", "code", "money", "text", "count"
    name: str
    codes: frozenset[int] | None = None


def _e(number: str, kind: str, name: str, codes: frozenset[int] | None = None) -> Element:
    return Element(number, kind, name, codes)


ELEMENTS: dict[str, Element] = {e.number: e for e in [
    _e("100", "id", "unique individual identifier"),
    _e("200", "date", "date of birth"),
    _e("201", "code", "sex", frozenset({1, 2, 9})),
    _e("202", "code", "individual with a disability", YES_NO_UNKNOWN),
    _e("210", "code", "Hispanic / Latino", YES_NO_UNKNOWN),
    _e("211", "code", "American Indian / Alaska Native", YES_NO_UNKNOWN),
    _e("212", "code", "Asian", YES_NO_UNKNOWN),
    _e("213", "code", "Black / African American", YES_NO_UNKNOWN),
    _e("214", "code", "Native Hawaiian / Other Pacific Islander", YES_NO_UNKNOWN),
    _e("215", "code", "White", YES_NO_UNKNOWN),
    _e("300", "code", "veteran status", YES_NO_UNKNOWN),
    _e("402", "code", "long-term unemployed at entry", YES_NO),
    _e("408", "code", "highest educational level completed at entry", frozenset(range(9))),
    _e("601", "code", "exhausting TANF within 2 years", YES_NO_UNKNOWN),
    _e("704", "code", "foster care youth at entry", YES_NO),
    _e("800", "code", "homeless or runaway youth at entry", YES_NO),
    _e("801", "code", "ex-offender at entry", YES_NO_UNKNOWN),
    _e("802", "code", "low income at entry", YES_NO),
    _e("803", "code", "English language learner at entry", YES_NO),
    _e("804", "code", "basic skills deficient / low literacy at entry", YES_NO),
    _e("805", "code", "cultural barriers at entry", YES_NO_UNKNOWN),
    _e("806", "code", "single parent at entry", YES_NO_UNKNOWN),
    _e("807", "code", "displaced homemaker at entry", YES_NO),
    _e("808", "code", "migrant and seasonal farmworker", frozenset(range(6))),
    _e("900", "date", "date of program entry"),
    _e("901", "date", "date of program exit"),
    _e("903", "code", "Adult (WIOA)", PROGRAM_FLAG),
    _e("904", "code", "Dislocated Worker (WIOA)", PROGRAM_FLAG),
    _e("905", "code", "Youth (WIOA)", PROGRAM_FLAG),
    _e("909", "code", "Rapid Response (additional assistance)", YES_NO_UNKNOWN),
    _e("910", "code", "Adult Education (WIOA Title II)", YES_NO_UNKNOWN),
    _e("917", "code", "Vocational Rehabilitation", frozenset({0, 1, 2, 3, 9})),
    _e("918", "code", "Wagner-Peyser Employment Service", frozenset({0, 1, 2, 9})),
    _e("923", "code", "other reasons for exit", frozenset(range(8))),
    _e("1300", "code", "received training", YES_NO),
    _e("1303", "code", "type of training service #1", TRAINING_TYPES),
    _e("1310", "code", "type of training service #2", TRAINING_TYPES),
    _e("1315", "code", "type of training service #3", TRAINING_TYPES),
    _e("1332", "code", "postsecondary education during participation", YES_NO),
    _e("1401", "code", "enrolled in secondary education program", YES_NO),
    _e("1406", "date", "date enrolled in post-exit education or training"),
    _e("1600", "code", "employed in 1st quarter after exit quarter", YES_NO_UNKNOWN),
    _e("1602", "code", "employed in 2nd quarter after exit quarter", YES_NO_UNKNOWN),
    # 5 is not in the PY2022 layout; the operational definition still names it, so accept it.
    _e("1603", "code", "type of employment match 2nd quarter", frozenset({0, 1, 2, 5, 9})),
    _e("1604", "code", "employed in 3rd quarter after exit quarter", YES_NO_UNKNOWN),
    _e("1606", "code", "employed in 4th quarter after exit quarter", YES_NO_UNKNOWN),
    _e("1618", "code", "retention with the same employer Q2 and Q4", YES_NO),
    _e("1700", "money", "wages 3rd quarter prior to participation quarter"),
    _e("1701", "money", "wages 2nd quarter prior to participation quarter"),
    _e("1702", "money", "wages 1st quarter prior to participation quarter"),
    _e("1703", "money", "wages 1st quarter after exit quarter"),
    _e("1704", "money", "wages 2nd quarter after exit quarter"),
    _e("1705", "money", "wages 3rd quarter after exit quarter"),
    _e("1706", "money", "wages 4th quarter after exit quarter"),
    _e("1800", "code", "type of recognized credential #1", CREDENTIAL_TYPES),
    _e("1801", "date", "date attained recognized credential #1"),
    _e("1802", "code", "type of recognized credential #2", CREDENTIAL_TYPES),
    _e("1803", "date", "date attained recognized credential #2"),
    _e("1804", "code", "type of recognized credential #3", CREDENTIAL_TYPES),
    _e("1805", "date", "date attained recognized credential #3"),
    _e("1806", "date", "date of most recent MSG: educational functioning level"),
    _e("1807", "date", "date of most recent MSG: postsecondary transcript"),
    _e("1808", "date", "date of most recent MSG: secondary transcript"),
    _e("1809", "date", "date of most recent MSG: training milestone"),
    _e("1810", "date", "date of most recent MSG: skills progression"),
    _e("1811", "date", "date enrolled in education or training during participation"),
    _e("1813", "date", "date completed education or training during participation"),
    _e("1900", "code", "youth placement 2nd quarter after exit", frozenset({0, 1, 2, 3})),
    _e("1901", "code", "youth placement 4th quarter after exit", frozenset({0, 1, 2, 3})),
]}

# Columns a partnership may add for pathway measures and slicing; not PIRL elements.
PATHWAY_COLUMNS: dict[str, Element] = {e.number: e for e in [
    _e("provider", "text", "provider that served the period"),
    _e("pathway", "text", "career pathway the period belongs to"),
    _e("pathway_level", "count", "level of the pathway the period is at (1 = first)"),
    _e("exit_point", "text", "pathway exit point (job or credential) the period left at"),
    _e("credits", "count", "college credits earned during the period"),
    _e("credit_bearing_date", "date", "date of first enrolment in credit-bearing education"),
]}

REQUIRED = ("100", "900")

# Wage values of all nines mean "information not yet available" (PIRL 1703-1706).
NOT_YET_AVAILABLE_WAGES = frozenset({999999, 9999999})


def column_element(name: str) -> str | None:
    """The element a column header names ("901", "PIRL 901", "pirl_901"), or None."""
    text = name.strip()
    lowered = text.lower()
    if lowered in PATHWAY_COLUMNS:
        return lowered
    for prefix in ("pirl ", "pirl_", "pirl-", "pirl"):
        if lowered.startswith(prefix):
            text = text[len(prefix):].strip()
            break
    return text if text in ELEMENTS else None
