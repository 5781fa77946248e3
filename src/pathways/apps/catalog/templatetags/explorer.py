"""Template filters for the public explorer: money, weeks, plain-language eligibility."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy

from pathways.apps.catalog import display
from pathways.apps.catalog.models import ComponentCondition, EntryPoint, Wage

register = template.Library()


@register.filter
def usd(amount: display.Money) -> str:
    return display.usd(amount)


@register.filter
def cost(amount: display.Money) -> str:
    return display.cost_label(amount)


@register.filter
def weeks(count: int | None) -> str:
    return display.weeks_label(count)


@register.filter
def who_for(entry: EntryPoint) -> list[str]:
    return display.who_for(entry)


@register.filter
def wage(row: Wage, field: str) -> str:
    """``{{ row|wage:"annual_p90" }}``: one figure, or a note that BLS did not publish it."""
    return display.wage_value(row, field)


@register.filter
def median(row: Wage | None) -> str:
    return display.median_label(row)


@register.filter
def job_zone(zone: int | None) -> str:
    return str(display.JOB_ZONES.get(zone, "")) if zone else ""


_STATUS = {
    "met": ("met", gettext_lazy("Met")),
    "not_met": ("not-met", gettext_lazy("Not met")),
    "cannot_tell": ("unknown", gettext_lazy("Cannot tell")),
}


@register.filter
def status_label(status: str) -> str:
    """The words on a WIOA badge; the colour only repeats them."""
    return str(_STATUS[status][1]) if status in _STATUS else status


@register.filter
def status_class(status: str) -> str:
    return _STATUS[status][0] if status in _STATUS else "unknown"


@register.filter
def condition_rule(condition: ComponentCondition) -> str:
    return display.condition_rule(condition)
