"""Template tags for public pathway pages: ``{% pathway_employers pathway as partners %}``
and ``{% exit_requirements partners exit as requirements %}``."""

from django import template

from pathways.apps.employers import public

register = template.Library()


@register.simple_tag
def pathway_employers(pathway) -> public.PathwayEmployers:
    return public.pathway_employers(pathway)


@register.simple_tag
def exit_requirements(partners: public.PathwayEmployers, exit_point) -> list:
    return partners.for_exit(exit_point.pk)
