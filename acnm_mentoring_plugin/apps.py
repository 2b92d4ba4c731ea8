from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcnmMentoringConfig(AppConfig):
    name = "acnm_mentoring_plugin"
    label = "acnm_mentoring"
    verbose_name = _("Mentoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported for their side effects: system checks register themselves.
        from . import checks  # noqa: F401
        from .directory_cache import connect

        connect()
