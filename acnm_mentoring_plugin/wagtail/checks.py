from django.apps import apps
from django.core.checks import Error, register


@register()
def check_core_installed(app_configs=None, **kwargs):
    if apps.is_installed("acnm_mentoring_plugin"):
        return []
    return [
        Error(
            "The Wagtail integration of the mentoring plugin needs the core app.",
            hint="Add 'acnm_mentoring_plugin' to INSTALLED_APPS, above "
            "'acnm_mentoring_plugin.wagtail'.",
            id="acnm_mentoring_wagtail.E001",
        )
    ]
