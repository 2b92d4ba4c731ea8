"""What the browser tests share besides fixtures: tools, checks, sign-in."""

import os
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse

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


def assert_no_axe_violations(page, what, *, tolerate=()):
    """Run axe-core on ``page``; ``tolerate`` names rules known to fail there.

    Only for pages the plugin does not render (allauth's stock sign-in).
    """
    # Evaluated, not added as a <script>: the site's Content Security Policy
    # refuses inline scripts, and axe is no part of the site.
    page.evaluate(AXE_JS.read_text())
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


CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.acnmReportCspViolation(
        `${event.effectiveDirective} refused ${event.blockedURI || "inline"} ` +
        `at ${event.sourceFile || location.href}:${event.lineNumber} ` +
        `${event.sample ? JSON.stringify(event.sample) : ""}`
    );
});
"""


def record_csp_violations(context):
    """Collect every Content Security Policy violation in ``context``'s pages:
    the ``securitypolicyviolation`` events (with JavaScript on) and Chromium's
    console errors about the policy (with it off too). Returns the list."""
    violations = []
    context.expose_binding(
        "acnmReportCspViolation",
        lambda source, text: violations.append(f"{source['page'].url}: {text}"),
    )
    context.add_init_script(CSP_LISTENER)

    def console(message):
        if "Content Security Policy" in message.text:
            violations.append(
                f"{message.page.url if message.page else '?'}: {message.text}"
            )

    context.on("console", console)
    return violations


def assert_no_csp_violations(violations):
    if violations:
        pytest.fail(
            "The Content Security Policy was violated:\n- "
            + "\n- ".join(dict.fromkeys(violations)),
            pytrace=False,
        )


def path_of(page):
    """The page's path on the live server (the test site answers any host)."""
    return page.get_url_parts()[2]


def sign_in(tab, username, next_path, password="pw"):
    """Sign in through allauth's form and wait to be back on ``next_path``."""
    tab.goto(f"{reverse('account_login')}?{urlencode({'next': next_path})}")
    fill_sign_in(tab, username, password)
    tab.wait_for_url(re.compile(re.escape(next_path) + r"(#.*)?$"))


def fill_sign_in(tab, username, password="pw"):
    tab.locator("input[name=login]").fill(username)
    tab.locator("input[name=password]").fill(password)
    tab.get_by_role("button", name="Sign In").click()
