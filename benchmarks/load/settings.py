"""The example site as production runs it, on loopback for the load test.

From ``example_site.settings_production`` (the example site's own settings
when that module is absent), with the environment it requires set by the
benchmark (``__main__.environment``), and what a measurement on one machine
needs: ``DEBUG`` off, plain HTTP on 127.0.0.1 (no TLS, so no redirect to
HTTPS and no cookie held back for it), the form limits raised far above
what one member posts in a run, so the form post is measured rather than
refused, and one more URL: a plain text response, the floor every page
starts from.
"""

try:
    from example_site.settings_production import *  # noqa: F403
except ModuleNotFoundError as missing:
    if missing.name != "example_site.settings_production":
        raise
    from example_site.settings import *  # noqa: F403

    SETTINGS_BASE = "example_site.settings"
else:
    SETTINGS_BASE = "example_site.settings_production"

from acnm_mentoring_plugin.conf import DEFAULTS

from . import HOST

DEBUG = False
ALLOWED_HOSTS = [HOST, "localhost"]
ROOT_URLCONF = "benchmarks.load.urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
# Static files are not served here: their names need no manifest (which
# collectstatic would write).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}

ACNM_MENTORING = {**ACNM_MENTORING}  # noqa: F405
if "RATE_LIMITS" in DEFAULTS:
    # Counted as ever, never reached: a run posts a few thousand forms.
    ACNM_MENTORING["RATE_LIMITS"] = {"member": "1000000/m", "ip": "1000000/m"}
