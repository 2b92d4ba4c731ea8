"""System checks that tell a host site what its set-up is missing, and the fix."""

from django.apps import apps
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from .conf import mentoring_settings

SSO = "acnm_mentoring_plugin.sso"

REQUIRED_APPS = {
    "django.contrib.auth": "E001",
    "django.contrib.contenttypes": "E002",
    "django.contrib.sessions": "E003",
    "django.contrib.messages": "E004",
}


@register()
def check_installed_apps(app_configs=None, **kwargs):
    problems = []
    for app, code in REQUIRED_APPS.items():
        if not apps.is_installed(app):
            problems.append(
                Error(
                    f"The mentoring plugin needs {app!r} in INSTALLED_APPS.",
                    hint=f"Add {app!r} to INSTALLED_APPS.",
                    id=f"acnm_mentoring.{code}",
                )
            )
    if not (apps.is_installed("modelsearch") or apps.is_installed("wagtail.search")):
        problems.append(
            Error(
                "The mentor directory's search needs django-modelsearch, and "
                "neither 'modelsearch' nor 'wagtail.search' is in INSTALLED_APPS.",
                hint="Wagtail sites have 'wagtail.search' already; other sites "
                "add 'modelsearch' to INSTALLED_APPS and run migrate.",
                id="acnm_mentoring.E010",
            )
        )
    if not apps.is_installed("allauth.account"):
        problems.append(
            Warning(
                "django-allauth is not installed, so members cannot sign in "
                "with the association's single sign-on.",
                hint="Add 'allauth', 'allauth.account' and "
                "'allauth.socialaccount' to INSTALLED_APPS and "
                "'allauth.account.middleware.AccountMiddleware' to MIDDLEWARE; "
                "see docs/install.md.",
                id="acnm_mentoring.W001",
            )
        )
    return problems


@register()
def check_settings(app_configs=None, **kwargs):
    try:
        mentoring_settings.reload()
        mentoring_settings.BASE_TEMPLATE  # noqa: B018 (loads and validates)
    except ImproperlyConfigured as error:
        return [
            Error(
                str(error),
                hint="Remove or correct the unknown keys in ACNM_MENTORING.",
                id="acnm_mentoring.E005",
            )
        ]
    return []


@register(Tags.templates)
def check_base_template(app_configs=None, **kwargs):
    try:
        name = mentoring_settings.BASE_TEMPLATE
    except ImproperlyConfigured:
        return []
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return [
            Error(
                f"The mentoring pages' base template {name!r} was not found.",
                hint="Set ACNM_MENTORING['BASE_TEMPLATE'] to your site's base "
                "template (one that defines a 'content' block), or create "
                f"{name!r}.",
                id="acnm_mentoring.E006",
            )
        ]
    return []


@register(Tags.urls)
def check_url_include(app_configs=None, **kwargs):
    try:
        url = reverse("acnm_mentoring:apply", args=["programme", "mentee"])
    except NoReverseMatch:
        return [
            Error(
                "The mentoring URLs are not included in the site's URLconf.",
                hint='Add path("mentoring/", include("acnm_mentoring_plugin.urls")) '
                "to your urlpatterns (before the CMS's catch-all include).",
                id="acnm_mentoring.E007",
            )
        ]
    try:
        match = resolve(url)
    except Resolver404:
        match = None
    if match is None or match.namespace != "acnm_mentoring":
        return [
            Error(
                "The mentoring URLs are included, but another pattern above "
                f"them answers {url!r} first.",
                hint='Move path("mentoring/", include("acnm_mentoring_plugin.urls")) '
                "above the CMS's catch-all include (Wagtail's, or django CMS's "
                "cms.urls) in your urlpatterns.",
                id="acnm_mentoring.E008",
            )
        ]
    return []


@register()
def check_sign_in(app_configs=None, **kwargs):
    """The adapters that map claims, and the provider named for sign-in."""
    from django.conf import settings

    problems = []
    if not apps.is_installed("allauth.socialaccount"):
        return problems
    wanted = {
        "SOCIALACCOUNT_ADAPTER": f"{SSO}.MentoringSocialAccountAdapter",
        "ACCOUNT_ADAPTER": f"{SSO}.MentoringAccountAdapter",
    }
    for name, dotted in wanted.items():
        configured = getattr(settings, name, None)
        if configured is None or not _is_subclass(configured, dotted):
            problems.append(
                Warning(
                    f"{name} is not the mentoring plugin's adapter (or a subclass), "
                    "so sign-in does not keep members in line with the identity "
                    "provider.",
                    hint=f'Set {name} = "{dotted}".',
                    id="acnm_mentoring.W002",
                )
            )
    try:
        provider_id = mentoring_settings.SIGN_IN_PROVIDER
    except ImproperlyConfigured:
        return problems
    if provider_id and not _provider_configured(provider_id):
        problems.append(
            Error(
                f"ACNM_MENTORING['SIGN_IN_PROVIDER'] is {provider_id!r}, but no "
                "allauth provider app has that provider id.",
                hint="Add an app with that provider_id under "
                "SOCIALACCOUNT_PROVIDERS (see docs/sso.md), or correct the setting.",
                id="acnm_mentoring.E009",
            )
        )
    return problems


def _is_subclass(dotted, base_dotted):
    from django.utils.module_loading import import_string

    try:
        return issubclass(import_string(dotted), import_string(base_dotted))
    except ImportError:
        return False


def _provider_configured(provider_id):
    from django.conf import settings

    for provider in (getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}) or {}).values():
        for app in provider.get("APPS", []) or []:
            if provider_id in (app.get("provider_id"), app.get("client_id")):
                return True
    from allauth.socialaccount.models import SocialApp

    try:
        return SocialApp.objects.filter(provider_id=provider_id).exists()
    except Exception:  # noqa: BLE001 - the database may not exist yet at check time
        return False
