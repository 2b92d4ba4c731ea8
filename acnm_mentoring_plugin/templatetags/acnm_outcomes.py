"""The link from "My mentoring" to a mentee's outcomes page."""

from django import template

from ..outcomes import outcome_programs as programs_of

register = template.Library()


@register.simple_tag
def outcome_programs(member):
    """The programmes where ``member`` records outcomes, for their links."""
    return programs_of(member)
