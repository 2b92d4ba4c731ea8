"""System checks tell a host site what its set-up is missing, and the fix."""

import pytest
from django.core import checks
from django.test import override_settings
from django.urls import clear_url_caches

from acnm_mentoring_plugin.conf import mentoring_settings


def run(tags=None):
    return {
        message.id: message
        for message in checks.run_checks(tags=tags)
        if message.id and message.id.startswith("acnm_mentoring")
    }


def test_a_complete_set_up_passes_every_check():
    assert run() == {}


def test_missing_url_include_says_which_line_to_add():
    with override_settings(ROOT_URLCONF="tests.urls_without_mentoring"):
        clear_url_caches()
        found = run()
    clear_url_caches()
    assert "acnm_mentoring.E007" in found
    assert 'include("acnm_mentoring_plugin.urls")' in found["acnm_mentoring.E007"].hint


def test_include_placed_after_wagtails_catch_all_is_reported():
    with override_settings(ROOT_URLCONF="tests.urls_mentoring_after_wagtail"):
        clear_url_caches()
        found = run()
    clear_url_caches()
    assert "acnm_mentoring.E008" in found
    assert "above the CMS's catch-all" in found["acnm_mentoring.E008"].hint


def test_missing_base_template_names_the_setting():
    with override_settings(ACNM_MENTORING={"BASE_TEMPLATE": "nowhere/base.html"}):
        found = run()
        assert "acnm_mentoring.E006" in found
        assert "ACNM_MENTORING['BASE_TEMPLATE']" in found["acnm_mentoring.E006"].hint
    mentoring_settings.reload()


def test_an_unknown_setting_is_reported_not_ignored():
    with override_settings(ACNM_MENTORING={"BASE_TEMPLAT": "base.html"}):
        found = run()
        assert "acnm_mentoring.E005" in found
        assert "BASE_TEMPLAT" in found["acnm_mentoring.E005"].msg
    mentoring_settings.reload()


def test_missing_required_app_is_reported():
    from django.apps import apps

    with pytest.MonkeyPatch.context() as patch:
        real = apps.is_installed
        patch.setattr(
            apps,
            "is_installed",
            lambda name: False if name == "django.contrib.sessions" else real(name),
        )
        found = run()
    assert "acnm_mentoring.E003" in found
    assert "'django.contrib.sessions'" in found["acnm_mentoring.E003"].hint


def test_adapters_not_selected_are_reported(settings):
    settings.SOCIALACCOUNT_ADAPTER = (
        "allauth.socialaccount.adapter.DefaultSocialAccountAdapter"
    )
    found = run()
    assert "acnm_mentoring.W002" in found
    assert "MentoringSocialAccountAdapter" in found["acnm_mentoring.W002"].hint


def test_a_sign_in_provider_without_an_app_is_reported(settings):
    settings.ACNM_MENTORING = {**settings.ACNM_MENTORING, "SIGN_IN_PROVIDER": "nope"}
    found = run()
    assert "acnm_mentoring.E009" in found
    mentoring_settings.reload()


def test_the_configured_sign_in_provider_passes(settings):
    settings.ACNM_MENTORING = {**settings.ACNM_MENTORING, "SIGN_IN_PROVIDER": "acnm"}
    assert "acnm_mentoring.E009" not in run()
    mentoring_settings.reload()


def test_a_site_without_modelsearch_is_told_how_to_add_it(monkeypatch):
    """As Django would answer on a site without either search app."""
    from django.apps import apps

    installed = apps.is_installed
    missing = {"modelsearch", "wagtail.search"}
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name not in missing and installed(name)
    )
    found = run()
    assert "'modelsearch' to INSTALLED_APPS" in found["acnm_mentoring.E010"].hint
