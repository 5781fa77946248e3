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


def _efl_sentence(low: str, high: str) -> str:
    """NRS levels (ABE3, ESL6) as a sentence a learner can act on."""
    sample = low or high
    params = {"low": (low or "?")[3:], "high": (high or "?")[3:]}
    if sample.startswith("ESL"):
        if low and high:
            return _("English class level %(low)s to %(high)s (of 6).") % params
        if low:
            return _("English class level %(low)s or higher (of 6).") % params
        return _("English class level %(high)s or lower (of 6).") % params
    if low and high:
        return _("Reading and math level %(low)s to %(high)s (of 6).") % params
    if low:
        return _("Reading and math level %(low)s or higher (of 6).") % params
    return _("Reading and math level %(high)s or lower (of 6).") % params


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
