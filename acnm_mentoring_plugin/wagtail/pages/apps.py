from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcnmMentoringPagesConfig(AppConfig):
    name = "acnm_mentoring_plugin.wagtail.pages"
    label = "acnm_mentoring_pages"
    verbose_name = _("Mentoring pages")
    default_auto_field = "django.db.models.BigAutoField"
