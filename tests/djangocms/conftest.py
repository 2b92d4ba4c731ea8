"""The django CMS tests run with ``--ds=tests.settings_djangocms`` (both CMSes
installed); ``make test`` runs them in a second pytest invocation."""

import pytest
from cms.api import add_plugin, create_page
from cms.models import Placeholder
from cms.plugin_rendering import ContentRenderer
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.template import Context
from django.test import RequestFactory

from tests import factories

LANGUAGE = "en"
TEMPLATE = "djangocms_tests/page.html"


def make_cms_page(title, *plugins, slug=None, **kwargs):
    """A django CMS page holding ``plugins`` in its "content" placeholder,
    each a ``(plugin_type, {field: value})`` pair, as an editor places them.

    Without djangocms-versioning a page is public as soon as it has content
    in a language: there is no publishing step.
    """
    page = create_page(title, TEMPLATE, LANGUAGE, slug=slug, **kwargs)
    placeholder = page_placeholder(page)
    for plugin_type, data in plugins:
        add_plugin(placeholder, plugin_type, LANGUAGE, **data)
    return page


def page_placeholder(page, slot="content"):
    return page.get_content_obj(LANGUAGE).rescan_placeholders()[slot]


def page_url(page):
    return page.get_absolute_url(LANGUAGE)


def member_request(user=None, path="/somewhere/"):
    """A request as the middleware leaves it: a user and a session."""
    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    return request


def render_plugin(plugin, request, **context):
    """The plugin's HTML, as django CMS renders it inside a page."""
    context = Context({"request": request, **context})
    return ContentRenderer(request).render_plugin(plugin, context)


@pytest.fixture
def placeholder(db):
    """A placeholder of its own, outside any page (as djangocms-link tests)."""
    return Placeholder.objects.create(slot="content")


@pytest.fixture
def editor(db):
    return factories.UserFactory(username="editor", is_staff=True, is_superuser=True)
