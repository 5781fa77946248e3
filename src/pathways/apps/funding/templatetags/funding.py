"""``{% ways_to_pay pathway as ways %}`` and ``ways|way_for:step.pk``: the public pathway
page's "Ways to pay" for each step, from the pathway's funding map."""

from __future__ import annotations

from django import template

from pathways.apps.funding.fundingmap import Line, funding_map

register = template.Library()


@register.simple_tag
def ways_to_pay(pathway) -> dict[int, Line]:
    return {line.pk: line for line in funding_map(pathway) if line.what == "step"}


@register.filter
def way_for(ways: dict[int, Line], pk: int) -> Line | None:
    return ways.get(pk)
