"""The example site on django CMS: the same association, programme and
members as the Wagtail example, with django CMS serving the pages and the
mentoring plugins placed in them, set up as docs/djangocms.md tells a host to.

``make demo-djangocms`` runs it on its own SQLite file
(``example_site_djangocms.sqlite3``); ``DATABASE_URL`` selects another
database.

Wagtail stays installed and its admin stays at /admin/: the example's own
app and seed command are Wagtail's, and programme staff review, match and
export there as on the Wagtail site. Wagtail serves no page here: django CMS
serves every page from the root, and its pages are edited in its toolbar
and in Django's admin at /django-admin/.
"""

import dj_database_url
from django.utils.translation import gettext_lazy as _

from example_site.settings import *  # noqa: F403
from example_site.settings import INSTALLED_APPS, MIDDLEWARE, PROJECT_DIR, TEMPLATES

_CORE = INSTALLED_APPS.index("acnm_mentoring_plugin") + 1
INSTALLED_APPS = [
    *INSTALLED_APPS[:_CORE],
    # The mentoring plugin's django CMS integration: its plugins.
    "acnm_mentoring_plugin.djangocms",
    *INSTALLED_APPS[_CORE:],
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
        "OPTIONS": {
            **TEMPLATES[0]["OPTIONS"],
            "context_processors": [
                *TEMPLATES[0]["OPTIONS"]["context_processors"],
                "django.template.context_processors.i18n",
                "sekizai.context_processors.sekizai",
                "cms.context_processors.cms_settings",
            ],
        },
    }
]

ROOT_URLCONF = "example_site.urls_djangocms"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{PROJECT_DIR / 'example_site_djangocms.sqlite3'}",
        conn_max_age=600,
    )
}

SITE_ID = 1
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
CMS_TEMPLATES = [("djangocms/page.html", _("Page of the College's site"))]
# django CMS edits pages in frames of the same site.
X_FRAME_OPTIONS = "SAMEORIGIN"

# django CMS 5.1's page manager is not yet the subclass treebeard 5.3 asks
# for; a warning about django CMS itself, shown on every command otherwise.
SILENCED_SYSTEM_CHECKS = ["treebeard.E001"]
