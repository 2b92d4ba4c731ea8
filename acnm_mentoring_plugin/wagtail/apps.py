from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcnmMentoringWagtailConfig(AppConfig):
    name = "acnm_mentoring_plugin.wagtail"
    label = "acnm_mentoring_wagtail"
    verbose_name = _("Mentoring for Wagtail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401
        from .exports import connect

        connect()
