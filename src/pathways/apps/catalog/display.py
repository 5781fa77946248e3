"""Plain-language wording and number formats for the public explorer.

Shared by the SVG map (which lays text out itself) and the template filters. Readers are
often new to English or to college words, so sentences are short and say "you".
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from pathways.apps.catalog.models import ComponentCondition, EntryPoint, Wage

# Dollars keep U.S. grouping in every language: the amounts are U.S. prices and wages.
Money = int | Decimal | float | None


def usd(amount: Money) -> str:
    """``1200`` -> ``$1,200``; cents only when there are any; '' for None."""
    if amount is None:
        return ""
    value = Decimal(amount)
    if value == value.to_integral_value():
        return f"${int(value):,}"
    return f"${value:,.2f}"


def cost_label(amount: Money) -> str:
    if amount is None:
        return _("Cost not listed")
    if Decimal(amount) == 0:
        return _("Free")
    return usd(amount)


def weeks_label(weeks: int | None) -> str:
    if weeks is None:
        return _("Length not listed")
    return ngettext("%(n)s week", "%(n)s weeks", weeks) % {"n": weeks}


# O*NET's own names for its five job zones.
JOB_ZONES: dict[int, Promise] = {
    1: gettext_lazy("Little or no preparation needed"),
    2: gettext_lazy("Some preparation needed"),
    3: gettext_lazy("Medium preparation needed"),
    4: gettext_lazy("Considerable preparation needed"),
    5: gettext_lazy("Extensive preparation needed"),
}

_NEEDS_AT_LEAST = {
    "below_9": gettext_lazy("You need some schooling."),
    "some_hs": gettext_lazy("You need some high school."),
    "hs": gettext_lazy("You need a high school diploma or GED."),
    "some_college": gettext_lazy("You need some college or a certificate."),
    "associate": gettext_lazy("You need an associate degree."),
    "bachelor": gettext_lazy("You need a bachelor's degree."),
}
_FOR_AT_MOST = {
    "none": gettext_lazy("For people without a high school diploma or GED."),
    "below_9": gettext_lazy("For people without a high school diploma or GED."),
    "some_hs": gettext_lazy("For people without a high school diploma or GED."),
    "hs": gettext_lazy("For people who have not been to college."),
    "some_college": gettext_lazy("For people without a college degree."),
    "associate": gettext_lazy("For people without a bachelor's degree."),
}
_ENGLISH = {
    "limited": gettext_lazy("limited English"),
    "intermediate": gettext_lazy("some English"),
    "proficient": gettext_lazy("fluent English"),
}


# The school grades each NRS adult basic education level stands for (the NRS level
# descriptors give grade-level equivalents): ABE3, a CASAS reading score of 211 to 220, is
# reading at about a 4th to 5th grade level.
ABE_GRADES: dict[str, tuple[int, int]] = {
    "ABE1": (1, 1), "ABE2": (2, 3), "ABE3": (4, 5), "ABE4": (6, 8), "ABE5": (9, 10),
    "ABE6": (11, 12),
}
# English (ESL) levels have no school grade: three words a learner knows instead.
ESL_WORDS: dict[str, Promise] = {
    "ESL1": gettext_lazy("beginning"), "ESL2": gettext_lazy("beginning"),
    "ESL3": gettext_lazy("beginning"), "ESL4": gettext_lazy("intermediate"),
    "ESL5": gettext_lazy("intermediate"), "ESL6": gettext_lazy("advanced"),
}


def _efl_sentence(low: str, high: str) -> str:
    """NRS levels (ABE3, ESL6) in words a learner can act on: a school grade for reading
    and math, beginning/intermediate/advanced for English. No level codes, no test scores."""
    if (low or high).startswith("ESL"):
        words = {"low": ESL_WORDS.get(low, ""), "high": ESL_WORDS.get(high, "")}
        if low and high and words["low"] == words["high"]:
            return _("Your English: %(low)s.") % words
        if low and high:
            return _("Your English: from %(low)s to %(high)s.") % words
        if low:
            return _("Your English: %(low)s or better.") % words
        return _("Your English: %(high)s or lower.") % words
    grades = {"low": ABE_GRADES.get(low, (0, 0))[0], "high": ABE_GRADES.get(high, (0, 0))[1]}
    if low and high:
        return _("You read and do math at about a grade %(low)s to %(high)s level.") % grades
    if low:
        return _("You read and do math at about a grade %(low)s level or higher.") % grades
    return _("You read and do math at about a grade %(high)s level or lower.") % grades


def who_for(entry: EntryPoint) -> list[str]:
    """Sentences saying who an entry point is for, built from its eligibility fields."""
    said: list[str] = []
    if entry.max_education in _FOR_AT_MOST:
        said.append(str(_FOR_AT_MOST[entry.max_education]))
    if entry.min_education in _NEEDS_AT_LEAST:
        said.append(str(_NEEDS_AT_LEAST[entry.min_education]))
    levels = [code for code in entry.english_levels or [] if code in _ENGLISH]
    if levels and set(levels) != set(_ENGLISH):
        names = [str(_ENGLISH[code]) for code in levels]
        joined = names[0] if len(names) == 1 else _("%(first)s or %(last)s") % {
            "first": ", ".join(names[:-1]), "last": names[-1]}
        said.append(_("Good if you speak %(levels)s.") % {"levels": joined})
    if entry.min_efl or entry.max_efl:
        said.append(_efl_sentence(entry.min_efl, entry.max_efl))
        said.append(_("Not sure of your level? The adult education center can test you "
                      "for free."))
    if entry.prerequisites:
        said.append(_("Also needed: %(what)s") % {"what": entry.prerequisites})
    if not said:
        said.append(_("Open to everyone."))
    return said


def wage_value(wage: Wage, field: str) -> str:
    """One annual wage figure, saying so when BLS published it only as above its top code."""
    value = getattr(wage, field)
    if value is not None:
        return usd(value)
    if field in (wage.top_coded or []):
        return _("top figure or more")
    return "—"


def median_label(wage: Wage | None) -> str:
    """A short median for tight spaces (the map): annual, else hourly, else ''."""
    if wage is None:
        return ""
    if wage.annual_median is not None:
        return _("%(amount)s a year") % {"amount": usd(wage.annual_median)}
    if "annual_median" in (wage.top_coded or []):
        return _("top BLS figure or more a year")
    if wage.hourly_median is not None:
        return _("%(amount)s an hour") % {"amount": usd(wage.hourly_median)}
    return ""


def condition_rule(condition: ComponentCondition) -> str:
    """What a condition asks for, as one sentence naming its target steps."""
    names = ", ".join(target.name for target in condition.targets.all())
    if not names:
        return ""
    if condition.required_credits is not None:
        return _("At least %(n)s credits from: %(names)s") % {
            "n": f"{condition.required_credits.normalize():f}", "names": names}
    if condition.required_number is not None:
        return _("At least %(n)s of: %(names)s") % {"n": condition.required_number,
                                                     "names": names}
    wording = {
        ComponentCondition.Operator.OR: _("Any of: %(names)s"),
        ComponentCondition.Operator.NOT: _("None of: %(names)s"),
    }.get(condition.logical_operator, _("All of: %(names)s"))
    return wording % {"names": names}
