from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcnmMentoringDjangoCMSConfig(AppConfig):
    name = "acnm_mentoring_plugin.djangocms"
    label = "acnm_mentoring_djangocms"
    verbose_name = _("Mentoring for django CMS")
    default_auto_field = "django.db.models.BigAutoField"
