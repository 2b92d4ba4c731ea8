"""Settings for the django CMS tests (``tests/djangocms``): both CMSes at once.

Everything of ``tests.settings``, plus django CMS and the mentoring plugin's
django CMS app. django CMS serves its pages from the root; Wagtail's pages
move under ``/wagtail/`` (``tests.urls_djangocms``), the only place where the
two meet.
"""

from tests.settings import *  # noqa: F403
from tests.settings import BASE_DIR, INSTALLED_APPS, MIDDLEWARE, TEMPLATES

INSTALLED_APPS = [
    *INSTALLED_APPS,
    "acnm_mentoring_plugin.djangocms",
    "django.contrib.sites",
    "cms",
    "menus",
    "treebeard",
    "sekizai",
]

MIDDLEWARE = [
    *MIDDLEWARE[:1],
    "django.middleware.locale.LocaleMiddleware",
    *MIDDLEWARE[1:],
    "cms.middleware.user.CurrentUserMiddleware",
    "cms.middleware.page.CurrentPageMiddleware",
    "cms.middleware.toolbar.ToolbarMiddleware",
    "cms.middleware.language.LanguageCookieMiddleware",
]

TEMPLATES = [
    {
        **TEMPLATES[0],
        "DIRS": [BASE_DIR / "djangocms" / "templates"],
        "OPTIONS": {
            **TEMPLATES[0]["OPTIONS"],
            "context_processors": [
                *TEMPLATES[0]["OPTIONS"]["context_processors"],
                "django.template.context_processors.i18n",
                "cms.context_processors.cms_settings",
                "sekizai.context_processors.sekizai",
            ],
        },
    }
]

ROOT_URLCONF = "tests.urls_djangocms"

SITE_ID = 1
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
CMS_TEMPLATES = [("djangocms_tests/page.html", "Page")]
