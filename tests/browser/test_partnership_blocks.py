"""The agreement and My mentoring blocks on a page of the site, in Chromium:
the mentee signs the agreement without leaving the page."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import path_of, sign_in
from tests.browser.test_partnership_journey import pair
from tests.pages import make_host_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

__all__ = ["pair"]  # the fixture, shared with the partnership journeys


def test_a_mentee_signs_on_a_page_with_the_member_blocks(
    tab, pair, site_root, program, check_axe, screenshot
):
    page = make_host_page(
        site_root,
        program,
        title="My mentoring",
        slug="my-mentoring",
        body=[
            ("agreement", {"heading": "Your Mentor/Mentee Agreement", "intro": ""}),
            ("my_mentoring", {"heading": "Your mentoring"}),
        ],
    )
    url = path_of(page)
    tab.goto(url)
    expect(tab.get_by_text("Sign in to see and sign your")).to_be_visible()
    check_axe(tab, "the member blocks, signed out")

    sign_in(tab, "jrivera", url)
    agreement = tab.get_by_role(
        "region", name="Helen Marsh (mentor) and Jordan Rivera (mentee)"
    )
    expect(agreement.get_by_role("button", name="Sign the agreement")).to_be_visible()
    expect(tab.get_by_role("region", name="Your mentor", exact=True)).to_contain_text(
        "Complete and sign the Mentor/Mentee Agreement."
    )
    check_axe(tab, "the member blocks with the agreement to sign")
    screenshot(tab, "46-member-blocks")

    agreement.get_by_label("Agreed goals").fill("Pass the ABNM qualifying exam.")
    agreement.get_by_role("group", name="Planned term").get_by_label("1 year").check()
    agreement.get_by_label("Type your full name to sign").fill("Jordan Rivera")
    agreement.get_by_label("I have read the terms above and agree to them.").check()
    agreement.get_by_role("button", name="Sign the agreement").click()
    tab.wait_for_url(f"**{url}")
    expect(agreement).to_contain_text("Mentee: signed by Jordan Rivera")
    expect(tab.get_by_role("region", name="Your mentor", exact=True)).to_contain_text(
        "Wait for Helen Marsh to sign the agreement."
    )
    check_axe(tab, "the member blocks after signing")
