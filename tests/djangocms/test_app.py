"""The django CMS app as a site installs it: its migrations, django CMS's own
check of the settings, and the core that never imports it."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command


@pytest.mark.django_db
def test_the_plugins_configurations_have_their_migrations():
    out = StringIO()
    call_command(
        "makemigrations",
        "acnm_mentoring_djangocms",
        check=True,
        dry_run=True,
        stdout=out,
    )
    assert "No changes detected" in out.getvalue()


def test_the_app_has_a_label_of_its_own():
    config = apps.get_app_config("acnm_mentoring_djangocms")
    assert config.name == "acnm_mentoring_plugin.djangocms"
    assert str(config.verbose_name) == "Mentoring for django CMS"


@pytest.mark.django_db
def test_django_cms_finds_the_settings_complete():
    out = StringIO()
    call_command("cms", "check", stdout=out, stderr=out)
    report = out.getvalue()
    assert "Installation okay" in report, report
