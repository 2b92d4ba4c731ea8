"""The example site's production settings pass Django's deployment checks,
and say which environment variable is missing when one is."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "example_site.settings_production",
    "SECRET_KEY": "k3Jx9-tests-only-q8Zr2LmW7vYp4Nf6Hs1Dc5Gb0Ta8Ue3Io9Py2Rw6Ez4Xn7Vk",
    "ALLOWED_HOSTS": "mentoring.acnm.example",
    "SITE_URL": "https://mentoring.acnm.example",
    "DATABASE_URL": "postgres://mentoring:secret@db.acnm.example/mentoring",
    "CACHE_URL": "redis://cache.acnm.example:6379/0",
    "EMAIL_HOST": "smtp.acnm.example",
    "DEFAULT_FROM_EMAIL": "ACNM Mentoring Program <mentoring@acnm.example>",
    "OIDC_SERVER_URL": "https://id.acnm.example/o",
    "OIDC_CLIENT_ID": "mentoring",
    "OIDC_CLIENT_SECRET": "not-the-real-one",
}


def manage(*args, **environment):
    # The machine's environment without Django's variables (the tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE, which no server should) or the site's own.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENVIRONMENT
        and not key.startswith("DJANGO_")
        and key != "DEBUG"
    }
    env.update({k: v for k, v in environment.items() if v is not None})
    return subprocess.run(
        [sys.executable, str(REPO / "example_site" / "manage.py"), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_production_settings_pass_the_deployment_checks():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENVIRONMENT
    )

    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "EMAIL_HOST"])
def test_a_missing_variable_is_named(missing):
    result = manage("check", **{**PRODUCTION_ENVIRONMENT, missing: None})

    assert result.returncode != 0
    assert f"The environment variable {missing} is not set" in result.stderr


# The Content Security Policy -----------------------------------------------------


def directives(response):
    policy = response["Content-Security-Policy"]
    return dict((part.split(" ", 1) + [""])[:2] for part in policy.split("; ") if part)


@pytest.mark.django_db
def test_members_pages_allow_no_inline_script_or_style(client, program):
    policy = directives(client.get(f"/mentoring/programmes/{program.slug}/award/"))

    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"


@pytest.mark.django_db
def test_wagtails_admin_allows_inline_ones_and_nothing_more(client, staff_user):
    client.force_login(staff_user)
    policy = directives(client.get("/admin/"))

    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
