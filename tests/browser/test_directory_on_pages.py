"""The directory where editors put it: a Wagtail directory page and an
excerpt block on another page, seen by a member in Chromium."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import path_of, sign_in
from tests.browser.test_directory_journey import make_mentor
from tests.pages import make_directory_page, make_host_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def pages(site_root, program):
    for number, (first, last, fields) in enumerate(
        [
            ("Helen", "Marsh", ["oncology", "pet"]),
            ("Daniel", "Cho", ["oncology", "ct"]),
            ("Grace", "Adeyemi", ["cardiology"]),
        ]
    ):
        make_mentor(program, f"m{number}", first, last, fields=fields)
    directory = make_directory_page(site_root, program)
    from acnm_mentoring_plugin.models import FieldOfInterest

    host = make_host_page(
        site_root,
        program,
        title="Oncology corner",
        slug="oncology",
        body=[
            ("paragraph", "<p>News for residents in oncology.</p>"),
            (
                "mentor_directory",
                {
                    "heading": "Oncology mentors",
                    "program": program,
                    "field": FieldOfInterest.objects.get(slug="oncology"),
                    "accepting_only": True,
                    "count": 3,
                    "directory_page": directory,
                },
            ),
        ],
    )
    return directory, host


def test_a_member_goes_from_an_excerpt_to_the_filtered_directory_page(
    tab, pages, member, check_axe, screenshot
):
    directory, host = pages
    tab.goto(path_of(host))
    excerpt = tab.get_by_role("region", name="Oncology mentors")
    expect(excerpt).to_contain_text("The mentor directory is for members")
    check_axe(tab, "a page with the excerpt block, signed out")

    sign_in(tab, member.user.username, path_of(host))
    expect(excerpt.locator(".acnm-card")).to_have_count(2)
    expect(excerpt).not_to_contain_text("Grace Adeyemi")
    check_axe(tab, "a page with the excerpt block, signed in")
    screenshot(tab, "30-directory-excerpt-block")

    excerpt.get_by_role("link", name="See all matching mentors").click()
    tab.wait_for_url(re.compile(r"/mentors/\?field=oncology&accepting=on$"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Find a mentor")
    expect(tab.locator(".acnm-count")).to_have_text("2 mentors")
    check_axe(tab, "the Wagtail directory page, filtered")
    screenshot(tab, "31-directory-page")

    tab.get_by_role("link", name="Daniel Cho").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Daniel Cho")
    assert urlsplit(tab.url).path.startswith(path_of(directory))
    check_axe(tab, "a mentor's page under the directory page")
    tab.get_by_role("link", name="Back to your list of mentors").click()
    tab.wait_for_url(re.compile(r"/mentors/\?field=oncology&accepting=on$"))
