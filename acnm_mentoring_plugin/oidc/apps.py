from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipOIDCConfig(AppConfig):
    name = "acnm_mentoring_plugin.oidc"
    label = "acnm_mentoring_oidc"
    verbose_name = _("Membership sign-in (OpenID Connect)")
