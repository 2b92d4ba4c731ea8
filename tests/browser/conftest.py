"""Playwright driving Debian's Chromium against pytest-django's live server.

One browser for the whole session, a fresh context (cookies, storage) and page
per test. Chromium and axe-core are tools of the machine, not of the
virtualenv: when either is missing the tests are skipped on a developer's
machine and fail in CI (``CI=true``), where skipping would hide a broken
check.
"""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse

from acnm_mentoring_plugin.wagtail.pages.models import MentoringProgramPage
from tests import factories
from tests.testapp.models import HostPage

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "tests" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIMEOUT_MS = 10_000


def missing_tool(message):
    """Fail in CI, skip elsewhere."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


# The browser ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_browser():
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        missing_tool(
            f"Debian's Chromium is not installed at {CHROMIUM}: run "
            "'sudo apt-get install --no-install-recommends chromium' "
            "(or 'bash tools/ensure_browser.sh')."
        )
    from playwright.sync_api import sync_playwright

    # A normal launch: Playwright gives the browser a fresh temporary profile.
    with sync_playwright() as playwright:
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
    return context, context.new_page()


@pytest.fixture
def tab(chromium_browser, live_server):
    """A page in a browser context of its own: nobody is signed in."""
    context, page = _new_tab(chromium_browser, live_server)
    yield page
    context.close()


@pytest.fixture
def tab_without_js(chromium_browser, live_server):
    """The same, with JavaScript switched off, as some members browse."""
    context, page = _new_tab(chromium_browser, live_server, java_script_enabled=False)
    yield page
    context.close()


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


def assert_no_axe_violations(page, what, *, tolerate=()):
    """Run axe-core on ``page``; ``tolerate`` names rules known to fail there.

    Only for pages the plugin does not render (allauth's stock sign-in).
    """
    page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    violations = [v for v in results["violations"] if v["id"] not in tolerate]
    if not violations:
        return
    lines = [
        f"axe-core found {len(violations)} WCAG 2.1 A/AA violation(s) on "
        f"{what} ({page.url}):"
    ]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation['impact']}]: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    at {target}: {summary}")
            lines.append(f"       {node['html'][:200]}")
    pytest.fail("\n".join(lines), pytrace=False)


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


def path_of(page):
    """The page's path on the live server (the test site answers any host)."""
    return page.get_url_parts()[2]


def sign_in(tab, username, next_path, password="pw"):
    """Sign in through allauth's form and wait to be back on ``next_path``."""
    tab.goto(f"{reverse('account_login')}?next={next_path}")
    fill_sign_in(tab, username, password)
    tab.wait_for_url(re.compile(re.escape(next_path) + r"(#.*)?$"))


def fill_sign_in(tab, username, password="pw"):
    tab.locator("input[name=login]").fill(username)
    tab.locator("input[name=password]").fill(password)
    tab.get_by_role("button", name="Sign In").click()
