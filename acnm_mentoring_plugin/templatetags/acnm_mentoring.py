from django import template

from ..conf import mentoring_settings

register = template.Library()


@register.simple_tag
def mentoring_setting(name):
    """A setting of ``ACNM_MENTORING`` in a template, from its one place."""
    return getattr(mentoring_settings, name)
