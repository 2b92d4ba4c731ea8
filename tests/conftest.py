import os

import pytest
from wagtail.models import Page, Site

from tests import factories

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.oidc_provider"]


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test is a site of its own: no page rendered by an earlier test
    (whose rows, rolled back, may share ids with this one's) is served."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def program(db):
    program = factories.ProgramFactory()
    factories.AgreementTermsFactory(program=program)
    return program


@pytest.fixture
def resident(db):
    return factories.MemberFactory(
        user__username="resident", user__first_name="Jordan", user__last_name="Rivera"
    )


@pytest.fixture
def faculty(db):
    return factories.FacultyFactory(
        user__username="faculty", user__first_name="Helen", user__last_name="Marsh"
    )


@pytest.fixture
def staff_user(db):
    return factories.StaffFactory(
        username="coordinator", first_name="Anne", last_name="Hiller"
    )


@pytest.fixture
def site_root(db):
    """The site's root page, recreated when a live-server flush removed it."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page.specific
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


def pytest_ignore_collect(collection_path, config):
    """tests/djangocms needs django CMS installed: it runs on its own with
    ``--ds=tests.settings_djangocms`` (``make test`` does both)."""
    from django.conf import settings

    if collection_path.name == "djangocms" and collection_path.parent.name == "tests":
        return "acnm_mentoring_plugin.djangocms" not in settings.INSTALLED_APPS
    return None
