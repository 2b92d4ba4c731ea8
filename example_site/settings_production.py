"""The example site as an association runs it in production.

Everything of example_site/settings.py, with what differs on a public server
read from the environment, so no secret lives in the repository::

    DJANGO_SETTINGS_MODULE=example_site.settings_production

Required (the site refuses to start without them, and says which is missing):
``SECRET_KEY``, ``ALLOWED_HOSTS``, ``SITE_URL``, ``DATABASE_URL``,
``CACHE_URL``, ``EMAIL_HOST`` and ``DEFAULT_FROM_EMAIL``; the identity
provider's ``OIDC_SERVER_URL``, ``OIDC_CLIENT_ID`` and ``OIDC_CLIENT_SECRET``.
Optional ones are named where they are read. ``manage.py check --deploy``
passes with no warning; docs/install.md ("Production settings") walks through
it.
"""

import os
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403
from .settings import ACNM_MENTORING, CONTENT_SECURITY_POLICY, SOCIALACCOUNT_PROVIDERS


def required(name, what):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is not set: it must hold {what} "
            "(example_site/settings_production.py, docs/install.md)."
        )
    return value


def optional(name, default):
    return os.environ.get(name, "").strip() or default


def flag(name, default):
    return optional(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = False

SECRET_KEY = required(
    "SECRET_KEY",
    "a long random string of at least 50 characters, e.g. from "
    "`python -c 'from django.core.management.utils import "
    "get_random_secret_key as k; print(k())'`",
)
ALLOWED_HOSTS = [
    host.strip()
    for host in required(
        "ALLOWED_HOSTS", "the site's host names, comma-separated (mentoring.acnm.org)"
    ).split(",")
    if host.strip()
]
SITE_URL = required("SITE_URL", "the site's address as members reach it (https://...)")
WAGTAILADMIN_BASE_URL = SITE_URL
ACNM_MENTORING = {**ACNM_MENTORING, "SITE_URL": SITE_URL}

DATABASES = {
    "default": dj_database_url.parse(
        required("DATABASE_URL", "the database's URL (postgres://user:pw@host/name)"),
        conn_max_age=600,
        conn_health_checks=True,
    )
}


def cache_from_url(url):
    """Django's cache settings for ``CACHE_URL``.

    The cache holds the counts of the rate limits and the kept public pages:
    every app server must share it, so Redis or Memcached. ``locmem://`` keeps
    it in each process: for a site that runs as one process only.
    """
    scheme = urlsplit(url).scheme
    if scheme in {"redis", "rediss"}:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
        }
    if scheme == "memcached":
        return {
            "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
            "LOCATION": urlsplit(url).netloc,
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL {url!r} is not understood: use redis://host:6379/0, "
        "rediss://..., memcached://host:11211 or locmem:// (one process only)."
    )


CACHES = {
    "default": cache_from_url(
        required("CACHE_URL", "the shared cache's URL (redis://host:6379/0)")
    )
}

# E-mail through the association's SMTP server.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = required("EMAIL_HOST", "the SMTP server's host name")
EMAIL_PORT = int(optional("EMAIL_PORT", "587"))
EMAIL_HOST_USER = optional("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = optional("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = flag("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = flag("EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = required(
    "DEFAULT_FROM_EMAIL", "the sender of the site's e-mails (Mentoring <mentoring@...>)"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The association's identity provider: no demo defaults in production.
OIDC_SERVER_URL = required(
    "OIDC_SERVER_URL", "the identity provider's OpenID Connect address"
)
_oidc_app = SOCIALACCOUNT_PROVIDERS["membership_oidc"]["APPS"][0]
SOCIALACCOUNT_PROVIDERS = {
    "membership_oidc": {
        **SOCIALACCOUNT_PROVIDERS["membership_oidc"],
        "APPS": [
            {
                **_oidc_app,
                "client_id": required("OIDC_CLIENT_ID", "the site's client id there"),
                "secret": required("OIDC_CLIENT_SECRET", "the site's client secret"),
                "settings": {**_oidc_app["settings"], "server_url": OIDC_SERVER_URL},
            }
        ],
    }
}
# The sign-in form posts here and is redirected to the provider: a browser
# holds that redirect to form-action too.
_provider = urlsplit(OIDC_SERVER_URL)
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "form-action": ["'self'", f"{_provider.scheme}://{_provider.netloc}"],
        "upgrade-insecure-requests": True,
    },
}

# HTTPS only. Behind a proxy that ends TLS, TRUST_X_FORWARDED_PROTO=true lets
# Django see the request was secure (the proxy must set the header itself);
# TRUSTED_PROXY_COUNT says how many proxies add to X-Forwarded-For, so the
# sign-in and form limits count the member's address, not the proxy's.
if flag("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
ALLAUTH_TRUSTED_PROXY_COUNT = int(optional("TRUSTED_PROXY_COUNT", "0"))
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# A year of HSTS, for this host and any below it. Preload only marks the site
# as willing: it joins browsers' lists only when someone submits it.
SECURE_HSTS_SECONDS = int(optional("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Static files with hashed names (run collectstatic on each release), served
# by the web server in front from STATIC_ROOT.
STATIC_ROOT = optional("STATIC_ROOT", str(STATIC_ROOT))  # noqa: F405
MEDIA_ROOT = optional("MEDIA_ROOT", str(MEDIA_ROOT))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": optional("LOG_LEVEL", "WARNING")},
}
