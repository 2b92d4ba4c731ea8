"""Playwright driving Debian's Chromium against pytest-django's live server.

One browser for the whole session, a fresh context (cookies, storage) and page
per test. Chromium and axe-core are tools of the machine, not of the
virtualenv: when either is missing the tests are skipped on a developer's
machine and fail in CI (``CI=true``), where skipping would hide a broken
check.
"""

import os

import pytest
from django.db import connections

from acnm_mentoring_plugin.wagtail.pages.models import MentoringProgramPage
from tests import factories
from tests.browser.helpers import (
    AXE_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    SCREENSHOTS,
    TIMEOUT_MS,
    assert_no_axe_violations,
    assert_no_csp_violations,
    missing_tool,
    record_csp_violations,
)
from tests.testapp.models import HostPage

# The browser ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_browser(django_db_setup, live_server):
    """Debian's Chromium, launched once; closed before the live server stops."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        missing_tool(
            f"Debian's Chromium is not installed at {CHROMIUM}: run "
            "'sudo apt-get install --no-install-recommends chromium' "
            "(or 'bash tools/ensure_browser.sh')."
        )
    from playwright.sync_api import sync_playwright

    # The sync API leaves its asyncio loop marked as running in this thread.
    # Django then looks its database connections up in per-context storage
    # instead of the thread's, and would open new ones: without the test
    # database's serialized contents (so serialized_rollback restored
    # nothing) and apart from the live server's. Keep the same connections.
    same_connections = {alias: connections[alias] for alias in connections}
    # A normal launch: Playwright gives the browser a fresh temporary profile.
    with sync_playwright() as playwright:
        for alias, connection in same_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def _new_tab(browser, live_server, **options):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        locale="en-US",
        **options,
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    # Chromium asks every site for a favicon; answer here rather than have a
    # stray request reach the server (and the database) as a test ends.
    context.route("**/favicon.ico", lambda route: route.fulfill(status=404))
    # Every page the test opens is held to the site's Content Security Policy.
    context.csp_violations = record_csp_violations(context)
    return context, context.new_page()


def _close_tab(context):
    violations = context.csp_violations
    context.close()
    assert_no_csp_violations(violations)


@pytest.fixture
def tab(chromium_browser, live_server):
    """A page in a browser context of its own: nobody is signed in."""
    context, page = _new_tab(chromium_browser, live_server)
    yield page
    _close_tab(context)


@pytest.fixture
def tab_without_js(chromium_browser, live_server):
    """The same, with JavaScript switched off, as some members browse."""
    context, page = _new_tab(chromium_browser, live_server, java_script_enabled=False)
    yield page
    _close_tab(context)


# Checks and records --------------------------------------------------------------


@pytest.fixture
def check_axe():
    """``check_axe(page, "what")`` fails the test on any WCAG 2.1 A/AA violation."""
    if not AXE_JS.is_file():
        missing_tool(
            f"axe-core is not installed at {AXE_JS}: run 'npm install' in {REPO} "
            "(or 'make test', which does)."
        )
    return assert_no_axe_violations


@pytest.fixture
def screenshot():
    """``screenshot(page, "name")`` saves a full-page PNG to tests/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# People and pages ----------------------------------------------------------------


@pytest.fixture
def member(program):
    """A resident in good standing, who may apply as mentee."""
    return factories.MemberFactory(
        user__username="jrivera",
        user__first_name="Jordan",
        user__last_name="Rivera",
        user__email="jordan.rivera@members.test",
    )


@pytest.fixture
def programme_page(site_root, program):
    """The programme's Wagtail page as an editor would build it."""
    page = MentoringProgramPage(
        title="Mentoring Program",
        slug="mentoring-program",
        program=program,
        intro="<p>The ACNM pairs residents and fellows with faculty mentors.</p>",
        body=[
            (
                "section",
                {
                    "heading": "Mentoring goals",
                    "text": "<p>The programme aims to:</p>",
                    "points": [
                        "Increase the potential for academic success.",
                        "Widen collaboration and networking.",
                    ],
                },
            ),
            (
                "application_form",
                {
                    "program": program,
                    "role": "mentee",
                    "intro": "<p>Tell us about your training and your goals.</p>",
                    "success_message": "",
                },
            ),
            (
                "contact",
                {
                    "heading": "Contact the programme",
                    "program": program,
                    "text": "<p>Prefer paper? Send the form by post or fax.</p>",
                },
            ),
        ],
    )
    site_root.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def host_page(site_root, program):
    """A page type of the host site's own, with the application block on it."""
    page = HostPage(
        title="Residents corner",
        slug="residents",
        body=[
            ("paragraph", "<p>News and opportunities for residents.</p>"),
            (
                "application_form",
                {
                    "program": program,
                    "role": "mentee",
                    "intro": "",
                    "success_message": "<p>Thanks, we will be in touch soon.</p>",
                },
            ),
        ],
    )
    site_root.add_child(instance=page)
    page.save_revision().publish()
    return page
