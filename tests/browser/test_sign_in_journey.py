"""Signing in with the association, in a real browser, through a real provider.

The member starts on the programme page, presses "Sign in with ACNM" in the
application block, signs in at the demo identity provider (another server,
tests/oidc_provider.py: authorization code with PKCE, RS256 ID token checked
by the site) and lands back on the same page, signed in, with the form. The
provider's claims become the member's profile, so the form starts filled in.
"""

import re

import pytest
from playwright.sync_api import expect

from acnm_mentoring_plugin.models import Member
from tests.browser.helpers import path_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PANEL = "#acnm-application-acnm-mentee"


@pytest.fixture
def sign_in_with_acnm(settings, oidc_provider, live_server):
    """The site as an association runs it: members sign in with ACNM only."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        "membership_oidc": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [oidc_provider.allauth_app()],
        }
    }
    settings.ACNM_MENTORING = {
        **settings.ACNM_MENTORING,
        "SIGN_IN_PROVIDER": "acnm",
        "PASSWORD_LOGIN": "staff",
    }
    return oidc_provider


@pytest.fixture
def member_at_provider(sign_in_with_acnm):
    return sign_in_with_acnm.add_identity(
        "casey.ng",
        "casey-pw",
        first_name="Casey",
        last_name="Ng",
        email="casey.ng@members.test",
        membership_status="active",
        career_stage="fellow",
        training_year=1,
        institution="Lakeside Medical Center",
    )


def test_member_signs_in_with_acnm_and_lands_back_on_the_form(
    tab, programme_page, member_at_provider, sign_in_with_acnm, check_axe, screenshot
):
    url = path_of(programme_page)
    tab.goto(url)
    panel = tab.locator(PANEL)
    sign_in_button = panel.get_by_role("button", name="Sign in to apply")
    expect(sign_in_button).to_be_visible()
    check_axe(tab, "the programme page before signing in with ACNM")
    sign_in_button.click()

    # At the association's identity provider.
    tab.wait_for_url(re.compile(re.escape(sign_in_with_acnm.base_url)))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Sign in")
    check_axe(tab, "the identity provider's sign-in page")
    screenshot(tab, "10-identity-provider-sign-in")
    tab.get_by_label("Username").fill("casey.ng")
    tab.get_by_label("Password").fill("casey-pw")
    tab.get_by_role("button", name="Sign in").click()

    # Back on the page the member started from, signed in, with the form.
    tab.wait_for_url(re.compile(re.escape(url) + "$"))
    expect(panel.get_by_role("button", name="Submit application")).to_be_visible()
    expect(panel.get_by_role("button", name="Sign in to apply")).to_have_count(0)
    expect(panel.get_by_label("Training programme")).to_have_value(
        "Lakeside Medical Center"
    )
    expect(panel.get_by_label("Training year")).to_have_value("1")
    check_axe(tab, "the programme page after signing in with ACNM")
    screenshot(tab, "11-back-from-acnm-with-the-form")

    member = Member.objects.get(membership_id=member_at_provider["membership_id"])
    assert (member.user.first_name, member.career_stage) == ("Casey", "fellow")


def test_a_provider_outage_ends_on_a_page_that_says_so(
    tab, programme_page, sign_in_with_acnm, check_axe, screenshot
):
    url = path_of(programme_page)
    tab.goto(url)
    with sign_in_with_acnm.outage():
        tab.locator(PANEL).get_by_role("button", name="Sign in to apply").click()
        expect(tab.get_by_role("heading", level=1)).to_have_text(
            "Sign-in not completed"
        )
        expect(tab.get_by_text("ACNM did not answer")).to_be_visible()
        check_axe(tab, "the sign-in error page")
        screenshot(tab, "12-sign-in-provider-down")

    # The page offers the way back in, to the same page.
    tab.get_by_role("button", name="Sign in with ACNM").click()
    tab.wait_for_url(re.compile(re.escape(sign_in_with_acnm.base_url)))
