from django import template

from ..conf import mentoring_settings
from ..formats import when

register = template.Library()


@register.simple_tag
def mentoring_setting(name):
    """A setting of ``ACNM_MENTORING`` in a template, from its one place."""
    return getattr(mentoring_settings, name)


@register.filter
def moment(value):
    """A deadline or a date-time, in the site's time zone, with its name."""
    return when(value) if value else ""
