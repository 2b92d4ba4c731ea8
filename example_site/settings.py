"""Settings of the example site: a Wagtail site of an association that runs
the mentoring programme, set up exactly as docs/install.md tells a host to.

SQLite by default; ``DATABASE_URL`` selects another database.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "example-site-not-secret")
DEBUG = os.environ.get("DEBUG", "true").lower() == "true"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "example_site.home",
    # The mentoring plugin: the core app, its Wagtail integration and its pages.
    "acnm_mentoring_plugin",
    "acnm_mentoring_plugin.wagtail",
    "acnm_mentoring_plugin.wagtail.pages",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
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
    "csp",
    # Sign-in with the association's identity provider (OpenID Connect, ID
    # token signatures checked).
    "acnm_mentoring_plugin.oidc",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Public pages for visitors without cookies, kept for a minute (first and
    # last, as Django's cache middleware needs): example_site/page_cache.py.
    "example_site.page_cache.UpdatePublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # django-csp's, with editors' tools held to their own policy:
    # content_security.py.
    "example_site.content_security.SiteCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "example_site.page_cache.FetchPublicPageCacheMiddleware",
]
CACHE_MIDDLEWARE_SECONDS = 60

# Content Security Policy (django-csp): scripts and styles from this site's
# own files only, never inline, on members' pages; editors' tools allow
# inline ones (content_security.py; docs/install.md, "Content Security
# Policy"). NONCE lets a template of the site's own run an inline script
# with nonce="{{ request.csp_nonce }}"; the plugin's pages need none. Images
# may be data: URIs (Wagtail's admin uses some). form-action is left open
# here for the demo identity provider; settings_production.py names the
# real one.
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

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "example_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{PROJECT_DIR / 'example_site.sqlite3'}",
        conn_max_age=600,
    )
}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = PROJECT_DIR / "var" / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "acnm_mentoring_plugin.sso.MentoringAccountAdapter"
ACCOUNT_USER_DISPLAY = "acnm_mentoring_plugin.sso.display_name"
SOCIALACCOUNT_ADAPTER = "acnm_mentoring_plugin.sso.MentoringSocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
# Sign-in attempts, by allauth (these are its defaults, named here to be
# seen): "login" counts every sign-in form sent from an address,
# "login_failed" wrong passwords from an address and for one account.
# Over them, allauth answers 429 with templates/429.html.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
SOCIALACCOUNT_STORE_TOKENS = False

# The association's identity provider. By default the example site uses the
# demo identity provider that `make demo` starts on port 8001 (a demo only:
# example_site/demo_idp); point these variables at a real provider instead.
SOCIALACCOUNT_PROVIDERS = {
    "membership_oidc": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "acnm",
                "name": os.environ.get("OIDC_NAME", "ACNM"),
                "client_id": os.environ.get("OIDC_CLIENT_ID", "acnm-demo"),
                "secret": os.environ.get("OIDC_CLIENT_SECRET", "acnm-demo-secret"),
                "settings": {
                    "server_url": os.environ.get(
                        "OIDC_SERVER_URL", "http://127.0.0.1:8001/o"
                    ),
                    "scope": ["openid", "profile", "email", "membership"],
                },
            }
        ],
    }
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = "ACNM Mentoring Program <mentoring@acnm.example>"

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_SITE_NAME = "American College of Nuclear Medicine"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

ACNM_MENTORING = {
    "BASE_TEMPLATE": "base.html",
    # base.html shows Django's messages at the top of every page.
    "SHOW_MESSAGES": False,
    "SITE_URL": WAGTAILADMIN_BASE_URL,
    # Members sign in with ACNM (the demo identity provider under `make demo`);
    # passwords on this site are for staff and editors, for the admin.
    # ACNM_SIGN_IN_PROVIDER= (empty) and ACNM_PASSWORD_LOGIN=everyone let demo
    # members use their passwords here instead, without the provider.
    "SIGN_IN_PROVIDER": os.environ.get("ACNM_SIGN_IN_PROVIDER", "acnm") or None,
    "PASSWORD_LOGIN": os.environ.get("ACNM_PASSWORD_LOGIN", "staff"),
}
