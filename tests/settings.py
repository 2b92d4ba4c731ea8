"""Settings for the test suite.

SQLite by default, PostgreSQL when ``DATABASE_URL`` says so. The users are a
custom user model (``accounts.User``), which proves the plugin never assumes
``auth.User``; the host page type (``testapp.HostPage``) proves its blocks
work on a site's own pages.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "tests-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "tests.accounts",
    "tests.testapp",
    "acnm_mentoring_plugin",
    "acnm_mentoring_plugin.wagtail",
    "acnm_mentoring_plugin.wagtail.pages",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "import_export",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.saml",
    "acnm_mentoring_plugin.oidc",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "example_site.content_security.SiteCSPMiddleware",
]

# The strict Content Security Policy of the example site (the same
# middleware: Wagtail's admin has inline scripts and styles allowed, members'
# pages none), and the browser tests fail on any violation.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
    },
}

ROOT_URLCONF = "tests.urls"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.config(default="sqlite:///:memory:")}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT", str(BASE_DIR / ".media"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "acnm_mentoring_plugin.sso.MentoringAccountAdapter"
ACCOUNT_USER_DISPLAY = "acnm_mentoring_plugin.sso.display_name"
SOCIALACCOUNT_ADAPTER = "acnm_mentoring_plugin.sso.MentoringSocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 3
# The association's identity provider. The tests start a real one and point
# ``server_url`` at it (tests/oidc_provider.py).
SOCIALACCOUNT_PROVIDERS = {
    "membership_oidc": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "acnm",
                "name": "ACNM",
                "client_id": "acnm-demo",
                "secret": "acnm-demo-secret",
                "settings": {
                    "server_url": "http://127.0.0.1:9/o",
                    "scope": ["openid", "profile", "email", "membership"],
                },
            }
        ],
    }
}

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_FROM_EMAIL = "mentoring@acnm.test"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_SITE_NAME = "Test association"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

ACNM_MENTORING = {
    "BASE_TEMPLATE": "testapp/base.html",
    # Most tests sign members in with a password to keep them short; the
    # sign-in tests go through the identity provider and set "staff".
    "PASSWORD_LOGIN": "everyone",
    "SITE_URL": "http://testserver",
}
