"""Settings of the demo identity provider (``example_site.demo_idp.settings``).

An OpenID Connect provider built on django-oauth-toolkit: authorization code
flow with PKCE (S256) required, ID tokens signed with RS256, and the
association's membership claims. Everything is configured by environment:

- ``DEMO_IDP_ISSUER``: the issuer, default ``http://127.0.0.1:8001/o``; the
  discovery document is at ``<issuer>/.well-known/openid-configuration``.
- ``DEMO_IDP_DATABASE_URL``: the database (dj-database-url), default SQLite
  at ``var/demo_idp.sqlite3`` in the repository.
- ``DEMO_IDP_RSA_KEY_FILE``: the signing key, generated on first use,
  default ``var/demo_idp_rsa.pem`` next to the default database.
- ``DEMO_IDP_FAST_PASSWORD_HASHER``: ``true`` hashes passwords and client
  secrets with MD5, for the test suite's speed only.

Its cookies have their own names, so the provider and the example site can
both run on 127.0.0.1 (cookies ignore the port) without signing each other out.
"""

import os
from pathlib import Path

import dj_database_url

from example_site.demo_idp.keys import load_or_create_rsa_key

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = PROJECT_DIR / "var"


def env_flag(name, default):
    return os.environ.get(name, default).lower() in {"1", "true", "yes"}


SECRET_KEY = os.environ.get("DEMO_IDP_SECRET_KEY", "demo-idp-not-secret")
DEBUG = env_flag("DEMO_IDP_DEBUG", "true")
ALLOWED_HOSTS = os.environ.get("DEMO_IDP_ALLOWED_HOSTS", "127.0.0.1,localhost").split(
    ","
)

INSTALLED_APPS = [
    "example_site.demo_idp",
    "oauth2_provider",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "example_site.demo_idp.urls"
WSGI_APPLICATION = "example_site.demo_idp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Before the apps' folders: ours restyles django-oauth-toolkit's pages.
        "DIRS": [BASE_DIR / "templates"],
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

if "DEMO_IDP_DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        env="DEMO_IDP_DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'demo_idp.sqlite3'}",
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = []
if env_flag("DEMO_IDP_FAST_PASSWORD_HASHER", "false"):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Never the names the example site uses: both run on 127.0.0.1.
SESSION_COOKIE_NAME = "demo_idp_sessionid"
CSRF_COOKIE_NAME = "demo_idp_csrftoken"
LANGUAGE_COOKIE_NAME = "demo_idp_language"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"

ISSUER = os.environ.get("DEMO_IDP_ISSUER", "http://127.0.0.1:8001/o").rstrip("/")
RSA_KEY_FILE = Path(
    os.environ.get("DEMO_IDP_RSA_KEY_FILE", VAR_DIR / "demo_idp_rsa.pem")
)

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_ISS_ENDPOINT": ISSUER,
    "OIDC_RSA_PRIVATE_KEY": load_or_create_rsa_key(RSA_KEY_FILE),
    "OAUTH2_VALIDATOR_CLASS": "example_site.demo_idp.oauth2_validators.MemberValidator",
    "SCOPES": {
        "openid": "Sign you in with your ACNM membership",
        "profile": "Your name",
        "email": "Your e-mail address",
        "membership": "Your membership number, status, career stage and institution",
    },
    "DEFAULT_SCOPES": ["openid"],
    "PKCE_REQUIRED": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    # RFC 9700, OAuth 2.0 Security Best Current Practice: S256 only, no
    # implicit or password grants, bearer tokens in the header only, the
    # issuer in the authorization response, tokens hashed at rest.
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "OIDC_RESPONSE_TYPES_SUPPORTED": ["code"],
    # RFC 8252: a redirect URI on 127.0.0.1 (and here localhost) matches any
    # port, so one registration serves a site on whatever port it runs.
    "ALLOW_LOCALHOST_LOOPBACK": True,
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {
            "handlers": ["console"],
            "level": "ERROR",
            "propagate": False,
        },
        "oauth2_provider": {"handlers": ["console"], "level": "WARNING"},
    },
}
